"""A bounded memo of decoded datasets, shared by every session of the process."""

from __future__ import annotations

import threading
from collections import OrderedDict

from core.transfer_learning.datasets import LabeledImages, approx_megabytes


class DatasetMemo:
    """Decoded datasets by content key, least recently used first out, bounded in megabytes.

    The UI keeps one per process (``st.cache_resource``) so identical uploads and the
    book's set are decoded once and shared by every session. Thread-safe.
    """

    def __init__(self, max_megabytes: float, max_entries: int = 16) -> None:
        self.max_megabytes = max_megabytes
        self.max_entries = max_entries
        self._items: OrderedDict[str, tuple[LabeledImages, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> LabeledImages | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: str, data: LabeledImages) -> LabeledImages:
        size = approx_megabytes(data)
        with self._lock:
            self._items[key] = (data, size)
            self._items.move_to_end(key)
            while len(self._items) > 1 and (
                len(self._items) > self.max_entries or self.megabytes > self.max_megabytes
            ):
                self._items.popitem(last=False)
        return data

    @property
    def megabytes(self) -> float:
        return sum(size for _, size in self._items.values())

    def __len__(self) -> int:
        return len(self._items)
