import pytest
import spacy

from extract.components.entity_rules import EntityRules


def labels(doc):
    return {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Iran-backed militiamen stormed the compound.", "Iran-backed militiamen", "UNIT"),
        ("Gunmen opened fire on the convoy.", "Gunmen", "UNIT"),
        ("The Taliban said they captured the district.", "Taliban", "UNIT"),
        ("Iraqi Security Forces were investigating.", "Iraqi Security Forces", "UNIT"),
        ("Two rockets hit the base.", "rockets", "WEAPON"),
        ("A car bomb exploded near the checkpoint.", "car bomb", "WEAPON"),
        ("An IED struck the patrol.", "IED", "WEAPON"),
        ("Rockets landed near Balad Air Base on Monday.", "Balad Air Base", "FAC"),
    ],
)
def test_entity_rules_labels_armed_actors_weapons_and_bases(full_nlp, text, span, label):
    doc = full_nlp(text)
    assert any(span in found and found_label == label for found, found_label in labels(doc))


def test_entity_rules_acronym_takes_long_form_label_everywhere(full_nlp):
    doc = full_nlp("A spokesman for the Joint Special Operations Task Force (JSOTF) said "
                   "the JSOTF had sent troops.")
    found = [e for e in doc.ents if e.text == "JSOTF"]
    assert len(found) == 2
    assert all(e.label_ == "UNIT" for e in found)
    assert found[0]._.long_form == "Joint Special Operations Task Force"
    assert doc._.acronyms == {"JSOTF": "Joint Special Operations Task Force"}


def test_entity_rules_heart_of_a_sentence_without_arms_adds_nothing(full_nlp):
    doc = full_nlp("The bakery sold bread to the villagers.")
    assert not [e for e in doc.ents if e.label_ in ("UNIT", "WEAPON")]


def test_entity_rules_rejects_unknown_key_in_rule_file():
    from extract.resources import RuleFileError, read_rules

    rules = {key: read_rules(f"{key}.json", key) for key in ("entity_rules", "weapons", "actors")}
    rules["weapons"] = [{"phrase": "rocket", "subtype": "shelling", "colour": "red"}]
    with pytest.raises(RuleFileError, match="unknown keys"):
        EntityRules(spacy.blank("en"), rules=rules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighters were killed in IS attacks near the town.", ("IS", "UNIT")),
        ("Troops found two car bombs and an IED.", ("car bombs", "WEAPON")),
        ("Troops found two car bombs and an IED.", ("IED", "WEAPON")),
    ],
)
def test_entity_rules_groups_and_weapons_found(full_nlp, text, expected):
    assert expected in [(e.text, e.label_) for e in full_nlp(text).ents]


def test_entity_rules_acronym_in_capital_headline_is_a_word(full_nlp):
    doc = full_nlp("WHERE IS THE ARMY GOING")
    assert "IS" not in [e.text for e in doc.ents]


def test_entity_rules_dateline_city_is_its_own_sentence(full_nlp):
    doc = full_nlp("Blasts kill seven KANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven militants "
                   "were killed on Friday.")
    starts = {s[0].text for s in doc.sents}
    assert {"KANDAHAR", "Seven"} <= starts


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mortars struck Camp Bastion Kandahar overnight.", "Camp Bastion Kandahar"),
        ("Shells fell on the Al Asad Air Base overnight.", "Al Asad Air Base"),
    ],
)
def test_entity_rules_facility_names_extend_over_proper_nouns(full_nlp, text, span):
    assert any(span in found and label == "FAC" for found, label in labels(full_nlp(text)))


def test_entity_rules_lowercase_facility_word_is_no_name(full_nlp):
    doc = full_nlp("The soldiers returned to their base near the river.")
    assert not [e for e in doc.ents if e.label_ == "FAC"]
