"""What each command does, between parsing (cli.py) and the pure middle. Touches files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tcns_cli.messages import text

if TYPE_CHECKING:
    from rich.console import Console

    from tcns_cli.errors import Finding


def default_output(inputs: list[Path]) -> Path:
    """``<first input stem>-tcns.xlsx`` in the current folder."""
    first = inputs[0]
    stem = first.name if first.is_dir() else first.stem
    return Path(f"{stem}-tcns.xlsx")


def _write_text(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8")


def run_plan(
    inputs: list[Path], people: Path | None, rules: str | None, ward: str | None,
    output: Path | None, json_out: str | None, force: bool, lang: str, console: Console,
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
    dataset = read_dataset(inputs, people, ward)
    plan = make_plan(dataset, profile)
    if workbook is not None:
        from tcns_cli.writers.excel import write_plan

        write_atomically(workbook, lambda tmp: write_plan(plan, tmp, lang))
    if json_out is not None:
        from tcns_cli.writers.json_out import dumps, plan_dict

        document = dumps(plan_dict(plan, lang))
        if json_path is None:
            sys.stdout.write(document)
        else:
            write_atomically(json_path, lambda tmp: _write_text(tmp, document))
    print_plan_summary(console, plan, lang)
    for target in (workbook, json_path):
        if target is not None:
            console.print(text("wrote", lang, file=target), highlight=False)


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
