"""How far a run has got and how long it has left.

The loop counts its work here (images through the frozen part, training and evaluation
images, with their seconds, and the frozen cache's hits and misses); the time left comes
from the speed measured so far, or the probe's estimate before anything was measured.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RunProgress:
    features_total: int = 0  # images through the frozen part, in all
    features_done: int = 0
    feature_seconds: float = 0.0
    train_seconds: float = 0.0
    train_images: int = 0
    eval_seconds: float = 0.0
    eval_images: int = 0
    epoch: int = 0  # the epoch under way (0-based)
    epoch_images: int = 0  # training images done in it
    cache_hits: int = 0  # frozen outputs found in the cache (vs computed)
    cache_misses: int = 0
    cached_ok: bool = True  # False when an output was too big for the cache

    def _per_image(self, estimate) -> tuple[float | None, float | None, float | None]:
        """Seconds per image of (frozen pass, training, evaluation), measured or estimated."""
        per_feature = (
            self.feature_seconds / self.features_done
            if self.features_done
            else (estimate.pixels + estimate.frozen if estimate else None)
        )
        per_train = (
            self.train_seconds / self.train_images
            if self.train_images
            else (estimate.train if estimate else None)
        )
        per_eval = (
            self.eval_seconds / self.eval_images
            if self.eval_images
            else (estimate.evaluate if estimate else per_train)
        )
        return per_feature, per_train, per_eval

    def eta_seconds(
        self,
        estimate,
        in_features: bool,
        n_train: int,
        n_val: int,
        epochs: int,
        epochs_done: int,
    ) -> float | None:
        """Seconds left (None before any speed is known); ``estimate``: a SpeedEstimate or
        None; ``in_features``: the run is still in its frozen pass."""
        per_feature, per_train, per_eval = self._per_image(estimate)
        if per_train is None or per_eval is None:
            return None
        features_left = max(self.features_total - self.features_done, 0) if in_features else 0
        if in_features and not self.features_total:
            features_left = n_train + n_val
        train_left = n_train * epochs - (self.epoch * n_train + self.epoch_images)
        eta = train_left * per_train + (epochs - epochs_done) * n_val * per_eval
        if features_left:
            eta += features_left * (per_feature if per_feature is not None else per_train)
        return max(eta, 0.0)


def done_fraction(seconds: float, remaining: float | None) -> float:
    """Share of the work done after ``seconds``, with ``remaining`` seconds left: in
    [0, 0.999] until the run has finished (None: nothing known yet, 0)."""
    if remaining is None or seconds + remaining <= 0:
        return 0.0
    return min(max(seconds / (seconds + remaining), 0.0), 0.999)
