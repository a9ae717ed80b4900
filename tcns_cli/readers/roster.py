"""A team list in any of the three layouts of SPEC §7 → the same roster entries.

``validate`` (and re-planning) read every list through :func:`read_roster`: one entry per
person (one for a team with nobody on it), its team's code, its places as text, and where it
stands in the list, so that each finding points at the list's own cell: a person's row for a
person's problem, the team's heading row (or its row, or its first person's row) for a team's.

Team codes are the list's own: its ``Mã tổ`` or ``Tên tổ``, the number in a heading (``Tổ CNS
số 3`` → ``3``) or the heading's list number (``II``); a team the list gives none is ``T01``,
``T02``… in list order. A place column, where the list has one, wins over what a heading or
a team's name says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tcns_cli.errors import Finding, TcnsError
from tcns_cli.messages import localized
from tcns_cli.model import DEPUTY, LEADER, MEMBER, Person, RosterEntry, Source
from tcns_cli.normalize import birth_year, cell_text, fold, nfc, phone_of_text
from tcns_cli.places import TeamHeading, team_heading, ward_name
from tcns_cli.readers.headers import ANY_ROSTER_SHEET, Header
from tcns_cli.readers.legacy import readable_tables
from tcns_cli.readers.people import name_field, open_place, people_of
from tcns_cli.readers.roster_layouts import (
    HEADINGS,
    LAYOUT_ORDER,
    MISSING_NAME,
    ROWS,
    TEAMS,
    Heading,
    PersonColumns,
    RosterLayout,
    headings,
    recognise,
)
from tcns_cli.readers.rows import Block, data_block, total_label
from tcns_cli.readers.tables import Table, read_tables


def role_of(text: str) -> str:
    """``Tổ trưởng`` → leader, ``Tổ phó`` → deputy, anything else → member."""
    folded = fold(text)
    if folded.startswith(("to truong", "truong")):
        return LEADER
    if folded.startswith(("to pho", "pho")):
        return DEPUTY
    return MEMBER


# The sheet ``tcns plan`` writes its list on, and the sheets beside it (SPEC §6.1).
PLAN_ROSTER_SHEET = "Danh sách thành viên"
PLAN_SHEETS = ("Tổng hợp", "Đề xuất tổ", "Cảnh báo", "Căn cứ")


def read_roster(path: Path, findings: list[Finding]) -> list[RosterEntry]:
    """Every person row of the team list, whichever its layout; a file in none of the
    layouts is a fatal error that names them and what the file lacks.

    A workbook ``plan`` wrote (its sheets so named) whose list is in the first layout is
    read from that sheet alone: the others are ``plan``'s summaries. Any other workbook is
    read from every sheet in the layout found best.
    """
    own = read_tables(path, PLAN_ROSTER_SHEET, PLAN_SHEETS)
    if len(own) == 1 and own[0].sheet == PLAN_ROSTER_SHEET:
        alone: list[Finding] = []
        tables = readable_tables(own, ANY_ROSTER_SHEET, alone)
        layout = recognise(tables[0])
        if not isinstance(layout, str) and layout.kind == LAYOUT_ORDER[0]:
            findings += alone
            return _entries([(tables[0], layout)], layout.kind, findings)
    return _read_every_sheet(path, findings)


def _read_every_sheet(path: Path, findings: list[Finding]) -> list[RosterEntry]:
    found: list[tuple[Table, RosterLayout]] = []
    missing = MISSING_NAME
    for table in readable_tables(read_tables(path), ANY_ROSTER_SHEET, findings):
        layout = recognise(table)
        if isinstance(layout, str):
            missing = layout if layout != MISSING_NAME else missing
        else:
            found.append((table, layout))
    if not found:
        raise TcnsError("NO_ROSTER_SHEET", file=path.name, missing=localized(missing))
    kind = min((layout.kind for _, layout in found), key=LAYOUT_ORDER.index)
    return _entries(found, kind, findings)


def _entries(found: list[tuple[Table, RosterLayout]], kind: str, findings: list[Finding]
             ) -> list[RosterEntry]:
    """The entries of the sheets in the ``kind`` layout, in order."""
    codes = _Codes()
    entries: list[RosterEntry] = []
    for table, layout in found:
        if layout.kind == kind:
            entries += _READERS[kind](table, layout, codes, findings)
    findings += _teams_without_units(entries)
    return entries


@dataclass(slots=True)
class _Codes:
    """The codes given so far in one file: a team the list gives no code, or a code an
    earlier team already has, gets one of its own (``T05``; ``3 (2)`` for a second ``3``)."""

    used: set[str] = field(default_factory=set)
    teams: int = 0

    def next(self, own: str | None) -> str:
        """The code of the next team in list order."""
        self.teams += 1
        code = own or f"T{self.teams:02d}"
        if code in self.used:
            code = next(c for n in range(2, self.teams + 2) if (c := f"{code} ({n})")
                        not in self.used)
        self.used.add(code)
        return code


def team_code(team_id: str, team_name: str) -> str:
    """A list's code for a team: its ``Mã tổ``; else the number of its name (``Tổ CNS số 3``
    → ``3``); else its name as written."""
    if team_id or not team_name:
        return team_id
    heading = team_heading(team_name)
    return heading.team if heading and heading.named and heading.team else team_name


def _places(areas: str, units: str, *names: str) -> tuple[str, str]:
    """A row's place texts; when both are empty, what the team's name says (``Tên tổ`` =
    ``Tổ 3, Tổ 4 (KP 1)``)."""
    if areas or units:
        return areas, units
    for name in names:
        heading = team_heading(name) if name else None
        if heading is not None and heading.names_places:
            return heading.areas, heading.units
    return "", ""


def _teams_without_units(entries: list[RosterEntry]) -> Iterator[Finding]:
    """``TEAM_NO_UNIT`` for each team whose heading, name and place columns are all empty."""
    teams: dict[tuple[str | None, str], list[RosterEntry]] = {}
    for entry in entries:
        teams.setdefault((entry.ward, entry.team), []).append(entry)
    for (_, code), rows in teams.items():
        if not any(r.areas or r.units for r in rows):
            source = rows[0].team_source or rows[0].source
            yield Finding.of("TEAM_NO_UNIT", {"team": code}, team=code, source=source)


# --- layout 1: one row per person with a team column -------------------------------------------

def _read_rows(table: Table, layout: RosterLayout, codes: _Codes, findings: list[Finding]
               ) -> list[RosterEntry]:
    header = layout.header
    team_field = "team_id" if header.has("team_id") else "team_name"
    block = data_block(table, header, ("team_id", "team_name", "ward", "khu_pho", "tdp"),
                       name_field(header), findings)
    people = people_of(block, None, findings, roster=True)
    ids, names = block.column("team_id"), block.column("team_name")
    kps, tdps, wards = block.column("khu_pho"), block.column("tdp"), block.column("ward")
    roles, platforms = block.column("role"), block.column("platform")
    # A team's rows repeat its code, places and ward; each is read once.
    codes_of: dict[tuple[str, str], str] = {}
    places_of: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    wards_of: dict[str, str | None] = {}
    roles_of: dict[str, str] = {}
    entries = []
    for k, person in enumerate(people):
        if person is None and not open_place(block, k):
            continue
        team_id, name = ids[k], names[k]
        if (team_id, name) not in codes_of:
            codes_of[(team_id, name)] = nfc(team_code(team_id, name))
        code = codes_of[(team_id, name)]
        if not code:
            findings.append(Finding.of("ROSTER_NO_TEAM", source=block.source(k, team_field)))
            continue
        key = (kps[k], tdps[k], name, team_id)
        if key not in places_of:
            places_of[key] = _places(*key)
        areas, units = places_of[key]
        if wards[k] not in wards_of:
            wards_of[wards[k]] = ward_name(wards[k])
        if roles[k] not in roles_of:
            roles_of[roles[k]] = role_of(roles[k])
        entries.append(RosterEntry(
            team=code, ward=wards_of[wards[k]], areas=areas, units=units,
            role=roles_of[roles[k]], person=person, platform=platforms[k],
            source=block.source(k, team_field),
        ))
    codes.used.update(e.team for e in entries)
    codes.teams += len({e.team for e in entries})
    return entries


# --- layout 2: teams under heading rows -------------------------------------------------------

def _read_headings(table: Table, layout: RosterLayout, codes: _Codes,
                   findings: list[Finding]) -> list[RosterEntry]:
    header = layout.header
    opened = {h.source.row or 0: h for h in headings(table, header)}
    block = data_block(table, header, ("ward",), name_field(header), findings)
    block = _only(block, [k for k, line in enumerate(block.lines) if line not in opened])
    people = people_of(block, None, findings, roster=True)
    teams: list[tuple[Heading, list[int]]] = []
    rows = [(line, k) for k, line in enumerate(block.lines)]
    for line, k in sorted([*rows, *((line, -1) for line in opened)]):
        if k < 0:
            teams.append((opened[line], []))
        elif teams:
            teams[-1][1].append(k)
        else:  # above the first heading: in no team
            findings.append(Finding.of("ROSTER_NO_TEAM", source=block.source(k, name_field(
                header))))
    entries = []
    for heading, members in _without_sections(teams, findings):
        entries += _heading_team(heading, members, block, people, codes)
    return entries


def _without_sections(teams: list[tuple[Heading, list[int]]], findings: list[Finding]
                      ) -> Iterator[tuple[Heading, list[int]]]:
    """The teams; a heading that names only khu phố and has another heading right below it
    (``KHU PHỐ 1`` above its teams) is a section: its khu phố goes to the teams under it."""
    areas = ""
    for n, (heading, rows) in enumerate(teams):
        said = heading.heading
        if (not rows and n + 1 < len(teams) and not said.named and said.team is None
                and said.areas and not said.units):
            findings.append(Finding.of("SECTION_ROW_SKIPPED", {"value": said.areas},
                                       source=heading.source))
            areas = said.areas
            continue
        if areas and said.units and not said.areas:
            said = TeamHeading(said.team, said.numbering, said.named, areas, said.units)
        yield Heading(said, heading.source), rows


def _heading_team(heading: Heading, rows: list[int], block: Block,
                  people: list[Person | None], codes: _Codes) -> list[RosterEntry]:
    said = heading.heading
    code = codes.next(said.team or said.numbering)
    columns = any(block.column("tdp")[k] for k in rows)
    entries = []
    for k in rows:
        person = people[k]
        if person is None and not open_place(block, k):
            continue
        areas, units = block.column("khu_pho")[k], block.column("tdp")[k]
        if not columns and said.names_places:  # a khu phố column may complete ``Tổ 3, Tổ 4``
            areas = areas if said.units and not said.areas else said.areas
            units = said.units
        entries.append(RosterEntry(
            team=code, ward=ward_name(block.column("ward")[k]), areas=areas, units=units,
            role=role_of(block.column("role")[k]), person=person,
            platform=block.column("platform")[k], source=block.source(k, name_field(
                block.header)), team_source=heading.source,
        ))
    if not entries:
        entries.append(RosterEntry(code, None, said.areas, said.units, "", None, "",
                                   heading.source, heading.source))
    return entries


def _only(block: Block, keep: list[int]) -> Block:
    """The block's rows ``keep`` (heading rows are no person's)."""
    if len(keep) == len(block):
        return block
    return Block(block.table, block.header, [block.lines[k] for k in keep],
                 {f: [column[k] for k in keep] for f, column in block.cells.items()},
                 {f: [column[k] for k in keep] for f, column in block.texts.items()})


# --- layout 3: one row per team --------------------------------------------------------------

def _read_teams(table: Table, layout: RosterLayout, codes: _Codes, findings: list[Finding]
                ) -> list[RosterEntry]:
    header = layout.header
    columns = dict(header.columns)
    labels = dict(header.labels)
    for n, group in enumerate(layout.people):
        columns |= {f"{n}.{f}": c for f, c in group.header.columns.items()}
        labels |= {f"{n}.{f}": label for f, label in group.header.labels.items()}
    block = data_block(table, Header(header.index, columns, labels), ("ward", "khu_pho"),
                       "0.name", findings)
    cast: list[list[tuple[str, Person]]] = [[] for _ in range(len(block))]
    for n, group in enumerate(layout.people):
        for k, person in _group_people(block, n, group, findings):
            cast[k].append((group.role, person))
    home = next((f for f in ("team_id", "team_name", "tdp", "khu_pho") if f in columns),
                "0.name")
    entries = []
    for k in range(len(block)):
        team_id, name = block.column("team_id")[k], block.column("team_name")[k]
        if total_label(team_id or name or block.column("stt")[k]):
            findings.append(Finding.of("TOTAL_ROW_SKIPPED", {"value": team_id or name or
                                       block.column("stt")[k]}, source=block.source(k)))
            continue
        entries += _team_row(block, k, codes.next(nfc(team_code(team_id, name)) or None),
                             cast[k], block.source(k, home))
    return entries


def _team_row(block: Block, k: int, code: str, cast: list[tuple[str, Person]],
              source: Source) -> list[RosterEntry]:
    areas, units = _places(block.column("khu_pho")[k], block.column("tdp")[k],
                           block.column("team_name")[k], block.column("team_id")[k])
    ward = ward_name(block.column("ward")[k])
    platform = block.column("platform")[k]
    if not cast:
        return [RosterEntry(code, ward, areas, units, "", None, platform, source, source)]
    return [RosterEntry(code, ward, areas, units, role, person, platform,
                        person.source, source) for role, person in cast]


def _group_people(block: Block, n: int, group: PersonColumns, findings: list[Finding]
                  ) -> Iterator[tuple[int, Person]]:
    """The people in one person's columns, with the team row each stands on. A cell of
    several names (``Thành viên``: one a line, or separated by commas) gives one person each;
    what a cell says beside a name (``Lê An (Đoàn TN, 1998)``) fills the columns it lacks."""
    own = {f: block.cells[f"{n}.{f}"] for f in group.header.columns}
    fields = list(dict.fromkeys(["name", *own, *_EXTRA_FIELDS]))
    several = group.role == MEMBER  # a leader's or deputy's cell holds one person
    rows: list[int] = []
    cells: dict[str, list[Any]] = {f: [] for f in fields}
    for k in range(len(block)):
        if not any(block.texts[f"{n}.{f}"][k] for f in own):
            continue
        names = _names_in(own["name"][k], several)
        for index, (name, extra) in enumerate(names):
            rows.append(k)
            cells["name"].append(name)
            for f in fields[1:]:
                value = _nth(own[f][k], index, len(names)) if f in own else None
                cells[f].append(value if cell_text(value) else extra.get(f))
    name_column = group.header.columns["name"]
    columns = {f: group.header.columns.get(f, name_column) for f in fields}
    labels = {f: group.header.labels.get(f, group.header.labels["name"]) for f in fields}
    texts = {f: [cell_text(v) for v in values] for f, values in cells.items()}
    sub = Block(block.table, Header(block.header.index, columns, labels),
                [block.lines[k] for k in rows], cells, texts)
    for k, person in zip(rows, people_of(sub, None, findings, roster=True), strict=True):
        if person is not None:
            yield k, person


_EXTRA_FIELDS = ("birth_year", "organization", "phone")
_NAME_SPLIT = re.compile(r"\s*(?:\n|;|,(?![^()]*\)))\s*")
_BULLET = re.compile(r"^\s*(?:\d{1,2}\s*[.)/-]|[-+•*–])\s*")
_EXTRA = re.compile(r"\(([^()]*)\)|\s+[-–]\s+(.+)$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PHONE = re.compile(r"\+?\d[\d .]{7,}\d")


def _names_in(value: Any, several: bool) -> list[tuple[str, dict[str, str]]]:
    """The names a person's cell holds (``several``: one a line, or separated by commas),
    each with what it says beside the name: ``Lê Văn An (Đoàn TN, 1998)``, ``Trần Bình -
    0901234567``."""
    if not isinstance(value, str):
        return [(cell_text(value), {})]
    parts = [p for p in _NAME_SPLIT.split(value.strip()) if p.strip()] if several else []
    parts = parts or [value]
    out = []
    for part in parts:
        part = _BULLET.sub("", part)
        extras = [m.group(1) or m.group(2) for m in _EXTRA.finditer(part)]
        name = _EXTRA.sub("", part)
        out.append((nfc(name), _extra_fields(", ".join(extras))))
    return out


def _extra_fields(text: str) -> dict[str, str]:
    """Birth year, phone and organisation written beside a name."""
    found: dict[str, str] = {}
    if (phone := _PHONE.search(text)) and phone_of_text(nfc(phone.group()))[1]:
        found["phone"] = phone.group()
        text = text.replace(phone.group(), " ")
    if (year := _YEAR.search(text)) and birth_year(year.group()):
        found["birth_year"] = year.group()
        text = text.replace(year.group(), " ")
    rest = nfc(re.sub(r"^[\s,;:.-]+|[\s,;:.-]+$", "", text))
    if rest:
        found["organization"] = rest
    return found


def _nth(value: Any, index: int, count: int) -> Any:
    """A person's own value beside a cell of ``count`` names: the whole cell for one name,
    else its ``index``-th line when it has as many lines as there are names."""
    if count == 1:
        return value
    if isinstance(value, str):
        lines = [p for p in _NAME_SPLIT.split(value.strip()) if p.strip()]
        if len(lines) == count:
            return lines[index]
    return None


_READERS = {ROWS: _read_rows, HEADINGS: _read_headings, TEAMS: _read_teams}
