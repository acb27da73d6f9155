"""Reports of a `Score`: markdown for people, a JSON dict for machines (the same content)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from brinkwatch.evaluate.metrics import Counts, Mean, Metric, Ratio, worst
from brinkwatch.evaluate.results import Example, Score

WORST = 10  # confusions shown
EXAMPLES = 10  # misses shown in markdown; JSON carries up to `JSON_EXAMPLES`
JSON_EXAMPLES = 50


def to_json(score: Score, source: str) -> dict[str, Any]:
    return {
        "task": score.task,
        "gold": source,
        "records": score.records,
        "metrics": {name: m.to_dict() for name, m in score.metrics.items()},
        "flat": score.flat(),
        "categories": {
            table: {label: c.to_dict() for label, c in rows.items()}
            for table, rows in score.categories.items()
        },
        "worst_confusions": {
            table: [c.to_dict() for c in worst(cells, WORST)]
            for table, cells in score.confusions.items()
        },
        "misses_total": len(score.misses),
        "misses": [e.to_dict() for e in score.misses[:JSON_EXAMPLES]],
        "failures": [e.to_dict() for e in score.failures],
        "notes": list(score.notes),
    }


def _f(value: float) -> str:
    return f"{value:.3f}"


def _counts_table(rows: Mapping[str, Counts], head: str) -> list[str]:
    lines = [
        f"| {head} | precision | recall | F1 | tp | fp | fn |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, c in rows.items():
        lines.append(
            f"| {name} | {_f(c.precision)} | {_f(c.recall)} | {_f(c.f1)} | {c.tp} | {c.fp} | {c.fn} |"
        )
    return lines


def _other_table(rows: Mapping[str, Metric]) -> list[str]:
    lines = ["| metric | value | counts |", "|---|--:|--:|"]
    for name, m in rows.items():
        if isinstance(m, Ratio):
            lines.append(f"| {name} | {_f(m.value)} | {m.correct} of {m.total} |")
        elif isinstance(m, Mean):
            lines.append(f"| {name} | {_f(m.value)} | mean of {m.categories} classes |")
    return lines


def _examples(title: str, examples: Sequence[Example], limit: int | None) -> list[str]:
    if not examples:
        return []
    shown = examples[:limit] if limit else examples
    lines = ["", f"**{title}** ({len(shown)} of {len(examples)})", ""]
    for e in shown:
        fields = "; ".join(f"{k}: {_one_line(v)}" for k, v in e.fields.items() if v)
        lines.append(f"- `{e.id}` {fields}")
    return lines


def _one_line(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")[:240]


def to_markdown(score: Score, source: str, level: str = "###", *, texts: bool = True) -> str:
    """The figures, per-category tables, the worst confusions, misses and failures.

    `texts=False` leaves out the misses' fields (gold texts), keeping their count: for published
    figures on data whose texts must not be copied.
    """
    lines = [f"{level} {score.task}: `{source}` ({score.records} records)", ""]
    counted = {n: m for n, m in score.metrics.items() if isinstance(m, Counts)}
    others = {n: m for n, m in score.metrics.items() if not isinstance(m, Counts)}
    if others:
        lines += [*_other_table(others), ""]
    if counted:
        lines += [*_counts_table(counted, "metric"), ""]
    for table, rows in score.categories.items():
        lines += [f"Per category ({table}):", "", *_counts_table(rows, table), ""]
    for table, cells in score.confusions.items():
        bad = worst(cells, WORST)
        if bad:
            lines += [f"Worst confusions ({table}): "
                      + ", ".join(f"{c.gold} → {c.predicted} ×{c.count}" for c in bad), ""]  # fmt: skip
    lines += [f"- {note}" for note in score.notes]
    lines += _examples("Failures (counted as misses)", score.failures, None)
    if texts:
        lines += _examples("Misses", score.misses, EXAMPLES)
    elif score.misses:
        lines += ["", f"{len(score.misses)} misses (examples in the JSON report)."]
    return "\n".join(lines).rstrip() + "\n"
