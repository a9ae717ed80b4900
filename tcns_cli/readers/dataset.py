"""All inputs of a run → one Dataset: units by ward with leaders and neighbours, and people."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tcns_cli.errors import Finding, InputErrors, Severity, TcnsError, sort_findings
from tcns_cli.messages import Localized
from tcns_cli.model import Dataset, Person, Unit, UnitIndex, unit_order
from tcns_cli.normalize import cell_text
from tcns_cli.places import (
    describe,
    key_of_slots,
    neighbour_key,
    person_slots,
    short_name,
    typed_ward,
    unit_slots,
    unit_words,
    ward_words,
)
from tcns_cli.readers.communes import ward_types
from tcns_cli.readers.headers import PEOPLE_SHEET, UNIT_SHEET, find_header
from tcns_cli.readers.legacy import readable_tables
from tcns_cli.readers.people import read_people_table
from tcns_cli.readers.tables import expand_inputs, read_tables
from tcns_cli.readers.units import UnitRow, read_unit_table, title_ward


def read_dataset(
    inputs: list[Path], people_file: Path | None = None, ward: str | None = None
) -> Dataset:
    """Read every input; any unreadable unit row stops the run with every error listed."""
    findings: list[Finding] = []
    unit_rows: list[UnitRow] = []
    people: list[Person] = []
    paths = expand_inputs(inputs)
    forced = typed_ward(cell_text(ward)) if ward else (None, None)
    for path in paths:
        rows, persons = _read_file(path, forced, findings, need_units=True)
        unit_rows += rows
        people += persons
    if people_file is not None:
        people += _read_people_file(people_file, forced[0], findings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    units = _check_duplicates(unit_rows, errors)
    if errors:
        raise InputErrors(sort_findings(errors))
    if not units:
        raise TcnsError("NO_UNITS", file=", ".join(p.name for p in paths))
    types = ward_types(unit_rows, findings)
    units = _resolve_neighbours(unit_rows, units, dict(types), findings)
    units, people = _attach_people(units, people, dict(types), findings)
    files = tuple(p.name for p in paths)
    return Dataset(tuple(units), tuple(people), tuple(findings), files, types)


def _read_file(
    path: Path, ward: tuple[str | None, str | None], findings: list[Finding], need_units: bool
) -> tuple[list[UnitRow], list[Person]]:
    tables = readable_tables(read_tables(path), UNIT_SHEET + PEOPLE_SHEET, findings)
    if {"Tổng hợp", "Đề xuất tổ", "Danh sách thành viên"} <= {t.sheet for t in tables}:
        # Its summary sheets have household columns; read as input they would plan nonsense.
        raise TcnsError("IS_TCNS_OUTPUT", file=path.name)
    unit_tables = [(t, h) for t in tables if (h := find_header(t.rows, UNIT_SHEET))]
    people_tables = [
        (t, h) for t in tables
        if not find_header(t.rows, UNIT_SHEET) and (h := find_header(t.rows, PEOPLE_SHEET))
    ]
    if need_units and not unit_tables:
        if all(not any(any(c != "" for c in r) for r in t.rows) for t in tables):
            raise TcnsError("FILE_EMPTY", file=path.name)
        raise TcnsError("NO_UNIT_SHEET", file=path.name)
    rows: list[UnitRow] = []
    for table, header in unit_tables:
        default = ward if ward[0] else title_ward(table, header)
        if not default[0]:
            named = table.sheet if len(unit_tables) > 1 else path.stem
            default = typed_ward(cell_text(named))
        rows += read_unit_table(table, header, (default[0] or path.stem, default[1]), findings)
    single = _single_ward(rows, ward[0])
    persons = [
        p for table, header in people_tables
        for p in read_people_table(table, header, single, findings)
    ]
    return rows, persons


def _single_ward(rows: list[UnitRow], ward: str | None) -> str | None:
    wards = {r.unit.ward for r in rows}
    return ward or (next(iter(wards)) if len(wards) == 1 else None)


def _read_people_file(path: Path, ward: str | None, findings: list[Finding]) -> list[Person]:
    tables = readable_tables(read_tables(path), PEOPLE_SHEET, findings)
    found = [(t, h) for t in tables if (h := find_header(t.rows, PEOPLE_SHEET))]
    if not found:
        raise TcnsError("NO_PEOPLE_SHEET", file=path.name)
    return [p for t, h in found for p in read_people_table(t, h, ward, findings)]


def _check_duplicates(rows: list[UnitRow], errors: list[Finding]) -> list[Unit]:
    seen: dict[tuple[str, str | None, str, str], Unit] = {}
    for row in rows:
        unit = row.unit
        first = seen.get((unit.ward, *unit.key))
        if first is None:
            seen[(unit.ward, *unit.key)] = unit
            continue
        errors.append(
            Finding.of("DUPLICATE_UNIT", {"unit": describe(unit), "first_row": first.source.row},
                       unit.ward, *unit_slots(unit), source=row.label_source)
        )
    by_ward: dict[str, list[Unit]] = {}
    for unit in seen.values():
        by_ward.setdefault(unit.ward, []).append(unit)
    return [u for units in by_ward.values() for u in sorted(units, key=unit_order)]


def _resolve_neighbours(
    rows: list[UnitRow], units: list[Unit], types: dict[str, str | None],
    findings: list[Finding],
) -> list[Unit]:
    if not any(r.neighbour_labels for r in rows):
        return units
    index = UnitIndex(units)
    labels = {(r.unit.ward, *r.unit.key): r.neighbour_labels for r in rows}
    out = []
    for unit in units:
        found: list[str] = []
        one_level = unit_slots(unit)[1] is None  # the khu phố are the units
        for label in labels.get((unit.ward, *unit.key), ()):
            kp, tdp = neighbour_key(label)
            area, name = key_of_slots(tdp, None) if one_level else (kp or unit.area, tdp)
            other = index.find(unit.ward, area, name) or index.find(unit.ward, kp, tdp)
            if other is None or other is unit:
                findings.append(
                    Finding.of("UNKNOWN_NEIGHBOUR",
                               {"value": label, **ward_words(unit.ward, types.get(unit.ward))},
                               unit.ward,
                               *unit_slots(unit), source=unit.source.at_column("Tổ liền kề"))
                )
                continue
            found.append(other.node_id)
        out.append(dataclasses.replace(unit, neighbours=tuple(found)) if found else unit)
    return out


def _attach_people(
    units: list[Unit], people: list[Person], types: dict[str, str | None],
    findings: list[Finding],
) -> tuple[list[Unit], list[Person]]:
    index = UnitIndex(units)
    leaders: dict[int, Person] = {}
    placed: list[Person] = []
    exact = index.by_key.get
    for person in people:
        same = exact((person.ward, person.area, person.unit)) if person.ward else None
        unit = same[0] if same and len(same) == 1 else None
        if unit is None:  # not written exactly as in the unit sheet: look it up
            unit = index.find(person.ward, person.area, person.unit, person.unit_type)
        if unit is None:
            label = short_name(person.unit, person.unit_type) if person.unit else "?"
            where = ward_words(person.ward, types.get(person.ward)) if person.ward else {
                "in_ward": Localized("?", "?")}
            findings.append(
                Finding.of("PERSON_UNKNOWN_UNIT", {"name": person.name, "unit": label, **where},
                           person.ward, *person_slots(person), source=person.source)
            )
            placed.append(person)
            continue
        if (person.ward, person.area, person.unit, person.unit_type) != (
                unit.ward, unit.area, unit.label, unit.unit_type):
            person = dataclasses.replace(person, ward=unit.ward, area=unit.area, unit=unit.label,
                                         unit_type=unit.unit_type)
        placed.append(person)
        if person.is_unit_leader:
            _note_leader(unit, person, leaders, findings, id(unit))
    out = [_with_leader(u, leaders.get(id(u))) for u in units]
    return out, placed


def _note_leader(
    unit: Unit, person: Person, leaders: dict[int, Person], findings: list[Finding], key: int
) -> None:
    current = leaders.get(key) or unit.leader
    if current is None or current.name == person.name:
        leaders[key] = person if current is None else _merge(current, person)
        return
    findings.append(
        Finding.of("SEVERAL_LEADERS",
                   {"unit": describe(unit), "name": current.name, **unit_words([unit])},
                   unit.ward, *unit_slots(unit), source=person.source)
    )


def _merge(first: Person, second: Person) -> Person:
    return dataclasses.replace(
        second,
        birth_year=first.birth_year or second.birth_year,
        phone=first.phone or second.phone,
        gender=first.gender or second.gender,
    )


def _with_leader(unit: Unit, leader: Person | None) -> Unit:
    if leader is None:
        return unit
    # The constructor, not dataclasses.replace: this runs once per unit of a national run.
    return Unit(unit.ward, unit.area, unit.label, unit.households, unit.lat, unit.lon,
                unit.neighbours, leader, unit.source, unit.unit_type, unit.area_type)
