"""Entry point: the `brinkwatch` command group. Each command lives in its own module."""

from __future__ import annotations

import sys

import click

from brinkwatch._version import __version__
from brinkwatch.cli.code import code_command
from brinkwatch.cli.evaluate import evaluate_command
from brinkwatch.cli.export import export_command
from brinkwatch.cli.failures import failures_command
from brinkwatch.cli.ingest import ingest_command
from brinkwatch.cli.monitor import alerts_command, dyad_command, top_dyads_command
from brinkwatch.cli.watch import watch_command
from brinkwatch.errors import BrinkwatchError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brinkwatch")
def cli() -> None:
    """brinkwatch: political events, quotes and actors from news, with evidence.

    Start with `brinkwatch code examples/corpus/md --format table`.
    """


cli.add_command(code_command)
cli.add_command(ingest_command)
cli.add_command(export_command)
cli.add_command(failures_command)
cli.add_command(watch_command)
cli.add_command(evaluate_command)
cli.add_command(dyad_command)
cli.add_command(alerts_command)
cli.add_command(top_dyads_command)


def main() -> None:
    try:
        cli.main(prog_name="brinkwatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrinkwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.full_message}", err=True)
        sys.exit(2)
    except OSError as exc:  # a path the checks could not foresee (disk full, vanished folder)
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"error [os]: {exc.strerror or exc}{where}", err=True)
        sys.exit(1)
