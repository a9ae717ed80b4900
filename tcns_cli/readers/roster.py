"""A team list in the ``Danh sách thành viên`` layout → rostered teams (SPEC §7).

The file ``tcns plan`` writes, or one typed by hand with those headers: title rows above,
rows grouped by ``Mã tổ``, the units a team serves written ``Tổ 3, Tổ 4``, ``3; 4`` or
``KP1-Tổ 3``.
"""

from __future__ import annotations

from pathlib import Path

from tcns_cli.errors import Finding, TcnsError
from tcns_cli.model import DEPUTY, LEADER, MEMBER, Person, RosterEntry
from tcns_cli.normalize import fold, nfc
from tcns_cli.places import ward_name
from tcns_cli.readers.headers import ROSTER_SHEET, find_header
from tcns_cli.readers.legacy import readable_tables
from tcns_cli.readers.people import name_field, open_place, people_of
from tcns_cli.readers.rows import Row, data_block
from tcns_cli.readers.tables import read_tables


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
    tables = readable_tables(read_tables(path), ROSTER_SHEET, findings)
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
        findings.append(Finding.of("ROSTER_NO_TEAM", source=row.at("team_id")))
        return None
    return RosterEntry(
        team=team, ward=ward_name(row.get("ward")), areas=row.text("khu_pho"),
        units=row.text("tdp"), role=role_of(row.text("role")), person=person,
        platform=row.text("platform"), source=row.at("team_id"),
    )
