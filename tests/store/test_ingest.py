"""`store.ingest` with a stand-in coder (fast, exact), and the real command end to end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from brinkwatch.cli.main import cli
from brinkwatch.records import Article, Document, ErrorInfo, Failure
from brinkwatch.store.ingest import ingest
from brinkwatch.store.queries import find_failures, totals
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event, failure


class FakeCoder:
    """Codes "FAIL" texts as failures, everything else as one China→Philippines event."""

    def __init__(self, fail_word: str = "FAIL") -> None:
        self.coded: list[str] = []
        self.fail_word = fail_word

    def __call__(self, items: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            self.coded.append(item.id)
            if self.fail_word in item.text:
                yield Failure(item.id, ErrorInfo("analysis_failed", "boom"), item.origin)
            else:
                lead = item.text.split(".")[0] + "."
                yield article(item.text, aid=item.id, events=(event(lead, "China", "Philippines"),))


def docs(*texts: str) -> list[Document]:
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


TEXTS = ("China warned Manila.", "China fined a fishing crew.", "China closed a port.")


def test_second_ingest_codes_nothing(engine: Engine) -> None:
    coder = FakeCoder()
    first = ingest(StoreWriter(engine), docs(*TEXTS), coder, commit_every=2)
    second = ingest(StoreWriter(engine), docs(*TEXTS), coder, commit_every=2)
    assert (first.new, first.events) == (3, 3)
    assert (second.new, second.skipped) == (0, 3)
    assert coder.coded == ["d0", "d1", "d2"]
    assert totals(engine)["articles"] == 3


def test_repeated_input_in_one_run_is_coded_once(engine: Engine) -> None:
    coder = FakeCoder()
    counts = ingest(StoreWriter(engine), docs(TEXTS[0], TEXTS[0]), coder)
    assert (counts.new, counts.skipped, coder.coded) == (1, 1, ["d0"])


def test_failures_are_kept_and_retried_on_request(engine: Engine) -> None:
    coder = FakeCoder()
    inputs = [*docs("FAIL this one.", TEXTS[0]), failure("unreadable.txt")]
    counts = ingest(StoreWriter(engine), inputs, coder)
    assert (counts.new, counts.failed) == (1, 2)
    assert {f.id for f in find_failures(engine)} == {"d0", "unreadable.txt"}
    again = ingest(StoreWriter(engine), inputs, coder)
    assert (again.new, again.failed, again.skipped) == (0, 0, 3)
    # a fixed coder recodes the stored text of d0, with no input given
    fixed = FakeCoder(fail_word="never")
    retried = ingest(StoreWriter(engine), [], fixed, retry_failed=True)
    assert (retried.new, fixed.coded) == (1, ["d0"])
    assert {f.id for f in find_failures(engine)} == {"unreadable.txt"}


@pytest.mark.slow
def test_cli_ingest_folder_twice_then_export(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(
        "# Navy ships shadow a supply convoy\n\n"
        "China's coast guard fired water cannon at a Philippine supply boat on Monday.\n\n"
        "Manila summoned the Chinese ambassador on Tuesday to protest.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Japan and Australia held talks on maritime security.\n")
    (folder / "empty.txt").write_text("   \n")
    db = db_url
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 new, 0 already stored, 0 near-duplicates, 1 failed" in first.output
    second = runner.invoke(cli, ["ingest", str(folder), "--db", db])
    assert "0 new, 3 already stored" in second.output
    listed = runner.invoke(cli, ["failures", "--db", db])
    assert "[empty]" in listed.output
    exported = runner.invoke(cli, ["export", "--format", "jsonl", "--db", db])
    assert exported.exit_code == 0, exported.output
