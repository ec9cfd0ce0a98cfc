"""``claimgraph serve``: the web workbench and HTTP API on the CLI's store."""

from __future__ import annotations

import os

import click

from ..config import redact_database_url, resolve_db
from ..errors import ConfigError
from .common import cli, db_option


def check_bind(host: str, token: str | None) -> list[str] | None:
    """The host names to serve, or a ConfigError for a public bind without a token.

    A loopback bind serves only loopback names (a DNS-rebinding guard); any other bind
    needs a token and then serves any host name.
    """
    from ..web.security import LOOPBACK_HOSTS, is_loopback

    if is_loopback(host):
        return sorted(LOOPBACK_HOSTS)
    if not token:
        raise ConfigError(
            f"Refusing to serve on {host} without an access token: pass --token TOKEN "
            "(or set $CLAIMGRAPH_TOKEN), or bind to 127.0.0.1."
        )
    return None


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but 127.0.0.1/localhost/::1 requires --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@db_option
@click.option("--token", default=None,
              help="Access token every request must carry (Bearer header, or visit /?token=T once). "
                   "Default: $CLAIMGRAPH_TOKEN.")
def serve_cmd(host: str, port: int, db: str | None, token: str | None) -> None:
    """Serve the web workbench and HTTP API on the store.

    \b
    Examples:
      claimgraph serve --db kb.duckdb                       # http://127.0.0.1:8000/
      claimgraph serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from ..web.app import create_app

    token = token or os.environ.get("CLAIMGRAPH_TOKEN") or None
    hosts = check_bind(host, token)
    path = resolve_db(db)
    app = create_app(db_path=path, token=token, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"claimgraph workbench on http://{shown}:{port}/  (store: {redact_database_url(str(path))})", err=True)
    if token:
        click.echo(f"open http://{shown}:{port}/?token={token} once in the browser to log in", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                h11_max_incomplete_event_size=64 * 1024)
