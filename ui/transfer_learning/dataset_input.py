"""The data-source picker of the transfer-learning lab: choose, load, split, look.

``dataset_input(key)`` draws the widgets (keys start with ``key``; the link-bound ones are
declared in ``core.transfer_learning.data_controls``) and returns the chosen
``LabeledImages`` with its train/validation split settings, or None while nothing usable is
chosen (the reason is on screen). Decoded sets live in one process-wide memo keyed by
content hash, so the book's set and identical uploads are decoded once for every session.
The returned images are shared: never modify them.
"""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from core.common.errors import UserFacingError
from core.common.images import UPLOAD_EXTENSIONS
from core.common.markdown import table
from core.transfer_learning import book_dataset, datasets, folder_source, image_folder
from core.transfer_learning.controls import RESOLUTION
from core.transfer_learning.data_controls import (
    MAX_UPLOAD_CLASSES,
    SOURCES,
    DataControls,
    data_controls,
)
from core.transfer_learning.dataset_memo import DatasetMemo
from core.transfer_learning.datasets import LabeledImages
from core.transfer_learning.shapes_dataset import SHAPE_CLASSES
from core.transfer_learning.zip_safety import MAX_UNPACKED_BYTES, load_zip
from ui.common.controls import control, control_value
from ui.common.frame import lang, show_error, tr
from ui.common.layout import columns
from ui.common.state import set_widget_value, widget_value
from ui.transfer_learning.state import lab_state

MEMO_MEGABYTES = 400  # decoded pixels kept for all sessions together (the book's set: 115)
MAX_SHOTS_PER_CLASS = 60
THUMBS_PER_CLASS = 6
SKIPPED_SHOWN = 40
_MISSING = object()


@st.cache_resource(show_spinner=False)
def _memo() -> DatasetMemo:
    return DatasetMemo(MEMO_MEGABYTES)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _progress_bar():
    """A progress bar and a callback ``(done, total)`` for it."""
    bar = st.progress(0.0)

    def report(done: int, total: int | None) -> None:
        bar.progress(
            min(done / total, 1.0) if total else 0.0,
            text=tr("transfer_learning.datasets.reading", done=done, total=total or "?"),
        )

    return bar, report


def _decoded(memo_key: str, load, side: int | None = None) -> LabeledImages:
    """The memo's copy, or ``load(progress)`` with a progress bar, then remembered.

    Files are decoded at the size the chosen resolution needs (``side``,
    ``datasets.decode_side``): each size is its own memo entry."""
    memo_key = memo_key if side is None else f"{memo_key}@{side}"
    memo = _memo()
    data = memo.get(memo_key)
    if data is None:
        bar, report = _progress_bar()
        try:
            data = memo.put(memo_key, load(report))
        finally:
            bar.empty()
    return data


def runs_locally() -> bool:
    """See ``core.transfer_learning.folder_source.folder_source_allowed`` for why this is safe."""
    return folder_source.folder_source_allowed(
        st.context.headers.get("Host"),
        st.context.ip_address,
        os.environ.get(folder_source.LOCAL_FOLDER_ENV),
    )


def _keep(*keys: str) -> None:
    """Keep widget values alive while their widgets are not drawn (another source is shown)."""
    for k in keys:
        value = widget_value(k, _MISSING)
        if value is not _MISSING:
            set_widget_value(k, value)


# ---------------------------------------------------------------- sources


def _shapes_source(key: str, seed: int) -> LabeledImages:
    st.caption(tr("transfer_learning.datasets.shapes_help", n=len(SHAPE_CLASSES)))
    per_class = int(control(data_controls(key).per_class))
    return _decoded(
        f"shapes:{per_class}:{int(seed)}",
        lambda report: datasets.synthetic_shapes(per_class, int(seed), progress=report),
    )


def _zip_source(key: str, side: int) -> LabeledImages | None:
    upload = st.file_uploader(
        tr("transfer_learning.datasets.zip_label"), type=["zip"], key=f"{key}_zip"
    )
    if upload is None:
        st.caption(
            tr(
                "transfer_learning.datasets.zip_help",
                max=datasets.MAX_IMAGES,
                mb=MAX_UNPACKED_BYTES // 2**20,
            )
        )
        return None
    data = upload.getvalue()
    return _decoded(
        "zip:" + _digest(data),
        lambda report: load_zip(data, progress=report, short_side=side),
        side,
    )


def _class_names(key: str) -> list[str]:
    """The number of classes and their names (shared by the upload and camera sources)."""
    n = int(control(data_controls(key).n_classes))
    names = []
    cols = columns(min(n, 4))
    for i in range(n):
        name_key = f"{key}_name_{i}"
        if widget_value(name_key) is None:
            set_widget_value(name_key, tr("transfer_learning.datasets.default_class", i=i + 1))
        with cols[i % len(cols)]:
            names.append(
                st.text_input(
                    tr("transfer_learning.datasets.class_name", i=i + 1),
                    key=name_key,
                    max_chars=40,
                )
            )
    return datasets.check_class_names(names)


def _upload_source(key: str, side: int) -> LabeledImages | None:
    names = _class_names(key)
    mapping: dict[str, list[tuple[str, bytes]]] = {}
    cols = columns(min(len(names), 4))
    for i, name in enumerate(names):
        with cols[i % len(cols)]:
            files = st.file_uploader(
                tr("transfer_learning.datasets.class_files", name=name or "?"),
                type=UPLOAD_EXTENSIONS,
                accept_multiple_files=True,
                key=f"{key}_files_{i}",
            )
        mapping[name] = [(f.name, f.getvalue()) for f in files or []]
    return _from_mapping(mapping, "upload", side)


def _from_mapping(
    mapping: dict[str, list[tuple[str, bytes]]], source: str, side: int
) -> LabeledImages | None:
    if not any(mapping.values()):
        st.caption(tr("transfer_learning.datasets.waiting"))
        return None
    parts: list[bytes | str] = [source]
    for name, files in mapping.items():
        parts.append(name)
        parts += [hashlib.sha256(data).digest() for _, data in files]
    return _decoded(
        f"{source}:" + _digest(*parts),
        lambda report: datasets.from_class_uploads(mapping, source=source, short_side=side),
        side,
    )


def _camera_source(key: str, side: int) -> LabeledImages | None:
    st.caption(tr("transfer_learning.datasets.camera_help"))
    names = _class_names(key)
    camera = lab_state().data.camera(key)
    shots = camera.shots
    current = int(
        control(
            data_controls(key).camera_class,
            allowed=range(len(names)),
            fallback=0,  # fewer classes than before
            format_func=lambda i: f"{names[i] or '?'} ({len(shots.get(i, []))})",
        )
    )
    shot = st.camera_input(
        tr("transfer_learning.datasets.camera_label", name=names[current] or "?"),
        key=f"{key}_camera",
    )
    if shot is not None and shot.file_id != camera.last_file_id:
        camera.last_file_id = shot.file_id
        _add_shot(shots.setdefault(current, []), shot.getvalue(), names[current])
    _undo_and_clear(key, shots, current)
    mapping = {
        name: [(f"shot{j + 1}.jpg", data) for j, data in enumerate(shots.get(i, []))]
        for i, name in enumerate(names)
    }
    return _from_mapping(mapping, "camera", side)


def _add_shot(taken: list[bytes], data: bytes, name: str) -> None:
    if len(taken) >= MAX_SHOTS_PER_CLASS:
        st.warning(tr("transfer_learning.datasets.camera_full", name=name, max=MAX_SHOTS_PER_CLASS))
        return
    taken.append(data)
    st.toast(tr("transfer_learning.datasets.camera_added", name=name, count=len(taken)))
    st.rerun()  # the class picker shows the new count


def _undo_and_clear(key: str, shots: dict[int, list[bytes]], current: int) -> None:
    left, right = columns(2)
    if left.button(
        tr("transfer_learning.datasets.camera_undo"),
        key=f"{key}_cam_undo",
        disabled=not shots.get(current),
        icon=":material/undo:",
    ):
        shots[current].pop()
        st.rerun()
    if right.button(
        tr("transfer_learning.datasets.camera_clear"),
        key=f"{key}_cam_clear",
        disabled=not any(shots.values()),
        icon=":material/delete:",
    ):
        shots.clear()
        st.rerun()


def _book_source(key: str, side: int) -> LabeledImages | None:
    st.caption(tr("transfer_learning.datasets.book_help", repo=book_dataset.BOOK_REPO))
    url = book_dataset.BOOK_ZIP_URL
    if book_dataset.book_is_cached(url):
        st.caption(tr("transfer_learning.datasets.book_cached"))
    elif not st.button(
        tr("transfer_learning.datasets.book_download"),
        key=f"{key}_book_download",
        icon=":material/download:",
        type="primary",
    ):
        return None
    else:
        _download_book(url)
    cached = book_dataset.book_zip_path(url).stat()  # a new download gets a new memo entry
    return _decoded(
        f"book:{url}:{cached.st_size}:{cached.st_mtime_ns}",
        lambda report: book_dataset.load_book_dataset(
            url=url, read_progress=report, short_side=side
        ),
        side,
    )


def _download_book(url: str) -> None:
    bar = st.progress(0.0, text=tr("transfer_learning.datasets.book_downloading", mb=0.0))

    def report(done: int, total: int | None) -> None:
        bar.progress(
            min(done / total, 1.0) if total else 0.0,
            text=tr("transfer_learning.datasets.book_downloading", mb=done / 1e6),
        )

    try:
        book_dataset.download_book_zip(report, url)
    finally:
        bar.empty()


def _folder_source(key: str, side: int) -> LabeledImages | None:
    path = st.text_input(
        tr("transfer_learning.datasets.folder_label"),
        key=f"{key}_folder",
        placeholder="~/data/catanddog",
    )
    st.caption(tr("transfer_learning.datasets.folder_help"))
    if not path.strip():
        st.caption(tr("transfer_learning.datasets.folder_waiting"))
        return None
    path = path.strip()
    if not os.path.isdir(os.path.expanduser(path)):
        raise UserFacingError("transfer_learning.datasets.folder_missing", path=path[:200])
    signature = folder_source.folder_signature(os.path.expanduser(path))
    return _decoded(
        "folder:" + signature,
        lambda report: image_folder.load_image_folder(path, progress=report, short_side=side),
        side,
    )


# ---------------------------------------------------------------- summary


def _skipped_list(data: LabeledImages) -> None:
    if not data.skipped:
        return
    with st.expander(
        tr("transfer_learning.datasets.skipped_title", n=len(data.skipped)),
        icon=":material/warning:",
    ):
        lines = [f"- `{name}` — {tr(reason)}" for name, reason in data.skipped[:SKIPPED_SHOWN]]
        if len(data.skipped) > SKIPPED_SHOWN:
            lines.append(
                tr("transfer_learning.datasets.skipped_more", n=len(data.skipped) - SKIPPED_SHOWN)
            )
        st.markdown("\n".join(lines))


def _split_controls(controls: DataControls, data: LabeledImages) -> LabeledImages:
    st.markdown(f"**{tr('transfer_learning.datasets.split_title')}**")
    left, right = columns([2, 1])
    with left:
        val = control(controls.val_fraction, format="%.2f")
    with right:
        seed = control(controls.seed)
    return data.with_split(float(val), int(seed))


def _counts_and_thumbnails(data: LabeledImages) -> None:
    names = datasets.display_class_names(data, lang())
    summary = datasets.split_summary(data)
    test_text = (
        tr("transfer_learning.datasets.summary_test", n=summary.test) if summary.test else ""
    )
    st.markdown(
        tr(
            "transfer_learning.datasets.summary",
            classes=summary.classes,
            images=summary.images,
            train=summary.train,
            val=summary.val,
            test=test_text,
        )
    )
    headers = [
        tr(f"transfer_learning.datasets.col_{c}")
        for c in ("class", "train", "val", "test")[: 4 if summary.test else 3]
    ]
    # a markdown table grows with projector mode's font size; class names read as text
    st.markdown(table(headers, datasets.count_rows(data, names)))
    st.markdown(f"**{tr('transfer_learning.datasets.thumbnails')}**")
    for label, name in enumerate(names):
        examples = datasets.class_examples(data, label, THUMBS_PER_CLASS)
        if examples:
            st.image(
                datasets.thumbnail_strip(examples),
                width="content",
                caption=f"{name} · {data.class_counts[label]}",
            )


# ---------------------------------------------------------------- the widget

_SOURCE_DRAWERS = {
    "zip": _zip_source,
    "upload": _upload_source,
    "camera": _camera_source,
    "book": _book_source,
    "folder": _folder_source,
}


def dataset_input(key: str) -> LabeledImages | None:
    """Draw the data-source widgets and return the dataset (with its split), or None."""
    controls = data_controls(key)
    _keep(*(f"{key}_name_{i}" for i in range(MAX_UPLOAD_CLASSES)), f"{key}_folder")
    sources = tuple(s for s in SOURCES if s != "folder" or runs_locally())
    # bound before the source is drawn: the shapes need the seed, and the split's
    # settings stay in the link while no dataset is loaded
    seed = control_value(controls.seed)
    control_value(controls.per_class)
    control_value(controls.val_fraction)
    source = control(controls.source, allowed=sources)
    # the run's resolution (its widget is drawn further down) sets the decoding size
    side = datasets.decode_side(int(control_value(RESOLUTION)))
    try:
        if source == "shapes" or source is None:
            data = _shapes_source(key, int(seed))
        else:
            data = _SOURCE_DRAWERS[source](key, side)
        if data is None:
            return None
        _skipped_list(data)
        datasets.check_trainable(data)
    except UserFacingError as err:
        show_error(err)
        return None
    data = _split_controls(controls, data)
    _counts_and_thumbnails(data)
    return data
