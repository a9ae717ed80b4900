"""Test settings: hypothesis explores new examples locally, and the same ones in CI.

CI (``CI=true``) must judge the submission, not the luck of the draw: there the property
tests run derandomized, so a failure reproduces on every run. Locally every run draws anew
and a failing example is shrunk and printed.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
