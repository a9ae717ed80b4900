"""A team list in the ``Danh sách thành viên`` layout → rostered teams (SPEC §7).

The file ``tcns plan`` writes, or one typed by hand with those headers: title rows above,
rows grouped by ``Mã tổ``, the units a team serves written ``Tổ 3, Tổ 4``, ``3; 4`` or
``KP1-Tổ 3``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tcns_cli.errors import Finding, Severity, TcnsError
from tcns_cli.model import Person, Source
from tcns_cli.normalize import canonical_label, fold, nfc, ward_name
from tcns_cli.readers.headers import ROSTER_SHEET, find_header
from tcns_cli.readers.people import name_field, open_place, people_of
from tcns_cli.readers.rows import Row, data_block
from tcns_cli.readers.tables import read_tables

LEADER, DEPUTY, MEMBER = "leader", "deputy", "member"


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One person's row of the team list."""

    team: str
    ward: str | None
    khu_pho: str
    units: str
    role: str
    person: Person | None  # None: an open place, the name left blank to be written in
    platform: str
    source: Source


def role_of(text: str) -> str:
    """``Tổ trưởng`` → leader, ``Tổ phó`` → deputy, anything else → member."""
    folded = fold(text)
    if folded.startswith(("to truong", "truong")):
        return LEADER
    if folded.startswith(("to pho", "pho")):
        return DEPUTY
    return MEMBER


def read_roster(path: Path, findings: list[Finding]) -> list[RosterEntry]:
    """Every person row and open place of the team list; a file without one is fatal."""
    tables = read_tables(path)
    found = [(t, h) for t in tables if (h := find_header(t.rows, ROSTER_SHEET))]
    if not found:
        raise TcnsError("NO_ROSTER_SHEET", file=path.name)
    entries = []
    for table, header in found:
        block = data_block(table, header, ("team_id", "ward", "khu_pho", "tdp"),
                           name_field(header), findings)
        people = people_of(block, None, findings, roster=True)
        for k, (row, person) in enumerate(zip(block.rows(), people, strict=True)):
            if person is None and not open_place(block, k):
                continue
            entry = _entry(row, person, findings)
            if entry is not None:
                entries.append(entry)
    return entries


def _entry(row: Row, person: Person | None, findings: list[Finding]) -> RosterEntry | None:
    team = nfc(row.text("team_id"))
    if not team:
        findings.append(Finding("ROSTER_NO_TEAM", Severity.ERROR, source=row.at("team_id")))
        return None
    return RosterEntry(
        team=team, ward=ward_name(row.get("ward")), khu_pho=row.text("khu_pho"),
        units=row.text("tdp"), role=role_of(row.text("role")), person=person,
        platform=row.text("platform"), source=row.at("team_id"),
    )


_SPLIT = re.compile(r"[,;\n]+")
_KP_UNIT = re.compile(r"^\s*(k\s*p|khu pho|khu)\s*\.?\s*(\w+)\s*[-/:]\s*(.+)$")
_UNIT_KP = re.compile(r"^(.+?)\s*\(\s*(kp|khu pho)\s*\.?\s*(\w+)\s*\)\s*$")


def khu_pho_labels(khu_pho: str) -> list[str | None]:
    """``KP 2, KP 4`` → ``["2", "4"]``."""
    return [canonical_label(p) for p in _SPLIT.split(khu_pho) if p.strip()]


def unit_labels(khu_pho: str, units: str) -> list[tuple[str | None, str | None]]:
    """The (khu phố, TDP) labels a team row names; with no TDP text, its khu phố.

    A TDP's khu phố comes from ``KP1-Tổ 3`` or ``Tổ 3 (KP 1)``, else from a single khu phố
    cell, else (as many khu phố as TDPs) by position; None when the text does not say.
    """
    kps = khu_pho_labels(khu_pho)
    parts = [p.strip() for p in _SPLIT.split(units) if p.strip()]
    out: list[tuple[str | None, str | None]] = []
    for n, part in enumerate(parts):
        folded = fold(part)
        same_length = len(folded) == len(part)
        before, after = _KP_UNIT.match(folded), _UNIT_KP.match(folded)
        if before and same_length:
            kp, tdp = part[before.start(2) : before.end(2)], part[before.start(3) :]
        elif after and same_length:
            kp, tdp = part[after.start(3) : after.end(3)], part[: after.end(1)]
        else:
            default = kps[0] if len(kps) == 1 else kps[n] if len(kps) == len(parts) else None
            out.append((default, canonical_label(part)))
            continue
        out.append((canonical_label(kp), canonical_label(tdp)))
    return out or [(kp, None) for kp in kps]

