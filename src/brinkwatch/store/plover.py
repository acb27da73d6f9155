"""Stored events as PLOVER records (the PLOVER manual's "Data Fields"), one JSON object a line.

Fields: `id`, `date` (YYYY-MM-DD), `actor`/`recipient` (lists of entity objects), `event`, `mode`
and `context` (lists), `quad_code`, `event_scale`, `event_text`, `text`, `text_info`, `cite_info`,
`coder`, `coded_date`. brinkwatch's own extras start with `bw_` so they never collide with the
spec's names. The JSON Schema is `data/schema/plover-event.json`; docs/store.md explains choices:

* `event_scale` is the Goldstein value of the event's CAMEO code (PLOVER leaves the scale to the
  coder; Goldstein is what GDELT users compare with).
* `quad_code` is the PLOVER category's quad (codes/plover.tsv), which can differ from the CAMEO
  root's QuadClass (kept as `bw_quad_class`).
* An entity's `sector` is PLOVER's code for the stored CAMEO agent code (codes/plover_sectors.tsv:
  the media, CAMEO MED, are JRN; health, CAMEO HLH, is MED); `bw_sectors` keeps the CAMEO codes.
  The store keeps CAMEO codes only, so PLOVER-only sectors (PRE, PRM, UNK) are not exported.
* A negated event ("did not attack") carries the auxiliary mode `negation`.
* `date` is a full day; an event known only to its month or year is written at its first day with
  `bw_date_granularity` saying so. Undated events are not PLOVER records and are left out.
"""

from __future__ import annotations

import functools
from typing import Any

from brinkwatch._version import __version__
from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.nlp.plover_sectors import plover_sector
from brinkwatch.store.names import type_codes
from brinkwatch.store.queries import StoredEvent

CODEBOOK = "CAMEO 1.1b3 mapped to PLOVER (CAMEO2PLOVER-2021; categories of the 2024 manual)"


@functools.cache
def _contexts() -> dict[str, list[str]]:
    rows = read_tsv(data_path("codes/plover_contexts.tsv"))
    return {row.values["code"]: [c for c in row.values["contexts"].split("|") if c] for row in rows}


def contexts(cameo: str) -> list[str]:
    """PLOVER contexts of a CAMEO code; a code the table lacks takes its parent's."""
    table = _contexts()
    for length in range(len(cameo), 1, -1):
        if cameo[:length] in table:
            return table[cameo[:length]]
    return []


@functools.cache
def _plover_quads() -> dict[str, int]:
    rows = read_tsv(data_path("codes/plover.tsv"))
    return {row.values["event"]: int(row.values["quad_class"]) for row in rows}


def _entity(event: StoredEvent, side: str, text: str | None) -> dict[str, Any]:
    sector = getattr(event, f"{side}_sector")
    return {
        "code": getattr(event, f"{side}_country"),
        "sector": plover_sector(sector),
        "entity_text": text,
        "name": getattr(event, f"{side}_name"),
        "bw_cameo_code": getattr(event, f"{side}_code"),
        "bw_sectors": type_codes(sector),
    }


def _day(event: StoredEvent) -> str | None:
    day = event.sqldate
    return f"{day // 10_000:04d}-{day // 100 % 100:02d}-{day % 100:02d}" if day else None


def plover_location(event: StoredEvent) -> dict[str, Any] | None:
    """PLOVER's `event_loc` object: the place the event happened, or None."""
    if event.action_geo_name is None:
        return None
    return {
        "name": event.action_geo_name,
        "kind": event.action_geo_kind,
        "country": event.action_geo_country,
        "admin1": event.action_geo_region,
        "lat": event.action_geo_lat,
        "lon": event.action_geo_lon,
        "geonameid": event.action_geo_geonameid,
    }


def plover_record(event: StoredEvent, global_id: int) -> dict[str, Any] | None:
    """One stored event as a PLOVER record; None for an event that cannot be one (no PLOVER
    category, or no date)."""
    day = _day(event)
    if not event.plover_event or day is None:
        return None
    first = event.evidence[0] if event.evidence else None
    mode = [event.plover_mode] if event.plover_mode else []
    return {
        "id": str(global_id),
        "date": day,
        "actor": [_entity(event, "source", first.source_text if first else None)],
        "recipient": (
            [_entity(event, "target", first.target_text if first else None)]
            if event.target_code or event.target_country or event.target_name
            else []
        ),
        "event": [event.plover_event],
        "event_loc": plover_location(event),
        "mode": mode + (["negation"] if event.negated else []),
        "context": contexts(event.cameo),
        "quad_code": _plover_quads().get(event.plover_event, event.quad_class),
        "event_scale": event.goldstein,
        "event_text": [e.sentence for e in event.evidence],
        "text": first.sentence if first else None,
        "text_info": {
            "article_id": first.article_id if first else None,
            "start": first.start if first else None,
            "end": first.end if first else None,
            "trigger": first.trigger if first else None,
        },
        "cite_info": {
            "url": (first.url if first else None) or event.source_url,
            "title": first.title if first else None,
            "publication": first.outlet if first else None,
            "coder": f"brinkwatch {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"brinkwatch {__version__}",
        "coded_date": event.date_added.date().isoformat(),
        "bw_cameo": event.cameo,
        "bw_quad_class": event.quad_class,
        "bw_date_granularity": event.date_granularity,
        "bw_background": event.background,
        "bw_num_mentions": event.num_mentions,
        "bw_num_sources": event.num_sources,
        "bw_num_articles": event.num_articles,
        "bw_evidence": [
            {"article_id": e.article_id, "url": e.url, "start": e.start, "end": e.end}
            for e in event.evidence
        ],
    }
