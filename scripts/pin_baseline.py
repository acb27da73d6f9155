"""Re-measure the gold files and rewrite the pinned floors of the accuracy gate.

Run after a deliberate change in accuracy, and review the diff of the baseline file:
    .venv/bin/python scripts/pin_baseline.py [--tolerance 0.03]          # tests/gold/baseline.json
    .venv/bin/python scripts/pin_baseline.py --dev ../shared/dev         # tests/gold/dev-baseline.json
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--dev", type=Path, help="pin the development sets in DEV instead")
    args = parser.parse_args()
    directory, files = (args.dev, DEV_GATE_FILES) if args.dev else (GOLD, GATE_FILES)
    target = GOLD / ("dev-baseline.json" if args.dev else "baseline.json")
    limits = DEV_GATE_LIMITS if args.dev else None
    measured = pinned(score_gold(directory, load_settings(), files=files, limits=limits))
    of = "the development sets (../shared/dev)" if args.dev else "tests/gold"
    write_baseline(target, measured, args.tolerance, of=of)
    for name, value in measured.items():
        print(f"{name:40} {value:.3f}")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
