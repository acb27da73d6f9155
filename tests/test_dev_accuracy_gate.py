"""The accuracy gate on the development sets, where `../shared/dev` is present (not in a fresh clone).

Floors live in tests/gold/dev-baseline.json (measured minus a tolerance); re-pin after a deliberate
change with `python scripts/pin_baseline.py --dev ../shared/dev` and review the diff. Set
BRINKWATCH_DEV_DIR to point elsewhere. Only figures are pinned; no dev text enters the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brinkwatch.evaluate.baseline import (
    DEV_GATE_FILES,
    DEV_GATE_LIMITS,
    check,
    load_floors,
    pinned,
    score_gold,
)
from brinkwatch.process import Coder
from brinkwatch.settings import Settings
from tests.conftest import SHARED

DEV = Path(os.environ.get("BRINKWATCH_DEV_DIR", SHARED / "dev"))
FLOORS = load_floors(Path(__file__).resolve().parent / "gold" / "dev-baseline.json")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all((DEV / name).is_file() for name, _ in DEV_GATE_FILES),
        reason=f"NOTICE: development sets not found in {DEV}; dev accuracy gate skipped",
    ),
]


@pytest.fixture(scope="module")
def measured(settings: Settings, coder: Coder) -> dict[str, float]:
    return pinned(score_gold(DEV, settings, files=DEV_GATE_FILES, limits=DEV_GATE_LIMITS))


def test_every_pinned_dev_figure_is_measured(measured: dict[str, float]) -> None:
    assert set(FLOORS) <= set(measured), (
        f"no longer measured: {sorted(set(FLOORS) - set(measured))}"
    )


def test_dev_accuracy_stays_above_the_pinned_floors(measured: dict[str, float]) -> None:
    drops = check(measured, FLOORS)
    assert not drops, "dev accuracy fell below its floor:\n  " + "\n  ".join(map(str, drops))
