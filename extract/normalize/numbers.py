"""Numbers as news writes them: "13", "two", "twenty-five", "1,200", "at least 50", "dozens".

Pure functions, no spaCy. Vague amounts follow ACLED's coding conventions ("several" and
"many" count as 10, "dozens" as 12, "hundreds" as 100) and are marked with a qualifier, so
an analyst can tell a reported figure from a conventional one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.resources import check_keys, read_rules

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    value: int
    qualifier: str | None = None  # at_least, more_than, about, at_most, vague


@cache
def _rules() -> dict[str, Any]:
    rules = read_rules("numbers.json", "numbers")
    keys = {"units", "tens", "scales", "vague", "qualifiers"}
    check_keys("numbers.json", rules, keys, keys)
    return rules


def parse_number(text: str) -> int | None:
    """The integer a number phrase names, or None: "twenty-five" -> 25, "1,200" -> 1200."""
    rules = _rules()
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if not words:
        return None
    if len(words) == 1 and _DIGITS.match(words[0]):
        return int(float(words[0].replace(",", "")))
    total, current = 0, 0
    for word in words:
        if _DIGITS.match(word):
            current += int(float(word.replace(",", "")))
        elif word in rules["units"]:
            current += rules["units"][word]
        elif word in rules["tens"]:
            current += rules["tens"][word]
        elif word in rules["scales"]:
            current = max(current, 1) * rules["scales"][word]
            if rules["scales"][word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def parse_quantity(text: str) -> Quantity | None:
    """A count with its qualifier: "at least 50" -> Quantity(50, "at_least")."""
    rules = _rules()
    phrase = " ".join(text.lower().split())
    qualifier = None
    for words, name in sorted(rules["qualifiers"].items(), key=lambda kv: -len(kv[0])):
        if phrase.startswith(words + " "):
            qualifier, phrase = name, phrase[len(words) + 1:]
            break
    phrase = phrase.removesuffix(" of").strip()
    if phrase in rules["vague"]:
        return Quantity(rules["vague"][phrase], qualifier or "vague")
    value = parse_number(phrase)
    if value is None:
        return None
    return Quantity(value, qualifier)
