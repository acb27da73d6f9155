"""Entry point: the `brinkwatch` command group. Each command lives in its own module.

The group is lazy: `brinkwatch --help` and `--version` import no command module, and
`brinkwatch CMD` imports only CMD's module, so a command pays only for the libraries it uses
(spaCy for `code`, SQLAlchemy for `export`, pandas for `alerts` …).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import NamedTuple

import click

from brinkwatch._version import __version__
from brinkwatch.errors import BrinkwatchError


class Entry(NamedTuple):
    """Where a command lives, and its one-line help for `brinkwatch --help` (it starts like the
    command's own help: tests/test_startup.py)."""

    module: str
    attr: str
    short_help: str


COMMANDS: dict[str, Entry] = {
    "code": Entry(
        "brinkwatch.cli.code",
        "code_command",
        "Code INPUT files, folders (recursively) or - (JSONL on stdin).",
    ),
    "ingest": Entry(
        "brinkwatch.cli.ingest",
        "ingest_command",
        "Code INPUT files, folders or - (JSONL on stdin) and store the results.",
    ),
    "export": Entry(
        "brinkwatch.cli.export",
        "export_command",
        "Write the stored, deduplicated events (or the quotes, --what quotes).",
    ),
    "quotes": Entry(
        "brinkwatch.cli.quotes",
        "quotes_command",
        "List stored quotes: who said what, when.",
    ),
    "map": Entry(
        "brinkwatch.cli.map",
        "map_command",
        "Draw the stored events that have a location, coloured by QuadClass.",
    ),
    "failures": Entry(
        "brinkwatch.cli.failures",
        "failures_command",
        "List failed articles with their error.",
    ),
    "watch": Entry(
        "brinkwatch.cli.watch",
        "watch_command",
        "Poll SOURCE folders (new files) and RSS/Atom feed URLs, code and store new articles.",
    ),
    "batch": Entry(
        "brinkwatch.cli.batch",
        "batch_command",
        "Code INPUT files, folders, JSONL or Parquet (a `text` column) into Parquet datasets.",
    ),
    "evaluate": Entry(
        "brinkwatch.cli.evaluate",
        "evaluate_command",
        "Run the pipeline on every record of GOLD (JSONL) and score it for TASK.",
    ),
    "dyad": Entry(
        "brinkwatch.cli.monitor",
        "dyad_command",
        "The series of country pair A–B: cooperation, conflict, tension index, alerts.",
    ),
    "alerts": Entry(
        "brinkwatch.cli.monitor",
        "alerts_command",
        "Run the monitor over the stored events, store its alerts and show them.",
    ),
    "top-dyads": Entry(
        "brinkwatch.cli.monitor",
        "top_dyads_command",
        "Country pairs ranked by weighted conflict (or cooperation, events) over the range.",
    ),
    "actors": Entry(
        "brinkwatch.cli.actors",
        "actors_command",
        "Check the actor knowledge base: office holders from open data and our leader table.",
    ),
    "serve": Entry(
        "brinkwatch.cli.serve",
        "serve_command",
        "Serve the dashboard and the JSON API (docs at /api/docs) for a store.",
    ),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        entry = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(entry.module), entry.attr)
        assert isinstance(command, click.Command), f"{entry.module}.{entry.attr}"
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table above: listing commands must not import them."""
        rows = [
            (name, COMMANDS[name].short_help if name in COMMANDS else self._loaded_help(name))
            for name in self.list_commands(ctx)
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _loaded_help(self, name: str) -> str:
        return self.commands[name].get_short_help_str(limit=90)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brinkwatch")
def cli() -> None:
    """brinkwatch: political events, quotes and actors from news, with evidence.

    Start with `brinkwatch code examples/corpus/md --format table`.
    """


# A command that has closed its outputs and holds no resources sets this in `ctx.obj` (only
# present when run from the console script, never under a test's CliRunner).
EXIT_NOW = "exit_now"


def main() -> None:
    state: dict[str, bool] = {}
    try:
        cli.main(prog_name="brinkwatch", standalone_mode=False, obj=state)
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
    if state.get(EXIT_NOW):
        exit_now()


def exit_now() -> None:
    """End the process without the interpreter's teardown, which frees the model's and the
    gazetteers' objects one by one: 0.5 CPU s at the end of `brinkwatch code`, a third of its
    start-up cost (0.15 s for a process that only loads spaCy). The OS frees them at once."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: what was written may be incomplete
        os._exit(1)
    os._exit(0)
