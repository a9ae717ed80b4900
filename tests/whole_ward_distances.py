"""The planner's distances as they were before issue 18: the whole ward's table at once.

Kept as the oracle of the per-area distances (``tcns_cli.proximity.Distances``), which must
give exactly the same teams and distances while holding only what the rules read. This is the
code the planner ran, moved here unchanged apart from its name.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from typing import Any

from tcns_cli.model import EARTH_RADIUS_M, Proximity, Unit
from tcns_cli.proximity import choose_basis

# Up to this many units a ward's table is computed in plain Python: for an ordinary ward that
# is quicker than importing numpy (about 0.1 s), and it gives the same floats (the same
# operations in the same order; a test holds the two together). Bigger wards use numpy.
PLAIN_UP_TO = 400


class WholeWardDistances:
    """Distances between the units of one ward, indexed by their position in ``units``.

    ``units`` must be in natural order: the numbering basis takes the rank from it, and
    every tie between equal distances is broken by it. The whole table is computed once, as
    every planning step reads many of its cells.
    """

    def __init__(self, units: Sequence[Unit], basis: Proximity | None = None) -> None:
        self.units = list(units)
        self.basis = basis or choose_basis(self.units)
        self.disconnected = False
        size = len(self.units)
        plain = size <= PLAIN_UP_TO
        self._table: Any  # a list of rows, or a numpy array for a big ward
        if self.basis is Proximity.COORDINATES:
            self._table = (_haversine_rows if plain else _haversine_table)(self.units)
        elif self.basis is Proximity.ADJACENCY:
            self._table = _floats(self._all_hops(), plain)
        elif plain:
            self._table = [[float(abs(a - b)) for b in range(size)] for a in range(size)]
        else:
            import numpy as np

            ranks = np.arange(size, dtype=float)
            self._table = np.abs(ranks[:, None] - ranks[None, :])
        self._nearest = _nearest_each(self._table) if size > 1 else []

    def __call__(self, i: int, j: int) -> float:
        """Distance between units ``i`` and ``j``."""
        return float(self._table[i][j])

    def nearest(self, i: int) -> int | None:
        """The unit nearest to ``i`` (ties: natural order), or None in a one-unit ward."""
        return self._nearest[i] if self._nearest else None

    def table(self, rows: Sequence[int], cols: Sequence[int]) -> list[list[float]]:
        """The distances from each unit of ``rows`` to each unit of ``cols``."""
        if isinstance(self._table, list):
            return [[line[j] for j in cols] for line in (self._table[i] for i in rows)]
        import numpy as np

        picked: list[list[float]] = self._table[np.ix_(rows, cols)].tolist()
        return picked

    def by_distance(self, i: int) -> list[int]:
        """The other units, nearest to ``i`` first (ties: natural order)."""
        line = self._table[i]
        return [j for j in sorted(range(len(self.units)), key=line.__getitem__) if j != i]

    def lowest_sums(self, sources: Sequence[int], start: Sequence[float],
                    targets: Sequence[int]) -> list[float]:
        """What the grouping now asks of its distances, read off the whole table (the old
        grouping took the same least sums over each pair of odd areas' table)."""
        rows = self.table(sources, targets)
        return [min(s + round(line[t] * 1000) for s, line in zip(start, rows, strict=True))
                for t in range(len(targets))]

    def least_pair(self, rows: Sequence[int], cols: Sequence[int], row_start: Sequence[float],
                   col_start: Sequence[float]) -> tuple[float, int, int]:
        """The least start-plus-millimetres over a block of the whole table, first in (r, c)
        order (the old grouping took the same minimum over each pair of odd areas)."""
        table = self.table(rows, cols)
        return min((a + col_start[c] + round(line[c] * 1000), r, c)
                   for r, (a, line) in enumerate(zip(row_start, table, strict=True))
                   for c in range(len(cols)))

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


def _nearest_each(table: Any) -> list[int]:
    """For each unit, the first position of the least distance to another unit."""
    if not isinstance(table, list):
        import numpy as np

        others = table + np.diag(np.full(len(table), np.inf))
        return [int(j) for j in np.argmin(others, axis=1)]
    nearest = []
    for i, line in enumerate(table):
        best, found = math.inf, i
        for j, value in enumerate(line):
            if value < best and j != i:
                best, found = value, j
        nearest.append(found)
    return nearest


def _floats(table: list[list[int]], plain: bool) -> Any:
    """Whole-number distances as a table of floats: lists, or numpy for a big ward."""
    if plain:
        return [[float(v) for v in row] for row in table]
    import numpy as np

    return np.array(table, dtype=float)


def _haversine_rows(units: Sequence[Unit]) -> list[list[float]]:
    """Every pairwise great-circle distance in metres (haversine), in plain Python.

    The same operations, in the same order, as :func:`_haversine_table`.
    """
    lat = [math.radians(u.lat) for u in units]  # type: ignore[arg-type]
    lon = [math.radians(u.lon) for u in units]  # type: ignore[arg-type]
    cos = [math.cos(a) for a in lat]
    sin, asin, sqrt, twice = math.sin, math.asin, math.sqrt, 2 * EARTH_RADIUS_M
    rows = [[0.0] * len(units) for _ in units]
    for i, row in enumerate(rows):
        lat_i, lon_i, cos_i = lat[i], lon[i], cos[i]
        for j in range(i + 1, len(units)):
            # dp and dl change sign from (i, j) to (j, i), which sin(x) ** 2 does not see.
            sp = sin((lat[j] - lat_i) / 2)
            sl = sin((lon[j] - lon_i) / 2)
            root = sqrt(sp * sp + cos_i * cos[j] * (sl * sl))
            row[j] = rows[j][i] = twice * asin(root if root < 1.0 else 1.0)
    return rows


def _haversine_table(units: Sequence[Unit]) -> Any:
    """Every pairwise great-circle distance in metres (haversine), vectorised."""
    import numpy as np

    lat = np.radians(np.array([u.lat for u in units], dtype=float))
    lon = np.radians(np.array([u.lon for u in units], dtype=float))
    dp = lat[None, :] - lat[:, None]
    dl = lon[None, :] - lon[:, None]
    h = np.sin(dp / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
