"""The exporter registry: built-in formats, unknown names, formats registered from outside."""

from __future__ import annotations

import io

import pytest

from claimgraph.errors import ExportError
from claimgraph.export import EXPORTERS, export, formats, get_exporter, register


def test_registry_lists_builtin_formats():
    assert {"csv", "ftm", "graphml", "jsonl", "stix"} <= set(formats())
    assert all(EXPORTERS[name].suffix.startswith(".") for name in formats())


def test_registry_unknown_format_error_names_known_ones(kb):
    with pytest.raises(ExportError) as info:
        export(kb, "xml", io.BytesIO())
    message = str(info.value)
    assert "'xml'" in message
    for name in ("csv", "ftm", "graphml", "jsonl", "stix"):
        assert name in message


def test_registry_custom_exporter_goes_through_same_mechanism(kb, rows):
    @register("names", suffix=".txt", media_type="text/plain", description="actor names")
    def names(selection, target):
        lines = sorted(a["name"] for a in selection.actors())
        target.write("\n".join(lines).encode())
        return {"actors": len(lines)}

    try:
        out = io.BytesIO()
        counts = export(kb, "names", out)
        assert get_exporter("names").func is names
        assert counts == {"actors": len(rows["actors"])}
        assert out.getvalue().decode().splitlines() == sorted(a["name"] for a in rows["actors"])
    finally:
        EXPORTERS.pop("names", None)


def test_export_failure_leaves_no_partial_file(kb, tmp_path):
    from claimgraph.export.output import text_output

    @register("broken", suffix=".txt", media_type="text/plain", description="fails half-way")
    def broken(selection, target):
        with text_output(target) as out:
            for actor in selection.actors():
                out.write(actor["name"] + "\n")
            raise ExportError("stopped half-way on purpose")

    path = tmp_path / "half.txt"
    try:
        with pytest.raises(ExportError, match="half-way"):
            export(kb, "broken", path)
    finally:
        EXPORTERS.pop("broken", None)
    assert list(tmp_path.iterdir()) == []
