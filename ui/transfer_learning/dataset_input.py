"""The data-source picker of the transfer-learning lab: choose, load, split, look.

``dataset_input(key)`` draws the widgets (keys start with ``key``) and returns the chosen
``core.transfer_learning.datasets.LabeledImages`` with its train/validation split settings, or None while
nothing usable is chosen (the reason is on screen). Decoded sets live in one
process-wide memo keyed by content hash, so the book's set and identical uploads are
decoded once for every session. The returned images are shared: never modify them.
"""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from core.common.errors import UserFacingError
from core.common.images import UPLOAD_EXTENSIONS
from core.common.params import ChoiceParam
from core.transfer_learning import book_dataset as book
from core.transfer_learning import datasets as ds
from ui.common.frame import lang, show_error, tr
from ui.common.state import url_bound

MEMO_MEGABYTES = 400  # decoded pixels kept for all sessions together (the book's set: 115)
MAX_UPLOAD_CLASSES = 10
MAX_SHOTS_PER_CLASS = 60
THUMBS_PER_CLASS = 6
SKIPPED_SHOWN = 40


@st.cache_resource(show_spinner=False)
def _memo() -> ds.DatasetMemo:
    return ds.DatasetMemo(MEMO_MEGABYTES)


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


def _decoded(memo_key: str, load) -> ds.LabeledImages:
    """The memo's copy, or ``load(progress)`` with a progress bar, then remembered."""
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
    """See ``core.transfer_learning.datasets.folder_source_allowed`` for why this is safe."""
    return ds.folder_source_allowed(
        st.context.headers.get("Host"), st.context.ip_address, os.environ.get(ds.LOCAL_FOLDER_ENV)
    )


def _keep(*keys: str) -> None:
    """Keep widget values alive while their widgets are not drawn (another source is shown)."""
    for k in keys:
        if k in st.session_state:
            st.session_state[k] = st.session_state[k]


# ---------------------------------------------------------------- sources


def _shapes_source(key: str, seed: int) -> ds.LabeledImages:
    st.caption(tr("transfer_learning.datasets.shapes_help", n=len(ds.SHAPE_CLASSES)))
    url_bound(f"{key}_per_class", ds.IMAGES_PER_CLASS_PARAM)
    per_class = st.slider(
        tr("transfer_learning.datasets.images_per_class"),
        ds.IMAGES_PER_CLASS_PARAM.low,
        ds.IMAGES_PER_CLASS_PARAM.high,
        key=f"{key}_per_class",
    )
    return _decoded(
        f"shapes:{int(per_class)}:{int(seed)}",
        lambda report: ds.synthetic_shapes(int(per_class), int(seed), progress=report),
    )


def _zip_source(key: str) -> ds.LabeledImages | None:
    upload = st.file_uploader(
        tr("transfer_learning.datasets.zip_label"), type=["zip"], key=f"{key}_zip"
    )
    if upload is None:
        st.caption(
            tr(
                "transfer_learning.datasets.zip_help",
                max=ds.MAX_IMAGES,
                mb=ds.MAX_UNPACKED_BYTES // 2**20,
            )
        )
        return None
    data = upload.getvalue()
    return _decoded("zip:" + _digest(data), lambda report: ds.load_zip(data, progress=report))


def _class_names(key: str) -> list[str]:
    """The number of classes and their names (shared by the upload and camera sources)."""
    state = st.session_state
    state.setdefault(f"{key}_n_classes", 2)
    n = st.number_input(
        tr("transfer_learning.datasets.n_classes"),
        min_value=2,
        max_value=MAX_UPLOAD_CLASSES,
        step=1,
        key=f"{key}_n_classes",
    )
    names = []
    cols = st.columns(min(int(n), 4))
    for i in range(int(n)):
        state.setdefault(f"{key}_name_{i}", tr("transfer_learning.datasets.default_class", i=i + 1))
        with cols[i % len(cols)]:
            names.append(
                st.text_input(
                    tr("transfer_learning.datasets.class_name", i=i + 1),
                    key=f"{key}_name_{i}",
                    max_chars=40,
                )
            )
    return ds.check_class_names(names)


def _upload_source(key: str) -> ds.LabeledImages | None:
    names = _class_names(key)
    mapping: dict[str, list[tuple[str, bytes]]] = {}
    cols = st.columns(min(len(names), 4))
    for i, name in enumerate(names):
        with cols[i % len(cols)]:
            files = st.file_uploader(
                tr("transfer_learning.datasets.class_files", name=name or "?"),
                type=UPLOAD_EXTENSIONS,
                accept_multiple_files=True,
                key=f"{key}_files_{i}",
            )
        mapping[name] = [(f.name, f.getvalue()) for f in files or []]
    return _from_mapping(mapping, "upload")


def _from_mapping(
    mapping: dict[str, list[tuple[str, bytes]]], source: str
) -> ds.LabeledImages | None:
    if not any(mapping.values()):
        st.caption(tr("transfer_learning.datasets.waiting"))
        return None
    parts: list[bytes | str] = [source]
    for name, files in mapping.items():
        parts.append(name)
        parts += [hashlib.sha256(data).digest() for _, data in files]
    return _decoded(
        f"{source}:" + _digest(*parts), lambda report: ds.from_class_uploads(mapping, source=source)
    )


def _camera_source(key: str) -> ds.LabeledImages | None:
    st.caption(tr("transfer_learning.datasets.camera_help"))
    names = _class_names(key)
    shots: dict[int, list[bytes]] = st.session_state.setdefault(f"{key}_shots", {})
    if st.session_state.get(f"{key}_cam_class", 0) >= len(names):
        st.session_state[f"{key}_cam_class"] = 0  # fewer classes than before
    st.session_state.setdefault(f"{key}_cam_class", 0)
    current = int(
        st.pills(
            tr("transfer_learning.datasets.camera_class"),
            list(range(len(names))),
            key=f"{key}_cam_class",
            required=True,
            format_func=lambda i: f"{names[i] or '?'} ({len(shots.get(i, []))})",
        )
    )
    shot = st.camera_input(
        tr("transfer_learning.datasets.camera_label", name=names[current] or "?"),
        key=f"{key}_camera",
    )
    if shot is not None and shot.file_id != st.session_state.get(f"{key}_cam_last"):
        st.session_state[f"{key}_cam_last"] = shot.file_id
        taken = shots.setdefault(current, [])
        if len(taken) >= MAX_SHOTS_PER_CLASS:
            st.warning(
                tr(
                    "transfer_learning.datasets.camera_full",
                    name=names[current],
                    max=MAX_SHOTS_PER_CLASS,
                )
            )
        else:
            taken.append(shot.getvalue())
            st.toast(
                tr("transfer_learning.datasets.camera_added", name=names[current], count=len(taken))
            )
            st.rerun()  # the class picker shows the new count
    left, right = st.columns(2)
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
    mapping = {
        name: [(f"shot{j + 1}.jpg", data) for j, data in enumerate(shots.get(i, []))]
        for i, name in enumerate(names)
    }
    return _from_mapping(mapping, "camera")


def _book_source(key: str) -> ds.LabeledImages | None:
    st.caption(tr("transfer_learning.datasets.book_help", repo=book.BOOK_REPO))
    url = book.BOOK_ZIP_URL
    if not book.book_is_cached(url):
        if not st.button(
            tr("transfer_learning.datasets.book_download"),
            key=f"{key}_book_download",
            icon=":material/download:",
            type="primary",
        ):
            return None
        bar = st.progress(0.0, text=tr("transfer_learning.datasets.book_downloading", mb=0.0))

        def report(done: int, total: int | None) -> None:
            bar.progress(
                min(done / total, 1.0) if total else 0.0,
                text=tr("transfer_learning.datasets.book_downloading", mb=done / 1e6),
            )

        try:
            book.download_book_zip(report, url)
        finally:
            bar.empty()
    else:
        st.caption(tr("transfer_learning.datasets.book_cached"))
    cached = book.book_zip_path(url).stat()  # a new download gets a new memo entry
    return _decoded(
        f"book:{url}:{cached.st_size}:{cached.st_mtime_ns}",
        lambda report: book.load_book_dataset(url=url, read_progress=report),
    )


def _folder_source(key: str) -> ds.LabeledImages | None:
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
    signature = ds.folder_signature(os.path.expanduser(path))
    return _decoded(
        "folder:" + signature, lambda report: ds.load_image_folder(path, progress=report)
    )


# ---------------------------------------------------------------- summary


def _skipped_list(data: ds.LabeledImages) -> None:
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


def _split_controls(key: str, data: ds.LabeledImages) -> ds.LabeledImages:
    st.markdown(f"**{tr('transfer_learning.datasets.split_title')}**")
    left, right = st.columns([2, 1])
    with left:
        url_bound(f"{key}_val", ds.VAL_FRACTION_PARAM)
        val = st.slider(
            tr("transfer_learning.datasets.val_fraction"),
            ds.VAL_FRACTION_PARAM.low,
            ds.VAL_FRACTION_PARAM.high,
            step=0.05,
            key=f"{key}_val",
            format="%.2f",
        )
    with right:
        st.number_input(
            tr("transfer_learning.datasets.seed"),
            ds.SPLIT_SEED_PARAM.low,
            ds.SPLIT_SEED_PARAM.high,
            step=1,
            key=f"{key}_seed",
            help=tr("transfer_learning.datasets.seed_help"),
        )
    return data.with_split(float(val), int(st.session_state[f"{key}_seed"]))


def _counts_and_thumbnails(data: ds.LabeledImages) -> None:
    train, val = data.split()
    rows = ds.split_counts(data, train, val)
    names = ds.display_class_names(data, lang())
    has_test = data.test is not None and len(data.test) > 0
    test_text = tr("transfer_learning.datasets.summary_test", n=len(data.test)) if has_test else ""
    st.markdown(
        tr(
            "transfer_learning.datasets.summary",
            classes=len(names),
            images=len(data),
            train=len(train),
            val=len(val),
            test=test_text,
        )
    )
    headers = [
        tr("transfer_learning.datasets.col_class"),
        tr("transfer_learning.datasets.col_train"),
        tr("transfer_learning.datasets.col_val"),
    ]
    if has_test:
        headers.append(tr("transfer_learning.datasets.col_test"))
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" + "---:|" * (len(headers) - 1)]
    for name, row in zip(names, rows):
        cells = [_markdown_cell(name), *map(str, row[1 : len(headers)])]
        lines.append("| " + " | ".join(cells) + " |")
    st.markdown("\n".join(lines))  # a table that grows with projector mode's font size
    st.markdown(f"**{tr('transfer_learning.datasets.thumbnails')}**")
    for label, name in enumerate(names):
        examples = ds.class_examples(data, label, THUMBS_PER_CLASS)
        if examples:
            st.image(
                ds.thumbnail_strip(examples),
                width="content",
                caption=f"{name} · {data.class_counts[label]}",
            )


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "'")


# ---------------------------------------------------------------- the widget

_SOURCE_DRAWERS = {
    "zip": _zip_source,
    "upload": _upload_source,
    "camera": _camera_source,
    "book": _book_source,
    "folder": _folder_source,
}


def dataset_input(key: str) -> ds.LabeledImages | None:
    """Draw the data-source widgets and return the dataset (with its split), or None."""
    _keep(
        f"{key}_n_classes",
        *(f"{key}_name_{i}" for i in range(MAX_UPLOAD_CLASSES)),
        f"{key}_folder",
        f"{key}_cam_class",
    )
    sources = tuple(s for s in ds.SOURCES if s != "folder" or runs_locally())
    if st.session_state.get(f"{key}_source") not in (None, *sources):
        del st.session_state[f"{key}_source"]  # e.g. "folder" in a link opened on a server
    url_bound(f"{key}_source", ChoiceParam(ds.SOURCE_PARAM.default, sources))
    seed = url_bound(f"{key}_seed", ds.SPLIT_SEED_PARAM)
    url_bound(f"{key}_per_class", ds.IMAGES_PER_CLASS_PARAM)
    url_bound(f"{key}_val", ds.VAL_FRACTION_PARAM)
    source = st.pills(
        tr("transfer_learning.datasets.source"),
        sources,
        key=f"{key}_source",
        required=True,
        format_func=lambda s: tr(f"transfer_learning.datasets.source.{s}"),
    )
    try:
        if source == "shapes" or source is None:
            data = _shapes_source(key, int(seed))
        else:
            data = _SOURCE_DRAWERS[source](key)
        if data is None:
            return None
        _skipped_list(data)
        ds.check_trainable(data)
    except UserFacingError as err:
        show_error(err)
        return None
    data = _split_controls(key, data)
    _counts_and_thumbnails(data)
    return data
