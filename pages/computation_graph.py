"""Computation-graph lab: local computation, the chain rule, clone / detach, a real
network's graph."""

from ui.common.frame import page_header
from ui.computation_graph.mistakes import mistakes_section
from ui.computation_graph.sections import (
    copy_section,
    graph_section,
    network_section,
    read_link_params,
)

page_header("common.page.computation_graph", "computation_graph.teaches")
read_link_params()
graph_section()
copy_section()
network_section()
mistakes_section()
