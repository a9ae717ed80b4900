"""The sample data's outputs, cell by cell, against golden files recorded before a change.

They guard refactorings that must not change behaviour. A change meant to alter the output
records them again (``python -m tests.golden_cases``) and commits the reviewed diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden_cases import CASES, golden_path, run_case


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden(name: str, tmp_path: Path) -> None:
    expected = json.loads(golden_path(name).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(run_case(name, tmp_path), ensure_ascii=False, default=str))
    for key in expected:
        assert actual[key] == expected[key], f"{name}: {key} differs from the golden file"
    assert set(actual) == set(expected)
