"""The README shows every command, and keeps its first screen's two set-up commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.cli.main import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_readme_shows_every_command(name: str) -> None:
    assert f"brinkwatch {name} " in README


def test_the_first_screen_keeps_make_demo_and_make_test() -> None:
    first_screen = "\n".join(README.splitlines()[:15])
    assert "make demo" in first_screen and "make test" in first_screen
