"""Plain values shared by every layer: where a value came from, units, people, what a run
read (Dataset), teams, plans, and team lists. Readers make them, the middle computes with
them, writers and the terminal show them; none of those imports another layer for them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from tcns_cli.normalize import natural_key
from tcns_cli.places import unit_slots

if TYPE_CHECKING:
    from tcns_cli.errors import Finding, Report
    from tcns_cli.profiles import Profile


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value came from: file, sheet, Excel row (1-based) and column header."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def at_column(self, column: str | None) -> Source:
        """The same cell position, pointing at another column."""
        return Source(self.file, self.sheet, self.row, column)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who may lead or serve in a team."""

    name: str
    birth_year: int | None = None
    gender: str | None = None
    ward: str | None = None
    area: str | None = None  # the key of the unit the person belongs to: its area …
    unit: str | None = None  # … and its label (see Unit.key)
    organization: str | None = None
    position: str | None = None
    phone: str | None = None
    digital_skills: bool = False
    is_unit_leader: bool = False
    source: Source = field(default_factory=Source, compare=False)
    unit_type: str | None = "to_dan_pho"  # the type of that unit (places.PLACE_TYPES)


@dataclass(frozen=True, slots=True)
class Unit:
    """A residential group a team serves: a tổ dân phố, thôn, ấp, khu phố… (SPEC §1).

    ``area`` is the canonical label of the area the unit is paired in (its khu phố), None
    where the data has no level above the unit; ``label`` is the unit's own canonical label;
    ``unit_type`` and ``area_type`` are keys of :data:`tcns_cli.places.PLACE_TYPES`.
    """

    ward: str
    area: str | None
    label: str
    households: int
    lat: float | None = None
    lon: float | None = None
    neighbours: tuple[str, ...] = ()  # node ids of the units it borders
    leader: Person | None = None
    source: Source = field(default_factory=Source, compare=False)
    unit_type: str = "to_dan_pho"
    area_type: str | None = "khu_pho"

    @property
    def key(self) -> UnitKey:
        """The unit's identity inside its ward (a merged commune may have a Thôn 1 and a
        Tổ dân phố 1)."""
        return (self.area, self.label, self.unit_type)

    @property
    def node_id(self) -> str:
        """The key as one string (neighbour lists, graphs)."""
        return f"{self.area or ''}\x1f{self.label}\x1f{self.unit_type}"


UnitKey = tuple[str | None, str, str]


def unit_order(unit: Unit) -> tuple[object, ...]:
    """Natural order of units inside a ward: area, then label."""
    return (natural_key(unit.area), natural_key(unit.label))


class TeamKind(StrEnum):
    """How a team was formed (SPEC §4.2)."""

    SOLO = "solo"
    PAIR = "pair"
    JOINED = "joined"


# The mean Earth radius (IUGG): great-circle distances and the picture's scale bar both use it.
EARTH_RADIUS_M = 6_371_008.8
# SPEC §8: no real pairing area holds more units than this, nor a real ward more than
# LARGE_WARD_UNITS; a file read without its ward or khu phố column makes one.
MAX_AREA_UNITS = 2000
LARGE_WARD_UNITS = 1000


class Proximity(StrEnum):
    """The basis on which a ward's distances were measured (SPEC §4.1)."""

    COORDINATES = "coordinates"
    ADJACENCY = "adjacency"
    NUMBERING = "numbering"


@dataclass(frozen=True, slots=True)
class Team:
    """A planned team: its units, how it was formed, and (after composition) its people."""

    id: str
    ward: str
    kind: TeamKind
    units: tuple[Unit, ...]
    distance: float | None = None
    cross_area: bool = False
    leader: Person | None = None
    deputy: Person | None = None
    members: tuple[Person | None, ...] = ()
    # A joined team's leftovers: (joiner, the unit it joined), as indices into ``units``.
    # The picture draws them; the JSON of SPEC §6.2 does not carry them.
    joins: tuple[tuple[int, int], ...] = ()

    @property
    def households(self) -> int:
        """Households served by the team."""
        return sum(u.households for u in self.units)

    @property
    def open_slots(self) -> int:
        """Member places left empty."""
        return sum(1 for m in self.members if m is None)

    @property
    def size(self) -> int:
        """People in the team: leader, deputy and members."""
        return (self.leader is not None) + (self.deputy is not None) + sum(
            1 for m in self.members if m is not None
        )


class Status(StrEnum):
    """What re-planning did to a team (SPEC §9)."""

    KEPT = "kept"
    CHANGED = "changed"
    NEW = "new"
    DISSOLVED = "dissolved"


@dataclass(frozen=True, slots=True)
class Change:
    """One current or new team, before and after re-planning (SPEC §9).

    ``gone`` are the current team's units that the data no longer has (as the list wrote
    them); ``reasons`` are reason codes; each person out or in comes with the code of why.
    """

    team: str
    status: Status
    before: tuple[Unit, ...]
    after: tuple[Unit, ...]
    reasons: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    people_out: tuple[tuple[Person, str], ...] = ()
    people_in: tuple[tuple[Person, str], ...] = ()
    listed: int = 0  # how many people the current list gives the team


@dataclass(frozen=True, slots=True)
class WardPlan:
    """Every team of one ward and the proximity basis used; re-planned, what changed."""

    ward: str
    proximity: Proximity
    teams: tuple[Team, ...]
    ward_type: str | None = None  # phường, xã, đặc khu, thị trấn; None: not known
    changes: tuple[Change, ...] | None = None  # None: planned without current teams


@dataclass(frozen=True, slots=True)
class Plan:
    """Every ward's teams, the profile they follow, and what was found on the way."""

    profile: Profile
    wards: tuple[WardPlan, ...]
    report: Report

    @property
    def teams(self) -> tuple[Team, ...]:
        """Every team of every ward."""
        return tuple(t for w in self.wards for t in w.teams)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The report's findings."""
        return self.report.findings

    def only(self, ward: str) -> Plan:
        """The part of the plan that concerns one ward (its teams and its findings)."""
        findings = tuple(f for f in self.report.findings if f.ward == ward)
        return Plan(self.profile, tuple(w for w in self.wards if w.ward == ward),
                    dataclasses.replace(self.report, findings=findings))


@dataclass(frozen=True, slots=True)
class Validation:
    """What ``validate`` found, and how many teams and people it checked."""

    report: Report
    teams: int
    people: int


@dataclass(frozen=True, slots=True)
class Dataset:
    """What a run reads: every unit (ward order as in the input, units in natural order)."""

    units: tuple[Unit, ...]
    people: tuple[Person, ...]
    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    ward_types: tuple[tuple[str, str | None], ...] = ()

    def wards(self) -> list[str]:
        """Ward names in input order."""
        return list(dict.fromkeys(u.ward for u in self.units))

    def ward_type(self, ward: str) -> str | None:
        """The ward's type (phường, xã, đặc khu, thị trấn), None when not known."""
        return dict(self.ward_types).get(ward)


class UnitIndex:
    """Looks units up by ward, area and label, the way officers write them; the type word,
    when the text gives one, tells a Thôn 1 from a Tổ dân phố 1."""

    def __init__(self, units: list[Unit] | tuple[Unit, ...]) -> None:
        self.by_key: dict[tuple[str, str | None, str | None], list[Unit]] = defaultdict(list)
        self.by_label: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        for unit in units:
            self.by_key[(unit.ward, unit.area, unit.label)].append(unit)
            self.by_label[(unit.ward, unit.label)].append(unit)
        self.wards = list(dict.fromkeys(u.ward for u in units))

    def find(self, ward: str | None, area: str | None, label: str | None,
             unit_type: str | None = None) -> Unit | None:
        """The unit meant by this key; a label unique in its ward needs no area."""
        for candidate in [ward] if ward is not None else self.wards:
            unit = self._find_in(candidate, area, label, unit_type) if candidate else None
            if unit is not None:
                return unit
        return None

    def _find_in(self, ward: str, area: str | None, label: str | None,
                 unit_type: str | None) -> Unit | None:
        exact = _of_type(self.by_key.get((ward, area, label), []), unit_type)
        if len(exact) == 1:
            return exact[0]
        name = label if label is not None else area
        same = _of_type(self.by_label.get((ward, name), []), unit_type) if name else []
        if area is not None and label is not None:
            same = [u for u in same if unit_slots(u)[0] in (None, area)]
        return same[0] if len(same) == 1 else None


def _of_type(units: list[Unit], unit_type: str | None) -> list[Unit]:
    """The units of that type, when there is a choice and the type is known."""
    if unit_type is None or len(units) < 2:
        return units
    return [u for u in units if u.unit_type == unit_type] or units


LEADER, DEPUTY, MEMBER = "leader", "deputy", "member"  # roles in a team


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One person's row of a team list, as written (its units still text).

    ``person`` is None for a place left open (its role given, its name blank to be written
    in) and, with an empty ``role``, for a team the list names with nobody on it (a heading
    row or a team's row with no name under it), so that the team is still checked.
    ``source`` is where the person stands; ``team_source`` where the team's own problems are
    shown (its heading row, its row in a one-row-per-team list; None: the team's first row).
    """

    team: str
    ward: str | None
    areas: str
    units: str
    role: str
    person: Person | None  # None: an open place, or (no role) a team with nobody on it
    platform: str
    source: Source
    team_source: Source | None = None


@dataclass(frozen=True, slots=True)
class CheckedTeam:
    """A team as the checks see it: from a team list (its units found in the unit file) or
    from a plan."""

    id: str
    ward: str
    units: tuple[Unit, ...]
    leaders: tuple[Person, ...] = ()
    deputies: tuple[Person, ...] = ()
    members: tuple[Person, ...] = ()
    platform: str = ""
    source: Source = field(default_factory=Source)
    unknown_units: tuple[str, ...] = ()
    # Rows that give a role ("leader", "deputy", "member") but no name: places left open.
    open_places: tuple[tuple[str, Source], ...] = ()

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone in the team."""
        return (*self.leaders, *self.deputies, *self.members)
