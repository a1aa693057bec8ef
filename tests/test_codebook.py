"""The ACLED codebook table (models/codebook.json): every row's example is coded by that row."""

from __future__ import annotations

import pytest

from extract.codebook import Codebook, IncidentFacts, default_codebook
from extract.resources import RuleFileError

RULES = default_codebook().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_codebook_row_codes_its_own_example(extractor, rule) -> None:
    result = extractor(rule.example["text"], published="2024-03-12", doc_id="example")
    kind = rule.example.get("kind")
    if kind is not None:  # a row that codes nothing: the incident is of that kind, unexported
        assert [e.type for e in result.events] == [kind]
        assert all(e.acled_event_type is None for e in result.events)
        return
    coded = [e for e in result.events if e.acled_event_type and not e.negated]
    assert coded, f"no ACLED event in {rule.example['text']!r}"
    decided = {(e.acled_event_type, e.acled_sub_event_type, e.codebook_rule) for e in coded}
    assert (rule.event_type, rule.sub_event_type, rule.id) in decided


def test_codebook_first_row_that_holds_decides() -> None:
    book = default_codebook()
    soldiers_hit = IncidentFacts("attack", "shooting", inter1=3, inter2=1)
    shopkeeper_hit = IncidentFacts("attack", "shooting", inter1=3, inter2=7)
    roadside_bomb = IncidentFacts("attack", "bombing", inter1=None, inter2=1)
    assert book.decide(soldiers_hit)[:2] == ("Battles", "Armed clash")
    assert book.decide(shopkeeper_hit)[:2] == ("Violence against civilians", "Attack")
    # the weapon decides before the sides: a bomb on soldiers is remote violence
    assert book.decide(roadside_bomb)[:2] == ("Explosions/Remote violence",
                                              "Remote explosive/landmine/IED")


def test_codebook_protest_course_markers() -> None:
    book = default_codebook()
    march = IncidentFacts("protest", "peaceful_protest")
    assert book.decide(march)[1] == "Peaceful protest"
    assert book.decide(IncidentFacts("protest", "peaceful_protest",
                                     markers=frozenset({"intervention"})))[1] == (
        "Protest with intervention")
    assert book.decide(IncidentFacts("protest", "peaceful_protest",
                                     markers=frozenset({"intervention", "lethal"})))[1] == (
        "Excessive force against protesters")


def test_codebook_rejects_a_row_without_example() -> None:
    row = {"id": "x", "when": {"kind": ["attack"]}, "event_type": "Battles",
           "sub_event_type": "Armed clash", "example": {}}
    data = {"cause_precedence": {"order": []}, "markers": {},
            "derived_markers": {}, "rules": [row]}
    with pytest.raises(RuleFileError, match="no example"):
        Codebook.from_dict(data)


def test_codebook_rejects_unknown_condition() -> None:
    row = {"id": "x", "when": {"kinds": ["attack"]}, "event_type": "Battles",
           "sub_event_type": "Armed clash", "example": {"text": "Soldiers clashed with rebels."}}
    data = {"cause_precedence": {"order": []}, "markers": {},
            "derived_markers": {}, "rules": [row]}
    with pytest.raises(RuleFileError, match="unknown keys"):
        Codebook.from_dict(data)
