import pytest


def mention_types(nlp, text):
    return [(m.type, m.trigger.text) for m in nlp(text)._.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two rocket attacks hit the base on Saturday.", ("attack", "rocket attacks")),
        ("A suicide bombing killed five people.", ("attack", "suicide bombing")),
        ("Gunmen opened fire on worshippers.", ("attack", "opened fire")),
        ("Militants gunned down two policemen in Peshawar.", ("attack", "gunned down")),
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


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The president called the explosion an \"attack\".", "attack"),
        ("Two accidental explosions rocked the depot.", "explosions"),
        ("Eight villagers died of the disease last week.", "died"),
        ("He warned the police about his neighbour.", "warned"),
        ("Officials discussed the threat of terrorism in the region.", "threat"),
        ("The court issued three arrest warrants.", "arrest"),
        ("He is on trial on charges of murder.", "murder"),
        ("The ministry imposed a ban on protests.", "protests"),
    ],
)
def test_triggers_context_vetoes_non_events(full_nlp, text, word):
    assert word not in [t for _, t in mention_types(full_nlp, text)]


def test_triggers_see_also_list_is_not_events(full_nlp):
    text = ("A car bomb exploded in Kabul on Monday. == See also == * 2015 Kabul bombing "
            "* 2017 Kabul attack")
    assert mention_types(full_nlp, text) == [("attack", "exploded")]


def test_triggers_describing_verb_is_part_of_the_attack(full_nlp):
    found = mention_types(full_nlp, "The explosion targeted a bakery on the main street.")
    assert found == [("attack", "explosion")]


def test_triggers_protesters_clashing_is_a_riot(full_nlp):
    doc = full_nlp("Protesters clashed with riot police in the capital.")
    mention = next(m for m in doc._.mentions if m.trigger.text == "clashed")
    assert (mention.type, mention.subtype) == ("protest", "violent_demonstration")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telephoned warnings were given to the police.", ("threat", "warnings")),
        ("The rebels issued an ultimatum to the governor.", ("threat", "ultimatum")),
        ("A suicide bomber blew himself up at the gate.", ("attack", "blew himself up")),
        ("Prosecutors opened a case of attempted murder.", ("attack", "attempted murder")),
    ],
)
def test_triggers_find_issued_threats_and_phrases(full_nlp, text, expected):
    assert expected in mention_types(full_nlp, text)


def test_triggers_ban_covers_every_coordinated_event_noun(full_nlp):
    found = mention_types(full_nlp, "The mayor announced a ban on marches and protests next week.")
    assert not [t for t in found if t[0] == "protest"]


def test_triggers_capitalised_protesters_clashing_is_a_riot(full_nlp):
    doc = full_nlp("Photo gallery: Protesters clash with riot police in the capital")
    assert [(m.type, m.subtype) for m in doc._.mentions if m.trigger.text == "clash"] == [
        ("protest", "violent_demonstration")]


def test_triggers_claimed_the_lives_is_a_death(full_nlp):
    assert ("death", "claimed") in mention_types(
        full_nlp, "A landslide of rubble from the blast claimed the lives of four miners.")


def test_triggers_claimed_responsibility_is_no_death(full_nlp):
    found = mention_types(full_nlp, "The rebels claimed responsibility for the ambush.")
    assert not [t for t in found if t[0] == "death"]
