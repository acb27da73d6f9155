"""Re-measure the project's gold files (tests/gold) and rewrite the pinned floors.

Run after a deliberate change in accuracy, and review the diff of tests/gold/baseline.json:
    .venv/bin/python scripts/pin_baseline.py [--tolerance 0.03]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from brinkwatch.evaluate.baseline import TOLERANCE, pinned, score_gold, write_baseline
from brinkwatch.settings import load_settings

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args()
    measured = pinned(score_gold(GOLD, load_settings()))
    write_baseline(GOLD / "baseline.json", measured, args.tolerance)
    for name, value in measured.items():
        print(f"{name:40} {value:.3f}")
    print(f"wrote {GOLD / 'baseline.json'}")


if __name__ == "__main__":
    main()
