"""Background facts: a date expression that places its clause well before the article's news.

"The two countries signed a treaty in 2019", in a story of May 2024, recalls history: the event
is real but it is not this article's news, and counted as news it would put a treaty into the
pair's series (or, dated to its day, into 2019's series from a 2024 story). Such a date is
marked `background`; events carrying it are kept, exported with `background: true`, and left out
of the monitor's series and alerts (docs/monitor.md).

The rule, on the date expression of the event's own clause (never the publication fallback):
- a resolved period (day, month or year) that ended more than `WINDOW_DAYS` before publication
  is background: "in 2019", "in March 2022", "five years ago", "on 3 May 2021";
- a period of the same stretch is news: "in 2024" or "in March" in a May 2024 story, and a
  year just ended ("in 2023" in a January 2024 story) too;
- past periods no calendar can place ("last decade", "two decades ago", "the 1990s") are
  background;
- a date that opens an ongoing stretch ("since 2019", "until 2020") is not: what started
  then may be happening now.
Without a publication date nothing is background: there is no "now" to be far from.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

WINDOW_DAYS = 60

_NUMBER = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|\d+)"
PAST_PERIOD = re.compile(
    rf"\b{_NUMBER}\s+(?:decades?|centur(?:y|ies))\s+ago\b|\bdecades\s+ago\b"
    r"|\b(?:last|previous|preceding)\s+(?:decade|century)\b"
    r"|^(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[89]|20)?\d0s$",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"\b(?:since|until|till|through|throughout|from)\s*$", re.IGNORECASE)


def period_end(value: str, granularity: str | None) -> date | None:
    """The last day of the period an ISO value (YYYY, YYYY-MM or YYYY-MM-DD) names."""
    try:
        if granularity == "year" or len(value) == 4:
            return date(int(value[:4]), 12, 31)
        if granularity == "month" or len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return date(year, month, calendar.monthrange(year, month)[1])
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_background(
    value: str | None,
    granularity: str | None,
    phrase: str,
    published: date | None,
    before: str = "",
) -> bool:
    """Whether a date expression (`phrase`, resolved to `value`) dates a background fact in an
    article published on `published`; `before` is the text just before the phrase."""
    if published is None or _ONGOING.search(before[-20:]):
        return False
    if value is None:
        return bool(PAST_PERIOD.search(phrase.strip()))
    end = period_end(value, granularity)
    # a difference of dates, not `published - timedelta`: that overflows for year 1
    return end is not None and (published - end).days > WINDOW_DAYS
