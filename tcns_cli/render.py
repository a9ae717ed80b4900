"""What the officer sees in the terminal: summary tables, findings, errors (Rich)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tcns_cli.errors import Finding, InputErrors, Severity, TcnsError
from tcns_cli.messages import text
from tcns_cli.normalize import natural_key

if TYPE_CHECKING:
    from rich.console import Console

    from tcns_cli.model import Plan, Team, Validation
    from tcns_cli.profiles import Profile

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def where(finding: Finding, lang: str) -> str:
    """``file, sheet "S", row 12, column "Số hộ"`` with the parts that are known."""
    src = finding.source
    parts = [src.file] if src.file else []
    if src.sheet:
        parts.append(text("where_sheet", lang, sheet=src.sheet))
    if src.row:
        parts.append(text("where_row", lang, row=src.row))
    if src.column:
        parts.append(text("where_column", lang, column=src.column))
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


SUMMARY_ROWS = 40  # wards shown in the terminal; the workbook's Tổng hợp has them all
_METRICS = ("col_units", "col_households", "col_teams", "col_solo", "col_pair", "col_joined",
            "col_members", "col_open")


def ward_metrics(teams: tuple[Team, ...]) -> list[int]:
    """Units, households, teams, solo, pair, joined, people, open slots."""
    kinds = Counter(t.kind.value for t in teams)
    return [sum(len(t.units) for t in teams), sum(t.households for t in teams), len(teams),
            kinds["solo"], kinds["pair"], kinds["joined"], sum(t.size for t in teams),
            sum(t.open_slots for t in teams)]


def number_text(value: int, lang: str) -> str:
    """Thousands grouped as each language writes them: ``8.640`` in Vietnamese, ``8,640``
    in English."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


def print_plan_summary(console: Console, plan: Plan, lang: str) -> None:
    """One ward: a column of figures; several: one row per ward and a total. Then findings."""
    from rich.table import Table

    from tcns_cli.places import Words

    rows = [(w.ward, ward_metrics(w.teams), text(f"proximity_{w.proximity.value}", lang))
            for w in plan.wards]
    words = Words.of([(w.ward, w.ward_type) for w in plan.wards],
                     (u for t in plan.teams for u in t.units))
    named = {"ward_word": words.ward, "units_word": words.unit.lower()}
    table = Table(title=text("summary_title", lang), title_justify="left")
    if len(rows) == 1:
        ward, figures, basis = rows[0]
        table.add_column(text("col_ward", lang, **named))
        table.add_column(ward, justify="right")
        for key, value in zip(_METRICS, figures, strict=True):
            table.add_row(text(key, lang, **named), number_text(value, lang))
        table.add_row(text("col_proximity", lang), basis)
    else:
        from rich import box

        table.box = box.SIMPLE_HEAD  # no vertical rules: nine columns fit 80 characters
        table.caption = text("summary_caption", lang, **named)
        table.caption_justify = "left"
        totals = [sum(col) for col in zip(*(r[1] for r in rows), strict=True)]
        longest = max(len(ward) for ward, _, _ in rows)
        table.add_column(text("col_ward", lang, **named), min_width=min(13, longest),
                         max_width=18)
        for key, total in zip(_METRICS, totals, strict=True):
            table.add_column(text(f"short_{key}", lang), justify="right",
                             min_width=len(str(total)))
        for ward, figures, _ in rows[:SUMMARY_ROWS]:
            table.add_row(ward, *map(str, figures))
        if len(rows) > SUMMARY_ROWS:
            table.add_row(text("more_wards", lang, count=len(rows) - SUMMARY_ROWS),
                          *[""] * len(_METRICS), style="dim")
        table.add_row(text("total", lang), *map(str, totals), style="bold")
    console.print(table)
    print_changes(console, plan, lang)
    print_findings(console, plan.findings, lang)


def print_changes(console: Console, plan: Plan, lang: str) -> None:
    """With ``--current``: how many teams and people were kept (SPEC §9)."""
    from tcns_cli.model import Status

    changes = [c for w in plan.wards if w.changes is not None for c in w.changes]
    if not any(w.changes is not None for w in plan.wards):
        return
    count = {s: sum(1 for c in changes if c.status is s) for s in Status}
    current = [c for c in changes if c.status is not Status.NEW]
    listed = sum(c.listed for c in current)
    left = sum(1 for c in changes for _, why in c.people_out if why != "PERSON_MOVED")
    console.print(text("changes_kept", lang, teams=count[Status.KEPT], current=len(current),
                       people=listed - left, listed=listed,
                       changed=count[Status.CHANGED], new=count[Status.NEW],
                       dissolved=count[Status.DISSOLVED]), highlight=False)
    from tcns_cli.places import describe_all

    moved = [c for c in changes if c.status is not Status.KEPT]
    for change in moved[:CHANGES_SHOWN]:
        before = ", ".join([describe_all(change.before), *change.gone]) if (
            change.before or change.gone) else "—"
        after = describe_all(change.after) if change.after else "—"
        console.print(f"  {change.team} {text(f'status_{change.status.value}', lang)}: "
                      f"{before} → {after} ({', '.join(change.reasons)})", highlight=False)
    if len(moved) > CHANGES_SHOWN:
        console.print(text("more_changes", lang, count=len(moved) - CHANGES_SHOWN),
                      highlight=False)


CHANGES_SHOWN = 10  # teams that changed, listed on the terminal (every one on "Thay đổi")


def print_findings(console: Console, findings: tuple[Finding, ...], lang: str,
                   per_code: int = 3) -> None:
    """Warnings and errors, at most ``per_code`` lines of each code, then the counts."""
    shown: Counter[str] = Counter()
    for finding in findings:
        if finding.severity is Severity.INFO:
            continue
        shown[finding.code] += 1
        if shown[finding.code] > per_code:
            continue
        place = where(finding, lang)
        prefix = f"{place}: " if place else ""
        console.print(
            f"[{_STYLE[finding.severity]}]{finding.code}[/] {prefix}{finding.message(lang)}",
            highlight=False,
        )
    for code, count in shown.items():
        if count > per_code:
            console.print(text("more_findings", lang, count=count - per_code, code=code),
                          style="dim", highlight=False)
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    console.print(text("findings_line", lang, **counts), highlight=False)


def print_validation(console: Console, findings: tuple[Finding, ...], result: Validation,
                     profile: Profile, lang: str) -> None:
    """The findings grouped by team (rows in team order), then the counts."""
    from rich.table import Table

    table = Table(title=text("validate_title", lang), title_justify="left", show_lines=False)
    for key in ("col_team", "col_severity", "col_code", "col_where", "col_message"):
        table.add_column(text(key, lang), overflow="fold")
    # Natural order: a list's own codes may be numbers (teams 2, 5, 11 from its headings).
    ordered = sorted(findings, key=lambda f: (f.team is None, natural_key(f.team),
                                              f.source.row or 0))
    previous = None
    for finding in ordered:
        team = finding.team or "—"
        style = _STYLE[finding.severity]
        table.add_row(team if team != previous else "",
                      f"[{style}]{text('severity_' + finding.severity.value, lang)}[/]",
                      finding.code, _short_where(finding, lang), finding.message(lang))
        previous = team
    if findings:
        console.print(table)
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    if counts["error"] == 0:
        console.print(text("validate_ok", lang, profile=profile.id), style="green")
    console.print(text("findings_line", lang, **counts), highlight=False)


def _short_where(finding: Finding, lang: str) -> str:
    src = finding.source
    if src.row is None:
        return src.file or ""
    return f"{src.sheet or src.file} {text('where_row', lang, row=src.row)}"


def print_profiles(console: Console, profiles: list[Profile], lang: str) -> None:
    """Id, title and documents of each profile."""
    from rich.table import Table

    table = Table(title=text("rules_title", lang), title_justify="left", show_lines=True)
    for key in ("col_id", "col_title", "col_documents"):
        table.add_column(text(key, lang), overflow="fold")
    for profile in profiles:
        table.add_row(profile.id, profile.title, "\n".join(profile.documents))
    console.print(table)


def print_profile(console: Console, profile: Profile, lang: str) -> None:
    """Every parameter with its value and what it means."""
    from rich.table import Table

    from tcns_cli.messages import CATALOG
    from tcns_cli.profiles import parameters

    table = Table(title=f"{profile.id} — {profile.title}", title_justify="left")
    for key in ("col_key", "col_value", "col_meaning"):
        table.add_column(text(key, lang), overflow="fold")
    for key, value in parameters(profile):
        meaning = f"param_{key}" if f"param_{key}" in CATALOG else f"param_{key.split('.')[0]}"
        table.add_row(key, value, text(meaning, lang) if meaning in CATALOG else "")
    console.print(table)
