"""How near two units of a ward are, written again from SPEC §4.1 for the tests.

Nothing here comes from ``tcns_cli.proximity``: the oracles, and the checks of every distance
a plan reports, must not share the product's mistakes. Units are given in natural order
(their index is their rank), as the planner takes them.

* ``coordinates`` (every unit has a point): great-circle metres by the haversine formula on
  a sphere of the IUGG mean Earth radius;
* ``adjacency`` (else, when any unit names a neighbour): hops of the shortest path, by a
  breadth-first search over the undirected neighbour graph. Units no path joins count as
  farther apart than any path: ``n + |rank difference|`` for a ward of ``n`` units;
* ``numbering`` (else): ``|rank difference|``.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence

from tcns_cli.model import Unit

MEAN_EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius R1
Point = tuple[float, float]  # (latitude, longitude) in degrees
Table = list[list[float]]


def great_circle_m(a: Point, b: Point) -> float:
    """Haversine distance in metres between two (lat, lon) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(b[1] - a[1]) / 2
    ) ** 2
    return 2 * MEAN_EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def hop_table(size: int, edges: Iterable[tuple[int, int]]) -> Table:
    """Hops between every two of ``size`` units over the undirected ``edges`` (``inf`` where
    no path joins them)."""
    around: list[set[int]] = [set() for _ in range(size)]
    for a, b in edges:
        if a != b:
            around[a].add(b)
            around[b].add(a)
    table: Table = []
    for start in range(size):
        hops: dict[int, int] = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for other in sorted(around[node]):
                if other not in hops:
                    hops[other] = hops[node] + 1
                    queue.append(other)
        table.append([float(hops.get(end, math.inf)) for end in range(size)])
    return table


def ward_table(
    points: Sequence[Point | None], edges: Sequence[tuple[int, int]]
) -> tuple[str, Table]:
    """The basis SPEC §4.1 picks for a ward, and the distance between every two of its units.

    ``points[i]`` is unit i's (lat, lon) or None; ``edges`` the neighbour pairs named.
    """
    size = len(points)
    if size and all(p is not None for p in points):
        located = [p for p in points if p is not None]
        return "coordinates", [[great_circle_m(a, b) for b in located] for a in located]
    if edges:
        hops = hop_table(size, edges)
        return "adjacency", [[h if h < math.inf else size + abs(a - b) for b, h in enumerate(row)]
                             for a, row in enumerate(hops)]
    return "numbering", [[float(abs(a - b)) for b in range(size)] for a in range(size)]


class OracleDistances:
    """The distances of a ward of planner ``Unit`` values (neighbours named by node id)."""

    def __init__(self, units: Sequence[Unit]) -> None:
        ids = {u.node_id: n for n, u in enumerate(units)}
        points = [None if u.lat is None or u.lon is None else (u.lat, u.lon) for u in units]
        edges = [(n, ids[other]) for n, u in enumerate(units) for other in u.neighbours
                 if other in ids]
        self.basis, self.table = ward_table(points, edges)
        self.disconnected = self.basis == "adjacency" and any(
            math.isinf(h) for row in hop_table(len(units), edges) for h in row)

    def __call__(self, i: int, j: int) -> float:
        return self.table[i][j]

    def nearest_distance(self, i: int) -> float:
        """Unit i's distance to the nearest other unit (inf in a one-unit ward)."""
        return min((d for j, d in enumerate(self.table[i]) if j != i), default=math.inf)
