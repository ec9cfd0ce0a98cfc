"""Place resolution against GeoNames records, with the document's context."""

from __future__ import annotations

import pytest

from claimgraph.models import Document, DocumentInfo
from claimgraph.nlp.gazetteer import fold, gazetteer
from claimgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(names=("parse", "entities", "places"))


def geo(pipe: Pipeline, text: str, name: str):
    doc = pipe(Document(DocumentInfo(id="t", source="test", text=text)))
    found = [e for e in doc.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in doc.entities]}"
    return found[0].geo


def test_places_georgia_country_beside_baku_and_tehran(pipe: Pipeline) -> None:
    g = geo(pipe, "Talks between Baku and Tehran worried officials in Georgia, who fear a new crisis.", "Georgia")
    assert g is not None and g.geonames_id == 614540 and g.country_code == "GE" and g.feature == "country"
    assert abs(g.lat - 42.0) < 0.5 and abs(g.lon - 43.5) < 0.5


def test_places_georgia_us_state_beside_atlanta(pipe: Pipeline) -> None:
    g = geo(pipe, "The storm hit Atlanta on Sunday, and the governor said all of Georgia was on alert.", "Georgia")
    assert g is not None and g.country_code == "US" and g.feature == "admin"
    assert g.geonames_id == 4197000


def test_places_paris_texas_is_not_the_french_capital(pipe: Pipeline) -> None:
    g = geo(pipe, "She grew up in Paris, Texas, before moving to Dallas for college.", "Paris")
    assert g is not None and g.country_code == "US" and 33 < g.lat < 34.5 and -96 < g.lon < -95
    g2 = geo(pipe, "He was born in Paris and later worked in Berlin and Rome.", "Paris")
    assert g2 is not None and g2.country_code == "FR"


def test_places_example_article_places(pipe: Pipeline, example_path) -> None:
    doc = pipe(Document(DocumentInfo(id="t", source="x", text=example_path.read_text(encoding="utf-8"))))
    geos = {e.name: e.geo for e in doc.entities if e.type == "GPE"}
    assert geos["Georgia"].geonames_id == 614540
    assert geos["Baku"].country_code == "AZ" and geos["Baku"].feature == "city"
    assert geos["Tehran"].country_code == "IR"
    assert geos["Iran"].feature == "country"


def test_places_region_and_unknown_place(pipe: Pipeline) -> None:
    g = geo(pipe, "Tensions are rising across the Middle East, diplomats in Cairo said.", "Middle East")
    assert g is not None and g.feature == "region" and 20 < g.lat < 40


def test_gazetteer_lookup_folds_accents_and_aliases() -> None:
    gaz = gazetteer()
    assert fold("Zürich") == "zurich"
    assert gaz.lookup("U.S.")[0].country_code == "US"
    assert gaz.lookup("united states")[0].geonames_id == 6252001
    assert any(p.name == "Baku" for p in gaz.lookup("baku"))
