"""How far a run has got and how long it has left.

The loop counts its work here (images through the frozen part, training and evaluation
images, with their seconds, and the frozen cache's hits and misses). The time left is
calibrated on the run itself: each kind of work at its measured speed; a kind not yet
measured at the probe's speed scaled by how far the probe was off on the work measured so
far; and compute time turned into the student's waiting time by the run's own ratio of
wall-clock time to compute time (page redraws, ticks).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RunProgress:
    features_total: int = 0  # images through the frozen part, in all
    features_done: int = 0  # computed or found in the cache
    features_computed: int = 0  # computed by this run (the cache's are free)
    feature_seconds: float = 0.0  # spent computing them
    train_seconds: float = 0.0
    train_images: int = 0
    eval_seconds: float = 0.0
    eval_images: int = 0
    epoch: int = 0  # the epoch under way (0-based)
    epoch_images: int = 0  # training images done in it
    cache_hits: int = 0  # frozen outputs found in the cache (vs computed)
    cache_misses: int = 0
    cached_ok: bool = True  # False when an output was too big for the cache
    engine: str = ""  # the runtime that computed the frozen part ("" when all was cached)

    def probe_factor(self, estimate) -> float:
        """Measured seconds / the probe's seconds for the same work, over what this run has
        measured so far (1 before anything is measured, or without a probe)."""
        if estimate is None:
            return 1.0
        pairs = (
            (self.features_computed, self.feature_seconds, estimate.pixels + estimate.frozen),
            (self.train_images, self.train_seconds, estimate.train),
            (self.eval_images, self.eval_seconds, estimate.evaluate),
        )
        measured = sum(seconds for n, seconds, probe in pairs if n and probe > 0)
        predicted = sum(n * probe for n, _, probe in pairs if n and probe > 0)
        return measured / predicted if predicted > 0 and measured > 0 else 1.0

    def per_image(self, estimate) -> tuple[float | None, float | None, float | None]:
        """Seconds per image of (frozen pass, training, evaluation): measured by this run,
        else the probe's scaled by ``probe_factor`` (None: no probe and nothing measured)."""
        factor = self.probe_factor(estimate)

        def speed(n: int, seconds: float, probe: float | None) -> float | None:
            if n:
                return seconds / n
            return None if probe is None else probe * factor

        per_feature = speed(
            self.features_computed,
            self.feature_seconds,
            estimate.pixels + estimate.frozen if estimate else None,
        )
        per_train = speed(self.train_images, self.train_seconds, estimate and estimate.train)
        per_eval = speed(self.eval_images, self.eval_seconds, estimate and estimate.evaluate)
        return per_feature, per_train, per_eval if per_eval is not None else per_train

    def eta_seconds(
        self,
        estimate,
        in_features: bool,
        n_train: int,
        n_val: int,
        epochs: int,
        epochs_done: int,
    ) -> float | None:
        """Compute seconds left (None before any speed is known); ``estimate``: a
        SpeedEstimate or None; ``in_features``: the run is still in its frozen pass."""
        per_feature, per_train, per_eval = self.per_image(estimate)
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


def wall_left(compute_left: float | None, compute_done: float, wall_done: float) -> float | None:
    """Waiting time left for ``compute_left`` seconds of work, at this run's own ratio of
    wall-clock to compute time so far (``wall_done`` counted from its first step, so the
    click's page run does not skew it); never below the compute time itself."""
    if compute_left is None:
        return None
    ratio = wall_done / compute_done if compute_done > 0 else 1.0
    return compute_left * max(ratio, 1.0)


def done_fraction(seconds: float, remaining: float | None) -> float:
    """Share of the work done after ``seconds``, with ``remaining`` seconds left: in
    [0, 0.999] until the run has finished (None: nothing known yet, 0)."""
    if remaining is None or seconds + remaining <= 0:
        return 0.0
    return min(max(seconds / (seconds + remaining), 0.0), 0.999)
