"""What each command does, between parsing (cli.py) and the pure middle. Touches files.

Each command takes one frozen options value and runs in steps: choose the outputs (every
target checked before any work) → compute → write → render.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tcns_cli.messages import text
from tcns_cli.model import MAX_AREA_UNITS

if TYPE_CHECKING:
    from rich.console import Console

    from tcns_cli.model import CheckedTeam, Dataset, Plan, WardPlan
    from tcns_cli.profiles import Profile
    from tcns_cli.writers.excel import Picture


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """What ``plan`` and ``validate`` both take."""

    people: Path | None = None
    rules: str | None = None
    ward: str | None = None
    json_out: str | None = None
    force: bool = False
    lang: str = "vi"

    @property
    def every_input(self) -> list[Path]:
        """Every file read (none may be written over)."""
        return [*self.read, *([self.people] if self.people else [])]

    @property
    def read(self) -> list[Path]:
        """The files the command reads besides ``--people``."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanOptions(RunOptions):
    """``tcns plan``'s options."""

    inputs: tuple[Path, ...]
    output: Path | None = None
    split_dir: Path | None = None
    map_dir: Path | None = None
    current: Path | None = None
    max_area_units: int = MAX_AREA_UNITS

    @property
    def read(self) -> list[Path]:
        """The unit files and folders (and the current team list)."""
        return [*self.inputs, *([self.current] if self.current else [])]


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidateOptions(RunOptions):
    """``tcns validate``'s options."""

    roster: Path
    units: Path
    report: Path | None = None

    @property
    def read(self) -> list[Path]:
        """The team list and the unit file."""
        return [self.roster, self.units]


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where a run writes: a workbook, a JSON file or standard output, each checked."""

    workbook: Path | None
    json_path: Path | None
    json_to_stdout: bool
    map_dir: Path | None = None

    @property
    def files(self) -> list[Path]:
        """The files, in the order the run reports them."""
        return [p for p in (self.workbook, self.json_path) if p is not None]


def choose_outputs(workbook: Path | None, json_out: str | None, inputs: list[Path],
                   force: bool, map_dir: Path | None = None) -> Outputs:
    """The run's outputs; refuses (before any work) to write over an input or, without
    ``force``, over an existing file, and a picture folder that is a file or not writable
    (the pictures' own names wait for the wards' names: :func:`picture_targets`)."""
    from tcns_cli.writers.files import check_map_folder, check_output

    outputs = Outputs(workbook, Path(json_out) if json_out not in (None, "-") else None,
                      json_out == "-", map_dir)
    for target in outputs.files:
        check_output(target, inputs, force)
    if map_dir is not None:
        check_map_folder(map_dir)
    return outputs


def write_json(outputs: Outputs, document: str) -> None:
    """The JSON document to its file (atomically) or to standard output."""
    from tcns_cli.writers.files import write_atomically

    if outputs.json_to_stdout:
        sys.stdout.write(document)
    elif outputs.json_path is not None:
        write_atomically(outputs.json_path,
                         lambda tmp: tmp.write_text(document, encoding="utf-8"))


def default_output(inputs: tuple[Path, ...] | list[Path]) -> Path:
    """``<first input stem>-tcns.xlsx`` in the current folder."""
    first = inputs[0]
    stem = first.name if first.is_dir() else first.stem
    return Path(f"{stem}-tcns.xlsx")


def ward_slug(ward: str) -> str:
    """``Linh Trung`` → ``linh-trung`` (accents folded, safe on every system)."""
    from tcns_cli.normalize import fold

    return re.sub(r"[^0-9a-z]+", "-", fold(ward)).strip("-") or "phuong"


def ward_file_name(ward: str) -> str:
    """``Linh Trung`` → ``linh-trung-tcns.xlsx``."""
    return f"{ward_slug(ward)}-tcns.xlsx"


def picture_targets(folder: Path, wards: list[str], inputs: list[Path], force: bool
                    ) -> dict[str, Path]:
    """``<ward slug>.png`` in ``folder`` for each ward (two wards whose names fold alike get
    ``-2``, ``-3``…), every one checked before any is written."""
    from tcns_cli.errors import TcnsError
    from tcns_cli.writers.files import check_output

    targets: dict[str, Path] = {}
    taken: set[str] = set()
    for ward in wards:
        slug = stem = ward_slug(ward)
        count = 1
        while slug in taken:
            count += 1
            slug = f"{stem}-{count}"
        taken.add(slug)
        target = targets[ward] = folder / f"{slug}.png"
        if target.exists() and not force:
            raise TcnsError("MAP_EXISTS", file=str(target))
        check_output(target, inputs, force)
    return targets


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for one run.

    A run builds hundreds of thousands of small objects and frees them together at the end;
    they hold no reference cycles, so the collector's passes only cost time (15 % at 10,000
    units, more at national scale, where its passes grow with the heap).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- tcns plan -------------------------------------------------------------------------------

@no_cyclic_gc()
def run_plan(options: PlanOptions, console: Console) -> None:
    """Read, plan, write the workbook and/or JSON, and print the summary."""
    from tcns_cli.plan import refuse_oversized_areas
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.render import print_plan_summary

    profile = load_profile(options.rules)
    workbook = options.output
    if workbook is None and options.json_out is None:
        workbook = default_output(options.inputs)
    outputs = choose_outputs(workbook, options.json_out, options.every_input, options.force,
                             options.map_dir)
    held = [read_dataset(list(options.inputs), options.people, options.ward)]
    refuse_oversized_areas(held[0], profile, options.max_area_units)
    current = None
    if options.current is not None:
        held[0], current = _current_teams(held[0], options.current, options.ward)
    pictures = {} if outputs.map_dir is None else picture_targets(
        outputs.map_dir, held[0].wards(), options.every_input, options.force)
    painter = _painter(profile) if pictures else None
    plan = _plan_and_write(held, profile, outputs.workbook, options.lang, console, painter,
                           current)
    if painter is not None:
        painter = _write_pictures(plan, pictures, painter, console, options.lang)
    split = []
    if options.split_dir is not None:
        split = _write_split(plan, options.split_dir, options.every_input, options.force,
                             options.lang, painter)
    if options.json_out is not None:
        from tcns_cli.writers.json_out import dumps, plan_dict

        write_json(outputs, dumps(plan_dict(plan, options.lang)))
    print_plan_summary(console, plan, options.lang)
    for target in outputs.files:
        console.print(text("wrote", options.lang, file=target), highlight=False)
    if split:
        console.print(text("wrote_split", options.lang, count=len(split),
                           folder=options.split_dir), highlight=False)
    if pictures:
        console.print(text("wrote_maps", options.lang, count=len(pictures),
                           folder=options.map_dir), highlight=False)


def _current_teams(dataset: Dataset, roster: Path, ward: str | None
                   ) -> tuple[Dataset, dict[str, list[CheckedTeam]]]:
    """The current team list, matched to the data's units as ``validate`` matches it, by
    ward; its reading findings join the dataset's. A list that names no unit of the data is
    not this ward's (or these wards'): bad input."""
    import dataclasses

    from tcns_cli.errors import Finding, TcnsError
    from tcns_cli.normalize import fold
    from tcns_cli.readers.roster import read_roster
    from tcns_cli.rosters import match_roster

    found: list[Finding] = []
    entries = read_roster(roster, found)
    wards = dataset.wards()
    if len(wards) == 1 and len({fold(e.ward) for e in entries if e.ward}) > 1:
        # A list of many wards (a district's) for one ward's data: that ward's teams only.
        entries = [e for e in entries if not e.ward or fold(e.ward) == fold(wards[0])]
    teams = match_roster(entries, dataset, ward)
    if not any(team.units for team in teams):
        raise TcnsError("ROSTER_NOT_OF_WARD", file=roster.name,
                        wards=", ".join(dataset.wards()[:3]) + (
                            "…" if len(dataset.wards()) > 3 else ""))
    by_ward: dict[str, list[CheckedTeam]] = {}
    for team in teams:
        by_ward.setdefault(team.ward, []).append(team)
    return dataclasses.replace(dataset, findings=(*dataset.findings, *found)), by_ward


def _plan_and_write(held: list[Dataset], profile: Profile, workbook: Path | None, lang: str,
                    console: Console, picture: Picture | None = None,
                    current: dict[str, list[CheckedTeam]] | None = None) -> Plan:
    """Plan the dataset (let go of once planned: ``held`` is emptied); with a workbook, each
    ward goes into it as soon as it is planned, while the workers plan the next ones
    (``picture``: a one-ward workbook gets its picture sheet)."""
    from tcns_cli.plan import make_plan

    wards = held[0].wards()
    with _progress(console, len(wards)) as advance:
        if workbook is None:
            return make_plan(held.pop(), profile, lambda done: advance(done.ward, 1),
                             current=current)
        from tcns_cli.places import Words
        from tcns_cli.writers.excel import PlanWorkbook
        from tcns_cli.writers.files import write_atomically

        words = Words.of(held[0].ward_types, held[0].units)

        def plan_into(path: Path) -> Plan:
            book = PlanWorkbook(path, profile, words, picture, lang, current is not None)

            def planned(ward_plan: WardPlan) -> None:
                book.add(ward_plan)
                advance(ward_plan.ward, 1)

            done = make_plan(held.pop(), profile, planned, current=current)
            advance(text("writing", lang, file=workbook), 0)
            book.finish(done, lang)
            return done

        return write_atomically(workbook, plan_into)


def _painter(profile: Profile) -> Picture:
    """Draws a ward's picture, keeping the last one: the one-ward workbook and the picture
    file share a drawing, and a run of many wards holds one picture at a time."""
    from tcns_cli.writers.picture import ward_png

    last: dict[str, bytes] = {}

    def paint(ward: WardPlan) -> bytes:
        if ward.ward not in last:
            last.clear()
            last[ward.ward] = ward_png(ward, profile)
        return last[ward.ward]

    return paint


def _write_pictures(plan: Plan, targets: dict[str, Path], painter: Picture,
                    console: Console, lang: str) -> Picture:
    """Each ward's picture to its file (atomically), with a progress bar over many wards (a
    picture takes about half a second); returns where later writers (the split workbooks)
    find them again: in the files, so that each is drawn once and none held."""
    from tcns_cli.writers.files import write_atomically

    was_enabled = gc.isenabled()
    gc.enable()  # a figure is a web of reference cycles: without the collector, none is freed
    try:
        with _progress(console, len(plan.wards)) as advance:
            for ward in plan.wards:
                advance(text("drawing", lang, ward=ward.ward), 0)
                write_atomically(targets[ward.ward], partial(_write_bytes, painter(ward)))
                advance(text("drawing", lang, ward=ward.ward), 1)
    finally:
        if not was_enabled:
            gc.disable()
    return partial(_picture_file, targets)


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _picture_file(files: dict[str, Path], ward: WardPlan) -> bytes:
    return files[ward.ward].read_bytes()


def _write_split(
    plan: Plan, folder: Path, inputs: list[Path], force: bool, lang: str,
    picture: Picture | None = None,
) -> list[Path]:
    """One workbook per ward in ``folder``; every target is checked before any is written."""
    from tcns_cli.writers.excel import write_plan
    from tcns_cli.writers.files import check_output, write_atomically

    targets = [(w.ward, folder / ward_file_name(w.ward)) for w in plan.wards]
    for _, target in targets:
        check_output(target, inputs, force)
    for name, target in targets:
        write_atomically(target, partial(write_plan, plan.only(name), lang=lang,
                                         picture=picture))
    return [t for _, t in targets]


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Callable[[str, int], None]]:
    """A progress bar over wards (only on a terminal, only for more than one ward): yields
    ``update(description, wards_done)``."""
    from rich.progress import Progress

    with Progress(console=console, transient=True,
                  disable=total < 2 or not console.is_terminal) as bar:
        task = bar.add_task("…", total=total)
        yield lambda description, done: bar.update(task, advance=done, description=description)


# --- tcns validate ---------------------------------------------------------------------------

@no_cyclic_gc()
def run_validate(options: ValidateOptions, console: Console) -> tuple[int, int]:
    """Check a team list; returns how many errors and warnings it found."""
    from tcns_cli.errors import Finding, Severity, sort_findings
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.readers.roster import read_roster
    from tcns_cli.render import print_validation
    from tcns_cli.validate import validate

    profile = load_profile(options.rules)
    outputs = choose_outputs(options.report, options.json_out, options.every_input,
                             options.force)
    read_findings: list[Finding] = []
    entries = read_roster(options.roster, read_findings)
    dataset = read_dataset([options.units], options.people, options.ward)
    result = validate(entries, dataset, profile, options.ward)
    findings = sort_findings([*read_findings, *result.report.findings])
    if outputs.workbook is not None:
        from tcns_cli.places import Words
        from tcns_cli.writers.files import write_atomically
        from tcns_cli.writers.report import write_report

        words = Words.of(dataset.ward_types, dataset.units)
        write_atomically(outputs.workbook,
                         lambda tmp: write_report(findings, entries, tmp, options.lang, words))
    if options.json_out is not None:
        from tcns_cli.writers.json_out import dumps, validation_dict

        write_json(outputs, dumps(validation_dict(profile, result, findings, options.lang)))
    print_validation(console, findings, result, profile, options.lang)
    for target in outputs.files:
        console.print(text("wrote", options.lang, file=target), highlight=False)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return errors, warnings
