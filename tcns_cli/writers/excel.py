"""Plan → the workbook a ward annexes to its decision (SPEC §6.1), written with xlsxwriter.

Every string goes in with ``write_string`` and the workbook refuses to turn strings into
formulas, so no value from an input file can ever become a live formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcns_cli import __version__
from tcns_cli.errors import Severity
from tcns_cli.model import Person, Plan, Proximity, Team, TeamKind, WardPlan
from tcns_cli.normalize import ORGANIZATION_NAMES, natural_key
from tcns_cli.places import (
    AREA_WORD,
    UNIT_WORD,
    WARD_WORD,
    area_cell,
    area_text,
    formed_by,
    pairing_scope,
    unit_slots,
    units_cell,
    ward_heading,
)
from tcns_cli.profiles import Profile

SHEETS = ("Tổng hợp", "Đề xuất tổ", "Danh sách thành viên", "Cảnh báo", "Căn cứ")
PICTURE_SHEET = "Sơ đồ"  # with --map, after "Đề xuất tổ" (SPEC §6.1, §10)
Picture = Callable[[WardPlan], bytes]  # a ward's picture as PNG bytes
ROSTER_HEADERS = (
    "STT", "Mã tổ", WARD_WORD, AREA_WORD, f"{UNIT_WORD} phụ trách", "Họ và tên", "Năm sinh",
    "Giới tính", "Chức danh trong tổ", "Đoàn thể", "Chức vụ", "Số điện thoại", "Ghi chú",
)
ROSTER_WIDTHS = (5, 7, 12, 11, 14, 24, 7, 7, 11, 17, 21, 13, 12)
FONT = "Times New Roman"
ROSTER_HEADER_ROW = 6  # 0-based: the roster's column headers are on Excel row 7
_RISKY = ("=", "+", "-", "@", "\t", "\r")
SEVERITY_TEXT = {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Thông tin"}
_DISTANCE_FORMAT = {
    Proximity.COORDINATES: '#,##0" m"',
    Proximity.ADJACENCY: '0" bước"',
    Proximity.NUMBERING: "0",
}


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header and its width in characters."""

    header: str
    width: float


class Sheet:
    """A worksheet with the house formats and a safe ``put``."""

    def __init__(self, book: Any, name: str) -> None:
        self.book = book
        self.ws = book.add_worksheet(name)
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.ws.set_zoom(100)

    def fmt(self, **props: Any) -> Any:
        """A cached format: Times New Roman 12 plus ``props``."""
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(
                {"font_name": FONT, "font_size": 12, "valign": "vcenter", **props}
            )
        return self._formats[key]

    def put(self, row: int, col: int, value: Any, **props: Any) -> None:
        """Write one cell: text always as text, numbers as numbers, None as blank."""
        if isinstance(value, str):
            if value.startswith(_RISKY):
                props = {**props, "quote_prefix": True}
            self.ws.write_string(row, col, value, self.fmt(**props))
        elif isinstance(value, bool) or value is None:
            self.ws.write_blank(row, col, None, self.fmt(**props))
        else:
            self.ws.write_number(row, col, value, self.fmt(**props))

    def table(self, top: int, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
              styles: dict[int, dict[str, Any]] | None = None,
              bold_rows: frozenset[int] = frozenset()) -> int:
        """A bordered table with a frozen header, a filter and set widths; returns next row."""
        table = Table(self, top, columns, styles)
        for n, values in enumerate(rows):
            table.add([values], bold=n in bold_rows)
        return table.close()

    def print_setup(self, header_row: int) -> None:
        """A4 landscape, one page wide, the header row repeated on every page."""
        self.ws.set_landscape()
        self.ws.set_paper(9)
        self.ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        self.ws.fit_to_pages(1, 0)
        self.ws.repeat_rows(header_row)
        self.ws.center_horizontally()
        self.ws.set_footer('&C&"Times New Roman"Trang &P/&N')


class Table:
    """A bordered table written a few rows at a time (as wards are planned), then closed."""

    def __init__(self, sheet: Sheet, top: int, columns: Sequence[Column],
                 styles: dict[int, dict[str, Any]] | None = None) -> None:
        self.sheet, self.top, self.columns, self.next = sheet, top, columns, top + 1
        head = {"bold": True, "border": 1, "text_wrap": True, "align": "center",
                "bg_color": "#DDEBF7"}
        for col, column in enumerate(columns):
            sheet.put(top, col, column.header, **head)
            sheet.ws.set_column(col, col, column.width)
        sheet.ws.set_row(top, LINE_HEIGHT * max(lines(c.header, c.width) for c in columns))
        self.styles = styles or {}
        self.fits = [_chars_per_line(c.width) for c in columns]
        self._formats: dict[tuple[bool, bool, tuple[int, str] | None], list[Any]] = {}

    def formats(self, bold: bool, quoted: bool, number: tuple[int, str] | None) -> list[Any]:
        """The cell format of every column; ``number``: (column, another number format)."""
        key = (bold, quoted, number)
        if key not in self._formats:
            extra: dict[str, Any] = {"bold": True} if bold else {}
            if quoted and not bold:
                extra["quote_prefix"] = True
            styles = [{**self.styles.get(c, {}), **extra} for c in range(len(self.columns))]
            if number is not None:
                styles[number[0]]["num_format"] = number[1]
            self._formats[key] = [self.sheet.fmt(border=1, text_wrap=True, **style)
                                  for style in styles]
        return self._formats[key]

    def add(self, rows: Sequence[Sequence[Any]], bold: bool = False,
            number: tuple[int, str] | None = None) -> None:
        """Rows below the last ones; text always as text, formula-like text quote-prefixed.

        ``number``: a column whose numbers take another format in these rows (a ward's
        distance unit).
        """
        ws, columns, fits = self.sheet.ws, self.columns, self.fits
        plain, quoted = self.formats(bold, False, number), self.formats(bold, True, number)
        for r, values in enumerate(rows, start=self.next):
            height = 1
            for col, value in enumerate(values):
                if isinstance(value, str):
                    risky = value.startswith(_RISKY)
                    ws.write_string(r, col, value, quoted[col] if risky else plain[col])
                    if len(value) > fits[col] or "\n" in value:
                        height = max(height, lines(value, columns[col].width))
                elif value is None or isinstance(value, bool):
                    ws.write_blank(r, col, None, plain[col])
                else:
                    ws.write_number(r, col, value, plain[col])
            if height > 1:
                # xlsxwriter cannot measure text; without a height, wrapped lines overlap.
                ws.set_row(r, LINE_HEIGHT * height)
        self.next += len(rows)

    def close(self) -> int:
        """Freeze the header, filter the columns, set up printing; returns the next row."""
        last = self.next - 1
        self.sheet.ws.freeze_panes(self.top + 1, 0)
        self.sheet.ws.autofilter(self.top, 0, max(self.top, last), len(self.columns) - 1)
        self.sheet.print_setup(self.top)
        return last + 1


LINE_HEIGHT = 16.5


def lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell needs at a column width (characters)."""
    if not isinstance(value, str) or not value:
        return 1
    usable = _chars_per_line(width)
    return sum(max(1, -(-len(part) // usable)) for part in value.split("\n"))


def _chars_per_line(width: float) -> int:
    """Characters of Times New Roman 12 that fit a column (measured on LibreOffice renders:
    Vietnamese text runs about 10 % narrower than the width unit's digit)."""
    return max(1, int(width * 1.1 - 1))


def workbook(path: Path) -> Any:
    """A new xlsxwriter workbook that never turns a string into a formula, URL or number."""
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    return xlsxwriter.Workbook(str(path), options)


def write_plan(plan: Plan, path: Path, lang: str, picture: Picture | None = None) -> None:
    """Write the five sheets of SPEC §6.1, in order (and the picture's, see PlanWorkbook)."""
    book = PlanWorkbook(path, plan.profile, [w.ward for w in plan.wards], picture)
    for ward in plan.wards:
        book.add(ward)
    book.finish(plan, lang)


class PlanWorkbook:
    """The workbook of SPEC §6.1, filled ward by ward as the plans arrive, then closed.

    Writing while the workers still plan later wards keeps both cores busy on a big run.
    With ``picture`` (``--map``), a workbook of one ward gets that ward's picture on the
    sheet ``Sơ đồ`` after ``Đề xuất tổ``; a workbook of several wards has no room for one.
    """

    def __init__(self, path: Path, profile: Profile, wards: Sequence[str],
                 picture: Picture | None = None) -> None:
        self.book = workbook(path)
        self.book.set_properties({"title": "Tổ công nghệ số cộng đồng",
                                  "comments": f"tcns {__version__}"})
        self.picture = picture if len(wards) == 1 else None
        names = list(SHEETS)
        if self.picture is not None:
            names.insert(names.index("Đề xuất tổ") + 1, PICTURE_SHEET)
        sheets = {name: Sheet(self.book, name) for name in names}
        self.findings_sheet, self.basis_sheet = sheets["Cảnh báo"], sheets["Căn cứ"]
        self.picture_sheet = sheets.get(PICTURE_SHEET)
        self.summary = _summary_table(sheets["Tổng hợp"], profile)
        self.proposals = Table(sheets["Đề xuất tổ"], 0, _PROPOSALS)
        self.roster = _roster_table(sheets["Danh sách thành viên"], wards)
        self.threshold = profile.grouping.large_threshold
        self.number = 0

    def add(self, ward: WardPlan) -> None:
        """One ward's rows on the summary, proposals and roster sheets."""
        for rows, bold in _summary_rows(ward):
            self.summary.add(rows, bold)
        proposals = [_proposal_row(ward, team, self.threshold) for team in ward.teams]
        self.proposals.add(proposals, number=(6, _DISTANCE_FORMAT[ward.proximity]))
        rows = _roster_rows(ward)
        self.roster.add([[n, *row] for n, row in enumerate(rows, start=self.number + 1)])
        self.number += len(rows)
        if self.picture is not None and self.picture_sheet is not None:
            _picture(self.picture_sheet, self.picture(ward))

    def finish(self, plan: Plan, lang: str) -> None:
        """The grand total, the findings and the basis; then the file is written."""
        self.summary.add([_total_row("TỔNG CỘNG", plan.teams, "")], bold=True)
        self.summary.close()
        self.proposals.close()
        self.roster.close()
        _findings(self.findings_sheet, plan, lang)
        _basis(self.basis_sheet, plan)
        self.book.close()


def _title(sheet: Sheet, row: int, text: str, width: int, size: int = 14) -> None:
    sheet.ws.merge_range(row, 0, row, width - 1, "", sheet.fmt(bold=True, align="center",
                                                                 font_size=size))
    sheet.put(row, 0, text, bold=True, align="center", font_size=size)


# --- Tổng hợp ---------------------------------------------------------------------------

_SUMMARY = (
    Column(WARD_WORD, 22), Column(AREA_WORD, 11), Column(f"Số {UNIT_WORD.lower()}", 10),
    Column("Số hộ", 10), Column("Tổ riêng (≥ ngưỡng)", 11), Column("Ghép 2 tổ", 9),
    Column("Ghép tổ lẻ", 9), Column("Tổng số tổ CNS", 10), Column("Số thành viên", 10),
    Column("Chỗ còn trống", 10), Column("Căn cứ khoảng cách", 14),
)
_BASIS_TEXT = {
    Proximity.COORDINATES: "Tọa độ",
    Proximity.ADJACENCY: "Tổ liền kề",
    Proximity.NUMBERING: "Số thứ tự tổ",
}


def _counts(teams: Sequence[Team]) -> list[int]:
    kinds = [sum(1 for t in teams if t.kind is k) for k in TeamKind]
    people = sum(t.size for t in teams)
    return [*kinds, len(teams), people, sum(t.open_slots for t in teams)]


def _summary_table(sheet: Sheet, profile: Profile) -> Table:
    _title(sheet, 0, "TỔNG HỢP PHƯƠNG ÁN THÀNH LẬP TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", len(_SUMMARY))
    sheet.put(1, 0, f"Bộ quy tắc: {profile.title}", italic=True)
    return Table(sheet, 3, _SUMMARY, {3: {"num_format": "#,##0"}})


def _summary_rows(ward: WardPlan) -> list[tuple[list[list[Any]], bool]]:
    """One row per khu phố of the ward, then the ward's total (bold)."""
    by_kp: dict[str | None, list[Team]] = {}
    for team in ward.teams:
        by_kp.setdefault(unit_slots(team.units[0])[0], []).append(team)
    units_by_kp: dict[str | None, list[int]] = {}
    for team in ward.teams:
        for unit in team.units:
            units_by_kp.setdefault(unit_slots(unit)[0], []).append(unit.households)
    basis = _BASIS_TEXT[ward.proximity]
    rows: list[list[Any]] = []
    for kp in sorted(units_by_kp, key=natural_key):
        homes = units_by_kp[kp]
        rows.append([ward.ward, area_text(kp), len(homes), sum(homes),
                     *_counts(by_kp.get(kp, [])), basis])
    return [(rows, False), ([_total_row(f"Cộng {ward.ward}", ward.teams, basis)], True)]


def _total_row(label: str, teams: Sequence[Team], basis: str) -> list[Any]:
    homes = [u.households for t in teams for u in t.units]
    return [label, "", len(homes), sum(homes), *_counts(teams), basis]


# --- Đề xuất tổ ---------------------------------------------------------------------------

_PROPOSALS = (
    Column("Mã tổ", 7), Column(WARD_WORD, 14), Column(AREA_WORD, 12),
    Column(UNIT_WORD, 16), Column("Số hộ", 8), Column("Hình thức", 11),
    Column("Khoảng cách", 10), Column("Căn cứ hình thành", 30), Column("Tổ trưởng", 22),
    Column("Tổ phó", 20), Column("Thành viên", 34), Column("Chỗ trống", 8),
)
_KIND_TEXT = {TeamKind.SOLO: "Tổ riêng", TeamKind.PAIR: "Ghép 2 tổ", TeamKind.JOINED: "Ghép tổ lẻ"}


def rule_text(team: Team, threshold: int) -> str:
    """Which rule formed the team, as an officer reads it."""
    return formed_by(team.units, team.kind.value, team.cross_area, threshold)


def _people_text(people: Sequence[Person | None]) -> str:
    return "\n".join(_person_line(p) for p in people if p is not None)


def _person_line(person: Person) -> str:
    org = ORGANIZATION_NAMES.get(person.organization or "", "")
    return f"{person.name} ({org})" if org else person.name


def _proposal_row(ward: WardPlan, team: Team, threshold: int) -> list[Any]:
    return [
        team.id, ward.ward, area_cell(team.units), units_cell(team.units), team.households,
        _KIND_TEXT[team.kind], team.distance, rule_text(team, threshold),
        _person_line(team.leader) if team.leader else "",
        _person_line(team.deputy) if team.deputy else "",
        _people_text(team.members), team.open_slots or None,
    ]


# --- Sơ đồ ----------------------------------------------------------------------------------

# Printable width and height of A4 landscape inside the margins below, in inches.
_PAGE = (11.69 - 2 * 0.3, 8.27 - 2 * 0.3)


def _picture(sheet: Sheet, png: bytes) -> None:
    """The ward's picture at A1, scaled to one A4 landscape page, printed on that page."""
    import io

    inches = _png_inches(png)
    scale = min(_PAGE[0] / inches[0], _PAGE[1] / inches[1])
    sheet.ws.insert_image(0, 0, "so-do.png", {"image_data": io.BytesIO(png), "x_scale": scale,
                                              "y_scale": scale, "object_position": 3})
    sheet.ws.hide_gridlines(2)
    sheet.ws.set_landscape()
    sheet.ws.set_paper(9)
    sheet.ws.set_margins(left=0.3, right=0.3, top=0.3, bottom=0.3)
    # The print area covers the picture (default cells are 64 × 20 pixels, 96 an inch).
    sheet.ws.print_area(0, 0, int(_PAGE[1] * 96 / 20), int(_PAGE[0] * 96 / 64))
    sheet.ws.fit_to_pages(1, 1)


def _png_inches(png: bytes) -> tuple[float, float]:
    """A PNG's width and height in inches, as Excel sizes it: its pixels at the density its
    ``pHYs`` chunk records (pixels per metre), else at 96 an inch."""
    import struct

    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk, right after the tag
    dpi = 96.0
    at = png.find(b"pHYs")
    if at > 0 and png[at + 12] == 1:
        dpi = struct.unpack(">I", png[at + 4 : at + 8])[0] * 0.0254
    return width / dpi, height / dpi


# --- Danh sách thành viên -------------------------------------------------------------------

def _roster_table(sheet: Sheet, wards: Sequence[str]) -> Table:
    """The decision annex's header block, then the table of members (rows come later)."""
    width = len(ROSTER_HEADERS)
    committee, place = ward_heading(wards)
    left = {"bold": True, "align": "center"}
    sheet.ws.merge_range(0, 0, 0, 4, "", sheet.fmt(align="center"))
    sheet.put(0, 0, "ỦY BAN NHÂN DÂN", align="center")
    sheet.ws.merge_range(1, 0, 1, 4, "", sheet.fmt(**left))
    sheet.put(1, 0, committee, **left)
    sheet.ws.merge_range(0, 5, 0, width - 1, "", sheet.fmt(**left))
    sheet.put(0, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", **left)
    sheet.ws.merge_range(1, 5, 1, width - 1, "", sheet.fmt(**left))
    sheet.put(1, 5, "Độc lập - Tự do - Hạnh phúc", underline=1, **left)
    _title(sheet, 3, "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", width)
    sheet.ws.merge_range(4, 0, 4, width - 1, "", sheet.fmt(italic=True, align="center"))
    sheet.put(4, 0, f"(Kèm theo Quyết định số ……/QĐ-UBND ngày … tháng … năm … của {place})",
              italic=True, align="center")
    columns = [Column(h, w) for h, w in zip(ROSTER_HEADERS, ROSTER_WIDTHS, strict=True)]
    centred = {"align": "center"}
    return Table(sheet, ROSTER_HEADER_ROW, columns, {0: centred, 6: centred, 7: centred})


def _roster_rows(ward: WardPlan) -> list[list[Any]]:
    """One row per person of the ward's teams (without the running number)."""
    rows = []
    for team in ward.teams:
        places = [team.id, ward.ward, area_cell(team.units), units_cell(team.units)]
        cast = [(team.leader, "Tổ trưởng"), (team.deputy, "Tổ phó")]
        cast += [(m, "Thành viên") for m in team.members]
        for person, role in cast:
            if person is not None:
                rows.append([*places, *_person_cells(person, role)])
    return rows


def _person_cells(person: Person, role: str) -> list[Any]:
    return [
        person.name, person.birth_year, person.gender or "", role,
        ORGANIZATION_NAMES.get(person.organization or "", ""), person.position or "",
        person.phone or "", "",
    ]


# --- Cảnh báo -------------------------------------------------------------------------------

_FINDINGS = (
    Column("Mã", 29), Column("Mức độ", 10), Column("Nội dung", 60), Column(WARD_WORD, 14),
    Column(AREA_WORD, 9), Column(UNIT_WORD, 9), Column("Mã tổ", 7), Column("Tệp", 18),
    Column("Trang", 14), Column("Dòng", 6), Column("Cột", 14),
)


def _findings(sheet: Sheet, plan: Plan, lang: str) -> None:
    rows = [
        [f.code, SEVERITY_TEXT[f.severity], f.message(lang), f.ward, f.khu_pho, f.tdp, f.team,
         f.source.file, f.source.sheet, f.source.row, f.source.column]
        for f in plan.findings
    ]
    sheet.table(0, _FINDINGS, rows)


# --- Căn cứ ---------------------------------------------------------------------------------

def _basis(sheet: Sheet, plan: Plan) -> None:
    profile = plan.profile
    g, m = profile.grouping, profile.members
    rows: list[list[Any]] = [
        ["Bộ quy tắc", profile.id],
        ["Tên", profile.title],
        *[["Văn bản căn cứ", doc] for doc in profile.documents],
        ["Ngưỡng số hộ lập tổ riêng", g.large_threshold],
        ["Phạm vi ghép tổ", pairing_scope(g.area)],
        ["Tổ lẻ", "Ghép với tổ gần nhất" if g.leftover == "pair-nearest"
         else "Nhập vào tổ công nghệ số gần nhất"],
        ["Số tổ dân phố tối đa một tổ", g.max_units_per_team],
        ["Tổ trưởng", "Tổ trưởng tổ dân phố, ưu tiên người trẻ tuổi"
         if profile.leader.prefer == "youngest" else "Tổ trưởng tổ dân phố"],
        ["Thành viên mỗi tổ dân phố", m.per_unit],
        ["Đoàn thể được chọn", ", ".join(ORGANIZATION_NAMES[o] for o in m.organizations)],
        ["Ưu tiên", ", ".join(ORGANIZATION_NAMES[o] for o in m.prefer)],
        ["Nền tảng số", ", ".join(profile.platforms)],
        ["Lập bằng", f"tcns {__version__}"],
    ]
    sheet.table(0, (Column("Nội dung", 30), Column("Giá trị", 90)), rows)
