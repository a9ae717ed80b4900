"""The command line: each command parses options, calls one function, renders, exits.

Fatal input problems (TcnsError) are turned into a message and exit code 2 in one place,
:func:`_guard`; anything else is a bug and propagates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tcns_cli import __version__
from tcns_cli.errors import TcnsError
from tcns_cli.messages import LANGS, default_lang
from tcns_cli.model import MAX_AREA_UNITS

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lập và kiểm tra Tổ công nghệ số cộng đồng cho phường, xã "
    "(plan and check community digital technology teams).",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a bug's report must not print people's data
)
rules_app = typer.Typer(
    help="Các bộ quy tắc (profiles): liệt kê, xem, kiểm tra tệp của bạn.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(rules_app, name="rules")

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar="vi|en", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en. Env: TCNS_LANG."
    ),
]
PeopleOption = Annotated[
    Path | None,
    typer.Option("--people", metavar="FILE", help="Tệp danh sách nhân sự riêng (nếu có)."),
]
RulesOption = Annotated[
    str | None,
    typer.Option(
        "--rules", metavar="ID|FILE", help="Bộ quy tắc: mã hoặc tệp .toml. Mặc định: "
        "thu-duc-4787-2022."
    ),
]
WardOption = Annotated[
    str | None,
    typer.Option("--ward", metavar="NAME", help="Tên xã, phường khi tệp không có cột Xã/Phường."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả.")]


@contextmanager
def _guard(lang: str | None) -> Iterator[str]:
    """The checked language; a TcnsError inside becomes its message and exit code 2."""
    language = default_lang()
    try:
        language = (lang or language).lower()
        if language not in LANGS:
            language = default_lang()
            raise TcnsError("BAD_LANG", lang=lang)
        yield language
    except TcnsError as error:
        from tcns_cli.render import print_error

        print_error(_console(stderr=True), error, language)
        raise typer.Exit(2) from None


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tcns {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản.")
    ] = False,
) -> None:
    """Lập và kiểm tra Tổ công nghệ số cộng đồng (plan and check TCNS teams)."""


@app.command()
def plan(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            # typer 0.28 prints no "..." after a metavar: the help says "one or more".
            help="Một hoặc nhiều tệp danh sách tổ dân phố (.xlsx, .xls, .ods, .csv) hoặc thư "
            "mục.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    people: PeopleOption = None,
    rules: RulesOption = None,
    ward: WardOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="OUT.xlsx",
            help="Tệp Excel kết quả. Mặc định: <tên tệp đầu vào>-tcns.xlsx.",
        ),
    ] = None,
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json", metavar="FILE",
            help="Ghi JSON vào tệp này; '-' là màn hình (khi đó chỉ ghi Excel nếu có -o).",
        ),
    ] = None,
    split_dir: Annotated[
        Path | None,
        typer.Option(
            "--split-dir", metavar="DIR",
            help="Ghi thêm mỗi xã, phường một tệp Excel vào thư mục này.",
        ),
    ] = None,
    map_dir: Annotated[
        Path | None,
        typer.Option(
            "--map", metavar="DIR",
            help="Vẽ sơ đồ các tổ (PNG), mỗi xã, phường một tệp <tên>.png, vào thư mục "
            "này; tệp Excel một xã, phường có thêm trang \"Sơ đồ\".",
        ),
    ] = None,
    current: Annotated[
        Path | None,
        typer.Option(
            "--current", metavar="ROSTER",
            help="Danh sách tổ hiện có (tệp tcns đã ghi, hoặc danh sách gõ tay): lập lại "
            "phương án giữ nguyên nhiều tổ, người nhất; thêm trang \"Thay đổi\".",
        ),
    ] = None,
    max_area_units: Annotated[
        int,
        typer.Option(
            "--max-area-units", metavar="N", show_default=False,
            help="Số đơn vị tối đa của một địa bàn ghép tổ (khu phố, hoặc cả xã/phường khi ghép "
            f"chung); nhiều hơn thì dừng, vì thường là tệp thiếu cột. Mặc định: {MAX_AREA_UNITS}.",
        ),
    ] = MAX_AREA_UNITS,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Lập phương án tổ công nghệ số: ghép tổ, chọn tổ trưởng, thành viên; ghi Excel/JSON."""
    with _guard(lang) as language:
        from tcns_cli.commands import PlanOptions, run_plan

        options = PlanOptions(inputs=tuple(inputs), people=people, rules=rules, ward=ward,
                              output=output, json_out=json_out, split_dir=split_dir,
                              map_dir=map_dir, current=current,
                              max_area_units=max_area_units, force=force, lang=language)
        run_plan(options, _console(stderr=json_out == "-"))


@app.command()
def validate(
    roster: Annotated[
        Path,
        typer.Argument(
            help="Danh sách tổ cần kiểm tra, theo một trong ba mẫu: mỗi người một dòng có cột "
            '"Mã tổ"; mỗi người một dòng dưới dòng tiêu đề của tổ; mỗi tổ một dòng.',
            metavar="ROSTER",
            show_default=False,
        ),
    ],
    units: Annotated[
        Path, typer.Option("--units", metavar="FILE", help="Tệp danh sách tổ dân phố của phường.")
    ],
    people: PeopleOption = None,
    rules: RulesOption = None,
    ward: WardOption = None,
    json_out: Annotated[
        str | None,
        typer.Option("--json", metavar="FILE", help="Ghi kết quả JSON; '-' là màn hình."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="OUT.xlsx", help="Ghi tệp Excel các lỗi để rà soát."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Coi cảnh báo như lỗi (mã thoát 1).")
    ] = False,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Kiểm tra danh sách tổ công nghệ số có sẵn theo quy tắc; mã thoát 0 / 1 / 2."""
    with _guard(lang) as language:
        from tcns_cli.commands import ValidateOptions, run_validate

        options = ValidateOptions(roster=roster, units=units, people=people, rules=rules,
                                  ward=ward, json_out=json_out, report=report, force=force,
                                  lang=language)
        errors, warnings = run_validate(options, _console(stderr=json_out == "-"))
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command()
def template(
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="Tệp mẫu sẽ ghi.")
    ] = Path("tcns-mau-nhap-lieu.xlsx"),
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Ghi mẫu nhập liệu trống: trang tổ, trang nhân sự, danh sách chọn, hướng dẫn."""
    with _guard(lang) as language:
        from tcns_cli.messages import text
        from tcns_cli.writers.files import check_output, write_atomically
        from tcns_cli.writers.template import write_template

        check_output(output, [], force)
        write_atomically(output, write_template)
        _console().print(text("TEMPLATE_WRITTEN", language, file=output), highlight=False)


@rules_app.callback()
def rules_list(ctx: typer.Context, lang: LangOption = None) -> None:
    """Liệt kê các bộ quy tắc có sẵn (mã, tên, văn bản căn cứ)."""
    if ctx.invoked_subcommand is not None:
        return
    with _guard(lang) as language:
        from tcns_cli.profiles import load_profile, shipped_profiles
        from tcns_cli.render import print_profiles

        print_profiles(_console(), [load_profile(n) for n in shipped_profiles()], language)


@rules_app.command("show")
def rules_show(
    profile: Annotated[
        str, typer.Argument(metavar="ID|FILE", help="Mã bộ quy tắc hoặc tệp .toml.")
    ],
    lang: LangOption = None,
) -> None:
    """In mọi tham số của một bộ quy tắc, kèm giải thích."""
    with _guard(lang) as language:
        from tcns_cli.profiles import load_profile
        from tcns_cli.render import print_profile

        print_profile(_console(), load_profile(profile), language)


@rules_app.command("check")
def rules_check(
    path: Annotated[Path, typer.Argument(metavar="FILE.toml", help="Tệp quy tắc của bạn.")],
    lang: LangOption = None,
) -> None:
    """Kiểm tra tệp quy tắc của bạn; giải thích từng lỗi (mã thoát 2 nếu có lỗi)."""
    with _guard(lang) as language:
        from tcns_cli.messages import text
        from tcns_cli.profiles import load_profile

        profile = load_profile(str(path) if str(path).endswith(".toml") else f"./{path}")
        message = text("profile_ok", language, file=path, id=profile.id, title=profile.title)
        _console().print(message, style="green")


def main() -> None:
    """Entry point of the ``tcns`` script."""
    app(prog_name="tcns")


if __name__ == "__main__":  # pragma: no cover
    main()
