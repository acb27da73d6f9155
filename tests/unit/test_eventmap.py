"""The event map: a self-contained HTML page and a PNG."""

from __future__ import annotations

import re
from pathlib import Path

from brinkwatch.monitor.eventmap import MapPoint, extent, render_html, render_png

POINTS = [
    MapPoint(49.99, 36.23, 4, "Kharkiv, Kharkiv Oblast, Ukraine", "2024-05-02", "190", "<shelled>"),
    MapPoint(50.45, 30.52, 1, "Kyiv, Kyiv, Ukraine", "2024-05-03", "040"),
    MapPoint(49.99, 36.23, 3, "Kharkiv, Kharkiv Oblast, Ukraine"),
]


def test_html_is_self_contained_and_shows_every_point() -> None:
    page = render_html(POINTS, "Ukraine & neighbours")
    assert page.count("<circle") == 3
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)  # nothing fetched
    assert "<script" not in page and "&lt;shelled&gt;" in page  # evidence is escaped
    assert "Kharkiv (2)" in page and "Ukraine &amp; neighbours" in page
    assert "#d7191c" in page and "#2c7bb6" in page  # QuadClass 4 and 1 colours


def test_extent_frames_the_points() -> None:
    west, east, south, north = extent(POINTS)
    assert west < 30.52 and east > 36.23 and south < 49.99 and north > 50.45
    assert east - west < 40  # zoomed in, not the whole world
    assert extent([]) == (-180.0, 180.0, -90.0, 90.0)


def test_png_is_written(tmp_path: Path) -> None:
    out = render_png(POINTS, tmp_path / "map.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
