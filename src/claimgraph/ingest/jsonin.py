"""JSON and JSON Lines inputs: objects with ``text`` (clean body, kept verbatim) or ``html``.

A file may hold one object, an array of objects, or one object a line (``.jsonl``, or a
``.json`` that does not parse as a whole but does line by line). In JSON Lines a line that
does not parse is one error naming the file's ``#N`` and the line number; the other lines
are read. JSON nested too deeply for the parser is refused as such (never a RecursionError).

Optional fields: ``url``, ``publisher``, ``headline``, ``authors`` (a list or a string),
``published``, ``id``. The record's ``source`` is the object's ``id`` when present, else
``path#N`` (N counts objects from 1), or the bare path for a file holding a single object.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from ..models import DocumentInfo
from .dates import normalise_datetime
from .html import html_document
from .text import SourceMeta, make_info


class _TooDeepError(ValueError):
    """JSON nested deeper than the parser can follow (Python raises RecursionError)."""


def _parse(text: str) -> Any:
    """``json.loads``; a value nested past the parser's recursion limit is a ValueError too."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise _TooDeepError(
            "the JSON is nested too deeply to read (arrays or objects hundreds of levels inside each other)"
        ) from exc


def _why(n: int, exc: ValueError) -> str:
    if isinstance(exc, _TooDeepError):
        return f"line {n}: {exc}; give one flat JSON object per line"
    return f"line {n} is not valid JSON ({exc}); give one JSON object per line"


def _lines(stripped: str, source: str) -> list[Any]:
    """One value per non-blank line; a line that does not parse is an error in its place."""
    values: list[Any] = []
    for n, line in enumerate(stripped.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            values.append(_parse(line))
        except ValueError as exc:
            values.append(MalformedInputError(f"{source}#{len(values) + 1}", _why(n, exc)))
    return values


def _objects(text: str, source: str, lines_first: bool) -> tuple[list[Any], bool]:
    """The JSON values in ``text`` and whether they came from a collection (array / lines).

    Read as JSON Lines, a line that does not parse becomes a :class:`MalformedInputError`
    in its place (named ``source#N`` and by its line number), so the good lines around it
    are kept. When no line parses, or a ``.json`` file is neither JSON nor JSON Lines of
    objects, the whole file is one error.
    """
    stripped = text.strip()
    if not stripped:
        raise EmptyInputError(source, "the JSON file is empty")
    if not lines_first:
        try:
            value = _parse(stripped)
        except _TooDeepError as exc:
            raise MalformedInputError(source, f"{exc}; give objects with a 'text' or 'html' field") from exc
        except ValueError as exc:
            values = _lines(stripped, source)
            if not isinstance(values[0], dict):  # not JSON Lines either: report the parse error
                raise MalformedInputError(
                    source,
                    f"the file is not valid JSON ({exc}); give a JSON object, an array of them or JSON Lines",
                ) from exc
            return values, True
        return (value, True) if isinstance(value, list) else ([value], False)
    values = _lines(stripped, source)
    errors = [v for v in values if isinstance(v, InputError)]
    if len(errors) == len(values):
        first = errors[0].reason
        raise MalformedInputError(source, first if len(errors) == 1 else f"no line is valid JSON; {first}")
    return values, True


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in value.replace(";", ",").split(",") if a.strip()]
    if isinstance(value, list):
        return [str(a).strip() for a in value if str(a).strip()]
    return []


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def object_document(obj: Any, source: str, settings: Settings) -> DocumentInfo | InputError:
    """One JSON object as a document (``text`` verbatim but ``\\r\\n``; ``html`` extracted)."""
    if not isinstance(obj, dict):
        return MalformedInputError(
            source, f"expected a JSON object with a 'text' or 'html' field, got {type(obj).__name__}"
        )
    if obj.get("id") is not None:
        source = str(obj["id"])
    text, html = obj.get("text"), obj.get("html")
    published = normalise_datetime(_str(obj.get("published")))  # not ISO-readable: unknown (null)
    meta: SourceMeta = {
        "url": _str(obj.get("url")),
        "publisher": _str(obj.get("publisher")),
        "headline": _str(obj.get("headline")),
        "authors": _authors(obj.get("authors")),
    }
    if isinstance(text, str):
        if not text.strip():
            return EmptyInputError(source, "the object's 'text' field is empty")
        if len(text) > settings.max_chars:
            return InputTooLargeError(
                source, f"'text' has {len(text):,} characters, over max_chars={settings.max_chars:,}"
            )
        return make_info(text, source, published=published or settings.published, **meta)
    if isinstance(html, str):
        got = html_document(html, source, url=meta["url"], settings=settings)
        if isinstance(got, InputError):
            return got
        got.publisher = meta["publisher"] or got.publisher
        got.headline = meta["headline"] or got.headline
        got.authors = meta["authors"] or got.authors
        got.published = published or got.published
        return got
    return MalformedInputError(source, "the object has no 'text' or 'html' string field; add one")


def json_documents(
    text: str, source: str, settings: Settings, *, lines: bool = False
) -> Iterator[DocumentInfo | InputError]:
    """Every object of a JSON / JSON Lines text, as documents or errors, in order."""
    try:
        values, many = _objects(text, source, lines)
    except InputError as exc:
        yield exc
        return
    if not values:
        yield EmptyInputError(source, "the JSON holds no objects")
        return
    for n, obj in enumerate(values, start=1):
        if isinstance(obj, InputError):  # a JSON Lines line that does not parse
            yield obj
        else:
            yield object_document(obj, f"{source}#{n}" if many else source, settings)
