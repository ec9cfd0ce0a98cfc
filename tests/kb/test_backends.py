"""Choosing the engine from --db, the placeholder rewrite and password masking (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.config import is_database_url, redact_database_url
from claimgraph.kb.backends import fragment, locate
from claimgraph.kb.backends.postgres import to_pyformat


def test_backends_locate_url_or_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)
    pg = locate("postgresql://analyst:pw@db.example.org:5432/kb?sslmode=require")
    assert pg.engine == "postgres" and pg.shared and pg.path is None
    assert pg.url == "postgresql://analyst:pw@db.example.org:5432/kb?sslmode=require"  # kept verbatim
    assert str(pg) == "postgresql://analyst:***@db.example.org:5432/kb?sslmode=require"
    duck = locate(tmp_path / "kb.duckdb")
    assert duck.engine == "duckdb" and not duck.shared and duck.path == tmp_path / "kb.duckdb"
    monkeypatch.setenv("CLAIMGRAPH_DB", "postgres://db.example.org/team")
    assert locate(None).url == "postgres://db.example.org/team"
    assert locate(tmp_path / "x.duckdb").engine == "duckdb"  # the flag wins over the environment
    assert is_database_url("POSTGRESQL://h/db") and not is_database_url("postgresql.duckdb")


def test_backends_redact_keeps_urls_without_password() -> None:
    assert redact_database_url("postgresql://analyst@h/db") == "postgresql://analyst@h/db"
    assert redact_database_url("postgresql://h/db") == "postgresql://h/db"
    assert redact_database_url("postgresql://a:p%40ss@h:1/db") == "postgresql://a:***@h:1/db"


def test_backends_placeholders_rewritten_outside_quotes_only() -> None:
    sql = ("SELECT '?' AS q, \"odd?name\" FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\' AND c LIKE '%x' "
           "AND d IN (SELECT unnest(?::VARCHAR[]))")
    assert to_pyformat(sql) == (
        "SELECT '?' AS q, \"odd?name\" FROM t WHERE a = %s AND b LIKE %s ESCAPE '\\' AND c LIKE '%%x' "
        "AND d IN (SELECT unnest(%s::VARCHAR[]))"
    )


class _Pg:
    dialect = "postgres"


def test_backends_fragments_per_dialect() -> None:
    import duckdb

    con = duckdb.connect()
    assert fragment(con, "row_order") == "rowid"
    assert fragment(_Pg(), "row_order") == "ctid"
    assert "de2.participants" in fragment(_Pg(), "participant_actors", alias="de2")
    con.execute("CREATE TABLE doc_events (participants VARCHAR)")
    con.execute("""INSERT INTO doc_events VALUES ('[{"role":"actor","actor":"A1"},{"role":"target","actor":"A7"}]')""")
    got = con.execute("SELECT p.actor FROM doc_events de, " + fragment(con, "participant_actors", alias="de")).fetchall()
    assert sorted(got) == [("A1",), ("A7",)]
