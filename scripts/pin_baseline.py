"""Re-measure the gold files and rewrite the pinned floors of the accuracy gate.

Run after a deliberate change in accuracy, and review the diff of the baseline file:
    .venv/bin/python scripts/pin_baseline.py [--tolerance 0.03]          # tests/gold/baseline.json
    .venv/bin/python scripts/pin_baseline.py --dev ../shared/dev         # tests/gold/dev-baseline.json
    .venv/bin/python scripts/pin_baseline.py --dev ../shared/dev --tasks penta,events
        # re-pin only those tasks' figures; the other pins stay as they are
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from brinkwatch.evaluate.baseline import (
    DEV_GATE_FILES,
    DEV_GATE_LIMITS,
    GATE_FILES,
    TOLERANCE,
    pinned,
    score_gold,
    write_baseline,
)
from brinkwatch.settings import load_settings

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def _others(table: dict[str, float], tasks: tuple[str, ...]) -> dict[str, float]:
    """The pins of the tasks not being re-pinned."""
    return {k: v for k, v in table.items() if k.split(".")[0] not in tasks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--dev", type=Path, help="pin the development sets in DEV instead")
    parser.add_argument("--tasks", default="", help="comma-separated tasks to re-pin (default all)")
    args = parser.parse_args()
    directory, files = (args.dev, DEV_GATE_FILES) if args.dev else (GOLD, GATE_FILES)
    target = GOLD / ("dev-baseline.json" if args.dev else "baseline.json")
    limits = DEV_GATE_LIMITS if args.dev else None
    tasks = tuple(t for t in args.tasks.split(",") if t)
    scores = score_gold(directory, load_settings(), tasks=tasks, files=files, limits=limits)
    measured = pinned(scores)
    old = json.loads(target.read_text(encoding="utf-8")) if tasks and target.exists() else {}
    measured = {**_others(old.get("measured", {}), tasks), **measured}
    of = "the development sets (../shared/dev)" if args.dev else "tests/gold"
    write_baseline(target, measured, args.tolerance, of=of)
    if old:  # the other tasks' floors stay exactly as they were pinned
        data = json.loads(target.read_text(encoding="utf-8"))
        data["floors"] = {**data["floors"], **_others(old.get("floors", {}), tasks)}
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    for name, value in measured.items():
        print(f"{name:40} {value:.3f}")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
