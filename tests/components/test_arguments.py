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
