"""Incremental = clean, as a property (the machine is in tests/incremental_machine.py)."""

from __future__ import annotations

import pytest

from .incremental_machine import fake_index, run_steps


def test_every_incremental_build_equals_a_clean_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # 200 steps of random edits, the same ones on every run (derandomized: CI must not turn red
    # on a new draw); `scripts/soak-incremental` draws thousands of new ones.
    fake_index(monkeypatch.setattr)
    assert run_steps(200, randomized=False) >= 200
