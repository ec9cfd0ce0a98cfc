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
    from . import stories as _stories  # noqa: F401
    from . import watch as _watch  # noqa: F401


#: click >= 8.2 raises this (a UsageError) for a bare group; older click has none.
_NO_ARGS_IS_HELP: type[Exception] | tuple[()] = getattr(click.exceptions, "NoArgsIsHelpError", ())


def main(argv: list[str] | None = None) -> int:
    _register()
    try:
        rv = cli.main(args=argv, prog_name="claimgraph", standalone_mode=False)
        if isinstance(rv, int) and rv:  # a command's click.exceptions.Exit(code)
            return rv
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except _NO_ARGS_IS_HELP as exc:  # bare `claimgraph`: the help, exit 0
        ctx = getattr(exc, "ctx", None)
        click.echo(ctx.get_help() if ctx is not None else str(exc))
        return 0
    except click.exceptions.UsageError as exc:  # one line, not click's three
        where = exc.ctx.command_path if exc.ctx is not None else "claimgraph"
        click.echo(f"{where}: error: {exc.format_message()} (see '{where} --help')", err=True)
        return exc.exit_code
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
