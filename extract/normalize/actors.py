"""Actor categories after ACLED's inter codes, from the actor gazetteer in models/actors.json.

A known group is looked up by name or alias ("the Taliban" -> rebel group); otherwise the
head noun decides ("Iraqi Security Forces" -> state forces, "Iran-backed militiamen" ->
political militia, "villagers" -> civilians), and multinational words ("coalition",
"international") make a force external/other. Users extend the gazetteer without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extract.normalize.inflect import plural
from extract.resources import check_keys, read_rules

_KEYS = {"groups", "head_categories", "multinational_words", "state_words"}


@dataclass(frozen=True)
class ActorGazetteer:
    names: dict[str, str]  # lower-cased name or alias -> category
    heads: dict[str, str]  # lower-cased head word (singular and plural) -> category
    multinational: frozenset[str]
    state_words: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict) -> ActorGazetteer:
        check_keys("actors.json", data, _KEYS, _KEYS)
        names: dict[str, str] = {}
        for row in data["groups"]:
            check_keys("actors.json", row, {"name", "aliases", "category"}, {"name", "category"})
            for form in [row["name"], *row.get("aliases", [])]:
                names[form.lower()] = row["category"]
        heads: dict[str, str] = {}
        for category, words in data["head_categories"].items():
            for word in words:
                heads.setdefault(word.lower(), category)
                heads.setdefault(plural(word.lower()), category)
        return cls(names, heads, frozenset(data["multinational_words"]),
                   frozenset(data["state_words"]))

    def categorize(self, text: str | None) -> str | None:
        """The ACLED-style category of an actor or target phrase, or None when unknown."""
        if not text:
            return None
        low = " ".join(text.lower().replace("’s", "'s").split())
        bare = low.removeprefix("the ")
        if bare in self.names:
            return self.names[bare]
        for name, category in self.names.items():
            if len(name) > 3 and f" {name} " in f" {bare} ":
                return category
        words = [w.strip(".,'\"()") for w in bare.replace("-", " ").split()]
        if any(w in self.multinational for w in words) and any(
                self.heads.get(w) in ("state forces", "external/other forces") for w in words):
            return "external/other forces"
        for size in (2, 1):
            for i in range(len(words) - size, -1, -1):
                key = " ".join(words[i:i + size])
                if key in self.heads:
                    return self.heads[key]
        return None


@cache
def default_actors() -> ActorGazetteer:
    return ActorGazetteer.from_dict(read_rules("actors.json", "actors"))
