"""Expanding ``claimgraph watch`` arguments into the feeds to poll.

An argument is an ``http(s)://`` feed URL, a local feed file (RSS/Atom/JSON Feed, by
content), or a local file listing feeds, one URL or path a line (blank lines and lines
starting with ``#`` skipped; relative paths are taken from the list file's folder).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from ..ingest.feeds import declares_entities, looks_like_feed

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(feed: str) -> bool:
    return bool(_SCHEME.match(feed))


def _check_url(url: str, where: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL; give an http:// or https:// feed URL or a path.")
    return url


def _is_feed_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc}); check the path.") from exc
    if head.startswith(b"\x1f\x8b"):
        return True  # a gzipped feed; the ingest layer reads it
    text = head.decode("utf-8", errors="replace")
    return looks_like_feed(text) or declares_entities(text)


def _local(path: Path, where: str) -> Path:
    if not path.exists():
        raise ConfigError(f"{where}: no such file {str(path)!r}; give a feed URL, a feed file or a list of feeds.")
    if path.is_dir():
        raise ConfigError(f"{where}: {str(path)!r} is a folder; give feed files or a file listing feeds.")
    return path


def expand_feeds(args: list[str] | tuple[str, ...]) -> list[str]:
    """The feeds named by ``args``, in order, each once (URLs as given, paths absolute)."""
    feeds: list[str] = []

    def add(feed: str) -> None:
        if feed not in feeds:
            feeds.append(feed)

    for arg in args:
        if is_url(arg):
            add(_check_url(arg, "watch"))
            continue
        path = _local(Path(arg), "watch")
        if _is_feed_file(path):
            add(str(path.resolve()))
            continue
        listed = 0
        for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{arg} line {n}"
            if is_url(line):
                add(_check_url(line, where))
            else:
                p = Path(line).expanduser()
                p = p if p.is_absolute() else path.parent / p
                add(str(_local(p, where).resolve()))
            listed += 1
        if not listed:
            raise ConfigError(
                f"{arg}: neither a feed (RSS/Atom/JSON Feed) nor a list of feeds (one URL or path a line)."
            )
    if not feeds:
        raise ConfigError("Give at least one feed URL, feed file or list of feeds to watch.")
    return feeds
