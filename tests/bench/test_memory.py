"""The memory bench's helpers: RSS reading, the sampler's peaks, counting model builds."""

from __future__ import annotations

import mmap
import types

import numpy as np

from bench.memory import ModelLoads, RssSampler, max_rss_mb, rss_mb


def test_rss_grows_with_touched_memory_and_stays_below_the_high_water_mark():
    size = 64 * 2**20
    block = mmap.mmap(-1, size)  # fresh pages (the heap may hold freed memory already)
    before = rss_mb()
    view = np.frombuffer(block, dtype=np.uint8)
    view[::4096] = 1  # touch every page
    after = rss_mb()
    assert after - before > 48
    assert max_rss_mb() >= after - 1
    del view
    block.close()


def test_sampler_keeps_the_overall_peak_and_a_peak_per_step():
    sampler = RssSampler(period=0.001)
    readings = iter([100.0, 300.0, 200.0, 150.0, 120.0])
    sampler_rss = lambda: next(readings)  # noqa: E731
    import bench.memory as bm

    real = bm.rss_mb
    bm.rss_mb = sampler_rss
    try:
        sampler.observe()
        sampler.observe()
        assert sampler.mark() == 300.0  # 100, 300, then the mark's own reading 200
        sampler.observe()
        assert sampler.mark() == 150.0  # a new step: 150, then 120
        assert sampler.peak == 300.0 and sampler.samples == 5
    finally:
        bm.rss_mb = real


def test_model_loads_counts_pretrained_and_random_builds_by_name():
    calls = []
    fake = types.SimpleNamespace(
        build_model=lambda name, pretrained=True, *a, **k: (
            calls.append((name, pretrained)) or f"model:{name}"
        )
    )
    loads = ModelLoads(fake)
    assert fake.build_model("lite") == "model:lite"
    fake.build_model("lite", pretrained=False)
    fake.build_model("lite", True)
    fake.build_model("resnet18")
    assert calls == [("lite", True), ("lite", False), ("lite", True), ("resnet18", True)]
    assert loads.pretrained() == {"lite": 2, "resnet18": 1}
    assert loads.random() == {"lite": 1}
