"""A 1,000-case sample of the bad-input corpus (benchmarks/badinputs.py): every case gives its
records, nothing raises, every record is valid UTF-8 JSON, no article runs out of time.
The full 10,000-case run with time and memory bounds is `make reliability`."""

from collections import Counter
from pathlib import Path

import pytest
from benchmarks.badinputs import generate, write
from benchmarks.badinputs_run import code_case


def test_generator_is_deterministic_and_covers_every_kind():
    first, again = generate(300, small=True), generate(300, small=True)
    assert first == again
    assert len({c.kind for c in first}) >= 30
    assert generate(300, seed=5, small=True) != first


@pytest.mark.slow
def test_sample_of_1000_bad_inputs_gives_a_record_each(tmp_path: Path, coder):
    cases = generate(1_000, small=True)
    write(cases, tmp_path)
    problems, codes = [], Counter()
    for index, case in enumerate(cases):
        row = code_case(tmp_path / f"{index:05d}", case.special == "feed", coder)
        codes.update(row["failures"])
        if row["error"] or row["records"] < case.records:
            problems.append((case.kind, row))
    assert problems == []
    assert codes["timeout"] == 0 and codes["analysis_failed"] == 0
