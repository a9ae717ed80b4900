"""What the officer sees in the terminal: summary tables, findings, errors (Rich)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tcns_cli.errors import Finding, InputErrors, Severity, TcnsError
from tcns_cli.messages import text

if TYPE_CHECKING:
    from rich.console import Console

    from tcns_cli.plan import Plan

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def where(finding: Finding, lang: str) -> str:
    """``file, sheet "S", row 12, column "Số hộ"`` with the parts that are known."""
    src = finding.source
    parts = [src.file] if src.file else []
    if src.sheet:
        parts.append(f"{'sheet' if lang == 'en' else 'trang'} \"{src.sheet}\"")
    if src.row:
        parts.append(f"{'row' if lang == 'en' else 'dòng'} {src.row}")
    if src.column:
        parts.append(f"{'column' if lang == 'en' else 'cột'} \"{src.column}\"")
    return ", ".join(parts)


def print_error(console: Console, error: TcnsError, lang: str) -> None:
    """A fatal error: every input error with its cell, then one line saying what to do."""
    if isinstance(error, InputErrors):
        for finding in error.findings:
            console.print(
                f"[bold red]{text('error_prefix', lang)}[/] {where(finding, lang)}: "
                f"{finding.message(lang)} [dim]({finding.code})[/]",
                highlight=False,
            )
    console.print(f"[bold red]{text('error_prefix', lang)}:[/] {error.message(lang)}",
                  highlight=False)


def print_plan_summary(console: Console, plan: Plan, lang: str) -> None:
    """Per ward: units, households, teams by kind, members, open slots; then findings."""
    from rich.table import Table

    from tcns_cli.compose import open_slots, team_size

    table = Table(title=text("summary_title", lang), title_justify="left")
    keys = ("col_ward", "col_units", "col_households", "col_teams", "col_solo", "col_pair",
            "col_joined", "col_members", "col_open", "col_proximity")
    for n, key in enumerate(keys):
        table.add_column(text(key, lang), justify="left" if n in (0, 9) else "right")
    rows = []
    for ward in plan.wards:
        teams = ward.teams
        kinds = Counter(t.kind.value for t in teams)
        row = [len([u for t in teams for u in t.units]), sum(t.households for t in teams),
               len(teams), kinds["solo"], kinds["pair"], kinds["joined"],
               sum(team_size(t) for t in teams), sum(open_slots(t) for t in teams)]
        rows.append(row)
        table.add_row(ward.ward, *map(str, row), text(f"proximity_{ward.proximity.value}", lang))
    if len(rows) > 1:
        totals = [sum(col) for col in zip(*rows, strict=True)]
        table.add_row(text("total", lang), *map(str, totals), "", style="bold")
    console.print(table)
    print_findings(console, plan.findings, lang)


def print_findings(console: Console, findings: tuple[Finding, ...], lang: str,
                   limit: int = 12) -> None:
    """Warnings and errors one per line (the first ``limit``), then the counts."""
    shown = [f for f in findings if f.severity is not Severity.INFO]
    for finding in shown[:limit]:
        place = where(finding, lang)
        prefix = f"{place}: " if place else ""
        console.print(
            f"[{_STYLE[finding.severity]}]{finding.code}[/] {prefix}{finding.message(lang)}",
            highlight=False,
        )
    if len(shown) > limit:
        console.print(f"… (+{len(shown) - limit})", style="dim")
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    console.print(text("findings_line", lang, **counts), highlight=False)
