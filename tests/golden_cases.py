"""The outputs recorded as golden files: what `tcns` writes for the sample data.

``python -m tests.golden_cases`` records them again (after a change that is meant to alter
the output: review the diff of ``tests/golden/`` before committing it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
GOLDEN = Path(__file__).resolve().parent / "golden"

# name → (command line with {out} for the output folder, the files it writes)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "linh-trung": (["plan", str(SAMPLES / "linh-trung.xlsx"), "-o", "{out}/plan.xlsx",
                    "--json", "{out}/plan.json"], ["plan.json", "plan.xlsx"]),
    "linh-trung-en-793": (["plan", str(SAMPLES / "linh-trung.xlsx"), "--rules", "bttt-793-2022",
                           "--json", "{out}/plan.json", "--lang", "en"], ["plan.json"]),
    "linh-xuan-kp": (["plan", str(SAMPLES / "thu-duc-2025-kp.csv"), "--ward", "Linh Xuân",
                      "-o", "{out}/plan.xlsx", "--json", "{out}/plan.json"],
                     ["plan.json", "plan.xlsx"]),
    "validate-hand-list": (["validate", str(SAMPLES / "linh-trung-danh-sach-tay.xlsx"),
                            "--units", str(SAMPLES / "linh-trung.xlsx"),
                            "--report", "{out}/report.xlsx", "--json", "{out}/report.json"],
                           ["report.json", "report.xlsx"]),
    "validate-hand-list-headings": (
        ["validate", str(SAMPLES / "linh-trung-danh-sach-tieu-de.xlsx"), "--units",
         str(SAMPLES / "linh-trung.xlsx"), "--report", "{out}/report.xlsx", "--json",
         "{out}/report.json"], ["report.json", "report.xlsx"]),
    "validate-hand-list-teams": (
        ["validate", str(SAMPLES / "linh-trung-danh-sach-theo-to.xlsx"), "--units",
         str(SAMPLES / "linh-trung.xlsx"), "--report", "{out}/report.xlsx", "--json",
         "{out}/report.json", "--lang", "en"], ["report.json", "report.xlsx"]),
    "template": (["template", "-o", "{out}/template.xlsx"], ["template.xlsx"]),
}


def run_case(name: str, out: Path) -> dict[str, Any]:
    """Run one case with the CLI into ``out``; every file it wrote, as comparable values."""
    from typer.testing import CliRunner

    from tcns_cli.cli import app

    args, files = CASES[name]
    result = CliRunner().invoke(app, [a.replace("{out}", str(out)) for a in args])
    recorded: dict[str, Any] = {"exit_code": result.exit_code}
    for file in files:
        path = out / file
        recorded[file] = (json.loads(path.read_text(encoding="utf-8"))
                          if file.endswith(".json") else workbook_cells(path))
    return recorded


def workbook_cells(path: Path) -> dict[str, Any]:
    """Every sheet's values, merged ranges, row heights and column widths."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {
        sheet.title: {
            "cells": [[cell.value for cell in row] for row in sheet.iter_rows()],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "heights": {str(k): d.height for k, d in sorted(sheet.row_dimensions.items())
                        if d.height},
            "widths": {k: d.width for k, d in sorted(sheet.column_dimensions.items())},
        }
        for sheet in book.worksheets
    }


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def record() -> None:
    """Write every case's golden file."""
    import tempfile

    GOLDEN.mkdir(exist_ok=True)
    for name in CASES:
        with tempfile.TemporaryDirectory() as folder:
            values = run_case(name, Path(folder))
        golden_path(name).write_text(
            json.dumps(values, ensure_ascii=False, indent=1, default=str) + "\n",
            encoding="utf-8")
        print(f"recorded {golden_path(name).relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    record()
