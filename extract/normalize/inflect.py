"""English inflection, only as much as our lexicons need."""

from __future__ import annotations

_IRREGULAR_PLURALS = {"knife": "knives", "man": "men", "woman": "women", "child": "children",
                      "person": "people", "militiaman": "militiamen", "policeman": "policemen",
                      "gunman": "gunmen", "tribesman": "tribesmen", "herdsman": "herdsmen"}


def plural(word: str) -> str:
    """English plural of a noun: "bomb" -> "bombs", "militiaman" -> "militiamen"."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        form = _IRREGULAR_PLURALS[low]
        return form.upper() if word.isupper() else form
    if low.endswith("man"):
        return word[:-3] + ("MEN" if word.isupper() else "men")
    if low.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
