"""The offline default dataset: procedurally drawn shapes on noisy, cluttered backgrounds.

Every image is drawn from its own seed ``(seed, class, index)``, so the set is the same on
every machine and asking for more images per class keeps the first ones unchanged.
Variation (colour, size, position, rotation, aspect, background texture, distractor
strokes, blur) makes the task easy for a pretrained backbone but not trivial: the shapes
are never centred alike, a shape's colour can be close to the background's, and the
distractors are made of the same lines and blobs the classes are made of.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SHAPE_CLASSES = ("circle", "square", "triangle", "stripes")
ALL_SHAPES = ("circle", "square", "triangle", "stripes", "star", "cross")
IMAGE_SIZE = 160  # the training resolution of the lab's default; shorter side <= 256
_SUPERSAMPLE = 2  # draw at twice the size and downscale: smooth (anti-aliased) edges


def _colour(rng: np.random.Generator) -> tuple[int, int, int]:
    return tuple(int(c) for c in rng.integers(0, 256, size=3))


def _near(
    colour: tuple[int, int, int], rng: np.random.Generator, spread: int
) -> tuple[int, int, int]:
    """A colour within ``spread`` of ``colour`` in every channel (a low-contrast shape)."""
    return tuple(int(np.clip(c + rng.integers(-spread, spread + 1), 0, 255)) for c in colour)


def _background(rng: np.random.Generator, side: int) -> Image.Image:
    """A random two-colour linear gradient (pixel noise is added after downscaling)."""
    a, b = np.array(_colour(rng), np.float32), np.array(_colour(rng), np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = np.linspace(-0.5, 0.5, 32, dtype=np.float32)  # linear: upsampling is exact
    t = np.clip(np.cos(angle) * ramp[None, :] + np.sin(angle) * ramp[:, None] + 0.5, 0, 1)
    pixels = a * (1 - t[..., None]) + b * t[..., None]
    small = Image.fromarray(pixels.astype(np.uint8), "RGB")
    return small.resize((side, side), Image.Resampling.BILINEAR)


def _add_noise(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Gaussian sensor-like noise of a random strength."""
    sigma = rng.uniform(4, 22)
    noise = rng.standard_normal((img.height, img.width, 3), dtype=np.float32) * sigma
    return Image.fromarray(np.clip(np.asarray(img, np.float32) + noise, 0, 255).astype(np.uint8))


def _rotated(points: list[tuple[float, float]], centre: tuple[float, float], angle: float):
    cx, cy = centre
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in points]


def _draw_shape(
    draw: ImageDraw.ImageDraw,
    name: str,
    centre: tuple[float, float],
    radius: float,
    angle: float,
    aspect: float,
    fill,
    rng: np.random.Generator,
) -> None:
    cx, cy = centre
    if name == "circle":  # ellipses up to 1.4:1, rotated
        steps = 72
        pts = [
            (
                radius * math.cos(2 * math.pi * k / steps),
                radius / aspect * math.sin(2 * math.pi * k / steps),
            )
            for k in range(steps)
        ]
        draw.polygon(_rotated(pts, centre, angle), fill=fill)
    elif name == "square":  # squares and mildly oblong rectangles
        r = radius * 0.85
        pts = [(-r, -r / aspect), (r, -r / aspect), (r, r / aspect), (-r, r / aspect)]
        draw.polygon(_rotated(pts, centre, angle), fill=fill)
    elif name == "triangle":
        pts = [
            (radius * math.cos(a), radius * math.sin(a))
            for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        ]
        pts = [(x, y / aspect) for x, y in pts]
        draw.polygon(_rotated(pts, centre, angle), fill=fill)
    elif name == "star":
        pts = []
        for k in range(10):
            r = radius if k % 2 == 0 else radius * 0.45
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((r * math.cos(a), r * math.sin(a)))
        draw.polygon(_rotated(pts, centre, angle), fill=fill)
    elif name == "cross":
        w = radius * 0.33
        arm = [
            (-w, -radius),
            (w, -radius),
            (w, -w),
            (radius, -w),
            (radius, w),
            (w, w),
            (w, radius),
            (-w, radius),
            (-w, w),
            (-radius, w),
            (-radius, -w),
            (-w, -w),
        ]
        draw.polygon(_rotated(arm, centre, angle), fill=fill)
    elif name == "stripes":  # a patch of 3-6 parallel bars
        bars = int(rng.integers(3, 7))
        half = radius
        pitch = 2 * half / (2 * bars - 1)
        for k in range(bars):
            x0 = -half + 2 * k * pitch
            pts = [
                (x0, -half / aspect),
                (x0 + pitch, -half / aspect),
                (x0 + pitch, half / aspect),
                (x0, half / aspect),
            ]
            draw.polygon(_rotated(pts, centre, angle), fill=fill)
    else:
        raise ValueError(f"unknown shape {name!r}")


def _distractors(draw: ImageDraw.ImageDraw, rng: np.random.Generator, side: int) -> None:
    """A few thin strokes and small dots: clutter that is none of the classes."""
    for _ in range(int(rng.integers(0, 5))):
        x0, y0, x1, y1 = (float(v) for v in rng.uniform(0, side, size=4))
        draw.line(
            [(x0, y0), (x1, y1)], fill=_colour(rng), width=int(rng.integers(1, 3) * _SUPERSAMPLE)
        )
    for _ in range(int(rng.integers(0, 6))):
        x, y = (float(v) for v in rng.uniform(0, side, size=2))
        r = float(rng.uniform(1.5, 4)) * _SUPERSAMPLE
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_colour(rng))


def draw_shape_image(
    name: str, seed: int, class_index: int, index: int, size: int = IMAGE_SIZE
) -> Image.Image:
    """One RGB image of class ``name``, fully determined by its arguments."""
    rng = np.random.default_rng([seed, class_index, index])
    big = size * _SUPERSAMPLE
    img = _background(rng, big)
    draw = ImageDraw.Draw(img)
    if rng.random() < 0.7:  # distractors behind the shape ...
        _distractors(draw, rng, big)
    radius = rng.uniform(0.17, 0.36) * big
    margin = radius * 0.9
    centre = (float(rng.uniform(margin, big - margin)), float(rng.uniform(margin, big - margin)))
    background_colour = img.getpixel((int(centre[0]), int(centre[1])))
    fill = _near(background_colour, rng, 70) if rng.random() < 0.25 else _colour(rng)
    _draw_shape(
        draw,
        name,
        centre,
        radius,
        float(rng.uniform(0, 2 * math.pi)),
        float(rng.uniform(1.0, 1.4)),
        fill,
        rng,
    )
    if rng.random() < 0.3:  # ... or in front of it
        _distractors(draw, rng, big)
    img = img.resize((size, size), Image.Resampling.LANCZOS)
    blur = float(rng.uniform(0, 1.2))
    if blur > 0.4:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    return _add_noise(img, rng)
