"""The helpers' imports only point down the data's path: base → load → analyse → show → write.

Every ``helpers`` import is read from the source, including the ones inside functions (a lazy
import hides a circle, it does not remove it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

HELPERS = Path(__file__).resolve().parents[1] / "helpers"

LAYERS = {
    "base": {"paths", "progress", "patterns", "nlp", "sentences", "decoding", "schema",
             "intervals"},
    "load": {"sidecar", "cleaning", "dedup", "corpus", "language", "russian"},
    "analyse": {"vocabulary", "english_terms", "text", "actors", "quotes", "timeline", "stats", "scale", "views", "cache",
                "russian_actors", "russian_compare", "russian_dates", "russian_text"},
    "show": {"style", "layout", "figures", "plots", "report", "findings", "plots_language"},
    "write": {"tables", "check", "notebooks"},
}  # fmt: skip
RANK = {m: k for k, modules in enumerate(LAYERS.values()) for m in modules}


def imports_of(source: str) -> set[str]:
    """The helpers modules a module's source imports, at any depth of its code.

    >>> sorted(imports_of("from helpers.text import x\\ndef f():\\n    from helpers import stats"))
    ['stats', 'text']
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "helpers":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")}
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in sorted(HELPERS.glob("*.py")):
        if path.stem != "__init__":
            graph.add_node(path.stem)
            graph.add_edges_from((path.stem, m) for m in imports_of(path.read_text("utf-8")))
    return graph


def test_every_module_has_a_layer():
    assert set(import_graph()) == set(RANK), "add the new module to LAYERS"


def test_no_import_circle():
    assert list(nx.simple_cycles(import_graph())) == []


def test_no_upward_import():
    upward = [(a, b) for a, b in import_graph().edges if RANK[b] > RANK[a]]
    assert upward == []


@pytest.mark.parametrize(
    "source, edge",
    [("from helpers.plots import x", ("corpus", "plots")),
     ("def f():\n    from helpers import figures", ("corpus", "figures"))],
)  # fmt: skip
def test_an_upward_import_is_seen(source, edge):
    # The checks above can fail: an analysis-to-display import, even a lazy one, is an edge.
    module, target = edge
    assert target in imports_of(source) and RANK[target] > RANK[module]
