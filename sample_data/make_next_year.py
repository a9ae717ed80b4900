"""A year later in Linh Trung, for `tcns plan --current` (SPEC §9, README "Cập nhật phương
án hằng năm").

    .venv/bin/python sample_data/make_next_year.py

- ``linh-trung-to-hien-co.xlsx``: the teams the ward has now: the workbook tcns wrote for
  ``linh-trung.xlsx`` (its sheet ``Danh sách thành viên`` is the list annexed to the decision).
- ``linh-trung-2026.xlsx``: the same office file four years on, with the changes a ward sees:
  - KP 2 / Tổ 6 merged into Tổ 5 (households added)          → UNIT_GONE
  - KP 2 / Tổ 12 founded (120 households, its head, two members) → UNIT_NEW
  - KP 4 / Tổ 3 grew to 505 households                        → UNIT_NOW_LARGE
  - KP 4 / Tổ 2 shrank to 430 households                      → UNIT_NOW_SMALL
  - a Youth Union member of KP 1 / Tổ 11 moved away            → PERSON_GONE
  - KP 5 / Tổ 7 elected a new head                            → NO_LONGER_LEADER
  - a member of KP 2 / Tổ 10 left the Youth Union              → NOT_IN_ORGANIZATION
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_sample_data import save_stable  # noqa: E402

from tcns_cli.plan import make_plan  # noqa: E402
from tcns_cli.profiles import load_profile  # noqa: E402
from tcns_cli.readers.dataset import read_dataset  # noqa: E402
from tcns_cli.writers.excel import write_plan  # noqa: E402


def number(value: Any) -> int | None:
    """``Khu phố 2``, ``KP 02``, ``Tổ 06``, ``TDP 6``, 6 → the number."""
    found = re.search(r"\d+", str(value)) if value is not None else None
    return int(found.group()) if found else None


def write_current(path: Path) -> None:
    """The teams as tcns planned them for the 2022 file."""
    dataset = read_dataset([HERE / "linh-trung.xlsx"])
    write_plan(make_plan(dataset, load_profile(None), workers=1), path, "vi")


def edit_units(ws: Any) -> None:
    """The unit sheet: merge, found, grow and shrink; STT and the khu phố totals again."""
    ws["A2"] = "DANH SÁCH TỔ DÂN PHỐ NĂM 2026"
    kp = None
    rows: dict[tuple[int, int], int] = {}
    totals: dict[int, int] = {}
    for row in range(5, ws.max_row + 1):
        if ws.cell(row, 2).value is not None and str(ws.cell(row, 2).value).startswith("Cộng"):
            totals[number(ws.cell(row, 2).value) or 0] = row
            continue
        kp = number(ws.cell(row, 2).value) or kp
        tdp = number(ws.cell(row, 3).value)
        if kp is not None and tdp is not None:
            rows[(kp, tdp)] = row
    ws.cell(rows[(2, 5)], 4).value = 162 + 74  # Tổ 6's households join Tổ 5
    ws.cell(rows[(2, 5)], 7).value = "Sáp nhập Tổ 06 (2025)"
    ws.cell(rows[(4, 3)], 4).value = 505
    ws.cell(rows[(4, 2)], 4).value = 430
    # Tổ 12 takes Tổ 6's row at the end of khu phố 2: the rows between move up one (the
    # khu phố cell is merged down its rows and stays).
    gone, total = rows[(2, 6)], totals[2]
    for row in range(gone, total - 1):
        for col in range(3, 8):
            ws.cell(row, col).value = ws.cell(row + 1, col).value
    new = total - 1
    for col, value in enumerate(["Tổ 12", 120, 10.86585, 106.78395, "Thành lập mới (2026)"],
                                start=3):
        ws.cell(new, col).value = value
    for kp_number, row in totals.items():
        first = min(r for (k, _), r in rows.items() if k == kp_number)
        ws.cell(row, 4).value = sum(int(str(ws.cell(r, 4).value).replace(".", ""))
                                    for r in range(first, row))
    count = 0
    for row in range(5, ws.max_row + 1):
        if ws.cell(row, 3).value is not None:
            count += 1
            ws.cell(row, 1).value = count


def edit_people(ws: Any) -> None:
    """The people sheet: one member gone, a new head, one left her organisation, Tổ 6's
    people now in Tổ 5, and the new Tổ 12's people."""
    header = 3
    names = {ws.cell(r, 2).value: r for r in range(header + 1, ws.max_row + 1)}
    ws.cell(names["Lê Đức Khoa"], 7).value = "Hội viên"
    ws.cell(names["Lê Đức Khoa"], 8).value = "Hội CCB"
    ws.cell(names["Phạm Bảo Trang"], 7).value = "Nhân viên văn phòng"
    ws.cell(names["Phạm Bảo Trang"], 8).value = None
    for row in range(header + 1, ws.max_row + 1):
        if number(ws.cell(row, 5).value) == 2 and number(ws.cell(row, 6).value) == 6:
            head = "trưởng" in str(ws.cell(row, 7).value or "").lower()
            ws.cell(row, 6).value = "Tổ 05"
            if head:
                ws.cell(row, 7).value = "Nguyên tổ trưởng Tổ 06"
                ws.cell(row, 8).value = "MTTQ"
    ws.delete_rows(names["Nguyễn Gia Toàn"])
    new_people = [
        ["Trần Minh Đức", 1990, "Nam", "Khu phố 5", "Tổ 07", "Tổ trưởng tổ dân phố", None,
         "0912345670", "x"],
        ["Võ Thị Hồng", 1984, "Nữ", "Khu phố 2", "Tổ 12", "Tổ trưởng tổ dân phố", None,
         "0987654320", "x"],
        ["Nguyễn Thanh Tú", 2003, "Nam", "Khu phố 2", "Tổ 12", "Đoàn viên", "Đoàn thanh niên",
         "0356789012", "x"],
        ["Lê Ngọc Hân", 2001, "Nữ", "Khu phố 2", "Tổ 12", "Hội viên", "Hội LHPN",
         "0778123456", None],
    ]
    for values in new_people:
        row = ws.max_row + 1
        ws.cell(row, 1).value = row - header
        for col, value in enumerate(values, start=2):
            ws.cell(row, col).value = value
    for row in range(header + 1, ws.max_row + 1):
        ws.cell(row, 1).value = row - header


def main() -> None:
    write_current(HERE / "linh-trung-to-hien-co.xlsx")
    wb = load_workbook(HERE / "linh-trung.xlsx")
    edit_units(wb["Danh sách TDP"])
    edit_people(wb["Nhân sự"])
    save_stable(wb, HERE / "linh-trung-2026.xlsx")


if __name__ == "__main__":
    main()
