"""Seeded national-scale input for the benchmark: units in many wards, and their people.

    .venv/bin/python bench/generate.py --units 100000 --wards 3000 --people 400000 -o bench/data

Writes ``national-<units>.xlsx`` with a unit sheet (a ``Xã/Phường`` column) and a people
sheet. About 85 % of wards have coordinates; the rest are planned on numbering. As in the
country since 2025, about four in five are xã with one level of thôn, ấp or bản; the
phường have khu phố with TDPs under them, or (one in five) khu phố only.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import xlsxwriter

ORGS = ("Đoàn TN", "Chi hội Phụ nữ", "Hội CCB", "Chi hội NCT", "Chi hội CTĐ", "Ban CTMT")
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
GIVEN = "An Bình Châu Dũng Hà Hải Hạnh Hoa Hùng Lan Linh Minh Nam Phúc Quân Thảo Trang Vy".split()
MIDDLE = "Văn Thị Hữu Minh Ngọc Thanh Quốc Gia Thu Đức".split()
PEOPLE = ["Họ và tên", "Năm sinh", "Giới tính", "Xã/Phường", "Thôn, khu phố", "Tổ dân phố",
          "Chức vụ", "Đoàn thể", "Số điện thoại", "Kỹ năng số"]


def ward_sizes(rng: random.Random, units: int, wards: int) -> list[int]:
    """Units per ward: around the mean, at least 2, summing to ``units``."""
    mean = units / wards
    sizes = [max(2, round(rng.gauss(mean, mean / 3))) for _ in range(wards)]
    while sum(sizes) != units:
        i = rng.randrange(wards)
        step = 1 if sum(sizes) < units else -1
        if sizes[i] + step >= 2:
            sizes[i] += step
    return sizes


def ward_units(rng: random.Random, number: int, size: int) -> list[list[object]]:
    """One ward's unit rows: [ward, thôn or khu phố, TDP, households, lat, lon]."""
    xa = rng.random() < 0.8
    kp_only = not xa and rng.random() < 0.2
    village = rng.choice(("Thôn", "Ấp", "Bản")) if xa else "KP"
    ward = f"Xã {number:04d}" if xa else f"Phường {number:04d}"
    coords = rng.random() < 0.85
    lat0, lon0 = rng.uniform(8.6, 22.5), rng.uniform(102.2, 109.4)
    rows: list[list[object]] = []
    per_kp = size if kp_only or xa else rng.randint(6, 14)
    for n in range(size):
        kp, tdp = (n + 1, None) if kp_only or xa else (n // per_kp + 1, n % per_kp + 1)
        homes = rng.randint(250, 900) if kp_only else (
            rng.randint(460, 900) if rng.random() < 0.08 else rng.randint(50, 440))
        lat = lon = None
        if coords:
            lat, lon = lat0 + rng.gauss(0, 0.01), lon0 + rng.gauss(0, 0.01)
        rows.append([ward, f"{village} {kp}", f"Tổ {tdp}" if tdp else None, homes, lat, lon])
    return rows


def person(rng: random.Random, unit: list[object], leader: bool) -> list[object]:
    """A person row: [name, year, gender, ward, kp, tdp, position, org, phone, skills]."""
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    org = "" if leader else rng.choice(ORGS)
    year = rng.randint(1955, 1990) if leader else rng.randint(1960, 2006)
    phone = f"09{rng.randint(0, 8)}{rng.randrange(10**7):07d}"
    word = str(unit[1]).split()[0].lower()
    head = "Tổ trưởng tổ dân phố" if unit[2] else f"Trưởng {'khu phố' if word == 'kp' else word}"
    position = head if leader else "Hội viên"
    return [name, year, rng.choice(("Nam", "Nữ")), unit[0], unit[1], unit[2], position, org,
            phone, "x" if rng.random() < 0.5 else ""]


def write(path: Path, units: list[list[object]], people: list[list[object]]) -> None:
    """One workbook, two sheets, written in constant memory."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheets = (
        ("Danh sách tổ", ["Xã/Phường", "Thôn, khu phố", "Tổ dân phố", "Số hộ", "Vĩ độ",
                          "Kinh độ"], units),
        ("Nhân sự", PEOPLE, people),
    )
    for name, header, rows in sheets:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.close()


def generate(units: int, wards: int, people: int, folder: Path, seed: int = 4787) -> Path:
    """Write the data set; returns its path."""
    rng = random.Random(seed)
    unit_rows: list[list[object]] = []
    for n, size in enumerate(ward_sizes(rng, units, wards), start=1):
        unit_rows += ward_units(rng, n, size)
    extra = max(0, people - units)
    person_rows = [person(rng, u, True) for u in unit_rows]
    person_rows += [person(rng, rng.choice(unit_rows), False) for _ in range(extra)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"national-{units}.xlsx"
    write(path, unit_rows, person_rows)
    return path


def big_ward(units: int, folder: Path, neighbours: bool, area: int = 40,
             seed: int = 18) -> Path:
    """One ward of ``units`` units in khu phố of ``area`` TDPs each (8 by 5 on the ground),
    with coordinates, or only a neighbours column (the TDPs beside and below, across khu phố
    too), and four people a unit (its leader and three members), as in the national file:
    what a file read without its ward column makes of a province (issue 18)."""
    rng = random.Random(seed)
    per_row = max(1, round((units / area) ** 0.5))
    header = ["Phường", "Khu phố", "Tổ dân phố", "Số hộ"] + (
        ["Tổ liền kề"] if neighbours else ["Vĩ độ", "Kinh độ"])
    rows: list[list[object]] = []
    at: dict[tuple[int, int], str] = {}
    for n in range(units):
        kp, t = divmod(n, area)
        x, y = (kp % per_row) * 8 + t % 8, (kp // per_row) * 5 + t // 8
        at[(x, y)] = f"KP{kp + 1}-Tổ {t + 1}"
        homes = rng.randint(460, 900) if rng.random() < 0.08 else rng.randint(50, 440)
        rows.append(["Lớn", f"KP{kp + 1}", f"Tổ {t + 1}", homes, x, y])
    for row in rows:
        x, y = int(row.pop(4)), int(row.pop(4))  # type: ignore[call-overload]
        if neighbours:
            row.append(", ".join(at[p] for p in ((x + 1, y), (x, y + 1)) if p in at))
        else:  # about 150 m apart
            row += [10.8 + y * 0.00135 + rng.gauss(0, 0.0002),
                    106.7 + x * 0.00137 + rng.gauss(0, 0.0002)]
    people = [person(rng, row, n == 0) for row in rows for n in range(4)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"one-ward-{units}-{'adjacency' if neighbours else 'coordinates'}.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, head, body in (("Danh sách tổ", header, rows), ("Nhân sự", PEOPLE, people)):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, head)
        for r, row in enumerate(body, start=1):
            sheet.write_row(r, 0, row)
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--wards", type=int, default=3_000)
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("-o", "--out", type=Path, default=Path("bench/data"))
    args = parser.parse_args()
    print(generate(args.units, args.wards, args.people, args.out))


if __name__ == "__main__":
    main()
