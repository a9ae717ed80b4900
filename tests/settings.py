"""Shared hypothesis settings for the property and oracle tests."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings


def examples(n: int) -> settings:
    """Hypothesis settings: ``n`` examples, no deadline, no example database on disk.

    The "explain" phase is skipped: it re-runs a failing ward many times for little gain.
    """
    return settings(
        max_examples=n, deadline=None, database=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
