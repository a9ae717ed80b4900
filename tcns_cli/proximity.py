"""How near two units of a ward are: coordinates, adjacency hops, or numbering (SPEC §4.1).

Nothing of the size of a big ward squared is ever held (SPEC §8): distances are computed
when asked, for the rows and columns asked. Pairing reads an area's own table, the few rows
across areas that the odd areas' matching needs (:meth:`Distances.lowest_sums`), and each
joiner's nearest unit; so memory grows with the largest area's square, and a ward of 20,000
units in areas of 40 needs tables of 40 by 40 and rows of 20,000. A small ward (at most
PLAIN_UP_TO units, a few megabytes) keeps its whole table of coordinates' distances, most
of which is read anyway.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from tcns_cli.matching import SCALE, scaled
from tcns_cli.model import EARTH_RADIUS_M, Proximity, Unit


def choose_basis(units: Sequence[Unit]) -> Proximity:
    """Coordinates if every unit has them, else adjacency if any neighbours, else numbering."""
    if units and all(u.lat is not None and u.lon is not None for u in units):
        return Proximity.COORDINATES
    if any(u.neighbours for u in units):
        return Proximity.ADJACENCY
    return Proximity.NUMBERING


# The distances of a ward of up to PLAIN_UP_TO units are computed in plain Python: for an
# ordinary ward that is quicker than importing numpy (about 0.1 s), and it gives the same
# floats (the same operations in the same order; a test holds the two together). Bigger
# wards use numpy (and SciPy's k-d tree for the nearest units).
PLAIN_UP_TO = 400
# Of the k-d tree's candidates for the nearest unit, this many are read first.
NEAREST_CANDIDATES = 8


class Distances:
    """Distances between the units of one ward, indexed by their position in ``units``.

    ``units`` must be in natural order: the numbering basis takes the rank from it, and
    every tie between equal distances is broken by it. Units that no path of neighbours
    joins count as farther apart than any path: the ward's size plus their rank difference.
    """

    def __init__(self, units: Sequence[Unit], basis: Proximity | None = None) -> None:
        self.units = list(units)
        self.basis = basis or choose_basis(self.units)
        self.size = len(self.units)
        self.plain = self.size <= PLAIN_UP_TO
        self._nearest: list[int] | None = None
        if self.basis is Proximity.COORDINATES:
            self._lat = [math.radians(u.lat) for u in self.units]  # type: ignore[arg-type]
            self._lon = [math.radians(u.lon) for u in self.units]  # type: ignore[arg-type]
            self._cos = [math.cos(a) for a in self._lat]
        self._around: list[list[int]] = []
        self._part: list[int] = []
        if self.basis is Proximity.ADJACENCY:
            self._around, self._part = _graph(self.units)
        self.disconnected = len(set(self._part)) > 1

    def __call__(self, i: int, j: int) -> float:
        """Distance between units ``i`` and ``j``."""
        if self.basis is Proximity.COORDINATES:
            return self._haversine(i, j)
        if self.basis is Proximity.ADJACENCY:
            return self._hops(i, [j])[0]
        return float(abs(i - j))

    def table(self, rows: Sequence[int], cols: Sequence[int]) -> list[list[float]]:
        """The distances from each unit of ``rows`` to each unit of ``cols``."""
        if self.basis is Proximity.ADJACENCY:
            return [self._hops(i, cols) for i in rows]
        if not self.plain:
            picked: list[list[float]] = self._array(rows, cols).tolist()
            return picked
        if self.basis is Proximity.COORDINATES:
            whole = self._whole
            return [[line[j] for j in cols] for line in (whole[i] for i in rows)]
        return [[float(abs(i - j)) for j in cols] for i in rows]

    @cached_property
    def _whole(self) -> list[list[float]]:
        """A small ward's whole table of great-circle distances (at most PLAIN_UP_TO units:
        a few megabytes), computed once: its areas' tables, every unit's nearest and the
        joiners' orders all read it."""
        everyone = range(self.size)
        return self._haversine_rows(everyone, everyone)

    def lowest_sums(self, sources: Sequence[int], start: Sequence[float],
                    targets: Sequence[int]) -> list[float]:
        """For each target t: the least ``start[k] + scaled(d(sources[k], t))`` over k.

        The odd areas' matching asks it once per area (its units as sources, what pairing
        the rest of the area costs when each leaves as start) for every unit that may leave
        another area: a few rows across areas, in place of a table between every two areas.
        """
        if self.basis is Proximity.ADJACENCY:
            return self._lowest_hop_sums(sources, start, targets)
        if self.plain:
            table = self.table(sources, targets)
            return [min(s + scaled(line[t]) for s, line in zip(start, table, strict=True))
                    for t in range(len(targets))]
        import numpy as np

        out = np.full(len(targets), math.inf)
        for first in range(0, len(sources), 64):  # rows in slices: memory stays small
            part = slice(first, first + 64)
            weights = np.rint(self._array(sources[part], targets) * SCALE)
            weights += np.array(start[part], dtype=float)[:, None]
            np.minimum(out, weights.min(axis=0), out=out)
        found: list[float] = out.tolist()
        return found

    def least_pair(self, rows: Sequence[int], cols: Sequence[int], row_start: Sequence[float],
                   col_start: Sequence[float]) -> tuple[float, int, int]:
        """The least ``row_start[r] + col_start[c] + scaled(d(rows[r], cols[c]))``, and its
        (r, c): of equal sums the first in (r, c) order."""
        if self.plain or self.basis is Proximity.ADJACENCY:
            table = self.table(rows, cols)
            return min((a + col_start[c] + scaled(line[c]), r, c)
                       for r, (a, line) in enumerate(zip(row_start, table, strict=True))
                       for c in range(len(cols)))
        import numpy as np

        sums = np.rint(self._array(rows, cols) * SCALE)
        sums += np.asarray(row_start, dtype=float)[:, None]
        sums += np.asarray(col_start, dtype=float)[None, :]
        r, c = divmod(int(np.argmin(sums)), len(cols))  # argmin: the first of the least
        return float(sums[r, c]), r, c

    def nearest(self, i: int) -> int | None:
        """The unit nearest to ``i`` (ties: natural order), or None in a one-unit ward."""
        if self.size < 2:
            return None
        if self.basis is Proximity.NUMBERING:
            return i - 1 if i > 0 else i + 1
        if self.basis is Proximity.ADJACENCY:
            return self._nearest_by_hops(i)
        if self.plain:
            line = self.table([i], range(self.size))[0]
            return min((j for j in range(self.size) if j != i), key=line.__getitem__)
        if self._nearest is None:
            self._nearest = self._nearest_by_tree()
        return self._nearest[i]

    def by_distance(self, i: int) -> list[int]:
        """The other units, nearest to ``i`` first (ties: natural order)."""
        line = self.table([i], range(self.size))[0]
        return [j for j in sorted(range(self.size), key=line.__getitem__) if j != i]

    # ------------------------------------------------------------------ coordinates

    def _haversine(self, i: int, j: int) -> float:
        """Great-circle metres (haversine). The differences are taken as absolute values, so
        that (i, j) and (j, i) are the same operations and give the same float."""
        lat, lon = self._lat, self._lon
        sp = math.sin(abs(lat[j] - lat[i]) / 2)
        sl = math.sin(abs(lon[j] - lon[i]) / 2)
        root = math.sqrt(sp * sp + self._cos[i] * self._cos[j] * (sl * sl))
        return 2 * EARTH_RADIUS_M * math.asin(root if root < 1.0 else 1.0)

    def _haversine_rows(self, rows: Sequence[int], cols: Sequence[int]) -> list[list[float]]:
        """:meth:`_haversine` for a table, each cell once (an area's own table is symmetric:
        its lower half is copied from the upper)."""
        lat, lon, cos = self._lat, self._lon, self._cos
        sin, asin, sqrt, twice = math.sin, math.asin, math.sqrt, 2 * EARTH_RADIUS_M
        square = rows is cols or list(rows) == list(cols)
        out = [[0.0] * len(cols) for _ in rows]
        for r, i in enumerate(rows):
            lat_i, lon_i, cos_i, line = lat[i], lon[i], cos[i], out[r]
            for c in range(r + 1 if square else 0, len(cols)):
                j = cols[c]
                sp = sin(abs(lat[j] - lat_i) / 2)
                sl = sin(abs(lon[j] - lon_i) / 2)
                root = sqrt(sp * sp + cos_i * cos[j] * (sl * sl))
                line[c] = twice * asin(root if root < 1.0 else 1.0)
                if square:
                    out[c][r] = line[c]
        return out

    def _array(self, rows: Sequence[int], cols: Sequence[int]) -> Any:
        """The distances from ``rows`` to ``cols`` as a numpy array (coordinates or ranks):
        the same operations, in the same order, as :meth:`_haversine`."""
        import numpy as np

        r, c = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
        if self.basis is not Proximity.COORDINATES:
            return np.abs(r[:, None] - c[None, :]).astype(float)
        lat, lon, cos = self._arrays
        sp = np.sin(np.abs(lat[c][None, :] - lat[r][:, None]) / 2)
        sl = np.sin(np.abs(lon[c][None, :] - lon[r][:, None]) / 2)
        root = np.sqrt(sp * sp + (cos[r][:, None] * cos[c][None, :]) * (sl * sl))
        return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(root, 1.0))

    @cached_property
    def _arrays(self) -> tuple[Any, Any, Any]:
        """Latitudes, longitudes (radians) and the cosines of the latitudes, as numpy arrays."""
        import numpy as np

        return tuple(np.asarray(v, dtype=float)  # type: ignore[return-value]
                     for v in (self._lat, self._lon, self._cos))

    def _nearest_by_tree(self) -> list[int]:
        """Every unit's nearest, by a k-d tree over points on the unit sphere.

        The straight (chord) distance between two points of a sphere grows with their
        great-circle distance, so the tree's nearest candidates are the haversine's. Each
        candidate is then measured as everywhere else and the least taken (ties: natural
        order); if the tree's last candidate is about as near as the best, every unit within
        that reach is measured, so a tie is never missed.
        """
        import numpy as np
        from scipy.spatial import cKDTree

        lat, lon = np.asarray(self._lat), np.asarray(self._lon)
        points = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon),
                                  np.sin(lat)))
        tree = cKDTree(points)
        count = min(self.size, NEAREST_CANDIDATES + 1)
        reach, found = tree.query(points, k=count)
        nearest = []
        for i in range(self.size):
            candidates = [int(j) for j in found[i] if j != i]
            best = min(candidates, key=lambda j: (self._haversine(i, j), j))
            chord = math.dist(points[i], points[best])
            if count < self.size and reach[i][-1] <= chord * (1 + 1e-9) + 1e-12:
                around = tree.query_ball_point(points[i], chord * (1 + 1e-9) + 1e-12)
                best = min((int(j) for j in around if j != i),
                           key=lambda j: (self._haversine(i, j), j))
            nearest.append(best)
        return nearest

    # ------------------------------------------------------------------ adjacency

    def _hops(self, start: int, targets: Sequence[int]) -> list[float]:
        """Hops from ``start`` to each target, by a breadth-first search that stops once
        every target it can reach is reached."""
        part = self._part
        left = {t for t in targets if part[t] == part[start]}
        hops = {start: 0}
        left.discard(start)
        queue = deque([start])
        while queue and left:
            node = queue.popleft()
            for other in self._around[node]:
                if other not in hops:
                    hops[other] = hops[node] + 1
                    left.discard(other)
                    queue.append(other)
        return [float(hops[t]) if part[t] == part[start] else float(self.size + abs(start - t))
                for t in targets]

    def _nearest_by_hops(self, i: int) -> int:
        """The first unit (natural order) of the nearest ring of neighbours around ``i``;
        a unit with none is nearest to its neighbour in rank (ties: the one before)."""
        if self._around[i]:
            return min(self._around[i])
        return i - 1 if i > 0 else i + 1

    def _lowest_hop_sums(self, sources: Sequence[int], start: Sequence[float],
                         targets: Sequence[int]) -> list[float]:
        """:meth:`lowest_sums` over the neighbour graph: one search from all the sources at
        once (each begins at its own start), so no hop table is made."""
        if self.plain:
            out = self._hop_sums_plain(sources, start, targets)
        else:
            out = self._hop_sums_native(sources, start, targets)
        if self.disconnected:  # no path: farther than any path
            part = self._part
            for k, t in enumerate(targets):
                out[k] = min([out[k]] + [s + scaled(float(self.size + abs(node - t)))
                                         for node, s in zip(sources, start, strict=True)
                                         if part[node] != part[t]])
        return out

    def _hop_sums_plain(self, sources: Sequence[int], start: Sequence[float],
                        targets: Sequence[int]) -> list[float]:
        """Dijkstra's search in Python from every source at its start (paths only)."""
        best: dict[int, float] = {}
        heap = sorted((s, node) for node, s in zip(sources, start, strict=True))
        while heap:
            cost, node = heapq.heappop(heap)
            if node in best:
                continue
            best[node] = cost
            for other in self._around[node]:
                if other not in best:
                    heapq.heappush(heap, (cost + SCALE, other))
        return [best.get(t, math.inf) for t in targets]

    def _hop_sums_native(self, sources: Sequence[int], start: Sequence[float],
                         targets: Sequence[int]) -> list[float]:
        """The same search by SciPy: one more node, joined to each source by its start (plus
        one, as a sparse graph has no edge of weight 0), and the least paths from it."""
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra

        heads, tails = self._edges
        extra = np.asarray(sources, dtype=np.intp)
        graph = csr_matrix(
            (np.concatenate((np.full(len(heads), float(SCALE)),
                             np.asarray(start, dtype=float) + 1.0)),
             (np.concatenate((heads, np.full(len(extra), self.size))),
              np.concatenate((tails, extra)))),
            shape=(self.size + 1, self.size + 1))
        reach = dijkstra(graph, directed=True, indices=self.size)
        found: list[float] = (reach[np.asarray(targets, dtype=np.intp)] - 1.0).tolist()
        return found

    @cached_property
    def _edges(self) -> tuple[Any, Any]:
        """Both ends of every neighbour link, each way, as numpy arrays."""
        import numpy as np

        heads = [a for a, around in enumerate(self._around) for _ in around]
        tails = [b for around in self._around for b in around]
        return np.asarray(heads, dtype=np.intp), np.asarray(tails, dtype=np.intp)


def _graph(units: Sequence[Unit]) -> tuple[list[list[int]], list[int]]:
    """The neighbour graph (each unit's neighbours in natural order) and each unit's part:
    the lowest unit it is joined to."""
    ids = {u.node_id: n for n, u in enumerate(units)}
    around: list[set[int]] = [set() for _ in units]
    for n, unit in enumerate(units):
        for other in unit.neighbours:
            if (m := ids.get(other)) is not None and m != n:
                around[n].add(m)
                around[m].add(n)
    ordered = [sorted(a) for a in around]
    part = [-1] * len(units)
    for first in range(len(units)):
        if part[first] >= 0:
            continue
        part[first] = first
        queue = deque([first])
        while queue:
            node = queue.popleft()
            for joined in ordered[node]:
                if part[joined] < 0:
                    part[joined] = first
                    queue.append(joined)
    return ordered, part
