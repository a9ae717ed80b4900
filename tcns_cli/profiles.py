"""Profiles: one locality's rules, loaded from TOML and checked into typed values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from tcns_cli.errors import Severity, TcnsError
from tcns_cli.normalize import MASS_ORGANIZATIONS, ORGANIZATIONS

DEFAULT_PROFILE = "thu-duc-4787-2022"

AREAS = ("khu_pho", "ward")
LEFTOVERS = ("pair-nearest", "join-nearest-team")
LEADER_PREFERENCES = ("youngest", "oldest", "first")


@dataclass(frozen=True, slots=True)
class Grouping:
    """How units become teams (SPEC §4.2)."""

    large_threshold: int = 450
    area: str = "khu_pho"
    leftover: str = "pair-nearest"
    max_units_per_team: int = 3


@dataclass(frozen=True, slots=True)
class LeaderRule:
    """Who leads: the leader of one of the team's units, chosen by ``prefer``."""

    prefer: str = "youngest"


@dataclass(frozen=True, slots=True)
class DeputyRule:
    """An optional deputy (Tổ phó), e.g. the Youth Union secretary of the unit."""

    organization: str = "doan-thanh-nien"
    position_contains: tuple[str, ...] = ("bi thu",)
    required: bool = False


@dataclass(frozen=True, slots=True)
class MemberRule:
    """How many members, from which organisations, in which order of preference."""

    per_unit: int = 1
    per_team: int = 0
    organizations: tuple[str, ...] = MASS_ORGANIZATIONS
    prefer: tuple[str, ...] = ("doan-thanh-nien",)
    borrow_within_team: bool = True
    min_team_size: int = 0
    max_team_size: int = 0
    required_roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """One locality's rules."""

    id: str
    title: str
    documents: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    grouping: Grouping = field(default_factory=Grouping)
    leader: LeaderRule = field(default_factory=LeaderRule)
    deputy: DeputyRule | None = None
    members: MemberRule = field(default_factory=MemberRule)
    severity: tuple[tuple[str, Severity], ...] = ()
    source: str = ""

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity this profile gives a finding code."""
        return dict(self.severity).get(code, default)


def shipped_profiles() -> list[str]:
    """The ids of the profiles shipped with tcns, sorted."""
    folder = resources.files("tcns_cli.rules")
    names = (p.name for p in folder.iterdir())
    return sorted(n.removesuffix(".toml") for n in names if n.endswith(".toml"))


def load_profile(ref: str | None) -> Profile:
    """A shipped profile by id, or a user's TOML file by path."""
    ref = ref or DEFAULT_PROFILE
    if ref.endswith(".toml") or "/" in ref or "\\" in ref:
        path = Path(ref)
        if not path.is_file():
            raise TcnsError("PROFILE_NOT_FOUND", ref=ref, known=", ".join(shipped_profiles()))
        return parse_profile(path.read_bytes(), str(path))
    if ref not in shipped_profiles():
        raise TcnsError("PROFILE_NOT_FOUND", ref=ref, known=", ".join(shipped_profiles()))
    data = resources.files("tcns_cli.rules").joinpath(f"{ref}.toml").read_bytes()
    return parse_profile(data, f"{ref}.toml")


def parse_profile(data: bytes, origin: str) -> Profile:
    """Check a profile's TOML and build it; every mistake names the key."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TcnsError("PROFILE_SYNTAX", file=origin, detail=str(exc)) from None
    top = _check_table(raw, Profile, origin, "", skip={"grouping", "leader", "deputy", "members"})
    sections: dict[str, Any] = {}
    for name, cls in (("grouping", Grouping), ("leader", LeaderRule), ("members", MemberRule)):
        sections[name] = cls(**_check_table(raw.get(name, {}), cls, origin, name))
    deputy = raw.get("deputy")
    if deputy is not None:
        sections["deputy"] = DeputyRule(**_check_table(deputy, DeputyRule, origin, "deputy"))
    profile = Profile(**top, **sections, source=origin)
    _check_values(profile, origin)
    return profile


_TYPES: dict[str, type | tuple[type, ...]] = {"int": int, "str": str, "bool": bool}


def _check_table(
    raw: Any, cls: type, origin: str, section: str, skip: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise TcnsError("PROFILE_BAD_TYPE", file=origin, key=section, expected="table")
    known = {f.name: f for f in fields(cls) if f.name != "source"}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        dotted = f"{section}.{key}" if section else key
        if key in skip:
            continue
        if key not in known:
            raise TcnsError("PROFILE_UNKNOWN_KEY", file=origin, key=dotted, known=", ".join(known))
        out[key] = _coerce(value, str(known[key].type), origin, dotted)
    missing = [f.name for f in fields(cls) if f.name in ("id", "title") and f.name not in raw]
    if missing:
        raise TcnsError("PROFILE_MISSING_KEY", file=origin, key=missing[0])
    return out


def _coerce(value: Any, annotation: str, origin: str, key: str) -> Any:
    if key == "severity":
        return _severities(value, origin)
    if annotation.startswith("tuple"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TcnsError("PROFILE_BAD_TYPE", file=origin, key=key, expected="list of text")
        return tuple(value)
    expected = _TYPES.get(annotation, str)
    # bool is a subclass of int: a threshold of `true` is still a mistake.
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise TcnsError("PROFILE_BAD_TYPE", file=origin, key=key, expected=annotation)
    return value


def _severities(value: Any, origin: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise TcnsError("PROFILE_BAD_TYPE", file=origin, key="severity", expected="table")
    out = []
    for code, level in sorted(value.items()):
        if level not in {s.value for s in Severity}:
            raise TcnsError(
                "PROFILE_BAD_VALUE", file=origin, key=f"severity.{code}",
                allowed="error, warning, info",
            )
        out.append((code, Severity(level)))
    return tuple(out)


def _check_values(profile: Profile, origin: str) -> None:
    g, m = profile.grouping, profile.members
    choices = (
        ("grouping.area", g.area, AREAS),
        ("grouping.leftover", g.leftover, LEFTOVERS),
        ("leader.prefer", profile.leader.prefer, LEADER_PREFERENCES),
    )
    for key, value, allowed in choices:
        if value not in allowed:
            raise TcnsError("PROFILE_BAD_VALUE", file=origin, key=key, allowed=", ".join(allowed))
    counts = (
        ("grouping.large_threshold", g.large_threshold),
        ("grouping.max_units_per_team", g.max_units_per_team),
        ("members.per_unit", m.per_unit),
        ("members.per_team", m.per_team),
        ("members.min_team_size", m.min_team_size),
        ("members.max_team_size", m.max_team_size),
    )
    for key, number in counts:
        if number < 0:
            raise TcnsError("PROFILE_NEGATIVE", file=origin, key=key, value=number)
    orgs = [*m.organizations, *m.prefer, *m.required_roles]
    if profile.deputy is not None:
        orgs.append(profile.deputy.organization)
    for org in orgs:
        if org not in ORGANIZATIONS:
            raise TcnsError(
                "PROFILE_BAD_VALUE", file=origin, key=org, allowed=", ".join(ORGANIZATIONS)
            )
