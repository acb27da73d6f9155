"""Records as Parquet rows: a column per scalar field, nested records joined with `_`
(`source_country`, `sentence_start`), and an Arrow schema derived from the record classes' type
hints, so a field added to records.py becomes a column here without an edit.

Articles also keep their whole JSON (`record`), which `article_from_json` turns back into the
same frozen dataclasses: `brinkwatch ingest --from-parquet` stores exactly what was coded.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

import pyarrow as pa

from brinkwatch.records import Article, Event, Quote

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    name: str
    path: tuple[str, ...]  # attribute names from the record down to the value
    type: pa.DataType
    as_json: bool = False  # tuples and mappings are stored as JSON text


def _inner(hint: Any) -> Any:
    """`X | None` → X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return hint


@functools.cache
def columns(cls: type, prefix: str = "", skip: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The flat columns of record class `cls` (fields named in `skip` left out)."""
    hints = typing.get_type_hints(cls)
    out: list[Column] = []
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        hint = _inner(hints[f.name])
        name = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(hint):
            nested = columns(typing.cast(type, hint), f"{name}_")
            out += [dataclasses.replace(c, path=(f.name, *c.path)) for c in nested]
        elif hint in _SCALARS:
            out.append(Column(name, (f.name,), _SCALARS[hint]))
        else:
            out.append(Column(name, (f.name,), pa.string(), as_json=True))
    return tuple(out)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    return value.isoformat() if isinstance(value, date) else value


def flat_row(obj: Any, cols: tuple[Column, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for col in cols:
        value = obj
        for name in col.path:
            value = getattr(value, name) if value is not None else None
        row[col.name] = json.dumps(_encode(value), ensure_ascii=False) if col.as_json else value
    return row


def schema(cols: tuple[Column, ...], extra: tuple[tuple[str, pa.DataType], ...] = ()) -> pa.Schema:
    return pa.schema([pa.field(n, t) for n, t in extra] + [pa.field(c.name, c.type) for c in cols])


# -- back from JSON (to_dict's shape) to records ------------------------------------------------


def _decode(hint: Any, value: Any) -> Any:
    hint = _inner(hint)
    if value is None:
        return None
    if dataclasses.is_dataclass(hint):
        return decode(typing.cast(type, hint), value)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item,) = typing.get_args(hint)[:1]
        return tuple(_decode(item, v) for v in value)
    if hint is date:
        return date.fromisoformat(value)
    if origin is not None and issubclass(origin, Mapping):
        return dict(value)
    return value


def decode(cls: type, data: Mapping[str, Any]) -> Any:
    """A record of class `cls` from its `to_dict()` form (unknown keys ignored)."""
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _decode(hints[k], v) for k, v in data.items() if k in fields})


def article_from_json(text: str) -> Article:
    article = decode(Article, json.loads(text))
    assert isinstance(article, Article)
    return article


ARTICLE_COLUMNS = columns(Article, skip=("text", "events", "quotes", "actors"))
EVENT_COLUMNS = columns(Event)
QUOTE_COLUMNS = columns(Quote)
