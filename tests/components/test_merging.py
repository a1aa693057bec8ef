import pytest


def events(extractor, text, published="2021-05-10"):
    return extractor(text, published=published).events


def test_merging_casualties_join_the_attack_of_their_sentence(extractor):
    found = events(extractor, "A roadside bomb exploded in Kandahar on Sunday, killing three "
                              "soldiers and wounding five.")
    assert len(found) == 1
    event = found[0]
    assert (event.type, event.subtype) == ("attack", "bombing")
    assert (event.killed, event.injured) == (3, 5)
    assert {m.type for m in event.mentions} == {"attack", "death", "injury"}


def test_merging_headline_and_lead_are_one_event(extractor):
    text = ("Suicide bombing kills 20 in Kabul\n"
            "A suicide bombing at a mosque in Kabul killed at least 20 worshippers on Friday, "
            "officials said.")
    attacks = [e for e in events(extractor, text) if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].killed == 20


def test_merging_plural_mention_with_two_towns_is_two_events(extractor):
    text = "Two rocket attacks struck near bases in Baghdad and Balad on Saturday."
    attacks = [e for e in events(extractor, text, "2020-01-04") if e.type == "attack"]
    assert sorted(e.place for e in attacks) == ["Baghdad", "Balad"]


def test_merging_different_towns_stay_apart(extractor):
    text = ("A car bomb exploded in Kirkuk on Monday. "
            "Separately, a car bomb exploded in Mosul on Monday.")
    attacks = [e for e in events(extractor, text) if e.type == "attack"]
    assert len(attacks) == 2


def test_merging_every_trigger_in_exactly_one_event(extractor):
    text = ("Gunmen attacked a police post in Gao on Tuesday, killing two officers. "
            "The army said it arrested four suspects.")
    result = extractor(text, published="2022-03-01")
    starts = [m.trigger.start for e in result.events for m in e.mentions]
    assert len(starts) == len(set(starts))


def test_merging_conflicting_counts_keep_the_lowest(extractor):
    text = ("The bombing in Quetta killed 15 people, police said. "
            "Hospital officials said the bombing killed 18.")
    attack = next(e for e in events(extractor, text) if e.type == "attack")
    assert attack.killed == 15


def test_merging_date_falls_back_to_publication_and_says_so(extractor):
    attack = events(extractor, "Rockets hit the airport in Erbil.", "2021-02-15")[0]
    assert attack.date == "2021-02-15"
    assert attack.date_source == "published"


@pytest.mark.parametrize(
    ("text", "published", "kind", "expected"),
    [
        # not Tuesday (the day of the statement) nor publication: the killing was last month
        ("Police said on Tuesday that a man was killed last month in Basra.", "1999-05-07", "death",
         ("1999-04", "linked")),
        # a bound of a period dates no event
        ("Around 20,000 people have died in the insurgency since 1989.", "1997-04-07", "death",
         ("1997-04-07", "published")),
        # the times of the subject's apposition tell of the man, not of his death
        ("Ford, a Republican president from August 1974 to January 1977 who led the country out of the"
         " Watergate era, died late Tuesday aged 93.", "2006-12-30", "death", ("2006-12-26", "linked")),
        # a day that names the incident dates it, not Monday, the day the toll rose
        ("On Monday, the death toll rose to 68 in Sunday's coal mine blast in Heilongjiang Province.",
         "2005-11-28", "attack", ("2005-11-27", "linked")),
    ],
)
def test_merging_event_date_and_where_it_came_from(extractor, text, published, kind, expected):
    event = next(e for e in events(extractor, text, published) if e.type == kind)
    assert (event.date, event.date_source) == expected


def test_merging_event_inherits_sentence_place(extractor):
    text = "In Kabul, officials said three people died on Monday."
    death = next(e for e in events(extractor, text, "2021-05-04") if e.type == "death")
    assert death.place == "Kabul"


def test_merging_event_actor_prefers_a_name_to_a_pronoun(extractor):
    text = "Taliban gunmen attacked a checkpoint in Kunduz. They killed four policemen."
    attack = next(e for e in events(extractor, text, "2021-05-04") if e.type == "attack")
    assert attack.actor_text == "Taliban gunmen"
    assert (attack.actor, attack.inter1) == ("Taliban", 2)  # as an ACLED coder names them


def test_merging_negated_injury_names_no_victim(extractor):
    attack = events(extractor, "Rockets hit the air base in Erbil on Monday, but no soldiers "
                               "were injured.")[0]
    assert attack.injured == 0
    assert attack.victim is None


def test_merging_car_bomb_deaths_are_one_bombing(extractor):
    found = events(extractor, "A truck bomb killed 11 people outside a hotel in Aden on Sunday.",
                   "2021-05-04")
    assert len(found) == 1
    bombing = found[0]
    assert (bombing.type, bombing.subtype, bombing.killed) == ("attack", "bombing", 11)
    assert bombing.acled_sub_event_type == "Remote explosive/landmine/IED"
    assert bombing.weapon == "truck bomb"


def test_merging_casualties_add_up_over_the_sides(extractor):
    text = ("Militants stormed an army post near Gao on Monday. Four soldiers died in the "
            "fighting. Six of the attackers were also killed.")
    attack = events(extractor, text, "2021-05-04")[0]
    assert attack.killed == 10


def test_merging_death_found_then_its_cause_is_one_incident(extractor):
    text = ("The body of a shopkeeper was found in Culiacan on Tuesday. He had been shot "
            "several times.")
    found = [e for e in events(extractor, text, "2021-05-04") if e.acled_event_type]
    assert len(found) == 1
    assert found[0].acled_sub_event_type == "Attack"


def test_merging_unreal_acts_are_no_incident(extractor):
    text = "The rebels vowed to attack the capital, and the minister said the plotters will be arrested."
    assert [e.type for e in events(extractor, text, "2021-05-04")] == ["threat"]
