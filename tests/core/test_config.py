from __future__ import annotations

import pytest

from claimgraph.config import SETTINGS, Settings, load_settings, resolve_db_path
from claimgraph.errors import ConfigError


def test_settings_every_setting_has_help_and_a_field():
    fields = set(Settings.__dataclass_fields__)
    for name, (_default, help_text) in SETTINGS.items():
        assert name in fields
        assert len(help_text) > 10


def test_settings_precedence_file_then_env_then_overrides(tmp_path, monkeypatch):
    cfg = tmp_path / "claimgraph.toml"
    cfg.write_text("batch_size = 8\nread_timeout = 3.5\n")
    monkeypatch.setenv("CLAIMGRAPH_CONFIG", str(cfg))
    monkeypatch.setenv("CLAIMGRAPH_BATCH_SIZE", "16")
    s = load_settings()
    assert s.batch_size == 16 and s.read_timeout == 3.5
    assert load_settings(batch_size=4).batch_size == 4


def test_settings_bad_values_say_what_is_wrong(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_ALLOW_PRIVATE", "perhaps")
    with pytest.raises(ConfigError, match="allow_private"):
        load_settings()


def test_settings_unknown_override_lists_known_names():
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(no_such_thing=1)


def test_db_path_flag_then_env_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db_path(tmp_path / "flag.duckdb").name == "flag.duckdb"
    assert resolve_db_path(None).name == "env.duckdb"
    monkeypatch.delenv("CLAIMGRAPH_DB")
    assert resolve_db_path(None).name == "claimgraph.duckdb"
