"""The README shows the real ``--help`` of every command, and every command has help."""

from __future__ import annotations

import pytest

from tests import readme_help


def test_readme_help_section_matches_the_real_help() -> None:
    assert readme_help.current() == readme_help.section(), "README drifted: run `make readme`"


@pytest.mark.parametrize("args", readme_help.COMMANDS)
def test_every_command_has_help(args: tuple[str, ...]) -> None:
    text = readme_help.help_text(args)
    assert "Usage: tcns" in text
    summary = text.split("\n\n")[1].strip()
    assert len(summary) > 20, f"tcns {' '.join(args)} lacks a help summary"


def test_readme_names_the_two_setup_commands() -> None:
    text = readme_help.README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text


def test_readme_shows_the_sample_picture_that_make_map_draws() -> None:
    """The README embeds docs/linh-trung.png, and `make map` is what draws it (not a hand)."""
    root = readme_help.README.parent
    assert "](docs/linh-trung.png)" in readme_help.README.read_text(encoding="utf-8")
    picture = (root / "docs" / "linh-trung.png").read_bytes()
    assert picture.startswith(b"\x89PNG") and b"Software" not in picture[:200]
    rule = (root / "Makefile").read_text(encoding="utf-8").split("\nmap:", 1)[1]
    assert "tcns plan sample_data/linh-trung.xlsx" in rule and "--map docs" in rule
