import pytest

from brinkwatch.errors import ConfigError
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.settings import load_settings


def test_monitor_defaults_come_with_the_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}).monitor == MonitorParams()
    assert MonitorParams().z_threshold == 3.0 and MonitorParams().min_articles == 2


def test_a_monitor_table_in_the_config_file_sets_parameters(tmp_path):
    cfg = tmp_path / "bw.toml"
    cfg.write_text("[brinkwatch.monitor]\nz_threshold = 2.5\nfreq = 'week'\nspiral_k_days = 5\n")
    monitor = load_settings(config_file=cfg, env={}).monitor
    assert (monitor.z_threshold, monitor.freq, monitor.spiral_k_days) == (2.5, "week", 5)
    assert monitor.period_days == 7 and monitor.min_events == 2


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("z_treshold = 2", "z_treshold"),
        ("freq = 'month'", "freq"),
        ("min_articles = 0", "min_articles"),
    ],
)
def test_bad_monitor_settings_are_refused_by_name(tmp_path, line, needle):
    cfg = tmp_path / "bw.toml"
    cfg.write_text(f"[brinkwatch.monitor]\n{line}\n")
    with pytest.raises(ConfigError, match=needle):
        load_settings(config_file=cfg, env={})
