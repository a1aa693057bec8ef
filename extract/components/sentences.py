"""extract_sentence_bounds: sentence boundaries as news lays them out, set before the parser.

- A line break ends a sentence. Headlines, sub-headlines, captions and bylines stand on
  lines of their own, often without final punctuation; the parser would run them into the
  next sentence and link a headline's trigger to the lead's arguments.
- A wire dateline ("KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --") stands apart from the
  headline before it and the lead after it, so its city is never read as an argument.
- A clock time's "p.m." does not end one when the time zone follows ("at 7:50 p.m. Baghdad
  time near the base"), which the small model otherwise splits.

The parser keeps the boundaries it is given.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extract.components._rules import RuleComponent
from extract.resources import check_keys

_NOT_A_START = numpy.iinfo(numpy.uint64).max
_KEYS = {"no_break_after", "time_zone_words", "dateline_dashes"}


@Language.factory("extract_sentence_bounds", assigns=["token.is_sent_start"])
def make_sentence_bounds(nlp: Language, name: str) -> SentenceBounds:
    return SentenceBounds()


class SentenceBounds(RuleComponent):
    RULE_FILES = {"sentences.json": "sentences"}

    def __init__(self, *, rules: dict[str, Any] | None = None) -> None:
        self._load_rules(rules)

    def _compile(self) -> None:
        data = self.rules["sentences"]
        check_keys("sentences.json", data, _KEYS, _KEYS)
        self.no_break_after = {w.lower() for w in data["no_break_after"]}
        self.zone_words = {w.lower() for w in data["time_zone_words"]}
        self.dashes = set(data["dateline_dashes"])

    def __call__(self, doc: Doc) -> Doc:
        # Decide every boundary first, then write them in one array: setting
        # token.is_sent_start one by one re-scans the document each time.
        starts: dict[int, int] = {}  # token index -> 1 (starts a sentence) or -1 (does not)
        for token in doc[:-1]:
            if token.is_upper and token.is_alpha and len(token) > 2 and doc[token.i + 1].text == ",":
                self._dateline(doc, token.i, starts)
            following = token.i + 1
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                starts[following] = 1
            elif token.lower_ in self.no_break_after and any(
                    t.lower_ in self.zone_words for t in doc[token.i + 1:token.i + 3]):
                starts[following] = -1
        if starts:
            array = doc.to_array([SENT_START])  # uint64: -1 ("not a start") wraps around
            for i, value in starts.items():
                array[i] = value if value >= 0 else _NOT_A_START
            doc.from_array([SENT_START], array)
        return doc

    def _dateline(self, doc: Doc, start: int, starts: dict[int, int]) -> None:
        """"CITY, ... (Agency) --": the dateline starts a sentence and so does the lead."""
        window = doc[start:min(start + 14, len(doc))]
        for tok in window:
            if tok.text == ")" and tok.i + 1 < len(doc) and doc[tok.i + 1].text in self.dashes:
                if tok.i > start + 2 and any(t.text == "(" for t in doc[start:tok.i]):
                    starts[start] = 1
                    for i in range(start + 1, tok.i + 2):
                        starts[i] = -1
                    if tok.i + 2 < len(doc):
                        starts[tok.i + 2] = 1
                return

