"""Place resolution against GeoNames records, with the document's context."""

from __future__ import annotations

import pytest

from claimgraph.models import Document, DocumentInfo
from claimgraph.nlp.places.gazetteer import fold, gazetteer
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


def _doc(pipe: Pipeline, text: str) -> Document:
    return pipe(Document(DocumentInfo(id="t", source="test", text=text)))


def _place_mentions(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in doc.entities:
        if e.type in ("GPE", "LOC", "FAC"):
            out.setdefault(e.name, []).extend(m.text for m in e.mentions)
    return out


def test_places_nested_in_organisation_names_keep_the_org(pipe: Pipeline) -> None:
    text = (
        "The Minnesota Department of Transportation closed the road on Friday. "
        "Deputies of the Rapides Parish Sheriff's Office searched the area."
    )
    doc = _doc(pipe, text)
    places = _place_mentions(doc)
    assert "Minnesota" in places and "Rapides Parish" in places, places
    mn = next(e for e in doc.entities if e.name == "Minnesota")
    assert mn.geo is not None and mn.geo.country_code == "US" and mn.geo.feature == "admin"
    orgs = [e.name for e in doc.entities if e.type == "ORG"]
    assert any(o.startswith("Minnesota Department") for o in orgs), orgs
    # the organisation still owns its tokens in the token map
    doc2 = pipe.steps[1].func(pipe.steps[0].func(Document(DocumentInfo(id="t", source="test", text=text))))
    org = next(e for e in doc2.entities if e.name.startswith("Minnesota Department"))
    sdoc = doc2.scratch["sdoc"]
    first = next(t for t in sdoc if t.text == "Minnesota")
    assert doc2.scratch["token_entity"][first.i] == org.id


def test_places_state_qualifier_and_county_recognised(pipe: Pipeline) -> None:
    doc = _doc(pipe, "The fire started near Greer, S.C., and spread into Kanawha County before dawn.")
    places = _place_mentions(doc)
    assert "Greer" in places and "Kanawha County" in places, places
    greer = next(e for e in doc.entities if e.name == "Greer")
    assert greer.geo is not None and greer.geo.country_code == "US" and 34 < greer.geo.lat < 35.5
    s_c = [m for ms in places.values() for m in ms if m == "S.C."]
    assert s_c, places


def test_places_home_state_picks_the_local_town(pipe: Pipeline) -> None:
    text = (
        "Flooding closed roads across Louisiana on Tuesday. In Alexandria, crews pumped water "
        "from streets, and Pineville schools stayed shut."
    )
    doc = _doc(pipe, text)
    alex = next(e for e in doc.entities if e.name == "Alexandria")
    assert alex.geo is not None and alex.geo.country_code == "US", alex.geo
    assert 30.5 < alex.geo.lat < 32 and -93 < alex.geo.lon < -92  # Alexandria, Louisiana


def test_places_surname_is_not_a_town(pipe: Pipeline) -> None:
    doc = _doc(pipe, "Gov. Ted Strickland signed the budget. Strickland said schools would gain.")
    assert all(e.name != "Strickland" or e.type not in ("GPE", "LOC") for e in doc.entities), [
        (e.name, e.type) for e in doc.entities
    ]


def test_places_county_point_follows_the_document_state(pipe: Pipeline) -> None:
    doc = _doc(pipe, "Deputies in Otter Tail County, near Fergus Falls, Minnesota, searched the lake.")
    county = next(e for e in doc.entities if e.name == "Otter Tail County")
    assert county.geo is not None and county.geo.feature == "admin2" and county.geo.geonames_id is None
    assert 45.5 < county.geo.lat < 47.5 and -97 < county.geo.lon < -95


def test_places_state_and_province_names_beat_towns(pipe: Pipeline) -> None:
    doc = _doc(pipe, "Wildfires spread in California on Monday, while floods hit Hubei and Queensland.")
    cal = next(e for e in doc.entities if e.name == "California")
    assert cal.geo is not None and cal.geo.feature == "admin" and cal.geo.country_code == "US"
    assert 35 < cal.geo.lat < 39 and -122 < cal.geo.lon < -117
    hubei = next(e for e in doc.entities if e.name == "Hubei")
    assert hubei.geo is not None and hubei.geo.country_code == "CN" and hubei.geo.feature == "admin"


def test_places_street_and_river_names_are_places(pipe: Pipeline) -> None:
    doc = _doc(pipe, "Police closed Freeman Drive after the Kanawha River rose overnight.")
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Freeman Drive") == "FAC", types
    assert types.get("Kanawha River") in ("LOC", "FAC"), types
