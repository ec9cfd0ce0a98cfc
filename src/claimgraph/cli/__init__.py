"""The ``claimgraph`` command line: a thin layer over library calls.

Each command lives in a module of this package; a known :class:`ClaimgraphError` becomes
one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys

import click

from ..errors import ClaimgraphError
from .common import cli


def _register() -> None:
    from . import analyze as _analyze  # noqa: F401
    from . import export as _export  # noqa: F401
    from . import ingest as _ingest  # noqa: F401
    from . import kb as _kb  # noqa: F401
    from . import serve as _serve  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    _register()
    try:
        cli.main(args=argv, prog_name="claimgraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except ClaimgraphError as exc:
        click.echo(f"claimgraph: error: {exc}", err=True)
        return 1
    except BrokenPipeError:
        return 0
    return 0


def entry() -> None:
    sys.exit(main())
