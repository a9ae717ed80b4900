"""All inputs of a run → one Dataset: units by ward with leaders and neighbours, and people."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tcns_cli.errors import Finding, InputErrors, Severity, TcnsError, sort_findings
from tcns_cli.model import Person, Unit
from tcns_cli.normalize import natural_key, ward_name
from tcns_cli.readers.headers import PEOPLE_SHEET, UNIT_SHEET, find_header
from tcns_cli.readers.people import read_people_table
from tcns_cli.readers.tables import expand_inputs, read_tables
from tcns_cli.readers.units import UnitRow, neighbour_key, read_unit_table, title_ward


@dataclass(frozen=True, slots=True)
class Dataset:
    """What a run reads: every unit (ward order as in the input, units in natural order)."""

    units: tuple[Unit, ...]
    people: tuple[Person, ...]
    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()

    def wards(self) -> list[str]:
        """Ward names in input order."""
        return list(dict.fromkeys(u.ward for u in self.units))


def unit_order(unit: Unit) -> tuple[object, ...]:
    """Natural order of units inside a ward: khu phố, then TDP."""
    return (natural_key(unit.khu_pho), natural_key(unit.tdp))


class UnitIndex:
    """Looks units up by ward and label, the way officers write them."""

    def __init__(self, units: list[Unit] | tuple[Unit, ...]) -> None:
        self.by_key: dict[tuple[str, str | None, str | None], Unit] = {}
        self.by_label: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        for unit in units:
            self.by_key.setdefault((unit.ward, unit.khu_pho, unit.tdp), unit)
            self.by_label[(unit.ward, unit.label)].append(unit)
        self.wards = list(dict.fromkeys(u.ward for u in units))

    def find(self, ward: str | None, khu_pho: str | None, tdp: str | None) -> Unit | None:
        """The unit meant by these labels; a label unique in its ward needs no khu phố."""
        for candidate in [ward] if ward is not None else self.wards:
            unit = self._find_in(candidate, khu_pho, tdp) if candidate else None
            if unit is not None:
                return unit
        return None

    def _find_in(self, ward: str, khu_pho: str | None, tdp: str | None) -> Unit | None:
        exact = self.by_key.get((ward, khu_pho, tdp))
        if exact is not None:
            return exact
        label = tdp if tdp is not None else khu_pho
        same = self.by_label.get((ward, label), []) if label is not None else []
        if khu_pho is not None and tdp is not None:
            same = [u for u in same if u.khu_pho in (None, khu_pho)]
        return same[0] if len(same) == 1 else None


def read_dataset(
    inputs: list[Path], people_file: Path | None = None, ward: str | None = None
) -> Dataset:
    """Read every input; any unreadable unit row stops the run with every error listed."""
    findings: list[Finding] = []
    unit_rows: list[UnitRow] = []
    people: list[Person] = []
    paths = expand_inputs(inputs)
    forced_ward = ward_name(ward) if ward else None
    for path in paths:
        rows, persons = _read_file(path, forced_ward, findings, need_units=True)
        unit_rows += rows
        people += persons
    if people_file is not None:
        people += _read_people_file(people_file, forced_ward, findings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    units = _check_duplicates(unit_rows, errors)
    if errors:
        raise InputErrors(sort_findings(errors))
    if not units:
        raise TcnsError("NO_UNITS", file=", ".join(p.name for p in paths))
    units = _resolve_neighbours(unit_rows, units, findings)
    units, people = _attach_people(units, people, findings)
    files = tuple(p.name for p in paths)
    return Dataset(tuple(units), tuple(people), tuple(findings), files)


def _read_file(
    path: Path, ward: str | None, findings: list[Finding], need_units: bool
) -> tuple[list[UnitRow], list[Person]]:
    tables = read_tables(path)
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
        default = ward or title_ward(table, header) or (
            ward_name(table.sheet) if len(unit_tables) > 1 else ward_name(path.stem)
        )
        rows += read_unit_table(table, header, default or path.stem, findings)
    single = _single_ward(rows, ward)
    persons = [
        p for table, header in people_tables
        for p in read_people_table(table, header, single, findings)
    ]
    return rows, persons


def _single_ward(rows: list[UnitRow], ward: str | None) -> str | None:
    wards = {r.unit.ward for r in rows}
    return ward or (next(iter(wards)) if len(wards) == 1 else None)


def _read_people_file(path: Path, ward: str | None, findings: list[Finding]) -> list[Person]:
    tables = read_tables(path)
    found = [(t, h) for t in tables if (h := find_header(t.rows, PEOPLE_SHEET))]
    if not found:
        raise TcnsError("NO_PEOPLE_SHEET", file=path.name)
    return [p for t, h in found for p in read_people_table(t, h, ward, findings)]


def _check_duplicates(rows: list[UnitRow], errors: list[Finding]) -> list[Unit]:
    seen: dict[tuple[str, str | None, str | None], Unit] = {}
    for row in rows:
        unit = row.unit
        first = seen.get((unit.ward, unit.khu_pho, unit.tdp))
        if first is None:
            seen[(unit.ward, unit.khu_pho, unit.tdp)] = unit
            continue
        errors.append(
            Finding("DUPLICATE_UNIT", Severity.ERROR,
                    {"unit": describe(unit), "first_row": first.source.row},
                    unit.ward, unit.khu_pho, unit.tdp, source=row.label_source)
        )
    by_ward: dict[str, list[Unit]] = {}
    for unit in seen.values():
        by_ward.setdefault(unit.ward, []).append(unit)
    return [u for units in by_ward.values() for u in sorted(units, key=unit_order)]


def describe(unit: Unit) -> str:
    """``KP 1 / Tổ 3`` style text for messages."""
    if unit.tdp is None:
        return f"KP {unit.khu_pho}"
    return f"KP {unit.khu_pho} / Tổ {unit.tdp}" if unit.khu_pho else f"Tổ {unit.tdp}"


def _resolve_neighbours(
    rows: list[UnitRow], units: list[Unit], findings: list[Finding]
) -> list[Unit]:
    if not any(r.neighbour_labels for r in rows):
        return units
    index = UnitIndex(units)
    labels = {(r.unit.ward, r.unit.khu_pho, r.unit.tdp): r.neighbour_labels for r in rows}
    out = []
    for unit in units:
        found: list[str] = []
        for label in labels.get((unit.ward, unit.khu_pho, unit.tdp), ()):
            kp, tdp = neighbour_key(label)
            if unit.tdp is None:
                kp, tdp = tdp, None
            other = index.find(unit.ward, kp or unit.khu_pho, tdp) or index.find(unit.ward, kp, tdp)
            if other is None or other is unit:
                findings.append(
                    Finding("UNKNOWN_NEIGHBOUR", Severity.WARNING, {"value": label}, unit.ward,
                            unit.khu_pho, unit.tdp, source=unit.source.at_column("Tổ liền kề"))
                )
                continue
            found.append(_node_id(other))
        out.append(dataclasses.replace(unit, neighbours=tuple(found)) if found else unit)
    return out


def _node_id(unit: Unit) -> str:
    return f"{unit.khu_pho or ''}\x1f{unit.tdp or ''}"


def _attach_people(
    units: list[Unit], people: list[Person], findings: list[Finding]
) -> tuple[list[Unit], list[Person]]:
    index = UnitIndex(units)
    leaders: dict[int, Person] = {}
    placed: list[Person] = []
    exact = index.by_key.get
    for person in people:
        unit = exact((person.ward, person.khu_pho, person.tdp)) if person.ward else None
        if unit is None:  # not written exactly as in the unit sheet: look it up
            unit = index.find(person.ward, person.khu_pho, person.tdp)
        if unit is None:
            label = person.tdp or person.khu_pho or "?"
            findings.append(
                Finding("PERSON_UNKNOWN_UNIT", Severity.WARNING,
                        {"name": person.name, "unit": label, "ward": person.ward or "?"},
                        person.ward, person.khu_pho, person.tdp, source=person.source)
            )
            placed.append(person)
            continue
        if (person.ward, person.khu_pho, person.tdp) != (unit.ward, unit.khu_pho, unit.tdp):
            person = dataclasses.replace(
                person, ward=unit.ward, khu_pho=unit.khu_pho, tdp=unit.tdp
            )
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
        Finding("SEVERAL_LEADERS", Severity.WARNING, {"unit": describe(unit), "name": current.name},
                unit.ward, unit.khu_pho, unit.tdp, source=person.source)
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
    return Unit(unit.ward, unit.khu_pho, unit.tdp, unit.households, unit.lat, unit.lon,
                unit.neighbours, leader, unit.source)


def node_id(unit: Unit) -> str:
    """A unit's id inside its ward (used in neighbour lists and graphs)."""
    return _node_id(unit)
