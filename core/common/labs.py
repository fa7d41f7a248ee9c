"""The chapter's labs, declared once: navigation, the chapter map and the naming rule.

A lab's ``name`` is its page file and URL path (``pages/<name>.py``, ``/<name>``), its
package in ``core/`` and ``ui/``, its strings file (``core/strings/<name>.py``, keys
``<name>.…``) and its test folder (``tests/core/<name>/``); ``prefix`` starts every widget
key and query parameter of the lab. A test checks all of it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lab:
    name: str
    prefix: str  # widget keys and query parameters: f"{prefix}_…"
    icon: str

    @property
    def page(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def title_key(self) -> str:
        return f"common.page.{self.name}"


@dataclass(frozen=True)
class Section:
    name: str
    labs: tuple[Lab, ...]
    nav: str  # the sidebar group (common.nav.<nav>)
    has_title: bool = True  # home.section.<name> is its heading; home.section.<name>_text its text


LABS = (
    Lab("augmentation", "aug", ":material/crop:"),
    Lab("transfer_learning", "tl", ":material/model_training:"),
    Lab("computation_graph", "cg", ":material/account_tree:"),
    Lab("feature_maps", "fm", ":material/visibility:"),
    Lab("gcn", "gcn", ":material/hub:"),
)

# The chapter map's order: notes 5.1-5.3 (transfer learning with its computation-graph
# note), 5.4 (explainable CNN), 5.5 (graph convolution).
SECTIONS = (
    Section("transfer", LABS[0:2], nav="transfer"),
    Section("graph", LABS[2:3], nav="transfer", has_title=False),
    Section("xai", LABS[3:4], nav="xai"),
    Section("gcn", LABS[4:5], nav="gcn"),
)
