"""The monitor's parameters: one frozen dataclass, every default documented in docs/monitor.md.

`Settings.monitor` holds one of these (validated by pydantic at the config edge: a bad value
raises `ValueError` here, which becomes a `config` error naming the field), and callers pass it
explicitly to the monitor functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

FREQS = ("day", "week")
WEIGHTS = ("articles", "mentions", "events")


@dataclass(frozen=True, slots=True)
class MonitorParams:
    """How series are built and when a pair raises an alert. Windows count periods of `freq`."""

    # Pydantic reads this when the dataclass is a settings field: unknown keys are refused.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    freq: str = "day"
    weight: str = "articles"
    ewma_span: int = 7
    baseline_window: int = 28
    min_history: int = 7
    sigma_floor: float = 2.0
    z_threshold: float = 3.0
    rise_threshold: float = 2.0
    mom_days: int = 30
    mom_ratio: float = 2.0
    mom_min_base: float = 10.0
    evidence_window: int = 7
    min_articles: int = 2
    min_events: int = 2
    deescalation_drop: float = 0.5
    deescalation_lookback: int = 30
    spiral_k_days: int = 3
    spiral_min_steps: int = 3
    spiral_tolerance: float = 0.0
    max_alert_events: int = 12

    def __post_init__(self) -> None:
        if self.freq not in FREQS:
            raise ValueError(f"freq must be one of {FREQS}, not {self.freq!r}")
        if self.weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {self.weight!r}")
        _at_least(self, 1, "ewma_span", "baseline_window", "mom_days", "evidence_window")
        _at_least(self, 1, "min_articles", "min_events", "max_alert_events", "spiral_k_days")
        _at_least(self, 1, "deescalation_lookback")
        _at_least(self, 0, "min_history", "spiral_tolerance")
        _at_least(self, 2, "spiral_min_steps")
        if not 0 < self.deescalation_drop <= 1:
            raise ValueError(f"deescalation_drop must be in (0, 1], not {self.deescalation_drop}")
        for name in ("sigma_floor", "z_threshold", "rise_threshold", "mom_ratio", "mom_min_base"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")

    @property
    def period_days(self) -> int:
        return 7 if self.freq == "week" else 1


def _at_least(params: MonitorParams, low: float, *names: str) -> None:
    for name in names:
        value = getattr(params, name)
        if value < low:
            raise ValueError(f"{name} must be at least {low}, not {value}")
