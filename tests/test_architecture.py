"""The house drawn from its imports: the seams stay where issue 11 put them.

Readers and writers are the edges, the middle is pure: no module of the middle imports a
reader, no writer imports the planner, place words have one owner, and no two modules import
each other round a cycle. Imports inside ``if TYPE_CHECKING:`` are annotations only and do
not count; imports inside functions (lazy ones) do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "tcns_cli"
MIDDLE = {"model", "places", "normalize", "errors", "messages", "profiles", "proximity",
          "matching", "grouping", "compose", "checks", "plan", "validate", "rosters"}
PLANNER = {"plan", "grouping", "matching", "proximity", "compose", "checks", "validate",
           "rosters"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def imports_of(path: Path) -> set[str]:
    """The ``tcns_cli`` modules a file imports at run time (relative to the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for stmt in ast.walk(tree) if isinstance(stmt, ast.If)
               and ast.unparse(stmt.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
               for inner in stmt.body for node in ast.walk(inner)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "tcns_cli"):
            base = node.module.removeprefix("tcns_cli").lstrip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if (PACKAGE / candidate.replace(".", "/")).with_suffix(
                    ".py").exists() else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("tcns_cli.") for a in node.names
                      if a.name.startswith("tcns_cli.")}
    return {f for f in found if f}


def graph() -> nx.DiGraph:
    edges = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        edges.add_node(name)
        edges.add_edges_from((name, target) for target in imports_of(path) if target != name)
    return edges


def test_the_walk_sees_the_imports_it_guards() -> None:
    # The walk itself must see real arrows, or every rule below would pass vacuously.
    house = graph()
    assert house.has_edge("readers.dataset", "model")
    assert house.has_edge("commands", "plan")  # a lazy import inside a function
    assert not house.has_edge("model", "errors")  # only under TYPE_CHECKING


def test_the_middle_never_imports_a_reader() -> None:
    house = graph()
    arrows = [(a, b) for a, b in house.edges if a in MIDDLE and b.startswith("readers")]
    assert arrows == []


def test_no_writer_imports_the_planner() -> None:
    house = graph()
    arrows = [(a, b) for a, b in house.edges if a.startswith("writers") and b in PLANNER]
    assert arrows == []


def test_places_depends_only_on_leaves() -> None:
    # normalize and messages import nothing of tcns: places stays pure.
    house = graph()
    assert set(house.successors("places")) <= {"normalize", "messages"}
    assert not set(house.successors("normalize")) | set(house.successors("messages"))


def test_no_import_cycle() -> None:
    assert list(nx.simple_cycles(graph())) == []
