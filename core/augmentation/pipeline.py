"""The pipeline the student tunes: RandomResizedCrop, then the chosen optional transforms.

Contract with the transfer lab (handed over by ``ui.common.handover``): an
``AugmentPipeline``'s ``pipeline.to_transform(size)`` returns a torchvision transform
PIL image -> PIL image of ``size`` x ``size`` that the transfer lab can train with
(it appends ToTensor/Normalize), and ``pipeline.code()`` is the same pipeline as
copyable torchvision code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from torchvision import transforms as T
from torchvision.transforms import InterpolationMode

from core.augmentation.checks import check_range, check_size
from core.augmentation.controls import INTERPOLATION, INTERPOLATIONS, RATIO, SCALE, SIZE_H, SIZE_W
from core.augmentation.extras import EXTRAS, TransformSpec
from core.common.errors import UserFacingError


def _fmt(value: float) -> str:
    """A number as a student would type it: 0.5, 1.0, 15.0."""
    value = float(value)
    return repr(round(value, 4))


@dataclass(frozen=True)
class TransformStep:
    """One optional transform of a pipeline: its catalogue name and argument values."""

    name: str
    values: tuple[tuple[str, float], ...]

    @property
    def spec(self) -> TransformSpec:
        return EXTRAS[self.name]

    @property
    def args(self) -> dict[str, float]:
        return dict(self.values)

    @classmethod
    def of(cls, name: str, **args: float) -> TransformStep:
        spec = EXTRAS[name]
        merged = {**spec.defaults(), **args}
        return cls(name, tuple((arg, float(merged[arg])) for arg in spec.args))

    def to_torchvision(self):
        return getattr(T, self.spec.torch_class)(**self.args)

    def code(self) -> str:
        inner = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values)
        return f"transforms.{self.spec.torch_class}({inner})"


@dataclass(frozen=True)
class AugmentPipeline:
    """RandomResizedCrop followed by optional transforms, in catalogue order."""

    scale: tuple[float, float] = SCALE.default
    ratio: tuple[float, float] = RATIO.default
    interpolation: str = INTERPOLATION.default
    extras: tuple[TransformStep, ...] = ()
    size: tuple[int, int] = (SIZE_H.default, SIZE_W.default)  # (h, w) the lab shows

    def __post_init__(self) -> None:
        object.__setattr__(self, "scale", check_range("scale", self.scale, 0.0, None))
        object.__setattr__(self, "ratio", check_range("ratio", self.ratio, 1e-6, None))
        if self.scale[1] <= 0:
            raise UserFacingError(
                "augmentation.error.range_outside",
                name="scale",
                low=f"{self.scale[0]:g}",
                high=f"{self.scale[1]:g}",
                min="0",
                max="∞",
            )
        if self.interpolation not in INTERPOLATIONS:
            raise ValueError(f"unknown interpolation {self.interpolation!r}")
        object.__setattr__(self, "size", check_size(self.size))
        order = list(EXTRAS)
        names = [s.name for s in self.extras]
        if sorted(names, key=order.index) != names or len(set(names)) != len(names):
            raise ValueError(f"extras must be distinct and in catalogue order {order}, got {names}")

    @property
    def interpolation_mode(self) -> InterpolationMode:
        return InterpolationMode(self.interpolation)

    def _size(self, size: int | Sequence[int] | None) -> tuple[int, int]:
        if size is None:
            return self.size
        if isinstance(size, int):
            return (size, size)
        h, w = size
        return (int(h), int(w))

    def to_transform(self, size: int | Sequence[int] | None = None) -> T.Compose:
        """The torchvision transform: PIL image -> PIL image of ``size`` (int: size x size)."""
        rrc = T.RandomResizedCrop(
            self._size(size),
            scale=self.scale,
            ratio=self.ratio,
            interpolation=self.interpolation_mode,
            antialias=True,
        )
        return T.Compose([rrc] + [step.to_torchvision() for step in self.extras])

    def code(
        self,
        size: int | Sequence[int] | None = None,
        seed: int | None = None,
        n: int | None = None,
        image_path: str = "cat.jpg",
    ) -> str:
        """Copyable torchvision code of this pipeline; with ``seed`` and ``n`` it also draws
        the lab's grid (same photo, same seed -> the same ``n`` images)."""
        h, w = self._size(size)
        mode = self.interpolation.upper()
        lines = [
            "import torch",
            "from PIL import Image",
            "from torchvision import transforms",
            "from torchvision.transforms import InterpolationMode",
            "",
            "augment = transforms.Compose([",
            "    transforms.RandomResizedCrop(",
            f"        size=({h}, {w}),",
            f"        scale=({_fmt(self.scale[0])}, {_fmt(self.scale[1])}),",
            f"        ratio=({_fmt(self.ratio[0])}, {_fmt(self.ratio[1])}),",
            f"        interpolation=InterpolationMode.{mode}),",
        ]
        lines += [f"    {step.code()}," for step in self.extras]
        lines.append("])")
        if seed is not None and n is not None:
            lines += [
                "",
                f'image = Image.open("{image_path}").convert("RGB")',
                f"torch.manual_seed({int(seed)})",
                f"samples = [augment(image) for _ in range({int(n)})]",
            ]
        return "\n".join(lines) + "\n"
