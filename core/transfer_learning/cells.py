"""The strategy experiment's 2x2 grid: dataset size x similarity to ImageNet. Kept apart
from ``experiment`` (which imports torch) so the class room can name the cells cheaply."""

SIZES = ("small", "large")
SIMILARITIES = ("close", "far")  # to ImageNet, the pretraining data
CELLS = tuple((size, sim) for size in SIZES for sim in SIMILARITIES)
