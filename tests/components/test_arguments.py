import pytest


def args(nlp, text, mention_type):
    doc = nlp(text)
    mention = next(m for m in doc._.mentions if m.type == mention_type)
    return mention, {(a.role, a.text) for a in mention.arguments}


def test_arguments_active_voice_actor_and_victim(full_nlp):
    _, found = args(full_nlp, "Taliban fighters killed four soldiers in Kandahar.", "death")
    assert ("actor", "Taliban fighters") in found
    assert ("victim", "four soldiers") in found
    assert ("place", "Kandahar") in found


def test_arguments_passive_voice_agent_is_actor(full_nlp):
    _, found = args(full_nlp, "Two journalists were abducted by gunmen in Gao.", "kidnapping")
    assert ("victim", "Two journalists") in found
    assert ("actor", "gunmen") in found


def test_arguments_weapon_inside_nominal_trigger(full_nlp):
    _, found = args(full_nlp, "A car bomb attack hit the market in Mogadishu.", "attack")
    assert ("weapon", "car bomb") in found


def test_arguments_reporting_verb_subject_is_source(full_nlp):
    _, found = args(full_nlp, "Rockets hit the air base, the ministry said.", "attack")
    assert ("source", "the ministry") in found


def test_arguments_negated_injury_counts_zero(full_nlp):
    mention, _ = args(full_nlp, "No soldiers were injured in the attack.", "injury")
    assert mention.negated
    assert mention.injured == 0


def test_arguments_hedged_injury_is_uncertain(full_nlp):
    mention, _ = args(full_nlp, "The rockets might have hurt civilians.", "injury")
    assert mention.uncertain


def test_arguments_casualty_count_with_qualifier(full_nlp):
    mention, _ = args(full_nlp, "The blast killed at least 12 civilians.", "death")
    assert mention.killed == 12
    assert mention.casualty_qualifier == "at_least"


def test_arguments_aggregate_tally_is_not_an_event(full_nlp):
    doc = full_nlp("There have been 13 attacks in the past two months.")
    assert not [m for m in doc._.mentions if m.type == "attack"]


@pytest.mark.parametrize(
    ("text", "mention_type", "expected"),
    [
        # a place set off after another only says where that one lies
        ("Five people were killed in an attack in Nice, southern France.", "attack",
         ("place", "Nice")),
        # a common noun under a place preposition is where it happened
        ("A bomb exploded on a crowded street, wounding 13 people.", "attack",
         ("place", "a crowded street")),
        # the sides of a battle: first named is the actor, the other the target
        ("Two men died in a battle between troops and rebels.", "attack", ("actor", "troops")),
        ("Two men died in a battle between troops and rebels.", "attack", ("target", "rebels")),
        # "launched a series of attacks": the light verb's subject carried them out
        ("The militant group launched a series of attacks across the city.", "attack",
         ("actor", "The militant group")),
        # a quantifier keeps the word it counts: "scores more"
        ("The bombing killed 30 people and injured scores more.", "injury",
         ("victim", "scores more")),
        # the named members of an arrested group
        ("Dozens of activists were arrested, including Maria Lopez.", "arrest",
         ("victim", "Maria Lopez")),
        # threats given to someone: the recipient is the target
        ("Warnings were given to the police before the blast.", "threat", ("target", "police")),
        # an exploding device is the weapon, not the actor
        ("A device exploded outside the bakery.", "attack", ("weapon", "A device")),
        # a personal pronoun is kept as the text's argument
        ("They killed 23 soldiers near the base.", "death", ("actor", "They")),
        # a group right before a nominal trigger carried it out
        ("Dozens died in Taliban attacks on Monday.", "attack", ("actor", "Taliban")),
    ],
)
def test_arguments_news_constructions(full_nlp, text, mention_type, expected):
    _, found = args(full_nlp, text, mention_type)
    assert expected in found


def test_arguments_sentence_place_is_context_not_argument(full_nlp):
    _, found = args(full_nlp, "In Kabul, officials said three people died on Monday.", "death")
    assert not [a for a in found if a[0] == "place"]


def test_arguments_no_group_is_no_actor(full_nlp):
    _, found = args(full_nlp, "No group has claimed responsibility for the bombing.", "attack")
    assert not [a for a in found if a[0] == "actor"]


def test_arguments_detonated_object_is_the_weapon(full_nlp):
    _, found = args(full_nlp, "The insurgents detonated two roadside devices near the convoy.",
                    "attack")
    assert ("weapon", "two roadside devices") in found
    assert not [a for a in found if a[0] == "target"]


def test_arguments_passive_detonated_subject_is_the_weapon(full_nlp):
    _, found = args(full_nlp, "Three large devices were detonated outside the station.", "attack")
    assert ("weapon", "Three large devices") in found


def test_arguments_place_is_never_the_killer(full_nlp):
    _, found = args(full_nlp, "A bomb went off at the crowded restaurant, which killed nine diners.",
                    "death")
    assert not [a for a in found if a[0] == "actor"]


def test_arguments_exploding_device_is_not_the_killer(full_nlp):
    _, found = args(full_nlp, "The old shell exploded in the field, killing two farmers.", "death")
    assert ("victim", "two farmers") in found
    assert not [a for a in found if a[0] == "actor"]


def test_arguments_place_locating_another_place_is_dropped(full_nlp):
    _, found = args(full_nlp, "A bomb exploded at a bakery in Calle Mayor on Friday.", "attack")
    assert [a for a in found if a[0] == "place"] == [("place", "a bakery")]
