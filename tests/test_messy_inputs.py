"""Real ward files load as they are (SPEC §2.1): the messes an office produces."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tcns_cli.model import Dataset
from tcns_cli.places import unit_slots
from tcns_cli.readers.dataset import read_dataset

UNITS = [("KP1", "Tổ 01", 120), (None, "Tổ 02", "1.020"), (None, "Tổ 03", 95),
         ("KP 02", "TDP 1", 300.0), (None, 2, "1 020")]
EXPECTED = [("1", "1", 120), ("1", "2", 1020), ("1", "3", 95), ("2", "1", 300), ("2", "2", 1020)]


def units_of(dataset: Dataset) -> list[tuple[str | None, str | None, int]]:
    return [(*unit_slots(u), u.households) for u in dataset.units]


def office_workbook(path: Path, nfd: bool = False) -> Path:
    """Title rows, an STT and a Ghi chú column, merged khu phố cells, subtotals, a total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "DS TDP"
    sheet["B1"] = "ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG"
    sheet.merge_cells("B1:F1")
    sheet["B2"] = "DANH SÁCH TỔ DÂN PHỐ NĂM 2022"
    header = ["STT", "KHU  PHỐ", "Tổ dân\nphố", " số hộ gia đình ", "Ghi chú"]
    if nfd:
        header = [unicodedata.normalize("NFD", h) for h in header]
    for col, text in enumerate(header, start=2):
        sheet.cell(4, col, text)
    row = 5
    for n, (kp, tdp, homes) in enumerate(UNITS, start=1):
        if kp == "KP 02":
            sheet.cell(row, 3, "Cộng KP1")
            sheet.cell(row, 5, 1235)
            row += 1
        for col, value in enumerate([n, kp, tdp, homes, None], start=2):
            sheet.cell(row, col, value)
        row += 1
    sheet.cell(row, 3, "Tổng cộng")
    sheet.cell(row, 5, 2555)
    sheet.cell(row + 2, 6, "Người lập biểu")
    sheet.merge_cells(start_row=5, start_column=3, end_row=7, end_column=3)
    sheet.merge_cells(start_row=9, start_column=3, end_row=10, end_column=3)
    book.save(path)
    return path


def test_office_workbook_loads_with_rows_as_excel_shows_them(tmp_path: Path) -> None:
    dataset = read_dataset([office_workbook(tmp_path / "lt.xlsx")])
    assert units_of(dataset) == EXPECTED
    assert [u.source.row for u in dataset.units] == [5, 6, 7, 9, 10]
    assert {u.ward for u in dataset.units} == {"Linh Trung"}
    skipped = [f for f in dataset.findings if f.code == "TOTAL_ROW_SKIPPED"]
    assert [f.source.row for f in skipped] == [8, 11]
    assert all(f.severity.value == "info" for f in skipped)


def test_nfd_headers_and_labels(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "nfd.xlsx", nfd=True)
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = unicodedata.normalize("NFD", cell.value)
    book.save(path)
    assert units_of(read_dataset([path])) == EXPECTED


def test_unit_and_people_sheets_in_one_workbook(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "both.xlsx")
    book = openpyxl.load_workbook(path)
    people = book.create_sheet("Nhân sự")
    people.append(["Họ", "Tên", "Ngày sinh", "Khu phố", "Tổ", "Chức vụ", "Đoàn thể", "SĐT"])
    import datetime

    people.append(["Nguyễn Văn", "An", datetime.date(1980, 5, 2), 1, 1, "Tổ trưởng tổ dân phố",
                   "", 901234567])
    people.append(["Trần Thị", "Bình", 2001, "KP1", "Tổ 1", "Đoàn viên", "Đoàn TN",
                   "+84 912 345 678"])
    people.append(["Lê", "Cường", 1990, "KP1", "1", "Hội viên", "Chi hội CCB", "01689123456"])
    people.append(["Phạm", "Dung", 1999, "KP1", "Tổ 9", "Hội viên", "CLB dưỡng sinh", "12345"])
    book.save(path)
    dataset = read_dataset([path])
    assert units_of(dataset) == EXPECTED  # "Họ" is a family name, never households
    leader = dataset.units[0].leader
    assert leader is not None and (leader.name, leader.birth_year, leader.phone) == (
        "Nguyễn Văn An", 1980, "0901234567")
    found = {p.name: p for p in dataset.people}
    assert found["Trần Thị Bình"].organization == "doan-thanh-nien"
    assert found["Trần Thị Bình"].phone == "0912345678"
    assert (found["Lê Cường"].organization, found["Lê Cường"].phone) == (
        "hoi-cuu-chien-binh", "0389123456")
    codes = {f.code for f in dataset.findings}
    assert {"UNKNOWN_ORGANIZATION", "BAD_PHONE", "PERSON_UNKNOWN_UNIT"} <= codes
    assert found["Phạm Dung"].phone == "12345"


CSV_ROWS = ["STT;Khu phố;Số hộ;Trưởng khu phố", "1;KP 01;\"1.020\";Lê An", "2;Khu phố 2;300;Võ B"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.csv", ("\ufeff" + "\r\n".join(CSV_ROWS)).encode("utf-8")),
        ("plain.csv", "\n".join(r.replace(";", ",").replace('"1.020"', '"1,020"')
                                for r in CSV_ROWS).encode("utf-8")),
        ("utf16.txt", "\r\n".join(r.replace(";", "\t") for r in CSV_ROWS).encode("utf-16")),
        ("tab.tsv", "\n".join(r.replace(";", "\t") for r in CSV_ROWS).encode("utf-8")),
    ],
)
def test_text_files(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    dataset = read_dataset([path], ward="Linh Xuân")
    assert units_of(dataset) == [("1", None, 1020), ("2", None, 300)]
    assert dataset.units[0].leader is not None and dataset.units[0].leader.name == "Lê An"
    assert dataset.units[1].source.row == 3


def test_legacy_xls(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Danh sách")
    sheet.write(0, 0, "DANH SÁCH TỔ DÂN PHỐ")
    for col, text in enumerate(["Khu phố", "Tổ dân phố", "Số hộ"]):
        sheet.write(2, col, text)
    for row, (kp, tdp, homes) in enumerate([("KP1", "Tổ 1", 120), ("KP1", "Tổ 2", 80)], start=3):
        for col, value in enumerate((kp, tdp, homes)):
            sheet.write(row, col, value)
    path = tmp_path / "old.xls"
    book.save(str(path))
    dataset = read_dataset([path], ward="An Phú")
    assert units_of(dataset) == [("1", "1", 120), ("1", "2", 80)]
    assert [u.source.row for u in dataset.units] == [4, 5]


def test_open_document_spreadsheet(tmp_path: Path) -> None:
    """An .ods file built by hand: mimetype first and stored, then content and manifest."""
    cells = [["Khu phố", "Tổ dân phố", "Số hộ"], ["KP1", "Tổ 1", "150"], ["KP1", "Tổ 2", "90"]]

    def cell(value: str) -> str:
        if value.isdigit():
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                "</table:table-cell>")

    rows = "".join(f"<table:table-row>{''.join(cell(v) for v in r)}</table:table-row>"
                   for r in cells)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Tổ">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = tmp_path / "ward.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    dataset = read_dataset([path], ward="Tam Phú")
    assert units_of(dataset) == [("1", "1", 150), ("1", "2", 90)]


def test_ward_from_column_sheet_names_and_file_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Phường An Khánh"
    first.append(["Tổ dân phố", "Số hộ"])
    first.append(["Tổ 1", 100])
    second = book.create_sheet("P. Thảo Điền")
    second.append(["Tổ dân phố", "Số hộ"])
    second.append(["Tổ 1", 200])
    path = tmp_path / "hai-phuong.xlsx"
    book.save(path)
    assert [u.ward for u in read_dataset([path]).units] == ["An Khánh", "Thảo Điền"]
    book = openpyxl.Workbook()
    book.active.append(["Phường", "Tổ dân phố", "Số hộ"])
    book.active.append(["P. Bình Thọ", "Tổ 1", 100])
    book.active.append(["Phường Bình Thọ", "Tổ 2", 100])
    path = tmp_path / "cot.xlsx"
    book.save(path)
    assert {u.ward for u in read_dataset([path]).units} == {"Bình Thọ"}
    book = openpyxl.Workbook()
    book.active.append(["Tổ dân phố", "Số hộ"])
    book.active.append(["Tổ 1", 100])
    path = tmp_path / "Hiep Phu.xlsx"
    book.save(path)
    assert read_dataset([path]).units[0].ward == "Hiep Phu"
    assert read_dataset([path], ward="Phường Hiệp Phú").units[0].ward == "Hiệp Phú"
