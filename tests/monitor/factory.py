"""Hand-made dyad events for monitor tests: short, readable sequences with known outcomes."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from brinkwatch.records import DyadEvent

START = date(2026, 3, 2)  # a Monday
_ids = count(1)

# Goldstein scores of a few CAMEO codes (CAMEO 1.1b3 manual, Goldstein 1992 scale).
ACCUSE, REJECT, THREATEN, SHOW_FORCE, ASSAULT = -2.0, -4.0, -7.0, -7.2, -9.0
CONSULT, PRAISE, AGREE = 1.0, 3.4, 8.0
CODES = {-2.0: "112", -4.0: "120", -7.0: "138", -7.2: "150", -9.0: "182"}
FRIENDLY = {1.0: "040", 3.4: "051", 8.0: "057"}


def ev(
    day: int,
    source: str,
    target: str,
    goldstein: float,
    article: str | None = None,
    *,
    articles: int = 1,
    negated: bool = False,
) -> DyadEvent:
    """An event `day` days after START; quad class follows from the code's Goldstein score."""
    n = next(_ids)
    if goldstein < 0:
        cameo, quad = CODES.get(goldstein, "112"), 4 if goldstein <= -7.2 else 3
    else:
        cameo, quad = FRIENDLY.get(goldstein, "040"), 2 if goldstein >= 8 else 1
    return DyadEvent(
        event_id=str(n),
        date=START + timedelta(days=day),
        source=source,
        target=target,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        mentions=articles,
        articles=articles,
        negated=negated,
        evidence=f"Sentence {n}: {source} did {cameo} to {target}.",
        article_id=article or f"art{n}",
        url=f"https://news.example/{article or n}",
    )


def calm_history(a: str, b: str, days: int = 60) -> list[DyadEvent]:
    """Two neighbours that talk every few days and trade a mild complaint now and then."""
    out = []
    for d in range(0, days, 3):
        out.append(ev(d, a, b, CONSULT))
        out.append(ev(d + 1, b, a, PRAISE if d % 2 else CONSULT))
        if d % 12 == 0:
            out.append(ev(d + 2, a, b, ACCUSE))
    return out
