"""`brinkwatch batch` on the local engine (in this process, with the session's pipeline):
datasets, failures as rows, reruns, Parquet inputs and `ingest --from-parquet`."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from brinkwatch.batch.rows import article_from_json
from brinkwatch.cli.main import cli
from tests.batch.helpers import (
    CORPUS_MD,
    dataset_events,
    dataset_rows,
    golden_articles,
    golden_events,
)


def test_articles_round_trip_through_their_json():
    for data in golden_articles():
        assert article_from_json(json.dumps(data)).to_dict() == data


def _batch(*args: str) -> str:
    result = CliRunner().invoke(cli, ["batch", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "no-text", "published": "2026-10-03"}\nnot json\n', encoding="utf-8")
    return [str(CORPUS_MD), str(bad)]


@pytest.mark.slow
def test_batch_writes_datasets_by_month_and_failures_as_rows(tmp_path, inputs):
    out = tmp_path / "out"
    first = _batch(*inputs, "--out", str(out), "--partition-size", "5")
    assert dataset_events(out) == golden_events()
    articles = dataset_rows(out, "articles")
    assert len(articles) == 16 and {a["month"] for a in articles} == {"2026-10"}
    failures = dataset_rows(out, "failures")
    assert sorted(f["error_code"] for f in failures) == ["bad_json", "missing_text"]
    assert {f["month"] for f in failures} == {"unknown"}
    # a rerun writes nothing new and finds every partition
    files = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    again = _batch(*inputs, "--out", str(out), "--partition-size", "5")
    assert "4 partitions (4 already written)" in again and "0 already written" in first
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == files
    assert dataset_events(out) == golden_events()
    # another cut would duplicate rows under new names: refused
    refused = CliRunner().invoke(
        cli, ["batch", *inputs, "--out", str(out), "--partition-size", "3"]
    )
    assert refused.exit_code != 0 and "--partition-size 5" in str(refused.exception)


@pytest.mark.slow
def test_parquet_input_and_ingest_from_parquet(tmp_path):
    texts = [
        {"id": "p1", "text": "Russia condemned Ukraine on Monday.", "published": "2026-09-02"},
        {"id": "p2", "text": "China and Vietnam signed a trade deal.", "published": "2026-10-05"},
        {"id": "p3", "text": "", "published": "2026-10-06"},
    ]
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(texts), source)
    out = tmp_path / "out"
    _batch(str(source), "--out", str(out))
    months = {a["id"]: a["month"] for a in dataset_rows(out, "articles")}
    assert months == {"p1": "2026-09", "p2": "2026-10"}
    assert [f["id"] for f in dataset_rows(out, "failures")] == ["p3"]
    db = tmp_path / "bw.db"
    runner = CliRunner()
    stored = runner.invoke(cli, ["ingest", "--from-parquet", str(out), "--db", str(db)])
    assert stored.exit_code == 0, stored.output
    assert "2 new" in stored.output and "1 failed" in stored.output
    again = runner.invoke(cli, ["ingest", "--from-parquet", str(out), "--db", str(db)])
    assert "articles: 0 new" in again.output
    assert "store:    2 articles, 3 events (3 mentions), 1 quotes, 1 failures" in again.output
