"""What each command does, between parsing (cli.py) and the pure middle. Touches files."""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tcns_cli.messages import text

if TYPE_CHECKING:
    from rich.console import Console

    from tcns_cli.errors import Finding
    from tcns_cli.model import WardPlan
    from tcns_cli.plan import Plan


def default_output(inputs: list[Path]) -> Path:
    """``<first input stem>-tcns.xlsx`` in the current folder."""
    first = inputs[0]
    stem = first.name if first.is_dir() else first.stem
    return Path(f"{stem}-tcns.xlsx")


def _write_text(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8")


def ward_file_name(ward: str) -> str:
    """``Linh Trung`` → ``linh-trung-tcns.xlsx`` (accents folded, safe on every system)."""
    from tcns_cli.normalize import fold

    slug = re.sub(r"[^0-9a-z]+", "-", fold(ward)).strip("-") or "phuong"
    return f"{slug}-tcns.xlsx"


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


@no_cyclic_gc()
def run_plan(
    inputs: list[Path], people: Path | None, rules: str | None, ward: str | None,
    output: Path | None, json_out: str | None, force: bool, lang: str, console: Console,
    split_dir: Path | None = None,
) -> None:
    """Read, plan, write the workbook and/or JSON, and print the summary."""
    from tcns_cli.plan import make_plan
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.render import print_plan_summary
    from tcns_cli.writers.files import check_output, write_atomically

    profile = load_profile(rules)
    every_input = [*inputs, *([people] if people else [])]
    workbook = output if output is not None or json_out is None else None
    if output is None and json_out is None:
        workbook = default_output(inputs)
    json_path = Path(json_out) if json_out not in (None, "-") else None
    for target in (workbook, json_path):
        if target is not None:
            check_output(target, every_input, force)
    held = [read_dataset(inputs, people, ward)]  # let go of once planned (see make_plan)
    wards = held[0].wards()
    with _progress(console, len(wards)) as advance:
        if workbook is None:
            plan = make_plan(held.pop(), profile, lambda done: advance(done.ward, 1))
        else:
            from tcns_cli.writers.excel import PlanWorkbook

            def plan_and_write(path: Path) -> Plan:
                # Each ward goes into the workbook as soon as it is planned, while the
                # workers plan the next ones.
                book = PlanWorkbook(path, profile, wards)

                def planned(ward_plan: WardPlan) -> None:
                    book.add(ward_plan)
                    advance(ward_plan.ward, 1)

                done = make_plan(held.pop(), profile, planned)
                advance(text("writing", lang, file=workbook), 0)
                book.finish(done, lang)
                return done

            plan = write_atomically(workbook, plan_and_write)
    written = [workbook] if workbook is not None else []
    if split_dir is not None:
        written += _write_split(plan, split_dir, every_input, force, lang)
    if json_out is not None:
        from tcns_cli.writers.json_out import dumps, plan_dict

        document = dumps(plan_dict(plan, lang))
        if json_path is None:
            sys.stdout.write(document)
        else:
            write_atomically(json_path, lambda tmp: _write_text(tmp, document))
    print_plan_summary(console, plan, lang)
    for target in [*written[:1], *([json_path] if json_path else [])]:
        console.print(text("wrote", lang, file=target), highlight=False)
    if len(written) > 1:
        console.print(text("wrote_split", lang, count=len(written) - (workbook is not None),
                           folder=split_dir), highlight=False)


def _write_split(
    plan: Plan, folder: Path, inputs: list[Path], force: bool, lang: str
) -> list[Path]:
    """One workbook per ward in ``folder``; every target is checked before any is written."""
    from tcns_cli.plan import ward_plan
    from tcns_cli.writers.files import check_output, write_atomically

    targets = [(w.ward, folder / ward_file_name(w.ward)) for w in plan.wards]
    for _, target in targets:
        check_output(target, inputs, force)
    for name, target in targets:
        write_atomically(target, partial(_write_ward, plan=ward_plan(plan, name), lang=lang))
    return [t for _, t in targets]


def _write_ward(path: Path, plan: Plan, lang: str) -> None:
    from tcns_cli.writers.excel import write_plan

    write_plan(plan, path, lang)


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Callable[[str, int], None]]:
    """A progress bar over wards (only on a terminal, only for more than one ward): yields
    ``update(description, wards_done)``."""
    from rich.progress import Progress

    with Progress(console=console, transient=True,
                  disable=total < 2 or not console.is_terminal) as bar:
        task = bar.add_task("…", total=total)
        yield lambda description, done: bar.update(task, advance=done, description=description)


@no_cyclic_gc()
def run_validate(
    roster: Path, units: Path, people: Path | None, rules: str | None, ward: str | None,
    json_out: str | None, report: Path | None, force: bool, lang: str, console: Console,
) -> tuple[int, int]:
    """Check a team list; returns how many errors and warnings it found."""
    from tcns_cli.errors import Severity, sort_findings
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.readers.roster import read_roster
    from tcns_cli.render import print_validation
    from tcns_cli.validate import validate
    from tcns_cli.writers.files import check_output, write_atomically

    profile = load_profile(rules)
    inputs = [roster, units, *([people] if people else [])]
    json_path = Path(json_out) if json_out not in (None, "-") else None
    for target in (report, json_path):
        if target is not None:
            check_output(target, inputs, force)
    read_findings: list[Finding] = []
    entries = read_roster(roster, read_findings)
    dataset = read_dataset([units], people, ward)
    result = validate(entries, dataset, profile, ward)
    findings = sort_findings([*read_findings, *result.report.findings])
    if report is not None:
        from tcns_cli.writers.report import write_report

        write_atomically(report, lambda tmp: write_report(findings, entries, tmp, lang))
    if json_out is not None:
        from tcns_cli.writers.json_out import dumps, validation_dict

        document = dumps(validation_dict(profile, result, findings, lang))
        if json_path is None:
            sys.stdout.write(document)
        else:
            write_atomically(json_path, lambda tmp: _write_text(tmp, document))
    print_validation(console, findings, result, profile, lang)
    for target in (report, json_path):
        if target is not None:
            console.print(text("wrote", lang, file=target), highlight=False)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return errors, warnings
