"""Settings: one options object, defaults in one place, each with help text.

Precedence: defaults -> config file (``$CLAIMGRAPH_CONFIG`` or ``claimgraph.toml`` in the
user config dir) -> environment (``CLAIMGRAPH_<NAME>``) -> explicit overrides (CLI flags).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: name -> (default, help). The single place where defaults live.
SETTINGS: dict[str, tuple[Any, str]] = {
    "db": (None, "Path of the DuckDB store, or a postgresql:// URL of a shared PostgreSQL store; default: the "
                 "user data directory's claimgraph.duckdb."),
    "max_bytes": (10 * 1024 * 1024, "Largest input (file or download) accepted, in bytes."),
    "max_chars": (2_000_000, "Largest cleaned body text accepted, in characters."),
    "connect_timeout": (10.0, "Seconds to wait for a TCP/TLS connection when fetching a URL."),
    "read_timeout": (20.0, "Seconds to wait for data when fetching a URL."),
    "fetch_timeout": (
        30.0,
        "Most seconds one URL fetch may take in all (connecting, redirects and the whole body), "
        "however slowly the server sends; past it the URL fails.",
    ),
    "max_redirects": (5, "Most HTTP redirects followed for one URL."),
    "allow_private": (False, "Allow fetching URLs on loopback/private/link-local addresses."),
    "user_agent": ("claimgraph/0.1 (+offline news analysis)", "User-Agent header sent with fetches."),
    "batch_size": (64, "Documents per spaCy nlp.pipe batch."),
    "parse_ahead": (
        True,
        "Parse the next batch while the other steps run on this one, in a child process "
        "(parse_worker) or a background thread (a second core shortens the run; every record "
        "is the same).",
    ),
    "parse_worker": (
        True,
        "With parse_ahead, parse the next batch in a child process (python -m "
        "claimgraph.nlp.parse_worker) rather than a thread: the rule steps then share no lock "
        "with the parse (every record is the same).",
    ),
    "published": (None, "Publication time used when an input has none (ISO 8601)."),
    "verify_model": (True, "Check the spaCy model files against pinned sha256 hashes at first load."),
}


@dataclass(slots=True)
class Settings:
    db: str | None = SETTINGS["db"][0]
    max_bytes: int = SETTINGS["max_bytes"][0]
    max_chars: int = SETTINGS["max_chars"][0]
    connect_timeout: float = SETTINGS["connect_timeout"][0]
    read_timeout: float = SETTINGS["read_timeout"][0]
    fetch_timeout: float = SETTINGS["fetch_timeout"][0]
    max_redirects: int = SETTINGS["max_redirects"][0]
    allow_private: bool = SETTINGS["allow_private"][0]
    user_agent: str = SETTINGS["user_agent"][0]
    batch_size: int = SETTINGS["batch_size"][0]
    parse_ahead: bool = SETTINGS["parse_ahead"][0]
    parse_worker: bool = SETTINGS["parse_worker"][0]
    published: str | None = SETTINGS["published"][0]
    verify_model: bool = SETTINGS["verify_model"][0]
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> Settings:
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(clean) - known
        if unknown:
            raise ConfigError(
                f"Unknown setting(s) {sorted(unknown)}. Known settings: {sorted(SETTINGS)}."
            )
        return replace(self, **clean)


def _coerce(name: str, raw: Any) -> Any:
    default = SETTINGS[name][0]
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        s = str(raw).strip().lower()
        if s in ("1", "true", "yes", "on"):
            return True
        if s in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"Setting {name!r} must be true or false, got {raw!r}.")
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"Setting {name!r} must be an integer, got {raw!r}.") from exc
    if isinstance(default, float):
        try:
            return float(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"Setting {name!r} must be a number, got {raw!r}.") from exc
    return None if raw in (None, "") else str(raw)


def config_file() -> Path | None:
    env = os.environ.get("CLAIMGRAPH_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    p = Path(user_config_dir("claimgraph")) / "claimgraph.toml"
    return p if p.exists() else None


def load_settings(**overrides: Any) -> Settings:
    """Build settings from defaults, config file, environment and ``overrides``."""
    values: dict[str, Any] = {}
    path = config_file()
    if path is not None and path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"Cannot read config file {path}: {exc}. Fix or remove it.") from exc
        for k, v in data.items():
            if k not in SETTINGS:
                raise ConfigError(f"Unknown setting {k!r} in {path}. Known: {sorted(SETTINGS)}.")
            values[k] = _coerce(k, v)
    for name in SETTINGS:
        env = os.environ.get(f"CLAIMGRAPH_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env)
    settings = Settings(**values).with_overrides(**overrides)
    if settings.published:
        from .ingest.dates import normalise_datetime

        iso = normalise_datetime(settings.published)
        if iso is None:
            raise ConfigError(
                f"published={settings.published!r} is not a date or time; give ISO 8601, "
                "e.g. 2025-04-07 or 2025-04-07T20:11:00+04:00."
            )
        settings.published = iso
    return settings


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("claimgraph")) / "claimgraph.duckdb"


#: URL schemes that name a PostgreSQL database instead of a DuckDB file (``--db``).
DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(value: str | os.PathLike[str] | None) -> bool:
    """Whether ``--db`` names a PostgreSQL database (``postgresql://...``) rather than a file."""
    return value is not None and os.fspath(value).lower().startswith(DATABASE_URL_SCHEMES)


def redact_database_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def resolve_db(explicit: str | os.PathLike[str] | None = None) -> str | Path:
    """Like :func:`resolve_db_path`, but a ``postgresql://`` URL (flag or env) is kept as given."""
    raw = os.fspath(explicit) if explicit else os.environ.get("CLAIMGRAPH_DB")
    if raw and is_database_url(raw):
        return raw
    return resolve_db_path(explicit)


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH``, else ``$CLAIMGRAPH_DB``, else the user data directory."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CLAIMGRAPH_DB")
    if env:
        return Path(env)
    return default_db_path()
