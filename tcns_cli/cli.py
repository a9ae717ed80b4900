"""The command line: each command parses options, calls one function, renders, exits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tcns_cli import __version__
from tcns_cli.errors import TcnsError
from tcns_cli.messages import LANGS, default_lang

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lập và kiểm tra Tổ công nghệ số cộng đồng cho phường, xã "
    "(plan and check community digital technology teams).",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar="vi|en", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en. Env: TCNS_LANG."
    ),
]


def _lang(value: str | None) -> str:
    lang = (value or default_lang()).lower()
    if lang not in LANGS:
        raise TcnsError("BAD_LANG", lang=value)
    return lang


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _fail(error: TcnsError, lang: str) -> None:
    from tcns_cli.render import print_error

    print_error(_console(stderr=True), error, lang)
    raise typer.Exit(2)


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
            help="Tệp danh sách tổ dân phố (.xlsx, .xls, .ods, .csv) hoặc thư mục.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    people: Annotated[
        Path | None,
        typer.Option("--people", help="Tệp danh sách nhân sự riêng (nếu có).", metavar="FILE"),
    ] = None,
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules",
            metavar="ID|FILE",
            help="Bộ quy tắc: mã hoặc tệp .toml. Mặc định: thu-duc-4787-2022.",
        ),
    ] = None,
    ward: Annotated[
        str | None,
        typer.Option("--ward", metavar="NAME", help="Tên phường khi tệp không có cột Phường."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="OUT.xlsx",
            help="Tệp Excel kết quả. Mặc định: <tên tệp đầu vào>-tcns.xlsx.",
        ),
    ] = None,
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json",
            metavar="FILE",
            help="Ghi JSON vào tệp này; '-' là màn hình (khi đó chỉ ghi Excel nếu có -o).",
        ),
    ] = None,
    split_dir: Annotated[
        Path | None,
        typer.Option(
            "--split-dir", metavar="DIR", help="Ghi thêm mỗi phường một tệp Excel vào thư mục này."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả.")] = False,
    lang: LangOption = None,
) -> None:
    """Lập phương án tổ công nghệ số: ghép tổ, chọn tổ trưởng, thành viên; ghi Excel/JSON."""
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.commands import run_plan

        to_stdout = json_out == "-"
        run_plan(
            inputs,
            people,
            rules,
            ward,
            output,
            json_out,
            force,
            language,
            _console(stderr=to_stdout),
            split_dir,
        )
    except TcnsError as error:
        _fail(error, language)


@app.command()
def validate(
    roster: Annotated[
        Path,
        typer.Argument(
            help='Danh sách thành viên cần kiểm tra (trang "Danh sách thành '
            'viên" hoặc bảng gõ tay cùng tiêu đề).',
            metavar="ROSTER",
            show_default=False,
        ),
    ],
    units: Annotated[
        Path, typer.Option("--units", metavar="FILE", help="Tệp danh sách tổ dân phố của phường.")
    ],
    people: Annotated[
        Path | None,
        typer.Option("--people", metavar="FILE", help="Tệp danh sách nhân sự (nếu có)."),
    ] = None,
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules", metavar="ID|FILE", help="Bộ quy tắc (mặc định: thu-duc-4787-2022)."
        ),
    ] = None,
    ward: Annotated[
        str | None, typer.Option("--ward", metavar="NAME", help="Tên phường khi tệp không ghi.")
    ] = None,
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
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả.")] = False,
    lang: LangOption = None,
) -> None:
    """Kiểm tra danh sách tổ công nghệ số có sẵn theo quy tắc; mã thoát 0 / 1 / 2."""
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.commands import run_validate

        errors, warnings = run_validate(
            roster,
            units,
            people,
            rules,
            ward,
            json_out,
            report,
            force,
            language,
            _console(stderr=json_out == "-"),
        )
    except TcnsError as error:
        _fail(error, language)
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command()
def template(
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="Tệp mẫu sẽ ghi.")
    ] = Path("tcns-mau-nhap-lieu.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp đã có.")] = False,
    lang: LangOption = None,
) -> None:
    """Ghi mẫu nhập liệu trống: trang tổ, trang nhân sự, danh sách chọn, hướng dẫn."""
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.messages import text
        from tcns_cli.writers.files import check_output, write_atomically
        from tcns_cli.writers.template import write_template

        check_output(output, [], force)
        write_atomically(output, write_template)
        _console().print(text("TEMPLATE_WRITTEN", language, file=output), highlight=False)
    except TcnsError as error:
        _fail(error, language)


rules_app = typer.Typer(
    help="Các bộ quy tắc (profiles): liệt kê, xem, kiểm tra tệp của bạn.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(rules_app, name="rules")


@rules_app.callback()
def rules_list(ctx: typer.Context, lang: LangOption = None) -> None:
    """Liệt kê các bộ quy tắc có sẵn (mã, tên, văn bản căn cứ)."""
    if ctx.invoked_subcommand is not None:
        return
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.profiles import load_profile, shipped_profiles
        from tcns_cli.render import print_profiles

        profiles = [load_profile(name) for name in shipped_profiles()]
        print_profiles(_console(), profiles, language)
    except TcnsError as error:
        _fail(error, language)


@rules_app.command("show")
def rules_show(
    profile: Annotated[
        str, typer.Argument(metavar="ID|FILE", help="Mã bộ quy tắc hoặc tệp .toml.")
    ],
    lang: LangOption = None,
) -> None:
    """In mọi tham số của một bộ quy tắc, kèm giải thích."""
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.profiles import load_profile
        from tcns_cli.render import print_profile

        print_profile(_console(), load_profile(profile), language)
    except TcnsError as error:
        _fail(error, language)


@rules_app.command("check")
def rules_check(
    path: Annotated[Path, typer.Argument(metavar="FILE.toml", help="Tệp quy tắc của bạn.")],
    lang: LangOption = None,
) -> None:
    """Kiểm tra tệp quy tắc của bạn; giải thích từng lỗi (mã thoát 2 nếu có lỗi)."""
    language = default_lang()
    try:
        language = _lang(lang)
        from tcns_cli.messages import text
        from tcns_cli.profiles import load_profile

        profile = load_profile(str(path) if str(path).endswith(".toml") else f"./{path}")
        _console().print(
            text("profile_ok", language, file=path, id=profile.id, title=profile.title),
            style="green",
        )
    except TcnsError as error:
        _fail(error, language)


def main() -> None:
    """Entry point of the ``tcns`` script."""
    app(prog_name="tcns")


if __name__ == "__main__":  # pragma: no cover
    main()
