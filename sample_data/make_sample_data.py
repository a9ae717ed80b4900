"""Generate the seeded sample ward files in ``sample_data/`` (same bytes on every run).

Run from the repository root: ``.venv/bin/python sample_data/make_sample_data.py``

- ``linh-trung.xlsx``: Phường Linh Trung (Thủ Đức, 2022) as a ward office keeps it: sheet
  ``Danh sách TDP`` (TDPs under merged khu phố cells, title and subtotal rows, coordinates) and
  sheet ``Nhân sự`` (each TDP's leader and mass-organisation candidates, written messily).
- ``xa-tan-lap.xlsx``: Xã Tân Lập (2025), one level of thôn and bản (some named), a title
  row naming the commune, a people sheet.
- ``thu-duc-2025-kp.csv``: Phường Linh Xuân after 2024, khu phố as units (no TDP level);
  UTF-8 with BOM, ``;`` delimited, as Excel exports it.
- ``thu-duc-34-phuong.xlsx``: the 34 wards of Thủ Đức (2022) in one sheet with a Phường column.
- ``linh-trung-tcvn3.xlsx``: khu phố 1 and 2 of Linh Trung as an office typed them years ago,
  in the TCVN3 (ABC) fonts: every text cell holds the bytes a ``.VnTime`` font draws as
  Vietnamese (``.VnTimeH``, the capital font, for the titles in capitals).
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tcns_cli.readers.charmaps import TCVN3, encode

OUT_DIR = Path(__file__).resolve().parent
SEED = 4787
STAMP = datetime(2022, 8, 10, 8, 0, 0)  # fixed workbook and zip-entry timestamps
FONT = "Times New Roman"

# Per khu phố: (number of TDPs, how many have >= 450 households). Small TDPs per khu phố are
# 11, 10, 13, 12, 9, 12: KP1, KP3 and KP5 are odd, so pairs must cross khu phố.
KP_PLAN = [(12, 1), (11, 1), (13, 0), (14, 2), (10, 1), (12, 0)]
KP_CENTRES = [(lat, lon) for lat in (10.8655, 10.8765) for lon in (106.7755, 106.7855, 106.7955)]
TDP_SPACING = 0.002  # degrees, about 220 m between neighbouring TDPs

FAMILIES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 5, 4.5, 4, 2, 2, 1.5, 1.5, 1.3, 1, 0.5]
MIDDLE = {"Nam": "Văn Hữu Đức Minh Quốc Công Thanh Tấn Hoàng Gia".split(),
          "Nữ": "Thị Ngọc Thu Thanh Kim Mỹ Bảo Phương Hồng".split()}
GIVEN = {"Nam": ("Anh Bảo Bình Cường Dũng Duy Đạt Hải Hiếu Hùng Huy Khang Khoa Long Lộc Nam "
                 "Nghĩa Phong Phúc Quang Sơn Tài Thắng Thành Tiến Toàn Trung Tuấn Vinh").split(),
         "Nữ": ("An Anh Chi Diễm Dung Giang Hà Hạnh Hằng Hoa Hương Lan Linh Loan Mai My Ngân "
                "Nhung Oanh Phượng Quyên Tâm Thảo Thủy Trang Trinh Uyên Vân Vy Yến").split()}
MOBILE_PREFIXES = ("032 033 034 035 036 037 038 039 070 076 077 078 079 081 082 083 084 085 "
                   "086 088 090 091 093 094 096 097 098").split()  # 0890-0895 are unassigned
OLD_PREFIXES = ("0162", "0163", "0165", "0168", "0169", "0122", "0128")  # pre-2018 11-digit


# Mass organisations by Vietnamese initials (ĐTN, PN, CCB, NCT, CTĐ, MT): spellings seen in ward
# files | head, member | born from, to | share of women. Youth Union members are 16-30, so born
# 1995-2006 in a 2022 list.
ORGS = {
    "dtn": ("Đoàn thanh niên|Đoàn TN|ĐTN|Chi đoàn", "Bí thư chi đoàn|Đoàn viên", 1995, 2006, 0.5),
    "pn": ("Chi hội Phụ nữ|Hội LHPN|Hội Phụ nữ", "Chi hội trưởng|Hội viên", 1965, 1995, 1.0),
    "ccb": ("Hội CCB|Chi hội CCB|Hội Cựu chiến binh", "Chi hội trưởng|Hội viên", 1948, 1972, 0.1),
    "nct": ("Chi hội NCT|Hội NCT|Hội Người cao tuổi", "Chi hội trưởng|Hội viên", 1942, 1962, 0.5),
    "ctd": ("Chi hội Chữ thập đỏ|Hội CTĐ", "Chi hội trưởng|Tình nguyện viên", 1960, 2000, 0.6),
    "mt": ("Ban công tác Mặt trận|Mặt trận|MTTQ", "Trưởng ban công tác Mặt trận|Thành viên",
           1950, 1985, 0.4),
}
KP_STYLES = ("Khu phố {}", "KP{}", "{}", "KP {:02d}")  # "{}" is written as a number
TDP_STYLES = ("Tổ {:02d}", "Tổ {}", "{}", "TDP {}")


@dataclass(frozen=True, slots=True)
class Tdp:
    """One tổ dân phố of the unit sheet."""

    kp: int
    num: int
    households: int
    lat: float
    lon: float
    note: str


@dataclass(frozen=True, slots=True)
class Person:
    """One row of the people sheet, before its labels and phone are written messily."""

    name: str
    year: int
    gender: str
    kp: int
    tdp: int
    position: str
    org: str
    phone: str
    skilled: bool


def make_name(rng: random.Random, gender: str, year: int, used: set[str]) -> str:
    """A Vietnamese full name for this gender, not yet in ``used`` (older people: Văn/Thị)."""
    while True:
        family = rng.choices(FAMILIES, weights=FAMILY_WEIGHTS)[0]
        old_style = year < 1975 and rng.random() < 0.6
        middle = ("Văn" if gender == "Nam" else "Thị") if old_style else rng.choice(MIDDLE[gender])
        given = rng.choice(GIVEN[gender])
        name = unicodedata.normalize("NFC", f"{family} {middle} {given}")
        if name not in used and len({family, middle, given}) == 3:
            used.add(name)
            return name


def new_phone(rng: random.Random) -> str:
    """A 10-digit Vietnamese mobile number."""
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def written_phone(rng: random.Random, phone: str) -> str | int:
    """The phone as offices type it: a third as numbers (Excel drops the 0), some spaced."""
    roll = rng.random()
    if roll < 0.33:
        return int(phone)
    if roll < 0.45:
        return f"{phone[:3]} {phone[3:6]} {phone[6:]}"
    if roll < 0.55:
        return f"{phone[:4]}.{phone[4:7]}.{phone[7:]}"
    return phone


def make_ward(rng: random.Random) -> list[Tdp]:
    """Linh Trung's TDPs: clustered by khu phố, mostly small, a few large."""
    tdps: list[Tdp] = []
    for kp, ((count, large), centre) in enumerate(zip(KP_PLAN, KP_CENTRES, strict=True), 1):
        big = set(rng.sample(range(1, count + 1), large))
        for num in range(1, count + 1):
            row, col = divmod(num - 1, 4)
            lat = centre[0] + (row - 1.5) * TDP_SPACING + rng.uniform(-4e-4, 4e-4)
            lon = centre[1] + (col - 1.5) * TDP_SPACING + rng.uniform(-4e-4, 4e-4)
            if num in big:
                households = rng.randint(460, 900)
                note = rng.choice(("Khu chung cư", "Nhiều nhà trọ công nhân"))
            else:
                households = rng.randint(60, 300) if rng.random() < 0.85 else rng.randint(301, 440)
                note = ""
            tdps.append(Tdp(kp, num, households, round(lat, 6), round(lon, 6), note))
    jumbo = rng.choice([i for i, tdp in enumerate(tdps) if tdp.households >= 450])
    tdps[jumbo] = replace(tdps[jumbo], households=1020)  # written "1.020" in the sheet
    return tdps


def make_person(rng: random.Random, tdp: Tdp, org: str, head: bool, used: set[str]) -> Person:
    """A candidate of ``tdp`` from organisation ``org`` (or its leader when org is "leader")."""
    if org == "leader":
        year, gender = rng.randint(1955, 1990), "Nam" if rng.random() < 0.7 else "Nữ"
        position, org_text = "Tổ trưởng tổ dân phố", "Mặt trận" if rng.random() < 0.3 else ""
    else:
        spellings, positions, born_from, born_to, female_share = ORGS[org]
        year = rng.randint(born_from, born_to)
        gender = "Nữ" if rng.random() < female_share else "Nam"
        position = positions.split("|")[0 if head else 1]
        names = spellings.split("|")  # the full name most often
        org_text = rng.choices(names, weights=[3] + [1] * (len(names) - 1))[0]
    name = make_name(rng, gender, year, used)
    skilled = rng.random() < (0.8 if year >= 1990 else 0.5 if year >= 1970 else 0.3)
    return Person(name, year, gender, tdp.kp, tdp.num, position, org_text, new_phone(rng), skilled)


def pick_orgs(rng: random.Random, count: int, youth: bool) -> list[str]:
    """Organisations of a TDP's ``count`` candidates; the first is Youth Union when ``youth``."""
    if count == 0:
        return []
    if not youth:
        return rng.choices([key for key in ORGS if key != "dtn"], k=count)
    return ["dtn"] + rng.choices(list(ORGS), k=count - 1)


def make_people(rng: random.Random, tdps: list[Tdp]) -> list[Person]:
    """Each TDP's leader and 3-5 candidates; 2 TDPs have none, 3 more no Youth Union one."""
    bare = set(rng.sample(range(len(tdps)), 2))
    no_youth = {rng.choice([i for i, tdp in enumerate(tdps) if tdp.kp == kp and i not in bare])
                for kp in rng.sample(range(1, 7), 3)}  # in three different khu phố
    used: set[str] = set()
    people: list[Person] = []
    for i, tdp in enumerate(tdps):
        people.append(make_person(rng, tdp, "leader", False, used))
        orgs = pick_orgs(rng, 0 if i in bare else rng.randint(3, 5), i not in no_youth)
        for n, org in enumerate(orgs):  # a branch head now and then, at most one per branch
            head = org not in orgs[:n] and rng.random() < 0.4
            people.append(make_person(rng, tdp, org, head, used))
    return people


def households_cell(households: int) -> str | int:
    """Big counts are typed as text with the Vietnamese thousands dot, e.g. "1.020"."""
    return f"{households:,}".replace(",", ".") if households >= 1000 else households


def label(style: str, number: int) -> str | int:
    """A khu phố or TDP label in the given style; the bare style is a number cell."""
    return number if style == "{}" else style.format(number)


def people_rows(rng: random.Random, people: list[Person]) -> list[list[object]]:
    """People sheet rows: each khu phố's collector spells labels their own way; messy phones."""
    picks = rng.sample(range(len(people)), 5)
    old, empty = set(picks[:3]), set(picks[3:])
    kp_styles = rng.sample(KP_STYLES, 4) + rng.sample(KP_STYLES, 2)  # every style used
    tdp_styles = rng.choices(TDP_STYLES, k=6)
    styles = {kp: (kp_styles[kp - 1], tdp_styles[kp - 1]) for kp in range(1, 7)}
    rows: list[list[object]] = []
    for i, p in enumerate(people):
        phone: object = written_phone(rng, p.phone)
        if i in old:
            phone = rng.choice(OLD_PREFIXES) + f"{rng.randrange(10**7):07d}"
        elif i in empty:
            phone = None
        kp_style, tdp_style = styles[p.kp]
        rows.append([i + 1, p.name, p.year, p.gender, label(kp_style, p.kp),
                     label(tdp_style, p.tdp), p.position, p.org or None, phone,
                     "x" if p.skilled else None])
    return rows


def style_sheet(ws: Worksheet, header_row: int, widths: list[float], bold_rows: set[int]) -> None:
    """Office look: Times New Roman, bold titles/header/totals, thin borders, column widths."""
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in ws.iter_rows():
        for cell in row:
            bold = cell.row <= header_row or cell.row in bold_rows
            cell.font = Font(name=FONT, size=12, bold=bold)
            if cell.row >= header_row:
                cell.border = border
            if cell.row <= header_row:
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFGHIJ", widths, strict=False):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)


def write_titles(ws: Worksheet, titles: list[str], columns: int) -> None:
    """Title rows above the header, each merged across the table's width."""
    for title in titles:
        ws.append([title or None])
        if title:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row,
                           end_column=columns)


def write_unit_sheet(ws: Worksheet, tdps: list[Tdp]) -> None:
    """The TDP list: khu phố cell merged down its TDPs, a subtotal row after each khu phố."""
    header = ["STT", "Khu phố", "Tổ dân phố", "Số hộ gia đình", "Vĩ độ", "Kinh độ", "Ghi chú"]
    write_titles(ws, ["ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG", "DANH SÁCH TỔ DÂN PHỐ NĂM 2022", ""],
                 len(header))
    ws.append(header)
    bold: set[int] = set()
    stt = itertools.count(1)
    for kp, group in itertools.groupby(tdps, key=lambda tdp: tdp.kp):
        members, top = list(group), ws.max_row + 1
        for tdp in members:
            ws.append([next(stt), f"Khu phố {kp}" if tdp.num == 1 else None, f"Tổ {tdp.num:02d}",
                       households_cell(tdp.households), tdp.lat, tdp.lon, tdp.note or None])
        ws.merge_cells(start_row=top, start_column=2, end_row=ws.max_row, end_column=2)
        ws.cell(top, 2).alignment = Alignment(vertical="center")
        ws.append([None, f"Cộng KP{kp}", None, sum(tdp.households for tdp in members)])
        bold.add(ws.max_row)
    ws.append([None, "Tổng cộng", None, sum(tdp.households for tdp in tdps)])
    bold.add(ws.max_row)
    style_sheet(ws, 4, [6, 13, 13, 10, 12, 12, 26], bold)


def write_people_sheet(ws: Worksheet, rows: list[list[object]]) -> None:
    """The people list with one title row and a blank row above its header."""
    header = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Khu phố", "Tổ dân phố", "Chức vụ",
              "Đoàn thể", "Số điện thoại", "Kỹ năng số"]
    write_titles(ws, ["DANH SÁCH NHÂN SỰ THAM GIA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", ""], len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    style_sheet(ws, 3, [6, 26, 9, 8, 11, 11, 28, 22, 15, 9], set())


def save_stable(wb: Workbook, path: Path) -> None:
    """Save with fixed document and zip timestamps (openpyxl's save stamps the current time)."""
    wb.properties.creator = "UBND phường Linh Trung"
    wb.properties.created = wb.properties.modified = STAMP
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, STAMP.timetuple()[:6])
            dst.writestr(entry, src.read(info), compress_type=zipfile.ZIP_DEFLATED)


def write_linh_trung(rng: random.Random, path: Path) -> None:
    """The 2022 ward workbook: unit sheet and people sheet."""
    tdps = make_ward(rng)
    wb = Workbook()
    units = wb.active
    assert units is not None
    units.title = "Danh sách TDP"
    write_unit_sheet(units, tdps)
    write_people_sheet(wb.create_sheet("Nhân sự"), people_rows(rng, make_people(rng, tdps)))
    save_stable(wb, path)


def write_linh_trung_tcvn3(path: Path, khu_pho: int = 2) -> None:
    """Linh Trung's first ``khu_pho`` khu phố, typed in TCVN3 with the ``.Vn`` fonts.

    The ward is made again from the same seed, so its TDPs and people are those of
    ``linh-trung.xlsx``; the other sample files do not change.
    """
    rng = random.Random(SEED)
    tdps = make_ward(rng)
    people = make_people(rng, tdps)
    rows = [row for row, person in zip(people_rows(rng, people), people, strict=True)
            if person.kp <= khu_pho]
    wb = Workbook()
    units = wb.active
    assert units is not None
    units.title = "DS TDP"
    write_unit_sheet(units, [tdp for tdp in tdps if tdp.kp <= khu_pho])
    write_people_sheet(wb.create_sheet("Nhan su"), [[n, *row[1:]] for n, row in
                                                    enumerate(rows, start=1)])
    for sheet in wb.worksheets:
        for cell in (c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)):
            capitals = cell.value == cell.value.upper() != cell.value.lower()
            cell.font = Font(name=".VnTimeH" if capitals else ".VnTime", size=cell.font.size,
                             bold=cell.font.bold)
            cell.value = encode(cell.value, TCVN3)
    save_stable(wb, path)


def write_linh_xuan(rng: random.Random, path: Path, count: int = 40, small: int = 15) -> None:
    """The 2025 khu phố list of Linh Xuân: no TDP level, leader columns filled in."""
    small_kps = set(rng.sample(range(1, count + 1), small))
    used: set[str] = set()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["STT", "Khu phố", "Số hộ", "Trưởng khu phố", "Năm sinh", "SĐT"])
        for n in range(1, count + 1):
            households = rng.randint(250, 449) if n in small_kps else rng.randint(450, 900)
            year, gender = rng.randint(1955, 1985), "Nam" if rng.random() < 0.7 else "Nữ"
            name = make_name(rng, gender, year, used)
            kp_label = rng.choice(("KP {:02d}", "Khu phố {}", "KP{}")).format(n)
            phone = written_phone(rng, new_phone(rng))
            writer.writerow([n, kp_label, households, name, year, phone])


THU_DUC_WARDS = (
    "An Khánh, An Lợi Đông, An Phú, Bình Chiểu, Bình Thọ, Bình Trưng Đông, Bình Trưng Tây, "
    "Cát Lái, Hiệp Bình Chánh, Hiệp Bình Phước, Hiệp Phú, Linh Chiểu, Linh Đông, Linh Tây, "
    "Linh Trung, Linh Xuân, Long Bình, Long Phước, Long Thạnh Mỹ, Long Trường, Phú Hữu, "
    "Phước Bình, Phước Long A, Phước Long B, Tam Bình, Tam Phú, Tân Phú, Tăng Nhơn Phú A, "
    "Tăng Nhơn Phú B, Thạnh Mỹ Lợi, Thảo Điền, Thủ Thiêm, Trường Thạnh, Trường Thọ"
).split(", ")


def thu_duc_rows(rng: random.Random) -> tuple[list[list[object]], list[list[object]]]:
    """34 wards: unit rows with their leader, and one or two candidates per TDP."""
    units: list[list[object]] = []
    people: list[list[object]] = []
    used: set[str] = set()
    for ward in THU_DUC_WARDS:
        for kp in range(1, rng.randint(3, 6) + 1):
            for tdp in range(1, rng.randint(5, 12) + 1):
                homes = rng.randint(460, 800) if rng.random() < 0.07 else rng.randint(60, 420)
                gender = rng.choice(("Nam", "Nữ"))
                year = rng.randint(1955, 1990)
                units.append([f"Phường {ward}", kp, f"Tổ {tdp}", homes,
                              make_name(rng, gender, year, used), year, new_phone(rng)])
                for _ in range(rng.randint(1, 2)):
                    sex, born = rng.choice(("Nam", "Nữ")), rng.randint(1975, 2006)
                    org = "Đoàn thanh niên" if born >= 1992 else rng.choice(
                        ("Chi hội Phụ nữ", "Hội CCB", "Chi hội NCT"))
                    people.append([make_name(rng, sex, born, used), born, sex, ward, kp, tdp,
                                   "Hội viên", org, new_phone(rng)])
    return units, people


def write_thu_duc(rng: random.Random, path: Path) -> None:
    """All 34 wards of Thủ Đức (2022) in one workbook with a Phường column."""
    units, people = thu_duc_rows(rng)
    wb = Workbook()
    sheets = (
        (wb.active, "Danh sách TDP",
         ["Phường", "Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "SĐT"], units),
        (wb.create_sheet(), "Nhân sự",
         ["Họ và tên", "Năm sinh", "Giới tính", "Phường", "Khu phố", "Tổ dân phố", "Chức vụ",
          "Đoàn thể", "Số điện thoại"], people),
    )
    for ws, title, header, rows in sheets:
        ws.title = title
        ws.append(header)
        for row in rows:
            ws.append(row)
    save_stable(wb, path)


XA_UNITS = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn Đông", "Thôn Tây",
            "Thôn Đồng Tâm", "Bản Mường", "Bản Nà Lốc", "Bản Khoang"]


def write_xa(rng: random.Random, path: Path) -> None:
    """Xã Tân Lập (2025): one level of thôn and bản, some named rather than numbered; a title
    row names the commune (no ward column); a people sheet of leaders and candidates."""
    wb = Workbook()
    units = wb.active
    assert units is not None
    units.title = "Danh sách thôn, bản"
    header = ["STT", "Thôn, bản", "Số hộ", "Trưởng thôn", "Năm sinh", "Số điện thoại"]
    write_titles(units, ["ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "DANH SÁCH THÔN, BẢN NĂM 2025", ""],
                 len(header))
    units.append(header)
    used: set[str] = set()
    people: list[list[object]] = []
    for n, name in enumerate(XA_UNITS, start=1):
        year, gender = rng.randint(1960, 1990), "Nam" if rng.random() < 0.75 else "Nữ"
        leader = make_name(rng, gender, year, used)
        units.append([n, name, rng.randint(60, 420), leader, year, new_phone(rng)])
        for org in pick_orgs(rng, rng.randint(2, 4), rng.random() < 0.85):
            spellings, positions, born_from, born_to, female_share = ORGS[org]
            born = rng.randint(born_from, born_to)
            sex = "Nữ" if rng.random() < female_share else "Nam"
            people.append([len(people) + 1, make_name(rng, sex, born, used), born, sex, name,
                           positions.split("|")[1], spellings.split("|")[0],
                           new_phone(rng)])
    units.append([None, "Tổng cộng", sum(int(r[2].value or 0) for r in units.iter_rows(
        min_row=5, max_row=units.max_row) if isinstance(r[2].value, int))])
    style_sheet(units, 4, [6, 18, 10, 24, 10, 15], {units.max_row})
    sheet = wb.create_sheet("Nhân sự")
    columns = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn, bản", "Chức vụ", "Đoàn thể",
               "Số điện thoại"]
    write_titles(sheet, ["DANH SÁCH NHÂN SỰ THAM GIA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", ""],
                 len(columns))
    sheet.append(columns)
    for row in people:
        sheet.append(row)
    style_sheet(sheet, 3, [6, 26, 9, 8, 16, 22, 22, 15], set())
    save_stable(wb, path)


def main() -> None:
    """Write the sample files beside this script."""
    rng = random.Random(SEED)
    write_linh_trung(rng, OUT_DIR / "linh-trung.xlsx")
    write_linh_xuan(rng, OUT_DIR / "thu-duc-2025-kp.csv")
    write_thu_duc(random.Random(SEED + 34), OUT_DIR / "thu-duc-34-phuong.xlsx")
    write_xa(random.Random(SEED + 793), OUT_DIR / "xa-tan-lap.xlsx")
    write_linh_trung_tcvn3(OUT_DIR / "linh-trung-tcvn3.xlsx")
    print(f"wrote linh-trung.xlsx, thu-duc-2025-kp.csv, thu-duc-34-phuong.xlsx, "
          f"xa-tan-lap.xlsx and linh-trung-tcvn3.xlsx in {OUT_DIR}")


if __name__ == "__main__":
    main()
