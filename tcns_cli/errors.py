"""The three tiers of trouble: findings (data), TcnsError (fatal input), and bugs (propagate)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tcns_cli.messages import text
from tcns_cli.model import Source


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# The checks of SPEC §7 with their default severities; a profile's [severity] may change them.
CHECK_SEVERITY: dict[str, Severity] = {
    "UNIT_NOT_COVERED": _E, "UNIT_IN_SEVERAL_TEAMS": _E, "UNKNOWN_UNIT": _E,
    "LARGE_UNIT_NOT_ALONE": _E, "SMALL_UNIT_ALONE": _E, "TOO_MANY_UNITS": _E,
    "AVOIDABLE_CROSS_AREA": _E, "NO_LEADER": _E, "OPEN_PLACE": _W, "LEADER_NOT_UNIT_LEADER": _E,
    "LEADER_NOT_YOUNGEST": _W, "MEMBER_COUNT": _E, "MEMBER_NOT_IN_ORGANIZATION": _E,
    "YOUTH_UNION_AVAILABLE": _W, "PERSON_IN_SEVERAL_TEAMS": _E, "PHONE_CHANGED": _I,
    "BAD_PHONE": _W,
    "PLATFORM_NOT_ALLOWED": _W, "TEAM_SIZE": _W, "MISSING_ROLE": _E,
}

# What reading and planning find; fixed. A plan is written without a leader's data, so
# there NO_LEADER only warns (a team list without a leader is an error of the check).
FOUND_SEVERITY: dict[str, Severity] = {
    # reading a unit or people sheet
    "MISSING_UNIT_LABEL": _E, "MISSING_HOUSEHOLDS": _E, "BAD_HOUSEHOLDS": _E,
    "MIXED_DELIMITER": _E, "DUPLICATE_UNIT": _E, "ROSTER_NO_TEAM": _E, "TEAM_NO_UNIT": _E,
    "BAD_COORDINATE": _W, "BAD_PHONE": _W, "BAD_BIRTH_YEAR": _W, "PERSON_NO_NAME": _W,
    "PERSON_UNKNOWN_UNIT": _W, "SEVERAL_LEADERS": _W, "UNKNOWN_NEIGHBOUR": _W,
    "UNKNOWN_ORGANIZATION": _W, "MOJIBAKE_LOST": _W,
    "TOTAL_ROW_SKIPPED": _I, "EXAMPLE_ROW_SKIPPED": _I, "ROWS_AFTER_TOTAL": _I,
    "SECTION_ROW_SKIPPED": _I, "WARD_TYPE_UNKNOWN": _W, "WARD_NOT_IN_OFFICIAL_LIST": _I,
    "LEGACY_ENCODING": _I, "MOJIBAKE_REPAIRED": _I,
    # planning a ward and composing its teams
    "PARTIAL_COORDINATES": _W, "PROXIMITY_NUMBERING": _W, "NEIGHBOURS_DISCONNECTED": _W,
    "LARGE_WARD": _W,
    "JOINED_TEAM": _W, "NO_LEADER": _W, "NO_DEPUTY": _W, "NO_CANDIDATE": _W,
    "MEMBER_BORROWED": _I,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in the data: a code, a severity, the values for its message, a place.

    ``khu_pho`` and ``tdp`` are the unit's slots of SPEC §6.2 (see ``places.slots``).
    """

    code: str
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=dict)
    ward: str | None = None
    khu_pho: str | None = None
    tdp: str | None = None
    team: str | None = None
    source: Source = field(default_factory=Source)

    @classmethod
    def of(cls, code: str, params: Mapping[str, Any] | None = None, ward: str | None = None,
           khu_pho: str | None = None, tdp: str | None = None, team: str | None = None,
           source: Source | None = None) -> Finding:
        """A finding of reading or planning, with its severity from :data:`FOUND_SEVERITY`."""
        return cls(code, FOUND_SEVERITY[code], params or {}, ward, khu_pho, tdp, team,
                   source or Source())

    def message(self, lang: str) -> str:
        """The finding's sentence in the given language."""
        return text(self.code, lang, **self.params)

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The FINDING shape of SPEC §6.2."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "ward": self.ward,
            "khu_pho": self.khu_pho,
            "tdp": self.tdp,
            "team": self.team,
            "file": self.source.file,
            "sheet": self.source.sheet,
            "row": self.source.row,
            "column": self.source.column,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Findings collected by a run."""

    findings: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Report:
        """A report of these findings, in the order of :func:`sort_findings`."""
        return cls(sort_findings(findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def valid(self) -> bool:
        """True when no finding is an error."""
        return not self.errors

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    def flatten(self) -> list[list[Any]]:
        """``[[row, column, code], ...]`` for one-line test assertions."""
        return [[f.source.row, f.source.column, f.code] for f in self.findings]

    def codes(self) -> list[str]:
        """The codes in order."""
        return [f.code for f in self.findings]


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings by severity, then file, sheet and row, keeping input order otherwise."""
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                SEVERITY_ORDER[f.severity],
                f.source.file or "",
                f.source.sheet or "",
                f.source.row or 0,
            ),
        )
    )


class TcnsError(Exception):
    """A fatal problem with the user's input or usage: exit code 2, nothing written."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    def message(self, lang: str) -> str:
        """The sentence the user reads."""
        return text(self.key, lang, **self.params)


class InputErrors(TcnsError):
    """Rows that cannot be read: every one is listed, then the run stops."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        super().__init__("INPUT_ERRORS", count=len(self.findings))
