"""The accuracy gate: measure the project's own gold files and compare with pinned floors.

`tests/gold/baseline.json` holds `{"tolerance": t, "floors": {"events.root.f1": 0.87, ...}}`.
Floors are pinned at the measured value minus the tolerance (`scripts/pin_baseline.py`); the gate
fails when any pinned figure falls below its floor, naming the figure.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.errors import GoldFileError
from brinkwatch.evaluate.dyads import CEILING_METRICS
from brinkwatch.evaluate.results import Score
from brinkwatch.evaluate.run import evaluate_file
from brinkwatch.settings import Settings

# (gold file, task) pairs the gate scores; the events file serves two tasks
GATE_FILES = (
    ("events.jsonl", "events"),
    ("events.jsonl", "penta"),
    ("actors.jsonl", "actors"),
    ("quotes.jsonl", "quotes"),
    ("geo.jsonl", "geo"),
)
# the development sets (../shared/dev, absent from a fresh clone) gate with their own floors
DEV_GATE_FILES = (
    ("events-dev.jsonl", "penta"),
    ("actors-dev.jsonl", "actors"),
    ("quotes-dev.jsonl", "quotes"),
    ("plover-synthetic.jsonl", "events"),
)
# the first N records only, to keep the test suite's time: 1,500 of 4,500 stories cover every category
DEV_GATE_LIMITS = {"plover-synthetic.jsonl": 1500}
PINNED_SUFFIXES = (  # precision/recall are not pinned
    ".f1", ".accuracy", "_accuracy", ".macro_f1", ".dyad_recall", ".with_target", ".plover_any",
    *(f".{name}" for name in CEILING_METRICS),
)  # fmt: skip
TOLERANCE = 0.03


@dataclass(frozen=True, slots=True)
class Drop:
    """A figure below its floor (`measured` None: the figure is no longer produced)."""

    metric: str
    floor: float
    measured: float | None

    def __str__(self) -> str:
        got = "missing" if self.measured is None else f"{self.measured:.3f}"
        if is_ceiling(self.metric):
            return f"{self.metric}: {got} > ceiling {self.floor:.3f}"
        return f"{self.metric}: {got} < floor {self.floor:.3f}"


def score_gold(
    directory: Path,
    settings: Settings,
    tasks: tuple[str, ...] = (),
    files: tuple[tuple[str, str], ...] = GATE_FILES,
    limits: Mapping[str, int] | None = None,
) -> list[Score]:
    """Scores of the gate's gold `files` in `directory` (only `tasks`; first `limits[name]`)."""
    return [
        evaluate_file(directory / name, task, settings, limit=(limits or {}).get(name))
        for name, task in files
        if not tasks or task in tasks
    ]


def pinned(scores: list[Score]) -> dict[str, float]:
    """The figures the gate pins, by dotted name."""
    flat = {k: v for score in scores for k, v in score.flat().items()}
    return {k: v for k, v in sorted(flat.items()) if k.endswith(PINNED_SUFFIXES)}


def load_floors(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["floors"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise GoldFileError(str(path), None, f"not a baseline file: {exc}") from exc


def is_ceiling(metric: str) -> bool:
    """A figure that must not RISE past its pin (phantom events per sentence)."""
    return metric.rsplit(".", 1)[-1] in CEILING_METRICS


def check(measured: Mapping[str, float], floors: Mapping[str, float]) -> list[Drop]:
    """Every floor the measured figures fall below, and every ceiling they rise above (tiny
    float noise forgiven)."""
    drops = []
    for metric, pin in sorted(floors.items()):
        value = measured.get(metric)
        if value is None or (value > pin + 1e-9 if is_ceiling(metric) else value < pin - 1e-9):
            drops.append(Drop(metric, pin, value))
    return drops


def floors_from(measured: Mapping[str, float], tolerance: float = TOLERANCE) -> dict[str, float]:
    """Floors pinned at the measured value minus `tolerance`, rounded down to 3 decimals;
    ceilings at the value plus `tolerance`, rounded up."""
    return {
        k: math.ceil((v + tolerance) * 1000) / 1000
        if is_ceiling(k)
        else max(0.0, math.floor((v - tolerance) * 1000) / 1000)
        for k, v in measured.items()
    }


def write_baseline(
    path: Path, measured: Mapping[str, float], tolerance: float = TOLERANCE, of: str = "tests/gold"
) -> None:
    data = {
        "comment": f"Accuracy floors of {of} (scripts/pin_baseline.py); measured minus tolerance.",
        "tolerance": tolerance,
        "floors": floors_from(measured, tolerance),
        "measured": {k: round(v, 4) for k, v in measured.items()},
    }
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
