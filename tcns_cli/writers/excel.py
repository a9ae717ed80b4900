"""Plan → the workbook a ward annexes to its decision (SPEC §6.1), written with xlsxwriter.

Every string goes in with ``write_string`` and the workbook refuses to turn strings into
formulas, so no value from an input file can ever become a live formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tcns_cli import __version__
from tcns_cli.errors import Finding, Severity
from tcns_cli.messages import text
from tcns_cli.model import Change, Person, Plan, Proximity, Team, TeamKind, WardPlan
from tcns_cli.normalize import ORGANIZATION_NAMES, natural_key
from tcns_cli.places import (
    KHU_PHO,
    Words,
    area_cell,
    committee,
    formed_by,
    leader_title,
    pairing_scope,
    unit_name,
    units_cell,
    units_word,
    ward_display,
)
from tcns_cli.profiles import Profile

SHEETS = ("Tổng hợp", "Đề xuất tổ", "Danh sách thành viên", "Cảnh báo", "Căn cứ")
PICTURE_SHEET = "Sơ đồ"  # with --map, after "Đề xuất tổ" (SPEC §6.1, §10)
CHANGES_SHEET = "Thay đổi"  # with --current, after "Tổng hợp" (SPEC §9)
Picture = Callable[[WardPlan], bytes]  # a ward's picture as PNG bytes
ROSTER_WIDTHS = (7, 8, 12, 13, 14, 24, 7, 7, 14, 20, 21, 13, 12)
# How wide a roster column may grow to keep its longest line whole (0: the width is fixed):
# a team code or a phone kept as typed, "Tổ 11, Tổ 12", a long name, "Doanh nghiệp công nghệ
# số", "Tổ trưởng tổ dân phố". A line is broken at spaces, and reads back the same (a cut
# word would not).
ROSTER_FITS = (0, 20, 22, 18, 30, 32, 0, 0, 0, 31, 28, 20, 0)
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
    """A table column: its header, its width in characters, and how wide it may grow to keep
    its longest line whole (``fit``; 0: the width is fixed and long text takes more lines)."""

    header: str
    width: float
    fit: float = 0


class Sheet:
    """A worksheet with the house formats and a safe ``put``."""

    def __init__(self, book: Any, name: str) -> None:
        self.book = book
        self.ws = book.add_worksheet(name)
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.ws.set_zoom(100)
        self.ws.set_default_row(LINE_HEIGHT)  # one line of Times New Roman 12, in every viewer

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
    """A bordered table written a few rows at a time (as wards are planned), then closed.

    Every text is broken into lines here, at word boundaries, to what its column holds: a
    viewer's own wrapping (which differs between Excel, LibreOffice and their fonts) never
    adds a line the row has no room for (SPEC §6.1). A ``fit`` column grows, when closed,
    to hold its longest line.
    """

    def __init__(self, sheet: Sheet, top: int, columns: Sequence[Column],
                 styles: dict[int, dict[str, Any]] | None = None) -> None:
        # A header's words are never cut: titles come from the data ("Xã/Phường", "Thôn, bản").
        columns = [Column(c.header, max(c.width, _width_for(_longest_word(c.header), 40)), c.fit)
                   for c in columns]
        self.sheet, self.top, self.columns, self.next = sheet, top, columns, top + 1
        head = {"bold": True, "border": 1, "text_wrap": True, "align": "center",
                "bg_color": "#DDEBF7"}
        for col, column in enumerate(columns):
            sheet.put(top, col, break_lines(column.header, column.width), **head)
            sheet.ws.set_column(col, col, column.width)
        sheet.ws.set_row(top, LINE_HEIGHT * max(lines(c.header, c.width) for c in columns))
        self.styles = styles or {}
        # Below ``quick`` characters a text fits its column even in capitals: not measured.
        self.quick = [_chars_per_line(c.width) / 1.5 for c in columns]
        self.rooms = [_chars_per_line(max(c.width, c.fit)) for c in columns]
        self.longest = [0.0] * len(columns)
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
        ws, quick, rooms = self.sheet.ws, self.quick, self.rooms
        plain, quoted = self.formats(bold, False, number), self.formats(bold, True, number)
        for r, values in enumerate(rows, start=self.next):
            height = 1
            for col, value in enumerate(values):
                if isinstance(value, str):
                    if len(value) > quick[col] or "\n" in value:
                        value, count, widest = _broken(value, rooms[col])
                        height = max(height, count)
                        self.longest[col] = max(self.longest[col], widest)
                    risky = value.startswith(_RISKY)
                    ws.write_string(r, col, value, quoted[col] if risky else plain[col])
                elif value is None or isinstance(value, bool):
                    ws.write_blank(r, col, None, plain[col])
                else:
                    ws.write_number(r, col, value, plain[col])
            if height > 1:
                # xlsxwriter cannot measure text; without a height, wrapped lines overlap.
                ws.set_row(r, LINE_HEIGHT * height)
        self.next += len(rows)

    def close(self) -> int:
        """Widen the fit columns, freeze the header, filter, set up printing; returns the
        next row."""
        for col, column in enumerate(self.columns):
            if column.fit and self.longest[col] > _chars_per_line(column.width):
                self.sheet.ws.set_column(col, col, _width_for(self.longest[col], column.fit))
        last = self.next - 1
        self.sheet.ws.freeze_panes(self.top + 1, 0)
        self.sheet.ws.autofilter(self.top, 0, max(self.top, last), len(self.columns) - 1)
        self.sheet.print_setup(self.top)
        return last + 1


LINE_HEIGHT = 16.5


def lines(value: Any, width: float) -> int:
    """How many lines a cell's text takes at a column width (characters), as broken by
    :func:`break_lines`."""
    if not isinstance(value, str) or not value:
        return 1
    return len(_wrapped(value, _chars_per_line(width)))


def break_lines(text: str, width: float) -> str:
    """The text with a line break wherever a column ``width`` wide needs one: at its own
    breaks, then at word boundaries (a word longer than a line is cut)."""
    return "\n".join(_wrapped(text, _chars_per_line(width)))


@lru_cache(maxsize=1 << 14)
def _broken(text: str, room: int) -> tuple[str, int, float]:
    """The text broken into lines of at most ``room``, how many, and the widest's width
    (once per distinct text: ward names, units and organisations repeat down a sheet)."""
    if "\n" not in text and (width := _text_width(text)) <= room:
        return text, 1, width
    parts = _wrapped(text, room)
    return "\n".join(parts), len(parts), max(map(_text_width, parts))


def _chars_per_line(width: float) -> int:
    """How much text (:func:`_text_width`) of Times New Roman 12, bold or not, fits a column.

    Measured on LibreOffice renders with Carlito, the metric twin of Excel's Calibri that
    sets the width unit: a line of ``width`` characters fits, bold a tenth less; 10 % more
    is kept free for the viewers that measure differently.
    """
    return max(1, int(width * 0.9) - 1)


def _text_width(line: str) -> float:
    """A line's width in characters: a capital counts one and a half (``TỔNG CỘNG``, the
    finding codes and names' initials are wider than the small letters)."""
    return len(line) + sum(map(str.isupper, line)) / 2


def _longest_word(text: str) -> float:
    return max((_text_width(w) for w in text.split()), default=0.0)


def _width_for(text_width: float, widest: float) -> float:
    """The narrowest column (at most ``widest``) that holds a line of ``text_width``."""
    width = float(math.ceil((text_width + 1) / 0.9))
    while _chars_per_line(width) < text_width and width < widest:
        width += 1
    return min(width, widest)


def _wrapped(text: str, room: int) -> list[str]:
    """The text's lines, each at most ``room`` wide: its own lines, broken greedily at
    spaces (between a list's items or before a parenthesis where :func:`_soft_break` finds
    one); a word wider than a line is cut. Widths add up word by word (a space is one)."""
    out: list[str] = []
    for part in text.split("\n"):
        line, width = "", 0.0
        for word in part.split(" "):
            size = _text_width(word)
            candidate, wide = word, size
            if line:
                candidate, wide = f"{line} {word}", width + 1 + size
                if wide > room:
                    soft = _soft_break(line)
                    rest = _text_width(soft[1]) + 1 + size if soft is not None else room + 1
                    if soft is not None and rest <= room:
                        out.append(soft[0])
                        candidate, wide = f"{soft[1]} {word}", rest
                    else:
                        out.append(line)
                        candidate, wide = word, size
            while wide > room and len(candidate) > 1:
                cut = _fitting(candidate, room)
                out.append(candidate[:cut])
                candidate = candidate[cut:]
                wide = _text_width(candidate)
            line, width = candidate, wide
        out.append(line)
    return out


def _soft_break(line: str) -> tuple[str, str] | None:
    """The line cut after its last comma, else before its last parenthesis, when that falls
    in its second half: ``Tổ 13 (KP 3),`` / ``Tổ 4 (KP 5)``; ``Hồ Công Phúc`` / ``(Mặt trận``."""
    for at in (line.rfind(", ") + 1, line.rfind(" (")):
        if at > 0 and 2 * at >= len(line):
            return line[:at], line[at:].lstrip()
    return None


def _fitting(word: str, room: int) -> int:
    """How many leading characters of a word fit ``room`` (at least one)."""
    cut = 1
    while cut < len(word) and _text_width(word[: cut + 1]) <= room:
        cut += 1
    return cut


def workbook(path: Path) -> Any:
    """A new xlsxwriter workbook that never turns a string into a formula, URL or number."""
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    return xlsxwriter.Workbook(str(path), options)


@dataclass(frozen=True, slots=True)
class _Area:
    """A row's area cell (or column): left out of a workbook where no unit has an area."""

    value: Any


def _cut(values: Sequence[Any], words: Words) -> list[Any]:
    """The row with its area cell, or without it when no unit of the workbook has an area."""
    keep = words.area is not None
    return [v.value if isinstance(v, _Area) else v for v in values
            if keep or not isinstance(v, _Area)]


def roster_headers(words: Words) -> list[str]:
    """The roster's column titles (SPEC §6.1) in the data's words."""
    return _cut(["STT", "Mã tổ", words.ward, _Area(words.area), f"{words.unit} phụ trách",
                 "Họ và tên", "Năm sinh", "Giới tính", "Chức danh trong tổ", "Đoàn thể",
                 "Chức vụ", "Số điện thoại", "Ghi chú"], words)


def plan_words(plan: Plan) -> Words:
    """The place words of a plan's workbook."""
    return Words.of([(w.ward, w.ward_type) for w in plan.wards],
                    (u for t in plan.teams for u in t.units))


def write_plan(plan: Plan, path: Path, lang: str, picture: Picture | None = None) -> None:
    """Write the five sheets of SPEC §6.1, in order (and the picture's, see PlanWorkbook)."""
    book = PlanWorkbook(path, plan.profile, plan_words(plan), picture, lang,
                        any(w.changes is not None for w in plan.wards))
    for ward in plan.wards:
        book.add(ward)
    book.finish(plan, lang)


class PlanWorkbook:
    """The workbook of SPEC §6.1, filled ward by ward as the plans arrive, then closed.

    Writing while the workers still plan later wards keeps both cores busy on a big run.
    With ``picture`` (``--map``), a workbook of one ward gets that ward's picture on the
    sheet ``Sơ đồ`` after ``Đề xuất tổ``; a workbook of several wards has no room for one.
    With ``changes`` (``--current``) the sheet ``Thay đổi`` follows ``Tổng hợp``.
    """

    def __init__(self, path: Path, profile: Profile, words: Words,
                 picture: Picture | None = None, lang: str = "vi",
                 changes: bool = False) -> None:
        self.book = workbook(path)
        self.book.set_properties({"title": "Tổ công nghệ số cộng đồng",
                                  "comments": f"tcns {__version__}"})
        self.picture = picture if len(words.wards) == 1 else None
        names = list(SHEETS)
        if self.picture is not None:
            names.insert(names.index("Đề xuất tổ") + 1, PICTURE_SHEET)
        if changes:
            names.insert(names.index("Tổng hợp") + 1, CHANGES_SHEET)
        sheets = {name: Sheet(self.book, name) for name in names}
        self.lang = lang
        self.changes = _changes_table(sheets[CHANGES_SHEET], words) if changes else None
        self.findings_sheet, self.basis_sheet = sheets["Cảnh báo"], sheets["Căn cứ"]
        self.picture_sheet = sheets.get(PICTURE_SHEET)
        self.words = words
        self.summary = _summary_table(sheets["Tổng hợp"], profile, words)
        self.proposals = Table(sheets["Đề xuất tổ"], 0, _cut(_proposal_columns(words), words))
        self.roster = _roster_table(sheets["Danh sách thành viên"], words)
        self.deputies = profile.deputy is not None
        self.threshold = profile.grouping.large_threshold
        self.number = 0

    def add(self, ward: WardPlan) -> None:
        """One ward's rows on the summary, proposals and roster sheets."""
        words = self.words
        for rows, bold in _summary_rows(ward, words):
            self.summary.add([_cut(r, words) for r in rows], bold)
        proposals = [_cut(_proposal_row(ward, team, self.threshold, words), words)
                     for team in ward.teams]
        column = 6 if words.area is not None else 5
        self.proposals.add(proposals, number=(column, _DISTANCE_FORMAT[ward.proximity]))
        rows = _roster_rows(ward, words, self.deputies)
        self.roster.add([_cut([n, *row], words)
                         for n, row in enumerate(rows, start=self.number + 1)])
        self.number += len(rows)
        if self.picture is not None and self.picture_sheet is not None:
            _picture(self.picture_sheet, self.picture(ward))
        if self.changes is not None and ward.changes is not None:
            self.changes.add([_change_row(ward, change, words, self.lang)
                              for change in ward.changes])

    def finish(self, plan: Plan, lang: str) -> None:
        """The grand total, the findings and the basis; then the file is written."""
        total = _cut(_total_row("TỔNG CỘNG", plan.teams, ""), self.words)
        self.summary.add([total], bold=True)
        self.summary.close()
        self.proposals.close()
        self.roster.close()
        if self.changes is not None:
            self.changes.close()
        _findings(self.findings_sheet, plan, lang, self.words)
        _basis(self.basis_sheet, plan, self.words)
        self.book.close()



def _title(sheet: Sheet, row: int, text: str, width: int, size: int = 14) -> None:
    sheet.ws.merge_range(row, 0, row, width - 1, "", sheet.fmt(bold=True, align="center",
                                                                 font_size=size))
    sheet.put(row, 0, text, bold=True, align="center", font_size=size)
    sheet.ws.set_row(row, LINE_HEIGHT * size / 12)


def _note(sheet: Sheet, row: int, text: str, columns: Sequence[Column]) -> None:
    """A line of text across a table's width, broken into lines to fit it."""
    width = sum(c.width for c in columns)
    props = {"italic": True, "text_wrap": True, "valign": "top"}
    sheet.ws.merge_range(row, 0, row, len(columns) - 1, "", sheet.fmt(**props))
    sheet.put(row, 0, break_lines(text, width), **props)
    sheet.ws.set_row(row, LINE_HEIGHT * lines(text, width))


# --- Tổng hợp ---------------------------------------------------------------------------

def _summary_columns(words: Words) -> list[Any]:
    return [
        Column(words.ward, 22), _Area(Column(words.area or "", 13, 18)),
        Column(f"Số {words.unit.lower()}", 10), Column("Số hộ", 10),
        Column("Tổ riêng (≥ ngưỡng)", 11), Column("Ghép 2 tổ", 9), Column("Ghép tổ lẻ", 9),
        Column("Tổng số tổ CNS", 10), Column("Số thành viên", 10), Column("Chỗ còn trống", 10),
        Column("Căn cứ khoảng cách", 14),
    ]


def _basis_text(ward: WardPlan) -> str:
    """The ward's proximity basis: ``Tọa độ``, ``Tổ liền kề``, ``Số thứ tự thôn``."""
    word = units_word([u for t in ward.teams[:1] for u in t.units])
    if ward.proximity is Proximity.COORDINATES:
        return "Tọa độ"
    if ward.proximity is Proximity.ADJACENCY:
        return f"{word[:1].upper()}{word[1:]} liền kề"
    return f"Số thứ tự {word}"


def _counts(teams: Sequence[Team]) -> list[int]:
    kinds = [sum(1 for t in teams if t.kind is k) for k in TeamKind]
    people = sum(t.size for t in teams)
    return [*kinds, len(teams), people, sum(t.open_slots for t in teams)]


def _summary_table(sheet: Sheet, profile: Profile, words: Words) -> Table:
    columns = _cut(_summary_columns(words), words)
    _title(sheet, 0, "TỔNG HỢP PHƯƠNG ÁN THÀNH LẬP TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", len(columns))
    _note(sheet, 1, f"Bộ quy tắc: {profile.title}", columns)
    homes = 3 if words.area is not None else 2
    return Table(sheet, 3, columns, {homes: {"num_format": "#,##0"}})


def _ward_cell(ward: WardPlan, words: Words) -> str:
    """The ward's name; with its type word where the column holds several types."""
    if words.ward != "Xã/Phường" or not ward.ward_type:
        return ward.ward
    shown = ward_display(ward.ward, ward.ward_type)
    return shown[:1].upper() + shown[1:]


def _summary_rows(ward: WardPlan, words: Words) -> list[tuple[list[list[Any]], bool]]:
    """One row per area of the ward (khu phố, thôn…), then the ward's total (bold)."""
    by_area: dict[tuple[str, str | None], list[Team]] = {}
    homes_by_area: dict[tuple[str, str | None], list[int]] = {}
    for team in ward.teams:
        first = team.units[0]
        if first.area is not None:
            by_area.setdefault((first.area, first.area_type), []).append(team)
        for unit in team.units:
            if unit.area is not None:
                homes_by_area.setdefault((unit.area, unit.area_type), []).append(
                    unit.households)
    basis = _basis_text(ward)
    name = _ward_cell(ward, words)
    rows: list[list[Any]] = []
    for area in sorted(homes_by_area, key=lambda a: natural_key(a[0])):
        homes = homes_by_area[area]
        rows.append([name, _Area(unit_name(area[0], area[1] or KHU_PHO)), len(homes), sum(homes),
                     *_counts(by_area.get(area, [])), basis])
    return [(rows, False), ([_total_row(f"Cộng {name}", ward.teams, basis)], True)]


def _total_row(label: str, teams: Sequence[Team], basis: str) -> list[Any]:
    homes = [u.households for t in teams for u in t.units]
    return [label, _Area(""), len(homes), sum(homes), *_counts(teams), basis]


# --- Đề xuất tổ ---------------------------------------------------------------------------

# "Thành viên" grows to hold its longest member line ("Nguyễn Văn A (Hội Liên hiệp Phụ nữ)"):
# one member a line (SPEC §6.1). The leader's organisation may take a second line: a pair's
# row has two lines for its two members anyway.
def _proposal_columns(words: Words) -> list[Any]:
    return [
        Column("Mã tổ", 8, 14), Column(words.ward, 14, 22),
        _Area(Column(words.area or "", 13, 18)), Column(words.unit, 16, 30),
        Column("Số hộ", 8), Column("Hình thức", 14), Column("Khoảng cách", 10),
        Column("Căn cứ hình thành", 30), Column("Tổ trưởng", 24), Column("Tổ phó", 24),
        Column("Thành viên", 34, 56), Column("Chỗ trống", 8),
    ]
_KIND_TEXT = {TeamKind.SOLO: "Tổ riêng", TeamKind.PAIR: "Ghép 2 tổ", TeamKind.JOINED: "Ghép tổ lẻ"}


def rule_text(team: Team, threshold: int) -> str:
    """Which rule formed the team, as an officer reads it."""
    return formed_by(team.units, team.kind.value, team.cross_area, threshold)


def _people_text(people: Sequence[Person | None]) -> str:
    return "\n".join(_person_line(p) for p in people if p is not None)


def _person_line(person: Person) -> str:
    org = ORGANIZATION_NAMES.get(person.organization or "", "")
    return f"{person.name} ({org})" if org else person.name


def _proposal_row(ward: WardPlan, team: Team, threshold: int, words: Words) -> list[Any]:
    return [
        team.id, _ward_cell(ward, words), _Area(area_cell(team.units)), units_cell(team.units),
        team.households,
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


# --- Thay đổi -------------------------------------------------------------------------------

def _changes_table(sheet: Sheet, words: Words) -> Table:
    """What re-planning changed (SPEC §9): a title, then one row per team."""
    columns = _cut([Column("Mã tổ", 8, 14), Column(words.ward, 14),
                    _Area(Column(words.area or "", 11, 16)), Column("Tình trạng", 16),
                    Column(f"{words.unit} trước", 20, 30), Column(f"{words.unit} sau", 20, 30),
                    Column("Lý do", 34), Column("Người thôi tham gia", 28),
                    Column("Người tham gia mới", 28)], words)
    _title(sheet, 0, "NHỮNG THAY ĐỔI SO VỚI CÁC TỔ HIỆN CÓ", len(columns))
    return Table(sheet, 2, columns)


def _change_row(ward: WardPlan, change: Change, words: Words, lang: str) -> list[Any]:
    after = units_cell(change.after)
    before = [after if change.before == change.after else units_cell(change.before)
              ] if change.before else []
    before += [text("unit_gone_mark", lang, unit=label) for label in change.gone]
    return _cut([
        change.team, _ward_cell(ward, words),
        _Area(area_cell(change.after or change.before)),
        text(f"status_{change.status.value}", lang), ", ".join(before), after,
        "\n".join(f"{code}: {text(f'reason_{code}', lang)}" for code in change.reasons),
        "\n".join(f"{_person_line(p)}: {text(f'reason_{why}', lang)}"
                  for p, why in change.people_out),
        "\n".join(f"{_person_line(p)}: {text(f'reason_{why}', lang)}"
                  for p, why in change.people_in),
    ], words)


# --- Danh sách thành viên -------------------------------------------------------------------

def _roster_table(sheet: Sheet, words: Words) -> Table:
    """The decision annex's header block, then the table of members (rows come later)."""
    headers = roster_headers(words)
    width = len(headers)
    line, place = committee(words.wards)
    left = {"bold": True, "align": "center"}
    sheet.ws.merge_range(0, 0, 0, 4, "", sheet.fmt(align="center"))
    sheet.put(0, 0, "ỦY BAN NHÂN DÂN", align="center")
    sheet.ws.merge_range(1, 0, 1, 4, "", sheet.fmt(**left))
    sheet.put(1, 0, line, **left)
    sheet.ws.merge_range(0, 5, 0, width - 1, "", sheet.fmt(**left))
    sheet.put(0, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", **left)
    sheet.ws.merge_range(1, 5, 1, width - 1, "", sheet.fmt(**left))
    sheet.put(1, 5, "Độc lập - Tự do - Hạnh phúc", underline=1, **left)
    _title(sheet, 3, "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", width)
    sheet.ws.merge_range(4, 0, 4, width - 1, "", sheet.fmt(italic=True, align="center"))
    sheet.put(4, 0, f"(Kèm theo Quyết định số ……/QĐ-UBND ngày … tháng … năm … của {place})",
              italic=True, align="center")
    widths = _cut([*ROSTER_WIDTHS[:3], _Area(ROSTER_WIDTHS[3]), *ROSTER_WIDTHS[4:]], words)
    fits = _cut([*ROSTER_FITS[:3], _Area(ROSTER_FITS[3]), *ROSTER_FITS[4:]], words)
    columns = [Column(h, w, f) for h, w, f in zip(headers, widths, fits, strict=True)]
    centred = {"align": "center"}
    year = headers.index("Năm sinh")
    return Table(sheet, ROSTER_HEADER_ROW, columns, {0: centred, year: centred,
                                                     year + 1: centred})


def _roster_rows(ward: WardPlan, words: Words, deputies: bool) -> list[list[Any]]:
    """One row per place of the ward's teams (without the running number): the leader, the
    deputy where the profile has one, every member place; a place nobody fills keeps its
    row with the name blank, for the officer to write in (SPEC §6.1)."""
    rows = []
    for team in ward.teams:
        places = [team.id, _ward_cell(ward, words), _Area(area_cell(team.units)),
                  units_cell(team.units)]
        cast = [(team.leader, "Tổ trưởng")]
        if deputies or team.deputy is not None:
            cast.append((team.deputy, "Tổ phó"))
        cast += [(m, "Thành viên") for m in team.members]
        rows += [[*places, *_person_cells(person, role)] for person, role in cast]
    return rows


def _person_cells(person: Person | None, role: str) -> list[Any]:
    if person is None:
        return ["", None, "", role, "", "", "", ""]
    return [
        person.name, person.birth_year, person.gender or "", role,
        ORGANIZATION_NAMES.get(person.organization or "", ""), person.position or "",
        person.phone or "", "",
    ]


# --- Cảnh báo -------------------------------------------------------------------------------

def place_columns(words: Words) -> list[Any]:
    """The findings' place columns (ward, area, unit), titled in the data's words: a
    finding names a unit by its two slots (SPEC §6.2), the unit's own label in the last."""
    if words.area is None:
        return [Column(words.ward, 14), Column(words.unit, 12)]
    return [Column(words.ward, 14), Column(words.area, 9), Column(words.unit, 9)]


def place_cells(finding: Finding, words: Words) -> list[Any]:
    """A finding's ward and unit cells, matching :func:`place_columns`."""
    if words.area is None:
        return [finding.ward, finding.tdp or finding.khu_pho]
    return [finding.ward, finding.khu_pho, finding.tdp]


def _findings(sheet: Sheet, plan: Plan, lang: str, words: Words) -> None:
    # The codes are capitals: MEMBER_NOT_IN_ORGANIZATION needs 44.
    columns = [Column("Mã", 29, 44), Column("Mức độ", 13), Column("Nội dung", 60),
               *place_columns(words), Column("Mã tổ", 8, 14), Column("Tệp", 18, 34),
               Column("Trang", 14, 24), Column("Dòng", 7), Column("Cột", 14, 24)]
    rows = [
        [f.code, SEVERITY_TEXT[f.severity], f.message(lang), *place_cells(f, words), f.team,
         f.source.file, f.source.sheet, f.source.row, f.source.column]
        for f in plan.findings
    ]
    sheet.table(0, columns, rows)


# --- Căn cứ ---------------------------------------------------------------------------------

def _basis(sheet: Sheet, plan: Plan, words: Words) -> None:
    profile = plan.profile
    g, m = profile.grouping, profile.members
    rows: list[list[Any]] = [
        ["Bộ quy tắc", profile.id],
        ["Tên", profile.title],
        *[["Văn bản căn cứ", doc] for doc in profile.documents],
        ["Ngưỡng số hộ lập tổ riêng", g.large_threshold],
        ["Phạm vi ghép tổ", pairing_scope(g.area, words)],
        ["Tổ lẻ", "Ghép với tổ gần nhất" if g.leftover == "pair-nearest"
         else "Nhập vào tổ công nghệ số gần nhất"],
        [f"Số {words.unit.lower()} tối đa một tổ", g.max_units_per_team],
        ["Tổ trưởng", f"{leader_title(words.unit_types)}, ưu tiên người trẻ tuổi"
         if profile.leader.prefer == "youngest" else leader_title(words.unit_types)],
        [f"Thành viên mỗi {words.unit.lower()}", m.per_unit],
        ["Đoàn thể được chọn", ", ".join(ORGANIZATION_NAMES[o] for o in m.organizations)],
        ["Ưu tiên", ", ".join(ORGANIZATION_NAMES[o] for o in m.prefer)],
        ["Nền tảng số", ", ".join(profile.platforms)],
        ["Lập bằng", f"tcns {__version__}"],
    ]
    sheet.table(0, (Column("Nội dung", 30), Column("Giá trị", 90)), rows)
