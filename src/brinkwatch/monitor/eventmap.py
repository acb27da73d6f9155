"""A map of events: one point per located event, coloured by QuadClass.

Two outputs, both offline: a self-contained HTML page (inline SVG, no script or style fetched
from anywhere: points carry their place, date, code and evidence as tooltips) and a PNG drawn by
matplotlib. The projection is plain equirectangular (x = longitude, y = latitude) with a 30-degree
graticule; we ship no coastline data, so places are read from labels and tooltips.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

QUAD_COLOURS = {1: "#2c7bb6", 2: "#1a9641", 3: "#fdae61", 4: "#d7191c"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
WIDTH, HEIGHT = 1080, 540


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One located event."""

    lat: float
    lon: float
    quad_class: int
    place: str
    date: str | None = None
    cameo: str | None = None
    text: str | None = None


def extent(points: Sequence[MapPoint], margin: float = 8.0) -> tuple[float, float, float, float]:
    """West, east, south, north of the points with a margin (the world when there are none)."""
    if not points:
        return -180.0, 180.0, -90.0, 90.0
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    pad_x = max(margin, (max(lons) - min(lons)) * 0.15)
    pad_y = max(margin / 2, (max(lats) - min(lats)) * 0.15)
    return (
        max(-180.0, min(lons) - pad_x), min(180.0, max(lons) + pad_x),
        max(-90.0, min(lats) - pad_y), min(90.0, max(lats) + pad_y),
    )  # fmt: skip


def _short(place: str) -> str:
    return place.split(",")[0]


def _xy(point: MapPoint) -> tuple[float, float]:
    return (point.lon + 180) / 360 * WIDTH, (90 - point.lat) / 180 * HEIGHT


def _graticule() -> list[str]:
    lines = []
    for lon in range(-180, 181, 30):
        x = (lon + 180) / 360 * WIDTH
        lines.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{HEIGHT}" class="g"/>')
    for lat in range(-90, 91, 30):
        y = (90 - lat) / 180 * HEIGHT
        lines.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" class="g"/>')
    return lines


def _circle(point: MapPoint, radius: float) -> str:
    x, y = _xy(point)
    tip = " · ".join(
        p
        for p in (point.place, point.date, point.cameo and f"CAMEO {point.cameo}", point.text)
        if p
    )
    colour = QUAD_COLOURS.get(point.quad_class, "#777777")
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}">'
        f"<title>{html.escape(tip)}</title></circle>"
    )


def _labels(points: Sequence[MapPoint], top: int = 12) -> list[str]:
    """The most frequent places, named beside their points."""
    counts = Counter((_short(p.place), round(p.lat, 2), round(p.lon, 2)) for p in points)
    out = []
    for (place, lat, lon), n in counts.most_common(top):
        x, y = _xy(MapPoint(lat, lon, 0, place))
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" dx="0.6em" dy="-0.4em">{html.escape(place)} ({n})</text>'
        )
    return out


def render_html(points: Sequence[MapPoint], title: str = "brinkwatch events") -> str:
    """A self-contained HTML page with the map as inline SVG."""
    west, east, south, north = extent(points)
    x0, y0 = _xy(MapPoint(north, west, 0, ""))
    x1, y1 = _xy(MapPoint(south, east, 0, ""))
    scale = (x1 - x0) / WIDTH  # points and labels keep their size when the view zooms in
    body = [*_graticule(), *(_circle(p, 5 * scale) for p in points), *_labels(points)]
    legend = "".join(
        f'<li><span style="background:{QUAD_COLOURS[q]}"></span>{q} {QUAD_NAMES[q]}</li>'
        for q in sorted(QUAD_NAMES)
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body{{font:14px system-ui,sans-serif;margin:1.5em;color:#222}}
svg{{background:#eef3f7;border:1px solid #ccd;max-width:100%;height:auto}}
.g{{stroke:#c9d3dc;stroke-width:1}} circle{{opacity:.75;stroke:#fff;stroke-width:.8}}
text{{font-size:calc(11px * var(--s));fill:#333}} .g{{stroke-width:calc(1px * var(--s))}} ul{{list-style:none;padding:0;display:flex;gap:1.5em}}
li span{{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:.4em}}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{len(points)} located events; hover a point for its place, date, code and evidence.</p>
<ul>{legend}</ul>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}"
 width="{WIDTH}" height="{WIDTH * (y1 - y0) / max(x1 - x0, 1):.0f}" style="--s:{scale:.3f}">
{chr(10).join(body)}
</svg></body></html>
"""


def render_png(
    points: Sequence[MapPoint], path: str | Path, title: str = "brinkwatch events"
) -> Path:
    """The same map as a PNG (matplotlib's Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, 6.2))
    for quad in sorted(QUAD_NAMES):
        chosen = [p for p in points if p.quad_class == quad]
        ax.scatter(
            [p.lon for p in chosen], [p.lat for p in chosen], s=30, alpha=0.75,
            color=QUAD_COLOURS[quad], label=f"{quad} {QUAD_NAMES[quad]}", edgecolors="white",
        )  # fmt: skip
    counts = Counter((_short(p.place), p.lat, p.lon) for p in points)
    for (place, lat, lon), n in counts.most_common(12):
        ax.annotate(
            f"{place} ({n})", (lon, lat), xytext=(5, 5), textcoords="offset points", fontsize=8
        )
    west, east, south, north = extent(points)
    ax.set(
        xlim=(west, east), ylim=(south, north), xlabel="longitude", ylabel="latitude", title=title
    )
    ax.set_xticks([x for x in range(-180, 181, 30) if west <= x <= east])
    ax.set_yticks([y for y in range(-90, 91, 30) if south <= y <= north])
    ax.grid(True, color="#c9d3dc")
    ax.set_aspect("equal")
    ax.legend(loc="lower left", fontsize=8)
    out = Path(path)
    fig.savefig(out, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return out
