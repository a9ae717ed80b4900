"""WardPlan → a picture of its teams (SPEC §10): a PNG an officer checks "nearest" on.

Each unit is a dot sized by its households and coloured by its area; a solo team is a ring,
a pair a line, a joined unit a dashed line to the unit it joined, a pair across areas a red
line; team codes sit beside their lines. Where the units stand depends on the ward's
proximity basis: coordinates give a map (longitude scaled by the cosine of the latitude, so
a metre is a metre both ways, with a scale bar); adjacency gives the neighbour graph laid out
by networkx with a fixed seed; numbering gives the units in natural order, a row per area.
A crowded ward is why the texts are placed (:mod:`tcns_cli.writers.placing`) and a line
that would cross another unit's dot bends round it: drawn plainly, codes printed over each
other and a pair 8–10 seemed to take in the 9 between them.

:func:`draw_ward` returns the matplotlib Figure (tests count its artists: every mark carries
a ``gid`` naming what it stands for); :func:`ward_png` renders it. matplotlib is imported by
this module only, and this module only when ``--map`` is given: a plain ``plan`` and
``tcns --help`` never load it. The same plan gives the same PNG bytes: no randomness but the
layout's fixed seed, no date or version in the file.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tcns_cli.messages import text
from tcns_cli.model import EARTH_RADIUS_M, Proximity, Team, TeamKind, Unit, WardPlan, unit_order
from tcns_cli.normalize import natural_key
from tcns_cli.places import area_text, legend_words, numbering_note, unit_short, ward_text
from tcns_cli.writers.placing import Placer, text_box

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

    from tcns_cli.profiles import Profile

# A4 landscape (297 × 210 mm) at 150 dots per inch: prints on one page, reads on a screen.
FIGSIZE = (11.69, 8.27)
DPI = 150
LAYOUT_SEED = 4787  # the adjacency layout's only randomness, fixed
# The legend, in figure fractions: its left edge and top row, its height, a row's height
# (rows close up when there are more than fit).
KEY_LEFT, KEY_TOP, KEY_HEIGHT, KEY_STEP = 0.765, 0.89, 0.82, 0.032
KEY_WRAP = 36  # characters of a legend line (8 pt) that fit beside its mark
ROW_LENGTH = 20  # numbering: a row of more units than this bends back (serpentine)
NUMBERING_ROWS = 6.0  # numbering: rows the picture's height holds before they close up
# Area colours (matplotlib's tab10 and tab20 without red and grey: red marks a cross-area
# pair, grey the lines and rings).
AREA_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5",
)
LINE, CROSS, NEIGHBOUR = "#303030", "#d62728", "#c8c8c8"
JOIN_STYLE = (0, (3, 2))  # dashes: a leftover unit that joined a team
# How far a line may bow round a dot in its way: its curve's control point stands this many
# times the line's length off its middle (the bow itself is half that). A map's lines stay
# as straight as they can: their length is the distance the officer checks.
BENDS = (0.12, 0.25, 0.45, 0.7)
_STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib and has every Vietnamese letter
    "text.parse_math": False,  # a label is text as typed: "$" is no formula
    # Unhinted glyphs: a tenth less time for two hundred labels, no visible difference
    # at 150 dpi.
    "text.hinting": "no_hinting",
}
Point = tuple[float, float]
Box = tuple[float, float, float, float]


def ward_png(ward: WardPlan, profile: Profile) -> bytes:
    """The ward's picture as PNG bytes (the same plan, the same bytes)."""
    with _style():
        return png_bytes(draw_ward(ward, profile))


def png_bytes(figure: Figure) -> bytes:
    """A figure as PNG, without the metadata that would tell one run from another."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, facecolor="white",
                   metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return out.getvalue()


@contextmanager
def _style() -> Iterator[None]:
    """matplotlib's defaults, whatever the user's matplotlibrc says, plus the house font."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        with matplotlib.rc_context(_STYLE):
            yield


def draw_ward(ward: WardPlan, profile: Profile) -> Figure:
    """The picture of one ward's plan, as a matplotlib Figure (not yet rendered).

    Every mark carries a ``gid``: the collections ``units``, ``rings``, ``pairs``,
    ``joined-pairs``, ``joins`` and ``neighbours``; the texts ``label <node id>`` and
    ``team <team id>``.
    """
    with _style():
        return _draw(ward, profile)


def _draw(ward: WardPlan, profile: Profile) -> Figure:
    units = sorted((u for t in ward.teams for u in t.units), key=unit_order)
    at = _positions(ward.proximity, units)
    figure = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.02, 0.07, 0.72, 0.83))
    ax.set_anchor("NW")  # a map narrower or flatter than its box keeps to the top left
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color(NEIGHBOUR)
    kept_clear = _frame(ax, ward.proximity, units, at)
    ax.apply_aspect()  # the axes box is final: data now map to points on the page for good
    page = _Page(ax, units, at, ward.teams)
    if ward.proximity is Proximity.ADJACENCY:
        _neighbour_edges(ax, units, at)
    marks = _marks(ward.teams, page)
    _draw_marks(ax, marks, at)
    _unit_dots(ax, units, at)
    _texts(page, ward.teams, units, marks, kept_clear)
    _key(figure, ward, units, legend_words(units, profile.grouping.large_threshold))
    _titles(figure, ward, profile, units)
    return figure


# --- where the units stand ---------------------------------------------------------------------

def _positions(basis: Proximity, units: Sequence[Unit]) -> dict[str, Point]:
    """Each unit's place on the picture, by node id."""
    if basis is Proximity.COORDINATES:
        return _map_positions(units)
    if basis is Proximity.ADJACENCY:
        return _graph_positions(units)
    return _row_positions(units)


def _map_positions(units: Sequence[Unit]) -> dict[str, Point]:
    """Metres east and north of the ward's middle: an equal-distance projection, exact
    enough across a ward (a few kilometres)."""
    lats = [float(u.lat or 0.0) for u in units]
    lons = [float(u.lon or 0.0) for u in units]
    lat0, lon0 = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    metres = EARTH_RADIUS_M * math.pi / 180
    shrink = math.cos(math.radians(lat0))
    return {u.node_id: ((lon - lon0) * metres * shrink, (lat - lat0) * metres)
            for u, lat, lon in zip(units, lats, lons, strict=True)}


def _graph_positions(units: Sequence[Unit]) -> dict[str, Point]:
    """The neighbour graph laid out by networkx: each connected part from its spectral
    layout, relaxed by a spring layout (fixed seed), turned upright, scaled to one hop a
    neighbour edge, and the parts set side by side in the order of their first units."""
    import networkx as nx
    import numpy as np

    graph = nx.Graph()
    graph.add_nodes_from(u.node_id for u in units)
    graph.add_edges_from(_edges(units))
    order = {u.node_id: n for n, u in enumerate(units)}
    parts = sorted((sorted(part, key=order.__getitem__)
                    for part in nx.connected_components(graph)), key=lambda p: order[p[0]])
    at: dict[str, Point] = {}
    left = 0.0
    for nodes in parts:
        xy = _part_layout(graph.subgraph(nodes), nodes)
        xy[:, 0] += left - xy[:, 0].min()
        left = float(xy[:, 0].max()) + 2.0
        at.update((n, (float(x), float(y) - float(np.mean(xy[:, 1]))))
                  for n, (x, y) in zip(nodes, xy, strict=True))
    return at


def _part_layout(graph: Any, nodes: list[str]) -> Any:
    """One connected part's layout, upright, one hop long on average."""
    import networkx as nx
    import numpy as np

    if len(nodes) < 3:
        return np.array([[float(n), 0.0] for n in range(len(nodes))])
    # The spectral layout unfolds a ward's mesh of streets without crossings; the spring
    # relaxes its crowded corners. Starting from the spectral layout it draws on no chance,
    # and its seed is fixed all the same.
    start = nx.spectral_layout(graph)
    layout = nx.spring_layout(graph, pos=start, k=1.5 / math.sqrt(len(nodes)),
                              iterations=50, seed=LAYOUT_SEED)
    xy = _upright(np.array([layout[n] for n in nodes], dtype=float))
    edges = [np.hypot(*(xy[nodes.index(a)] - xy[nodes.index(b)])) for a, b in graph.edges]
    return xy / max(float(np.mean(edges)), 1e-9)


def _upright(xy: Any) -> Any:
    """Points turned so that their widest spread is across the page (principal axis along
    x), and flipped so that the first point is on the left and top: one reading order for
    every drawing of the same graph."""
    import numpy as np

    centred = xy - xy.mean(axis=0)
    if len(xy) < 2:
        return centred
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    turned = centred @ vectors[:, ::-1]  # eigh sorts ascending: the widest axis first
    if turned[0, 0] > 0:
        turned[:, 0] *= -1
    if turned[0, 1] < 0:
        turned[:, 1] *= -1
    return turned


def _edges(units: Sequence[Unit]) -> list[tuple[str, str]]:
    """Each neighbour pair once, in natural order (known units only)."""
    known = {u.node_id for u in units}
    edges: dict[tuple[str, str], None] = {}
    for unit in units:
        for other in unit.neighbours:
            if other in known and other != unit.node_id:
                edges.setdefault((unit.node_id, other) if unit.node_id < other
                                 else (other, unit.node_id))
    return list(edges)


def _row_positions(units: Sequence[Unit]) -> dict[str, Point]:
    """Natural order, a row per area; a long row bends back so that neighbouring numbers
    stay side by side."""
    by_area: dict[str | None, list[Unit]] = {}
    for unit in units:
        by_area.setdefault(unit.area, []).append(unit)
    width = min(ROW_LENGTH, max(len(a) for a in by_area.values()))
    at: dict[str, Point] = {}
    line = 0
    for area in sorted(by_area, key=natural_key):
        for n, unit in enumerate(by_area[area]):
            row, col = divmod(n, width)
            at[unit.node_id] = (float(col if row % 2 == 0 else width - 1 - col),
                                -float(line + row))
        line += -(-len(by_area[area]) // width)
    return at


# --- the marks ----------------------------------------------------------------------------------

def _dot_size(households: int) -> float:
    """A dot's area in points², proportional to households (legible from 0 to 2,000)."""
    return min(900.0, max(14.0, 0.4 * households))


def _dot_radius(households: int) -> float:
    """A dot's radius in points."""
    return math.sqrt(_dot_size(households)) / 2


def _ring_radius(households: int) -> float:
    """The radius in points of the ring around a solo team's dot."""
    return _dot_radius(households) + 3.5


def _area_colours(units: Sequence[Unit]) -> dict[str | None, str]:
    areas = sorted({u.area for u in units}, key=natural_key)
    return {a: AREA_COLOURS[n % len(AREA_COLOURS)] for n, a in enumerate(areas)}


def _unit_dots(ax: Axes, units: Sequence[Unit], at: dict[str, Point]) -> None:
    """Every unit a dot, sized by households, coloured by area (one collection)."""
    colours = _area_colours(units)
    ax.scatter([at[u.node_id][0] for u in units], [at[u.node_id][1] for u in units],
               s=[_dot_size(u.households) for u in units],
               c=[colours[u.area] for u in units], edgecolors="white", linewidths=0.6,
               zorder=3, gid="units")


Line = list[Point]  # a team's line in data coordinates: its two ends, or a curve between


@dataclass(slots=True)
class _Marks:
    """The teams' marks, gathered so that each kind is drawn as one collection (a hundred
    separate lines cost a tenth of a second more), and what each team's code goes by: its
    ring's unit, or its line."""

    pairs: list[Line] = field(default_factory=list)
    pair_colours: list[str] = field(default_factory=list)
    joined_pairs: list[Line] = field(default_factory=list)
    joins: list[Line] = field(default_factory=list)
    join_colours: list[str] = field(default_factory=list)
    rings: list[Unit] = field(default_factory=list)
    codes: list[tuple[Team, Line | Unit]] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        """Every team line, solid or dashed."""
        return [*self.pairs, *self.joined_pairs, *self.joins]


def _marks(teams: Sequence[Team], page: _Page) -> _Marks:
    """Every team's marks: a ring (solo); a line (pair); a line and dashed lines (joined).
    A line that would run over another unit's dot bends round it."""
    marks = _Marks()
    for team in teams:
        if team.kind is TeamKind.SOLO:
            marks.rings.append(team.units[0])
            marks.codes.append((team, team.units[0]))
            continue
        joiners = [j for j, _ in team.joins]
        base = [n for n in range(len(team.units)) if n not in joiners]
        if len(base) == 2:
            line = page.route(team.units[base[0]], team.units[base[1]])
            if team.kind is TeamKind.PAIR:
                marks.pairs.append(line)
                marks.pair_colours.append(CROSS if team.cross_area else LINE)
            else:
                marks.joined_pairs.append(line)
            marks.codes.append((team, line))
        for joiner, joined in team.joins:
            marks.joins.append(page.route(team.units[joiner], team.units[joined]))
            cross = team.cross_area and team.units[joiner].area != team.units[joined].area
            marks.join_colours.append(CROSS if cross else LINE)
        if len(base) != 2 and team.joins:
            marks.codes.append((team, marks.joins[-len(team.joins)]))
    return marks


def _draw_marks(ax: Axes, marks: _Marks, at: dict[str, Point]) -> None:
    """Rings, lines and dashed lines, one collection each."""
    from matplotlib.collections import LineCollection

    centres = [at[u.node_id] for u in marks.rings]
    ax.scatter([c[0] for c in centres], [c[1] for c in centres],
               s=[(2 * _ring_radius(u.households)) ** 2 for u in marks.rings],
               facecolors="none", edgecolors=LINE, linewidths=1.3, zorder=4, gid="rings")
    for gid, lines, colours, style in (
        ("pairs", marks.pairs, marks.pair_colours, "solid"),
        ("joined-pairs", marks.joined_pairs, [LINE] * len(marks.joined_pairs), "solid"),
        ("joins", marks.joins, marks.join_colours, JOIN_STYLE),
    ):
        widths = [2.2 if c == CROSS else 1.6 for c in colours]
        ax.add_collection(LineCollection(lines, colors=colours, linewidths=widths,
                                         linestyles=style, capstyle="round",
                                         joinstyle="round", zorder=2, gid=gid))


def _neighbour_edges(ax: Axes, units: Sequence[Unit], at: dict[str, Point]) -> None:
    """The adjacency the distances came from: faint, under the team lines."""
    from matplotlib.collections import LineCollection

    segments = [(at[a], at[b]) for a, b in _edges(units)]
    ax.add_collection(LineCollection(segments, colors=NEIGHBOUR, linewidths=0.8, zorder=1,
                                     gid="neighbours"))


# --- the texts beside the marks ----------------------------------------------------------------

LABEL_SIZE, CODE_SIZE = 6.5, 6.0  # points
# The advance of a DejaVu Sans character (digits: 0.64 em, bold 0.70 em) and a line's
# height: enough to keep texts apart without rendering them first.
_EM_WIDTH, _EM_BOLD, _EM_HEIGHT = 0.64, 0.71, 1.15
_TURNS = (0, 45, -45, 90, -90, 135, -135, 180)  # a label's places, best first (degrees)


class _Page:
    """The drawing in points on the page (1/72 inch): where the dots are, how a line gets
    round them, and where a text covers nothing."""

    def __init__(self, ax: Axes, units: Sequence[Unit], at: dict[str, Point],
                 teams: Sequence[Team]) -> None:
        import numpy as np

        self.ax, self.at = ax, at
        self.scale = 72 / ax.figure.dpi
        # The data → pixels map is affine now that the axes box is final: keep its matrix
        # (asking matplotlib to transform each point costs a third of the drawing).
        self.matrix = ax.transData.get_affine().get_matrix().copy()
        self.inverse = np.linalg.inv(self.matrix)
        solo = {t.units[0].node_id for t in teams if t.kind is TeamKind.SOLO}
        self.radius = {u.node_id: _ring_radius(u.households) if u.node_id in solo
                       else _dot_radius(u.households) for u in units}
        self.index = {u.node_id: n for n, u in enumerate(units)}
        self.dots = np.array([(*self.points(at[u.node_id]), self.radius[u.node_id])
                              for u in units], dtype=float).reshape(-1, 3)
        self.placer = Placer(self.dots, [], (0.0, 0.0, 0.0, 0.0))

    def points(self, xy: Point) -> Point:
        """Data coordinates to points on the page."""
        m = self.matrix
        return ((m[0, 0] * xy[0] + m[0, 1] * xy[1] + m[0, 2]) * self.scale,
                (m[1, 0] * xy[0] + m[1, 1] * xy[1] + m[1, 2]) * self.scale)

    def data(self, xy: Point) -> Point:
        """Points on the page to data coordinates."""
        m, x, y = self.inverse, xy[0] / self.scale, xy[1] / self.scale
        return (m[0, 0] * x + m[0, 1] * y + m[0, 2], m[1, 0] * x + m[1, 1] * y + m[1, 2])

    def box(self, extent: Any) -> Box:
        """A display box (pixels) in points."""
        return (extent.x0 * self.scale, extent.y0 * self.scale, extent.x1 * self.scale,
                extent.y1 * self.scale)

    def route(self, a: Unit, b: Unit) -> Line:
        """The line from ``a`` to ``b``: straight, unless it would run over another unit's
        dot (a pair 8–10 in a row where 9 stands alone); then the gentlest curve, to one
        side or the other, that covers fewer dots (none, if one does)."""
        start, end = self.points(self.at[a.node_id]), self.points(self.at[b.node_id])
        mine = (self.index[a.node_id], self.index[b.node_id])
        best, fewest = [start, end], _covered(self.dots, [start, end], mine)
        for bend in BENDS:
            if fewest == 0:
                break
            for side in (1, -1):
                curve = _curve(start, end, side * bend)
                count = _covered(self.dots, curve, mine)
                if count < fewest:
                    best, fewest = curve, count
        return [self.at[a.node_id], *(self.data(p) for p in best[1:-1]), self.at[b.node_id]]

    def put(self, label: str, places: list[tuple[Point, Point]], size: float, bold: bool,
            **style: Any) -> None:
        """``label`` at the first free of ``places`` (an anchor in data coordinates and an
        offset in points, the text on the side the offset points to)."""
        em = (_EM_BOLD if bold else _EM_WIDTH) * size
        extent = (em * len(label) + 1.0, _EM_HEIGHT * size)
        boxes = [text_box(self.points(anchor), offset, _aligned(*offset), extent)
                 for anchor, offset in places]
        anchor, offset = places[self.placer.place(boxes)]
        ha, va = _aligned(*offset)
        self.ax.text(anchor[0], anchor[1], label, transform=_shifted(self.ax, *offset),
                     fontsize=size, fontweight="bold" if bold else "normal", ha=ha, va=va,
                     **style)


def _covered(dots: Any, line: Sequence[Point], skip: tuple[int, int]) -> int:
    """How many dots (x, y, radius in points) the polyline runs over, its own ends apart."""
    import numpy as np

    points = np.asarray(line, dtype=float)
    start, step = points[:-1], points[1:] - points[:-1]  # one row per straight piece
    centres = dots[:, None, :2]  # dots × pieces
    length = np.maximum(np.einsum("ij,ij->i", step, step), 1e-9)
    t = np.clip(np.einsum("dpj,pj->dp", centres - start, step) / length, 0.0, 1.0)
    gap = np.hypot(*np.moveaxis(centres - (start + t[..., None] * step), -1, 0))
    hit = (gap < dots[:, 2:3] + 1.0).any(axis=1)
    hit[list(skip)] = False
    return int(np.count_nonzero(hit))


def _curve(start: Point, end: Point, bend: float, steps: int = 16) -> list[Point]:
    """A quadratic curve from ``start`` to ``end`` whose control point stands ``bend``
    times the chord's length off its middle (left of the way from start to end)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    control = ((start[0] + end[0]) / 2 - dy * bend, (start[1] + end[1]) / 2 + dx * bend)
    return [((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t ** 2 * end[0],
             (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t ** 2 * end[1])
            for t in (n / steps for n in range(steps + 1))]


def _texts(page: _Page, teams: Sequence[Team], units: Sequence[Unit], marks: _Marks,
           kept_clear: list[Any]) -> None:
    """Each unit's short label and each team's code, each where it covers nothing: no dot,
    no team line, no text placed before it, nothing in ``kept_clear``."""
    ax, at = page.ax, page.at
    lines = [(page.points(a), page.points(b)) for line in marks.lines
             for a, b in zip(line, line[1:], strict=False)]
    page.placer = Placer(page.dots, lines, page.box(ax.get_window_extent()))
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for artist in kept_clear:
        page.placer.block(page.box(artist.get_window_extent(renderer)))
    away = _away_from_partners(teams, {u.node_id: page.points(at[u.node_id]) for u in units})
    typed = len({u.unit_type for u in units}) > 1
    for unit in units:
        reach = page.radius[unit.node_id] + 1.5
        turns = [_turn(away[unit.node_id], angle) for angle in _TURNS]
        page.put(unit_short(unit, typed),
                 [(at[unit.node_id], (dx * reach, dy * reach)) for dx, dy in turns],
                 LABEL_SIZE, False, zorder=5, gid=f"label {unit.node_id}")
    for team, mark in marks.codes:
        places = (_ring_places(at[mark.node_id], page.radius[mark.node_id])
                  if isinstance(mark, Unit) else _line_places(page, mark))
        page.put(team.id, places, CODE_SIZE, True, zorder=4,
                 color=CROSS if team.cross_area else LINE, gid=f"team {team.id}")


def _ring_places(centre: Point, radius: float) -> list[tuple[Point, Point]]:
    """A solo team's code around its ring: below right first, then round."""
    ways = ((1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, -1), (0, 1))
    return [(centre, (dx * (radius + gap) / math.hypot(dx, dy),
                      dy * (radius + gap) / math.hypot(dx, dy)))
            for gap in (1.0, 8.0, 15.0) for dx, dy in ways]


def _line_places(page: _Page, line: Line) -> list[tuple[Point, Point]]:
    """A team's code beside its line: by the middle first (above, then below), then by a
    third of the way along from either end, then farther off."""
    places = []
    for reach in (3.5, 9.0):
        for t in (0.5, 0.3, 0.7):
            anchor, a, b = _along(line, t)
            along = _unit_vector(page.points(b), page.points(a))
            side = (-along[1], along[0]) if along[0] >= 0 else (along[1], -along[0])
            places += [(anchor, (sign * side[0] * reach, sign * side[1] * reach))
                       for sign in (1, -1)]
    return places


def _along(line: Line, t: float) -> tuple[Point, Point, Point]:
    """The point a fraction ``t`` along the line (by its vertices), and the ends of the
    piece it lies on."""
    at = t * (len(line) - 1)
    n = min(int(at), len(line) - 2)
    a, b = line[n], line[n + 1]
    f = at - n
    return (a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])), a, b


def _shifted(ax: Axes, dx: float, dy: float) -> Any:
    """Data coordinates moved by (dx, dy) points: a text beside its mark at any scale."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transData + ScaledTranslation(dx / 72, dy / 72, ax.figure.dpi_scale_trans)


def _away_from_partners(teams: Sequence[Team], at: dict[str, Point]) -> dict[str, Point]:
    """For each unit, the unit vector pointing away from the rest of its team (up when
    alone or on top of them): its label's first choice, clear of its team's line."""
    away: dict[str, Point] = {}
    for team in teams:
        where = [at[u.node_id] for u in team.units]
        for n, unit in enumerate(team.units):
            others = [p for m, p in enumerate(where) if m != n]
            away[unit.node_id] = _unit_vector(where[n], _centre(others) if others else None)
    return away


def _unit_vector(to: Point, start: Point | None) -> Point:
    """The direction from ``start`` to ``to``; straight up when there is none."""
    if start is None:
        return (0.0, 1.0)
    dx, dy = to[0] - start[0], to[1] - start[1]
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 0 else (0.0, 1.0)


def _turn(vector: Point, degrees: float) -> Point:
    angle = math.radians(degrees)
    c, s = math.cos(angle), math.sin(angle)
    return (vector[0] * c - vector[1] * s, vector[0] * s + vector[1] * c)


def _centre(points: Sequence[Point]) -> Point:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _aligned(dx: float, dy: float) -> tuple[str, str]:
    """The text alignment (horizontal, vertical) that keeps a text on the side its offset
    points to."""
    length = math.hypot(dx, dy) or 1.0
    dx, dy = dx / length, dy / length
    ha = "left" if dx > 0.38 else "right" if dx < -0.38 else "center"
    va = "bottom" if dy > 0.38 else "top" if dy < -0.38 else "center"
    return ha, va


# --- the frame ---------------------------------------------------------------------------------

def _frame(ax: Axes, basis: Proximity, units: Sequence[Unit], at: dict[str, Point]
           ) -> list[Any]:
    """Room around the dots for their labels; equal axes on a map and on a graph, with a
    scale bar in the room left below a map. Returns what the labels must keep clear of."""
    xs = [p[0] for p in at.values()]
    ys = [p[1] for p in at.values()]
    if basis is Proximity.NUMBERING:
        right = max(xs) + 0.8
        ax.set_xlim(min(xs) - _title_room(ax, units, right - min(xs)), right)
        rows = max(ys) - min(ys) + 1.6
        if rows < NUMBERING_ROWS:  # few rows: a shorter frame, rows kept a sixth apart
            box = ax.get_position()
            height = box.height * rows / NUMBERING_ROWS
            ax.set_position((box.x0, box.y1 - height, box.width, height))
        ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
        return _row_titles(ax, units, at)
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = span * 0.06
    below = 2.2 * pad if basis is Proximity.COORDINATES else pad
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - below, max(ys) + pad)
    ax.set_aspect("equal", adjustable="box")
    if basis is Proximity.COORDINATES:
        return _scale_bar(ax, span, min(xs), min(ys) - 1.3 * pad)
    return []


def _title_room(ax: Axes, units: Sequence[Unit], span: float) -> float:
    """Numbering: how far left of the first column the axes must reach for the longest
    area name (8 pt, about 5 points a letter) to fit before its row."""
    letters = max((len(area_text(u.area, u.area_type)) for u in units), default=0)
    width = ax.get_position().width * FIGSIZE[0] * 72  # the axes, in points
    share = min(0.5, (5.0 * letters + 12) / width)  # of the axes' width, names and a gap
    return (0.8 + share * span) / (1 - share)


def _row_titles(ax: Axes, units: Sequence[Unit], at: dict[str, Point]) -> list[Any]:
    """Numbering: each area's name at the start of its row."""
    first: dict[str | None, Unit] = {}
    for unit in units:
        first.setdefault(unit.area, unit)
    return [ax.text(-0.8, at[unit.node_id][1], area_text(area, unit.area_type), ha="right",
                    va="center",
                    fontsize=8, gid=f"area {area}")
            for area, unit in first.items() if area is not None]


def _scale_bar(ax: Axes, span: float, x0: float, y0: float) -> list[Any]:
    """A bar of a round number of metres, about a fifth of the ward's width, at (x0, y0)."""
    length = _round_length(span / 5)
    bar = ax.plot((x0, x0 + length), (y0, y0), color="black", linewidth=3,
                  solid_capstyle="butt", gid="scale")
    label = f"{length:,} m".replace(",", ".")  # Vietnamese thousands: 1.000 m
    words = ax.text(x0 + length / 2, y0, label, transform=_shifted(ax, 0, -4), ha="center",
                    va="top", fontsize=8, gid="scale label")
    return [*bar, words]


def _round_length(metres: float) -> int:
    """The largest of 1, 2, 5 × 10ⁿ metres not above ``metres`` (at least 10 m)."""
    best = 10
    for power in range(1, 7):
        for step in (1, 2, 5):
            if step * 10 ** power <= metres:
                best = step * 10 ** power
    return best


# --- the legend and the titles -----------------------------------------------------------------

def _key(figure: Figure, ward: WardPlan, units: Sequence[Unit], words: dict[str, str]) -> None:
    """The legend, right of the picture: areas, dot sizes, what each mark means. Drawn by
    hand on the figure: matplotlib's own legend (or another axes) costs a tenth of a second
    more."""
    import textwrap

    from matplotlib.lines import Line2D

    rows = [(textwrap.wrap(label, KEY_WRAP) or [""], look)
            for label, look in _key_rows(ward, units, words)]
    tall = [1 + 0.6 * (len(lines) - 1) for lines, _ in rows]  # a wrapped row takes more
    step = min(KEY_HEIGHT / max(1.0, sum(tall)), KEY_STEP)
    y = KEY_TOP + step / 2
    for (lines, look), height in zip(rows, tall, strict=True):
        y -= step * (height + 1) / 2  # from the middle of the row above to this one's
        label = "\n".join(lines)
        if look is None:
            figure.text(KEY_LEFT, y, label, fontsize=8.5, fontweight="bold", va="center")
            y -= step * (height - 1) / 2
            continue
        figure.text(KEY_LEFT + 0.035, y, label, fontsize=8, va="center", linespacing=1.1)
        if "linestyle" in look:
            mark = Line2D((KEY_LEFT, KEY_LEFT + 0.025), (y, y), solid_capstyle="round", **look)
        else:
            mark = Line2D((KEY_LEFT + 0.0125,), (y,), linestyle="none", **look)
        mark.set_transform(figure.transFigure)
        figure.add_artist(mark)
        y -= step * (height - 1) / 2


def _key_rows(ward: WardPlan, units: Sequence[Unit], words: dict[str, str]
              ) -> list[tuple[str, dict[str, Any] | None]]:
    """The legend's rows: a label and how its mark looks (None: a heading)."""
    def dot(colour: str, households: int, edge: str = "white", width: float = 0.6
            ) -> dict[str, Any]:
        return {"marker": "o", "markersize": 2 * _dot_radius(households),
                "markerfacecolor": colour, "markeredgecolor": edge, "markeredgewidth": width}

    area_kinds = {u.area: u.area_type for u in units}
    rows: list[tuple[str, dict[str, Any] | None]] = [
        (area_text(area, area_kinds.get(area)), dot(colour, 125))
        for area, colour in _area_colours(units).items() if area is not None
    ]
    rows += [("", None)] if rows else []
    rows += [("Số hộ", None)]
    rows += [(f"{n:,} hộ".replace(",", "."), dot("#909090", n)) for n in (100, 450, 1000)]
    rows += [("", None), ("Tổ công nghệ số", None)]
    kinds = {t.kind for t in ward.teams}
    line = {"color": LINE, "linewidth": 1.6, "linestyle": "solid"}
    if TeamKind.SOLO in kinds:
        rows.append((words["solo"], dot("none", 150, LINE, 1.3)))
    if kinds & {TeamKind.PAIR, TeamKind.JOINED}:
        rows.append((words["pair"], line))
    if any(t.cross_area for t in ward.teams):
        rows.append((words["cross"], {**line, "color": CROSS, "linewidth": 2.2}))
    if TeamKind.JOINED in kinds:
        rows.append((words["joined"], {**line, "linestyle": JOIN_STYLE}))
    if ward.proximity is Proximity.ADJACENCY:
        rows.append((words["neighbours"], {**line, "color": NEIGHBOUR, "linewidth": 0.8}))
    return rows


def _titles(figure: Figure, ward: WardPlan, profile: Profile, units: Sequence[Unit]) -> None:
    """The ward, the profile and the proximity basis above; a note below when the picture
    is not a map."""
    basis = text(f"proximity_{ward.proximity.value}", "vi")
    title = f"{ward_text(ward.ward, ward.ward_type)}: sơ đồ tổ công nghệ số cộng đồng"
    figure.text(0.02, 0.965, title,
                fontsize=14, fontweight="bold", va="top")
    figure.text(0.02, 0.925, f"Bộ quy tắc: {profile.title}  ·  Khoảng cách theo {basis}  ·  "
                f"{len(ward.teams)} tổ công nghệ số", fontsize=9, va="top", color="#404040")
    if ward.proximity is Proximity.NUMBERING:  # under the frame, however tall it is
        below = figure.axes[0].get_position().y0 - 0.035
        figure.text(0.02, below, numbering_note(units), fontsize=8.5, style="italic",
                    color="#404040", va="center")
