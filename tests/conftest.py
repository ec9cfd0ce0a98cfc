"""Shared fixtures: the seed article, the labelled data beside the repo, temp stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "azernews_baku_plot.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example article (the seed, shipped in examples/)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_record():
    """The analyzed record of the bundled example (computed once per test session)."""
    from claimgraph.api import analyze_inputs

    (outcome,) = list(analyze_inputs([str(EXAMPLE)]))
    assert outcome.error is None, outcome.error
    return outcome.document


# -- a real PostgreSQL server for the store tests (started once per session) --------------------
_PG_PROGRAMS = ("initdb", "pg_ctl", "postgres")


def _pg_bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: $CLAIMGRAPH_PG_BINDIR, PATH, /usr/local/bin, Debian's."""
    import glob
    import os
    import shutil

    found = shutil.which("initdb")
    candidates = [os.environ.get("CLAIMGRAPH_PG_BINDIR"), "/usr/local/bin", found and str(Path(found).parent),
                  *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for c in candidates:
        if c and all((Path(c) / p).is_file() for p in _PG_PROGRAMS):
            return Path(c)
    return None


def _pg_runner() -> tuple[list[str], int, int]:
    """The command prefix that runs the server programs (initdb refuses root), and that user's ids."""
    import os
    import pwd
    import shutil

    if os.geteuid() != 0:
        return [], os.getuid(), os.getgid()
    runuser = shutil.which("runuser")
    for name in ("postgres", "nobody"):
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            continue
        if runuser:
            return [runuser, "-u", name, "--"], pw.pw_uid, pw.pw_gid
    pytest.skip("running as root, and neither runuser nor a 'postgres'/'nobody' user to run PostgreSQL as")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server from a temporary data directory on a free port; yields its admin URL.

    Skips when no server binaries are installed (.ci/run installs Debian's ``postgresql``) or
    psycopg is missing; a server that is installed but fails to start fails the tests.
    """
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found: install Debian's "
                    "postgresql package or set CLAIMGRAPH_PG_BINDIR")
    prefix, uid, gid = _pg_runner()
    root = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
    os.chown(root, uid, gid)
    data, log = root / "data", root / "server.log"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = [*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "claimgraph", "-E", "UTF8",
           "--locale=C.UTF-8"]
    done = subprocess.run(run, capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {done.stderr.strip()[-2000:]}")
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data)]
    started = subprocess.run([*pg_ctl, "-l", str(log), "-w", "-t", "60", "-o", opts, "start"],
                             capture_output=True, text=True)
    if started.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else started.stderr
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {tail}")
    try:
        yield f"postgresql://claimgraph@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def postgres_url(postgres_server: str, request: pytest.FixtureRequest):
    """The URL of a new, empty database on the session's server (one per test, dropped after)."""
    import re

    import psycopg

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40] + f"_{id(request) % 100000}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
