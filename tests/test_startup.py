"""Start-up: the CLI and `import brinkwatch` load no heavy library until a command needs it.

Checked through `sys.modules` in a fresh interpreter (not by timing, which is noisy)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import click
import pytest

import brinkwatch
from brinkwatch.cli import main as cli_main

HEAVY = ("spacy", "sqlalchemy", "alembic", "pyarrow", "matplotlib", "datasketch", "pandas")

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _heavy_loaded(body: str) -> list[str]:
    code = _PROBE.format(body=body, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "body",
    [
        "import brinkwatch",
        "import brinkwatch.cli.main",
        "from brinkwatch import __version__, Article, Failure",
        # the parent of --n-process N reads and writes only: spaCy loads in the workers
        "import brinkwatch.process, brinkwatch.workers",
    ],
)
def test_imports_load_no_heavy_library(body):
    assert _heavy_loaded(body) == []


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["code", "--help"]])
def test_help_and_version_load_no_heavy_library(args):
    body = (
        "from brinkwatch.cli.main import cli\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main({args!r}, prog_name='brinkwatch', standalone_mode=False)"
    )
    assert _heavy_loaded(body) == []


def test_the_probe_sees_a_heavy_import():
    """The check above can fail: a command that needs spaCy does load it."""
    assert "spacy" in _heavy_loaded("import brinkwatch.nlp.pipeline")


@pytest.mark.parametrize("name", sorted(cli_main.COMMANDS))
def test_command_table_matches_the_commands(name):
    entry = cli_main.COMMANDS[name]
    command = getattr(importlib.import_module(entry.module), entry.attr)
    assert isinstance(command, click.Command)
    assert command.name == name
    # the listing's line starts like the command's own help (words, not the whole line, so a
    # reworded detail does not need an edit here)
    assert entry.short_help.split()[:5] == (command.help or "").split()[:5]


def test_lazy_package_attributes():
    assert brinkwatch.Article.__name__ == "Article"
    assert callable(brinkwatch.code_many)
    assert set(brinkwatch.__all__) <= set(dir(brinkwatch))
    with pytest.raises(AttributeError):
        _ = brinkwatch.no_such_name


def test_choices_kept_light_match_their_sources():
    from brinkwatch.cli.evaluate import TASKS
    from brinkwatch.cli.export import FORMATS
    from brinkwatch.evaluate.run import TASKS as RUN_TASKS
    from brinkwatch.store.exports import FORMATS as STORE_FORMATS

    assert FORMATS == STORE_FORMATS
    assert TASKS == RUN_TASKS


@pytest.mark.slow
@pytest.mark.parametrize("output", ["-", "file"])
def test_code_ends_without_teardown_and_loses_no_output(tmp_path, output):
    """`brinkwatch code` leaves by os._exit once its outputs are closed: every record is there."""
    src = tmp_path / "a.jsonl"
    lines = [{"id": f"a{i}", "text": f"Russia attacked Ukraine on day {i}."} for i in range(3)]
    src.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["code", str(src), "-o", "-" if output == "-" else str(out)]
    done = subprocess.run(
        [sys.executable, "-c", "from brinkwatch.cli.main import main; main()", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout if output == "-" else out.read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in text.splitlines()] == ["a0", "a1", "a2"]
