"""`gc_paused`: large indexes are built without the cyclic collector, which comes back after."""

from __future__ import annotations

import gc

import pytest

from brinkwatch.datafiles import gc_paused


def test_the_collector_is_off_inside_and_back_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError("bad row")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
