"""Inference engines for the frozen part: PyTorch eager, ONNX Runtime and OpenVINO (the
default) on the CPU, and ONNX Runtime with int8 weights and activations.

The frozen part (layer groups ``0..boundary-1``) is exported once to ONNX (batch and image
size dynamic), kept in a cache folder per backbone, weights and boundary
(``export_path``), and loaded by either runtime, which the ``frozen_pass.WORKERS``
workers then call side by side. ``bench/engines.py`` measures them against eager;
``engine_shelf`` gives the one this process uses (``$CH05_ENGINE``, ``auto`` unless told
otherwise: OpenVINO where it is installed, which ``requirements.txt`` does, else eager).

An engine is a callable: float32 N×C×H×W (CPU) -> the frozen part's output (CPU).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from core.common.backbones import Stage, run_stages
from core.common.background import background_priority

EAGER, ONNXRUNTIME, OPENVINO, INT8 = "eager", "onnxruntime", "openvino", "onnxruntime_int8"
ENGINES = (EAGER, ONNXRUNTIME, OPENVINO, INT8)
ENGINE_LABELS = {
    EAGER: "PyTorch",
    ONNXRUNTIME: "ONNX Runtime",
    OPENVINO: "OpenVINO",
    INT8: "ONNX Runtime int8",
}
AUTO = "auto"
ENGINE_ENV = "CH05_ENGINE"
CACHE_ENV = "CNN2_ENGINE_CACHE"
OPSET = 17

Engine = Callable[[torch.Tensor], torch.Tensor]


class FrozenPart(nn.Module):
    """Layer groups ``start..stop-1`` as one module (what is exported)."""

    def __init__(self, stage_list: Sequence[Stage], start: int, stop: int) -> None:
        super().__init__()
        self.parts = nn.ModuleList(s.module for s in stage_list[start:stop])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for module in self.parts:
            x = module(x)
        return x


def weights_digest(stage_list: Sequence[Stage], stop: int) -> str:
    """A digest of the frozen groups' tensors (strided samples): two different weight sets
    never share an exported file."""
    digest = hashlib.blake2b(digest_size=10)
    for stage in stage_list[:stop]:
        digest.update(stage.name.encode())
        for tensor in (*stage.module.parameters(), *stage.module.buffers()):
            flat = tensor.detach().reshape(-1)
            sample = flat[:: max(1, flat.numel() // 512)].to(torch.float64).cpu()
            digest.update(sample.numpy().tobytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "cnn2-labs-engines")


def export_path(backbone: str, stage_list: Sequence[Stage], boundary: int) -> Path:
    return cache_dir() / f"{backbone}-b{boundary}-{weights_digest(stage_list, boundary)}.onnx"


_EXPORT_LOCK = threading.Lock()


def export_onnx(backbone: str, stage_list: Sequence[Stage], boundary: int) -> Path:
    """The frozen part as an ONNX file, exported on first use and then reused (also by
    later processes). Written to a temporary name first: a reader never sees half a file."""
    path = export_path(backbone, stage_list, boundary)
    with _EXPORT_LOCK:
        if path.is_file():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        part = FrozenPart([_cpu_stage(s) for s in stage_list], 0, boundary).eval()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        example = torch.zeros(1, 3, 64, 64)
        torch.onnx.export(
            part,
            (example,),
            str(tmp),
            dynamo=False,
            input_names=["x"],
            output_names=["y"],
            dynamic_axes={"x": {0: "n", 2: "h", 3: "w"}, "y": {0: "n"}},
            opset_version=OPSET,
        )
        os.replace(tmp, path)
    return path


def _cpu_stage(stage: Stage) -> Stage:
    """The CPU copy of a stage (the export runs on the CPU; a GPU model is copied)."""
    if all(p.device.type == "cpu" for p in stage.module.parameters()):
        return stage
    import copy

    return Stage(stage.name, stage.kind, stage.paths, copy.deepcopy(stage.module).cpu())


# ---------------------------------------------------------------- the runtimes


def eager_engine(stage_list: Sequence[Stage], start: int, stop: int) -> Engine:
    def run(x: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            out = run_stages(list(stage_list), _channels_last(x), start, stop)
        return out.clone()

    return run


def _channels_last(x: torch.Tensor) -> torch.Tensor:
    return x.contiguous(memory_format=torch.channels_last) if x.dim() == 4 else x


def onnxruntime_engine(path: Path, threads: int = 1) -> Engine:
    """ONNX Runtime's CPU provider; one session shared by every worker (``run`` is
    thread-safe), each call on ``threads`` intra-op threads."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(x: torch.Tensor) -> torch.Tensor:
        out = session.run(None, {"x": np.ascontiguousarray(x.detach().cpu().numpy())})[0]
        return torch.from_numpy(out)

    return run


def openvino_engine(path: Path, resolution: int, threads: int = 2) -> Engine:
    """OpenVINO's CPU plugin, compiled for ``resolution`` px as one stream of ``threads``
    threads: the workers' calls take turns in it, as fast as a stream per worker and about
    35 MB smaller; float32 kept even on CPUs that would pick bf16."""
    import openvino as ov

    core = ov.Core()
    model = core.read_model(str(path))
    model.reshape({"x": ov.PartialShape([-1, 3, resolution, resolution])})
    compiled = core.compile_model(
        model,
        "CPU",
        {
            "INFERENCE_PRECISION_HINT": "f32",
            "NUM_STREAMS": "1",
            "INFERENCE_NUM_THREADS": str(threads),
            "PERFORMANCE_HINT": "LATENCY",
        },
    )
    local = threading.local()  # an infer request is not thread-safe: one per worker

    def run(x: torch.Tensor) -> torch.Tensor:
        request = getattr(local, "request", None)
        if request is None:
            request = local.request = compiled.create_infer_request()
        out = request.infer({0: np.ascontiguousarray(x.detach().cpu().numpy())})[0]
        return torch.from_numpy(np.array(out, copy=True))

    return run


def quantize_int8(path: Path, calibration: torch.Tensor) -> Path:
    """Static int8 (QDQ, per-channel weights) of an exported file, calibrated on real inputs."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(
                [{"x": calibration[i : i + 8].numpy()} for i in range(0, len(calibration), 8)]
            )

        def get_next(self):
            return next(self.batches, None)

    pre = path.with_suffix(".pre.onnx")
    out = path.with_suffix(".int8.onnx")
    quant_pre_process(str(path), str(pre))
    quantize_static(
        str(pre),
        str(out),
        Reader(),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
    )
    return out


# ---------------------------------------------------------------- the engine a run uses


def requested_engine(value: str | None) -> str:
    """``$CH05_ENGINE`` as an engine name; unset is ``auto``: OpenVINO where it is
    installed (the fastest that keeps the features: bench.engines), else eager; anything
    unknown is eager."""
    name = (value or AUTO).strip().lower()
    if name == AUTO:
        import importlib.util

        return OPENVINO if importlib.util.find_spec("openvino") is not None else EAGER
    return name if name in ENGINES else EAGER


class EngineShelf:
    """The process's engines per (backbone, weights, boundary, resolution), shared by every
    session. The first request starts the export and compilation on a background thread and
    gets None (the run computes with eager meanwhile); later requests get the engine. A
    failure (a runtime not installed, an export error) is remembered: eager for good.
    At most ``keep`` engines stay compiled (each holds its own copy of the weights and
    buffers, about 75-110 MB for Lite0): the least recently used goes first and is
    compiled again from the exported file when asked for."""

    def __init__(
        self, name: str, build: Callable[..., Engine] | None = None, keep: int = 3
    ) -> None:
        self.name = name
        self.keep = keep
        self._build = build or _build_engine
        self._ready: OrderedDict[tuple, Engine | None] = OrderedDict()
        self._errors: dict[tuple, str] = {}
        self._lock = threading.Lock()

    def get(self, backbone: str, stage_list: Sequence[Stage], boundary: int, resolution: int):
        """(engine name, engine) for this frozen part; (EAGER, None) while not ready."""
        if self.name == EAGER or boundary == 0:
            return EAGER, None
        key = (backbone, weights_digest(stage_list, boundary), boundary, resolution)
        with self._lock:
            if key in self._ready:
                self._ready.move_to_end(key)
                engine = self._ready[key]
                return (self.name, engine) if engine is not None else (EAGER, None)
            if key in self._errors:
                return EAGER, None
            self._ready[key] = None
        threading.Thread(
            target=self._make,
            args=(key, backbone, list(stage_list), boundary, resolution),
            daemon=True,
            name="tl-engine-export",
        ).start()
        return EAGER, None

    def _make(self, key, backbone, stage_list, boundary, resolution) -> None:
        background_priority()
        try:
            engine = self._build(self.name, backbone, stage_list, boundary, resolution)
        except Exception as err:  # eager stays: the run never depends on an engine
            with self._lock:
                self._ready.pop(key, None)
                self._errors[key] = f"{type(err).__name__}: {err}"[:300]
            return
        with self._lock:
            self._ready[key] = engine
            self._ready.move_to_end(key)  # the newest is the most recently asked for
            compiled = [k for k, e in self._ready.items() if e is not None]
            for old in compiled[: max(0, len(compiled) - self.keep)]:
                del self._ready[old]

    def wait(self, backbone, stage_list, boundary, resolution, timeout: float = 600.0) -> str:
        """Block until the engine for this frozen part is ready (benches); its name."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            name, engine = self.get(backbone, stage_list, boundary, resolution)
            key = (backbone, weights_digest(stage_list, boundary), boundary, resolution)
            if engine is not None or self.name == EAGER or key in self._errors:
                return name
            time.sleep(0.1)
        return EAGER

    def error(self) -> str | None:
        with self._lock:
            return next(iter(self._errors.values()), None)


def _build_engine(name, backbone, stage_list, boundary, resolution) -> Engine:
    from core.transfer_learning.frozen_pass import WORKERS

    path = export_onnx(backbone, stage_list, boundary)
    if name == OPENVINO:
        return openvino_engine(path, resolution, WORKERS)
    if name == ONNXRUNTIME:
        return onnxruntime_engine(path)
    raise ValueError(f"no automatic build for {name}")  # int8: bench only (accuracy)


_SHELF: EngineShelf | None = None


def engine_shelf() -> EngineShelf:
    """The process's shelf, for ``$CH05_ENGINE`` (read once); eager on a GPU host."""
    global _SHELF
    if _SHELF is None:
        from core.common.device import chosen_device

        name = requested_engine(os.environ.get(ENGINE_ENV))
        if chosen_device().type != "cpu" or name == INT8:
            name = EAGER
        _SHELF = EngineShelf(name)
    return _SHELF
