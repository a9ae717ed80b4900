"""The README's help section, made from the real ``--help`` output.

``make readme`` rewrites the section; ``tests/test_docs.py`` fails when it has drifted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS: tuple[tuple[str, ...], ...] = (
    (), ("plan",), ("validate",), ("template",), ("rules",), ("rules", "show"),
    ("rules", "check"),
)
_SECTION = re.compile(r"(<!-- help:start -->\n)(.*?)(<!-- help:end -->)", re.DOTALL)


def help_text(args: tuple[str, ...]) -> str:
    """``tcns ARGS --help`` as a user sees it in an 80-column terminal."""
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    cmd = [sys.executable, "-m", "tcns_cli", *args, "--help"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout


def section() -> str:
    """The section's body: one fenced block per command."""
    blocks = []
    for args in COMMANDS:
        title = " ".join(("tcns", *args, "--help"))
        blocks.append(f"`{title}`:\n\n```\n{help_text(args).rstrip()}\n```\n")
    return "\n".join(blocks)


def current() -> str:
    """The section as the README has it now."""
    match = _SECTION.search(README.read_text(encoding="utf-8"))
    return match.group(2) if match else ""


def update() -> None:
    """Rewrite the README's section."""
    text = README.read_text(encoding="utf-8")
    README.write_text(_SECTION.sub(lambda m: m.group(1) + section() + m.group(3), text),
                      encoding="utf-8")


if __name__ == "__main__":
    update()
