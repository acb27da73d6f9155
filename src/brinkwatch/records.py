"""Domain records: the frozen, slotted dataclasses every stage hands to the next.

They carry no spaCy objects, so they can cross process boundaries and be stored as they are.
`to_dict` gives the JSON shape of the article contract (`brinkwatch.article.v1`, docs/article-json.md).
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "brinkwatch.article.v1"


class _AsDict:
    """`to_dict()` for every record: its fields as JSON-ready values (dates as ISO strings,
    nested records as dicts). No slots of its own, so the dataclasses below stay slotted."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return _encode_fields(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as the constructor call: the dataclass default for frozen slotted classes
        # sets each field through object.__setattr__ one by one, which made unpickling the
        # records of `--n-process` workers seven times slower (docs/performance.md).
        fields = _field_names(typing.cast(Hashable, type(self)))
        return type(self), tuple([getattr(self, name) for name in fields])


@dataclass(frozen=True, slots=True)
class Span(_AsDict):
    """A stretch of the article text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Location(_AsDict):
    """Where something happened or where an actor is: a place named in the text, resolved in the
    offline gazetteer (docs/places.md).

    `kind` is country | region | city | sea | strait | island | area | landmark; `country` an ISO
    3166-1 alpha-3 code (empty for international waters); `region` the first-level region's name
    and `adm1` its GDELT-style code (FIPS 10-4 country + admin1 code: "UP05", "USTX"); `geonameid`
    the GeoNames id ("bw…" for brinkwatch's own places); `source` the rule that chose it: trigger
    (a locative modifier of the event's trigger), sentence, dateline, or actor.
    """

    text: str
    start: int | None
    end: int | None
    name: str
    kind: str
    country: str | None
    region: str | None
    lat: float
    lon: float
    geonameid: str | None
    source: str
    adm1: str | None = None
    full_name: str | None = None


@dataclass(frozen=True, slots=True)
class Actor(_AsDict):
    """Who acts or speaks: a mention in the text resolved to CAMEO codes.

    `code` is the CAMEO actor code ("RUSGOV"), `country` an ISO 3166 alpha-3 code or a CAMEO
    IGO code ("IGOUNO"), `sector` a CAMEO agent code ("GOV", "MIL", "MED" ...). `entity` groups
    mentions that coreference joined (the same person or body within one article).
    `plover_sector` is the actor's PLOVER sector (`data/codes/plover_sectors.tsv`): mostly the
    CAMEO code's counterpart (CAMEO MED, the media → JRN; HLH → MED), or one CAMEO lacks (PRM,
    UNK, PRE: a breakaway region has a country and a PLOVER sector but no CAMEO agent code).
    """

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    entity: str | None = None
    location: Location | None = None  # where the text places this actor ("protesters in Kyiv")
    plover_sector: str | None = None


@dataclass(frozen=True, slots=True)
class DateRef(_AsDict):
    """When something happened: an ISO value at a granularity, and the words that said so.

    `value` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as `granularity` is `day`, `month` or `year`;
    `source` is `text` when resolved from `text`, `published` when it fell back to the
    article's publication date.
    """

    value: str | None
    granularity: str | None
    text: str | None
    source: str | None
    start: int | None = None
    end: int | None = None
    background: bool = False  # a period well before publication (nlp/background.py)


@dataclass(frozen=True, slots=True)
class Event(_AsDict):
    """Who did what to whom, coded in CAMEO and PLOVER, with its evidence."""

    id: str
    sentence: Span
    evidence: Span
    trigger: Span
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    goldstein_table: str
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    date: str | None
    date_text: str | None
    date_granularity: str | None
    date_source: str | None
    negated: bool = False
    reported_by: Actor | None = None
    pattern: str | None = None
    location: Location | None = None  # where it happened (coding/location.py)
    # its own date puts it well before the article's news: history recalled, not news
    # (nlp/background.py); kept and exported, left out of the monitor's series
    background: bool = False


@dataclass(frozen=True, slots=True)
class Quote(_AsDict):
    """Who said what, through which medium, to whom, and when."""

    id: str
    type: str  # direct | mixed | indirect
    content: Span
    cue: Span | None
    speaker: Actor | None
    medium: Span | None
    addressee: Span | None
    date: str | None
    date_text: str | None
    date_granularity: str | None
    date_source: str | None
    sentence: Span


@dataclass(frozen=True, slots=True)
class ErrorInfo(_AsDict):
    """Why something failed: a stable machine code and a message a person can act on."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Origin(_AsDict):
    """Where an input came from: a file path and, for JSONL, the 1-based line number."""

    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document(_AsDict):
    """An ingested article, before analysis. `text` is what is analysed; offsets index into it."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    dateline: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Failure(_AsDict):
    """An input that could not be read or analysed; the batch goes on without it."""

    id: str
    error: ErrorInfo
    origin: Origin | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **_encode_fields(self)}


@dataclass(frozen=True, slots=True)
class CoderInfo(_AsDict):
    """What produced an article's codes, so stored results can be traced and re-run."""

    name: str
    version: str
    model: str
    lexicons: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article(_AsDict):
    """An analysed article: the unit every output, store and monitor works with."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    dateline: str | None
    text: str
    coder: CoderInfo
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    errors: tuple[ErrorInfo, ...] = ()
    origin: Origin | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **_encode_fields(self)}

    def events_frame(self) -> pd.DataFrame:
        """This article's events as a typed pandas DataFrame (see `brinkwatch.events_frame`)."""
        from brinkwatch.frames import events_frame

        return events_frame([self])


Record = Article | Failure


@dataclass(frozen=True, slots=True)
class DyadEvent(_AsDict):
    """A stored, deduplicated event as the monitor sees it: country to country, with weights.

    `mentions` and `articles` are GDELT's NumMentions/NumArticles after deduplication, so the
    monitor weighs distinct reports, not raw duplicates.
    """

    event_id: str
    date: date
    source: str
    target: str
    cameo: str
    quad_class: int
    goldstein: float
    mentions: int = 1
    articles: int = 1
    negated: bool = False
    evidence: str | None = None
    article_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Alert(_AsDict):
    """An explained alert: which pair, what kind, how strong, over which window, and why.

    `key` identifies an ongoing alert (kind + dyad + start of the episode) so that re-running the
    monitor updates it instead of raising it again.
    """

    key: str
    kind: str  # escalation | spiral | de-escalation
    source: str
    target: str
    score: float
    window_start: date
    window_end: date
    reason: str
    events: tuple[DyadEvent, ...] = ()


_PLAIN = (str, int, float, type(None))  # bool is an int


def _encode(value: Any) -> Any:
    if isinstance(value, _PLAIN):  # most values: checked first
        return value
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_fields(value)
    return value


def _encode_fields(obj: Any) -> dict[str, Any]:
    fields = _field_names(typing.cast(Hashable, type(obj)))
    return {name: _encode(getattr(obj, name)) for name in fields}


@functools.cache
def _field_names(cls: Hashable) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(typing.cast(Any, cls)))


def to_dict(record: Record) -> dict[str, Any]:
    """The JSON-ready dict of an article or a failure."""
    return record.to_dict()
