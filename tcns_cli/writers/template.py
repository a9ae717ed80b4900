"""A blank input workbook an officer can fill in: both sheets, drop-downs, instructions."""

from __future__ import annotations

from pathlib import Path

from tcns_cli.normalize import ORGANIZATION_NAMES
from tcns_cli.places import TEMPLATE_COLUMNS
from tcns_cli.writers.excel import LINE_HEIGHT, Column, Sheet, break_lines, lines, workbook

WARD_COLUMN, AREA_COLUMN, UNIT_COLUMN = TEMPLATE_COLUMNS

EXAMPLE = "VÍ DỤ – dòng mẫu, không được đọc"
UNIT_COLUMNS = (
    Column(WARD_COLUMN, 18),
    Column(AREA_COLUMN, 16),
    Column(UNIT_COLUMN, 11),
    Column("Số hộ gia đình", 10),
    Column("Vĩ độ", 11),
    Column("Kinh độ", 11),
    Column("Liền kề", 16),
    Column("Ghi chú", 41),
)
PEOPLE_COLUMNS = (
    Column("Họ và tên", 24),
    Column("Năm sinh", 8),
    Column("Giới tính", 8),
    Column(WARD_COLUMN, 18),
    Column(AREA_COLUMN, 16),
    Column(UNIT_COLUMN, 11),
    Column("Chức vụ", 25),
    Column("Đoàn thể", 22),
    Column("Số điện thoại", 14),
    Column("Kỹ năng số", 9),
    Column("Ghi chú", 41),
)
POSITIONS = (
    "Trưởng thôn",
    "Trưởng ấp",
    "Trưởng bản",
    "Tổ trưởng tổ dân phố",
    "Trưởng khu phố",
    "Bí thư chi đoàn",
    "Đoàn viên",
    "Chi hội trưởng",
    "Hội viên",
    "Công an khu vực",
    "Nhân viên doanh nghiệp",
)
INSTRUCTIONS = (
    "HƯỚNG DẪN NHẬP LIỆU CHO tcns",
    "",
    '1. Trang "Danh sách tổ": mỗi dòng một đơn vị mà tổ công nghệ số phục vụ: thôn, ấp, bản, '
    "buôn, sóc, xóm, khóm (xã) hoặc khu phố, tổ dân phố (phường).",
    f"   • {WARD_COLUMN}: ghi cả loại, ví dụ \"Xã Tân Lập\", \"Phường Linh Trung\", "
    '"Đặc khu Phú Quốc" (để văn bản ghi đúng "ỦY BAN NHÂN DÂN XÃ …").',
    f"   • {AREA_COLUMN}: tên thôn, ấp, bản… kèm loại (\"Thôn 1\", \"Bản Nà Lốc\", "
    f"\"Khu phố 3\"). Cột {UNIT_COLUMN}: chỉ điền khi thôn, khu phố chia thành tổ dân phố; "
    "khi đó mỗi dòng một tổ dân phố, ghép cặp trong thôn, khu phố của nó.",
    "   • Số hộ gia đình: số nguyên (bắt buộc). Theo quy tắc Thủ Đức, đơn vị từ 450 hộ trở "
    "lên lập tổ riêng.",
    "   • Vĩ độ / Kinh độ (không bắt buộc): số thập phân, ví dụ 10.8712 và 106.7801. Có tọa độ "
    "cho mọi đơn vị thì các đơn vị được ghép theo khoảng cách thật.",
    "   • Liền kề (không bắt buộc): các đơn vị giáp ranh, cách nhau bằng dấu phẩy, ví dụ "
    '"Thôn 2, Thôn 5".',
    '2. Trang "Nhân sự": người đứng đầu mỗi đơn vị (Chức vụ: "Trưởng thôn", "Trưởng ấp", '
    '"Tổ trưởng tổ dân phố"…) và những người của chi hội đoàn thể có thể tham gia.',
    "   • Đoàn thể, Giới tính, Kỹ năng số: chọn trong danh sách thả xuống.",
    "   • Số điện thoại: nhập đủ 10 số, ô đã định dạng chữ nên giữ số 0 đầu.",
    '3. Các dòng có ghi chú "VÍ DỤ" là dòng mẫu: tcns bỏ qua, có thể xóa hoặc để nguyên.',
    "4. Lập phương án:  tcns plan <tệp này>.xlsx   — kết quả ghi ra <tệp này>-tcns.xlsx.",
)


def write_template(path: Path) -> None:
    """The template: instructions, unit sheet, people sheet, with example rows marked."""
    book = workbook(path)
    guide = Sheet(book, "Hướng dẫn")
    guide.ws.set_column(0, 0, 100)
    for row, line in enumerate(INSTRUCTIONS):
        guide.put(row, 0, break_lines(line, 100), bold=row == 0, text_wrap=True)
        guide.ws.set_row(row, LINE_HEIGHT * lines(line, 100))
    guide.ws.fit_to_pages(1, 0)
    guide.ws.set_paper(9)
    units = Sheet(book, "Danh sách tổ")
    units.table(
        0,
        UNIT_COLUMNS,
        [
            ["Xã Tân Lập", "Thôn Đông", "", 215, 21.3712, 105.2801, "Thôn 2", EXAMPLE],
            ["Phường Linh Trung", "Khu phố 1", "Tổ 2", 480, 10.8731, 106.7815, "Tổ 1",
             EXAMPLE],
        ],
        {n: {"italic": True, "font_color": "#808080"} for n in range(len(UNIT_COLUMNS))},
    )
    people = Sheet(book, "Nhân sự")
    people.table(
        0,
        PEOPLE_COLUMNS,
        [
            [
                "Nguyễn Văn An",
                1978,
                "Nam",
                "Xã Tân Lập",
                "Thôn Đông",
                "",
                POSITIONS[0],
                "",
                "0901234567",
                "x",
                EXAMPLE,
            ],
            [
                "Trần Thị Bình",
                2001,
                "Nữ",
                "Phường Linh Trung",
                "Khu phố 1",
                "Tổ 2",
                "Đoàn viên",
                ORGANIZATION_NAMES["doan-thanh-nien"],
                "0912345678",
                "x",
                EXAMPLE,
            ],
        ],
        {n: {"italic": True, "font_color": "#808080"} for n in range(len(PEOPLE_COLUMNS))},
    )
    last = 2000
    lists = (
        (2, ["Nam", "Nữ"]),
        (6, list(POSITIONS)),
        (7, list(ORGANIZATION_NAMES.values())),
        (9, ["x", "Có", "Không"]),
    )
    for col, choices in lists:
        people.ws.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": choices,
                "error_type": "information" if col == 6 else "stop",
            },
        )
    as_text = book.add_format({"num_format": "@", "font_name": "Times New Roman"})
    people.ws.set_column(8, 8, 14, as_text)  # phones stay text: the leading 0 survives
    units.ws.data_validation(1, 3, last, 3, {"validate": "integer", "criteria": ">=", "value": 0})
    book.close()
