"""The `brinkwatch` command line, end to end on small inputs we write here."""

import json

import pytest
from click.testing import CliRunner

from brinkwatch import __version__
from brinkwatch.cli.main import cli
from tests.conftest import SHARED
from tests.schema_check import assert_valid

GOOD_MD = "# Envoys Meet\n\nBy [Pacific Wire](#)\n\nOctober 9, 2026\n\nEnvoys met in Singapore on Friday.\n"


@pytest.fixture()
def mixed_folder(tmp_path):
    (tmp_path / "a-good.md").write_text(GOOD_MD)
    (tmp_path / "b-empty.txt").write_text("")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "d-latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (tmp_path / "e-broken.html").write_text("<html><body><script>x()</script>")
    (tmp_path / "f-lines.jsonl").write_text(
        '{"id": "ok-1", "text": "Tokyo urged calm.", "published": "2026-10-04"}\n'
        "not json\n"
        '{"id": "no-text"}\n'
        '{"id": "bad-date", "text": "Seoul agreed.", "published": "31/31/2026"}\n'
    )
    (tmp_path / "g-good.txt").write_text("Manila protested on Monday.")
    return tmp_path


def run(*args, **kw):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, **kw)
    return result


def test_version():
    assert __version__ in run("--version").output


def test_help_everywhere():
    assert "Code INPUT files" in run("code", "--help").output
    assert "code" in run("--help").output


def test_code_folder_writes_every_input_and_exits_zero(mixed_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("code", str(mixed_folder), "-o", str(out))
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    for record in records:
        assert_valid(record)
    codes = [r["error"]["code"] if "error" in r else "ok" for r in records]
    assert codes == [
        "ok",
        "empty",
        "binary",
        "undecodable",
        "bad_html",
        "ok",
        "bad_json",
        "missing_text",
        "bad_date",
        "ok",
    ]
    assert records[0]["title"] == "Envoys Meet" and records[0]["published"] == "2026-10-09"
    assert "7 of 10 inputs failed" in result.stderr


def test_stdin_and_json_format():
    result = run(
        "code", "-", "--format", "json", input='{"id": "s", "text": "Oslo hosted talks."}\n'
    )
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert record["id"] == "s" and record["text"] == "Oslo hosted talks."


def test_table_format_and_summary(mixed_folder):
    result = run("code", str(mixed_folder), "--format", "table", "--summary")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 10
    assert "FAILED [binary]" in lines[2]
    assert "coded 3 of 10 articles" in result.stderr


def test_usage_error_is_non_zero():
    assert run("code").exit_code != 0
    assert run("code", "x", "--format", "yaml").exit_code != 0


@pytest.mark.skipif(
    not (SHARED / "examples" / "seed-article.md").exists(), reason="../shared not present"
)
def test_seed_article_metadata_and_plain_text():
    result = run("code", str(SHARED / "examples" / "seed-article.md"))
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert_valid(record)
    assert record["title"] == "Senior Russian Diplomat Urges Restraint Over North Korea"
    assert record["outlet"] == "The Moscow Times"
    assert record["published"] == "2013-03-31"
    assert record["url"].startswith("https://www.themoscowtimes.com/2013/03/31/")
    assert (
        "](" not in record["text"] and "**" not in record["text"] and "<http" not in record["text"]
    )
    assert record["text"].startswith("Moscow urged restraint")
