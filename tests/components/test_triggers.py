import pytest


def mention_types(nlp, text):
    return [(m.type, m.trigger.text) for m in nlp(text)._.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two rocket attacks hit the base on Saturday.", ("attack", "rocket attacks")),
        ("A suicide bombing killed five people.", ("attack", "suicide bombing")),
        ("Gunmen opened fire on worshippers.", ("attack", "opened fire")),
        ("Police arrested three suspects.", ("arrest", "arrested")),
        ("Gunmen kidnapped 18 passengers.", ("kidnapping", "kidnapped")),
        ("Thousands protested in the capital.", ("protest", "protested")),
        ("The militants threatened to attack the town.", ("threat", "threatened")),
        ("The blast destroyed several houses.", ("damage", "destroyed")),
    ],
)
def test_triggers_find_news_event_words(full_nlp, text, expected):
    assert expected in mention_types(full_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The senator died of a heart attack on Sunday.",
        "Teachers went on a labour strike over pay.",
        "The company fired its chief executive.",
        "She took a photo shot of the sunset.",
        "Stocks rallied on Friday after the report.",
    ],
)
def test_triggers_reject_non_violent_senses(full_nlp, text):
    assert not [t for t in mention_types(full_nlp, text) if t[0] in ("attack", "protest")]


def test_triggers_subtype_from_lexicon(full_nlp):
    doc = full_nlp("An Israeli airstrike hit a house in Gaza.")
    attack = next(m for m in doc._.mentions if m.type == "attack")
    assert attack.subtype == "airstrike"
