"""Plain values shared by every layer: where a value came from, units, people, teams, plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    khu_pho: str | None = None
    tdp: str | None = None
    organization: str | None = None
    position: str | None = None
    phone: str | None = None
    digital_skills: bool = False
    is_unit_leader: bool = False
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True, slots=True)
class Unit:
    """A residential group a team serves (a TDP, or a khu phố where there is no TDP level)."""

    ward: str
    khu_pho: str | None
    tdp: str | None
    households: int
    lat: float | None = None
    lon: float | None = None
    neighbours: tuple[str, ...] = ()
    leader: Person | None = None
    source: Source = field(default_factory=Source, compare=False)

    @property
    def key(self) -> tuple[str | None, str | None]:
        """The unit's identity inside its ward."""
        return (self.khu_pho, self.tdp)

    @property
    def label(self) -> str:
        """The unit's own label: its TDP, else its khu phố."""
        return self.tdp if self.tdp is not None else (self.khu_pho or "")


class TeamKind(StrEnum):
    """How a team was formed (SPEC §4.2)."""

    SOLO = "solo"
    PAIR = "pair"
    JOINED = "joined"


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

    @property
    def households(self) -> int:
        """Households served by the team."""
        return sum(u.households for u in self.units)

    @property
    def khu_phos(self) -> tuple[str, ...]:
        """The distinct khu phố of the team's units, in unit order."""
        return tuple(dict.fromkeys(u.khu_pho for u in self.units if u.khu_pho is not None))


@dataclass(frozen=True, slots=True)
class WardPlan:
    """Every team of one ward and the proximity basis used."""

    ward: str
    proximity: Proximity
    teams: tuple[Team, ...]
