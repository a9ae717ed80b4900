"""Profiles: one locality's rules, loaded from TOML and checked into typed values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from tcns_cli.errors import CHECK_SEVERITY, Severity, TcnsError
from tcns_cli.messages import Localized
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
    """Check a profile's TOML and build it; every mistake is listed, each naming its key."""
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TcnsError("PROFILE_SYNTAX", file=origin, detail=str(exc)) from None
    problems: list[TcnsError] = []
    top = _check_table(raw, Profile, origin, "", problems, skip=set(_SECTIONS) | {"deputy"})
    sections: dict[str, Any] = {
        name: cls(**_check_table(raw.get(name, {}), cls, origin, name, problems))
        for name, cls in _SECTIONS.items()
    }
    if raw.get("deputy") is not None:
        sections["deputy"] = DeputyRule(
            **_check_table(raw["deputy"], DeputyRule, origin, "deputy", problems)
        )
    for key in ("id", "title"):
        if key not in raw:
            problems.append(TcnsError("PROFILE_MISSING_KEY", file=origin, key=key))
            top[key] = ""
    profile = Profile(**top, **sections, source=origin)
    problems += _check_values(profile, origin)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ProfileErrors(problems)
    return profile


class ProfileErrors(TcnsError):
    """Several mistakes in one profile: all of them are shown."""

    def __init__(self, problems: list[TcnsError]) -> None:
        self.problems = problems
        super().__init__("PROFILE_ERRORS", count=len(problems))

    def message(self, lang: str) -> str:
        """Every mistake on its own line."""
        lines = [p.message(lang) for p in self.problems]
        return "\n".join([super().message(lang), *(f"  - {line}" for line in lines)])


_SECTIONS: dict[str, type] = {"grouping": Grouping, "leader": LeaderRule, "members": MemberRule}
_TYPES: dict[str, type] = {"int": int, "str": str, "bool": bool}
_EXPECTED = {
    "int": Localized("số nguyên", "a whole number"),
    "str": Localized("chữ (trong ngoặc kép)", "text (in quotes)"),
    "bool": Localized("true hoặc false", "true or false"),
    "table": Localized("một bảng [..]", "a table [..]"),
    "list": Localized("danh sách chữ [\"..\", \"..\"]", "a list of text [\"..\", \"..\"]"),
}


def _check_table(
    raw: Any, cls: type, origin: str, section: str, problems: list[TcnsError],
    skip: set[str] | None = None,
) -> dict[str, Any]:
    if not isinstance(raw, dict):
        problems.append(
            TcnsError("PROFILE_BAD_TYPE", file=origin, key=section, expected=_EXPECTED["table"])
        )
        return {}
    known = {f.name: f for f in fields(cls) if f.name != "source"}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        dotted = f"{section}.{key}" if section else key
        if skip and key in skip:
            continue
        if key not in known:
            problems.append(TcnsError("PROFILE_UNKNOWN_KEY", file=origin, key=dotted,
                                      known=", ".join(known)))
            continue
        try:
            out[key] = _coerce(value, str(known[key].type), origin, dotted)
        except TcnsError as problem:
            problems.append(problem)
    return out


def _coerce(value: Any, annotation: str, origin: str, key: str) -> Any:
    if key == "severity":
        return _severities(value, origin)
    if annotation.startswith("tuple"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TcnsError("PROFILE_BAD_TYPE", file=origin, key=key, expected=_EXPECTED["list"])
        return tuple(value)
    expected = _TYPES.get(annotation, str)
    # bool is a subclass of int: a threshold of `true` is still a mistake.
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise TcnsError("PROFILE_BAD_TYPE", file=origin, key=key,
                        expected=_EXPECTED.get(annotation, annotation))
    return value


def _severities(value: Any, origin: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise TcnsError(
            "PROFILE_BAD_TYPE", file=origin, key="severity", expected=_EXPECTED["table"]
        )
    out = []
    for code, level in sorted(value.items()):
        if code not in CHECK_SEVERITY:
            raise TcnsError("PROFILE_BAD_VALUE", file=origin, key=f"severity.{code}",
                            allowed=", ".join(CHECK_SEVERITY))
        if level not in {s.value for s in Severity}:
            raise TcnsError("PROFILE_BAD_VALUE", file=origin, key=f"severity.{code}",
                            allowed="error, warning, info")
        out.append((code, Severity(level)))
    return tuple(out)


def _check_values(profile: Profile, origin: str) -> list[TcnsError]:
    g, m = profile.grouping, profile.members
    problems = []
    choices = (
        ("grouping.area", g.area, AREAS),
        ("grouping.leftover", g.leftover, LEFTOVERS),
        ("leader.prefer", profile.leader.prefer, LEADER_PREFERENCES),
    )
    for key, value, allowed in choices:
        if value not in allowed:
            problems.append(TcnsError("PROFILE_BAD_VALUE", file=origin, key=key,
                                      allowed=", ".join(allowed)))
    counts = (
        ("grouping.large_threshold", g.large_threshold),
        ("grouping.max_units_per_team", g.max_units_per_team),
        ("members.per_unit", m.per_unit),
        ("members.per_team", m.per_team),
        ("members.min_team_size", m.min_team_size),
        ("members.max_team_size", m.max_team_size),
    )
    problems += [
        TcnsError("PROFILE_NEGATIVE", file=origin, key=key, value=number)
        for key, number in counts if number < 0
    ]
    if m.min_team_size and m.max_team_size and m.min_team_size > m.max_team_size:
        problems.append(TcnsError("PROFILE_MIN_OVER_MAX", file=origin,
                                  low=m.min_team_size, high=m.max_team_size))
    orgs = [("members.organizations", o) for o in m.organizations]
    orgs += [("members.prefer", o) for o in m.prefer]
    orgs += [("members.required_roles", o) for o in m.required_roles]
    if profile.deputy is not None:
        orgs.append(("deputy.organization", profile.deputy.organization))
    problems += [
        TcnsError("PROFILE_BAD_ORGANIZATION", file=origin, key=key, value=org,
                  allowed=", ".join(ORGANIZATIONS))
        for key, org in orgs if org not in ORGANIZATIONS
    ]
    return problems


def parameters(profile: Profile) -> list[tuple[str, str]]:
    """Every parameter as ``(dotted key, value as text)``, in file order."""
    rows: list[tuple[str, str]] = [("id", profile.id), ("title", profile.title)]
    rows += [("documents", doc) for doc in profile.documents]
    rows.append(("platforms", ", ".join(profile.platforms)))
    sections: list[tuple[str, Any]] = [("grouping", profile.grouping), ("leader", profile.leader)]
    if profile.deputy is not None:
        sections.append(("deputy", profile.deputy))
    sections.append(("members", profile.members))
    for name, section in sections:
        for item in fields(section):
            value = getattr(section, item.name)
            text = ", ".join(value) if isinstance(value, tuple) else str(value).lower() \
                if isinstance(value, bool) else str(value)
            rows.append((f"{name}.{item.name}", text))
    rows += [(f"severity.{code}", level.value) for code, level in profile.severity]
    return rows
