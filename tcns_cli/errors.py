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


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in the data: a code, a severity, the values for its message, a place."""

    code: str
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=dict)
    ward: str | None = None
    khu_pho: str | None = None
    tdp: str | None = None
    team: str | None = None
    source: Source = field(default_factory=Source)

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
