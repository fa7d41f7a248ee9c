"""Computation-graph lab: local computation, the chain rule, clone / detach, a real network's graph."""

from ui.frame import page_header
from ui.graph_sections import copy_section, graph_section, network_section, read_link_params

page_header("common.page.graph", "graph.teaches")
read_link_params()
graph_section()
copy_section()
network_section()
