"""How near two units of a ward are: coordinates, adjacency hops, or numbering (SPEC §4.1)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

from tcns_cli.model import EARTH_RADIUS_M, Proximity, Unit


def choose_basis(units: Sequence[Unit]) -> Proximity:
    """Coordinates if every unit has them, else adjacency if any neighbours, else numbering."""
    if units and all(u.lat is not None and u.lon is not None for u in units):
        return Proximity.COORDINATES
    if any(u.neighbours for u in units):
        return Proximity.ADJACENCY
    return Proximity.NUMBERING


class Distances:
    """Distances between the units of one ward, indexed by their position in ``units``.

    ``units`` must be in natural order: the numbering basis takes the rank from it, and
    every tie between equal distances is broken by it. The whole table is computed once
    (numpy), as every planning step reads many of its cells.
    """

    def __init__(self, units: Sequence[Unit], basis: Proximity | None = None) -> None:
        import numpy as np

        self.units = list(units)
        self.basis = basis or choose_basis(self.units)
        self.disconnected = False
        if self.basis is Proximity.COORDINATES:
            self.matrix = _haversine_table(self.units)
        elif self.basis is Proximity.ADJACENCY:
            self.matrix = np.array(self._all_hops(), dtype=float).reshape(len(units), len(units))
        else:
            ranks = np.arange(len(self.units), dtype=float)
            self.matrix = np.abs(ranks[:, None] - ranks[None, :])
        others = self.matrix + np.diag(np.full(len(self.units), np.inf))
        self._nearest = [int(j) for j in np.argmin(others, axis=1)] if len(units) > 1 else []

    def __call__(self, i: int, j: int) -> float:
        """Distance between units ``i`` and ``j``."""
        return float(self.matrix[i, j])

    def nearest(self, i: int) -> int | None:
        """The unit nearest to ``i`` (ties: natural order), or None in a one-unit ward."""
        return self._nearest[i] if self._nearest else None

    def _all_hops(self) -> list[list[int]]:
        ids = {u.node_id: n for n, u in enumerate(self.units)}
        adjacent: list[set[int]] = [set() for _ in self.units]
        for n, unit in enumerate(self.units):
            for other in unit.neighbours:
                if (m := ids.get(other)) is not None and m != n:
                    adjacent[n].add(m)
                    adjacent[m].add(n)
        size = len(self.units)
        # Unconnected units count as farther apart than any path, by rank beyond that.
        table = [[size + abs(a - b) for b in range(size)] for a in range(size)]
        for start in range(size):
            table[start][start] = 0
            queue = deque([start])
            while queue:
                node = queue.popleft()
                for nxt in adjacent[node]:
                    if table[start][nxt] >= size and nxt != start:
                        table[start][nxt] = table[start][node] + 1
                        queue.append(nxt)
        self.disconnected = any(v >= size for row in table for v in row)
        return table


def _haversine_table(units: Sequence[Unit]) -> Any:
    """Every pairwise great-circle distance in metres (haversine), vectorised."""
    import numpy as np

    lat = np.radians(np.array([u.lat for u in units], dtype=float))
    lon = np.radians(np.array([u.lon for u in units], dtype=float))
    dp = lat[None, :] - lat[:, None]
    dl = lon[None, :] - lon[:, None]
    h = np.sin(dp / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
