import pytest

from extract.normalize.actors import CoderActor, default_actors, interaction
from extract.resources import read_rules


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("the Taliban", "rebel group"),
        ("IS", "rebel group"),
        ("Iraqi Security Forces", "state forces"),
        ("Iran-backed militiamen", "political militia"),
        ("coalition troops", "external/other forces"),
        ("villagers", "civilians"),
        ("protesters", "protesters"),
    ],
)
def test_actors_categories_after_acled_inter_codes(text, category):
    assert default_actors().categorize(text) == category


def test_actors_unknown_phrase_has_no_category():
    assert default_actors().categorize("the weather") is None


def _rule_examples() -> list[dict]:
    data = read_rules("actors.json", "actors")
    rows = [*data["coder_names"], *data["coder_rules"], *data["coder_roles"].values(),
            data["nationality_blockers"], data["clause_words"], data["definite_article_countries"]]
    return [example for row in rows for example in row.get("examples", [])]


@pytest.mark.parametrize("example", _rule_examples(), ids=lambda e: e["text"])
def test_actors_coder_rule_examples(example):
    actor = default_actors().coder_actor(example["text"], country=example.get("country"),
                                         role=example.get("role"))
    if example["name"] is None:
        assert actor is None
    else:
        assert (actor.name, actor.inter) == (example["name"], example["inter"])


@pytest.mark.parametrize(
    ("text", "country", "role", "name", "inter"),
    [
        # known organisations by their ACLED name, whatever the article calls them
        ("the Taliban", "AF", None, "Taliban", 2),
        ("Taliban insurgents", "AF", None, "Taliban", 2),
        ("IS militants", "IQ", None, "Islamic State (Iraq)", 2),
        ("fighters loyal to ISWAP", "NG", None, "Islamic State (West Africa)", 2),
        ("al-Shabab gunmen", "SO", None, "Al Shabaab", 2),
        ("PKK militants", "TR", None, "PKK: Kurdistan Workers Party", 2),
        ("Hezbollah", "LB", None, "Hezbollah", 3),
        # state forces: the nationality word decides the country, else the event's country
        ("Afghan military forces", "AF", None, "Military Forces of Afghanistan", 1),
        ("the army", "NG", None, "Military Forces of Nigeria", 1),
        ("government troops", "SY", None, "Military Forces of Syria", 1),
        ("paratroopers", "ML", None, "Military Forces of Mali", 1),
        ("Nigeria's air force", "NG", None, "Military Forces of Nigeria", 1),
        ("soldiers of the Malian army", "ML", None, "Military Forces of Mali", 1),
        ("police officers", "KE", None, "Police Forces of Kenya", 1),
        ("riot police", "FR", None, "Police Forces of France", 1),
        ("border guards", "GR", None, "Police Forces of Greece", 1),
        ("Brazilian military police", "BR", None, "Military Forces of Brazil", 1),
        ("American troops", "US", None, "Military Forces of the United States", 1),
        ("Congolese soldiers", "CD", None, "Military Forces of the Democratic Republic of Congo", 1),
        # ... and a state force abroad is an external force (inter 8), under its own name
        ("Israeli forces", "PS", None, "Military Forces of Israel", 8),
        ("Russian jets", "SY", None, "Military Forces of Russia", 8),
        ("South Sudanese soldiers", "SD", None, "Military Forces of South Sudan", 8),
        ("an American drone", "SO", None, "Military Forces of the United States", 8),
        # unnamed armed men, gangs and communal fighters
        ("gunmen", "NG", None, "Unidentified Armed Group (Nigeria)", 3),
        ("a group of armed men", "MX", None, "Unidentified Armed Group (Mexico)", 3),
        ("bandits on motorcycles", "NG", None, "Unidentified Armed Group (Nigeria)", 3),
        ("unidentified attackers", "BF", None, "Unidentified Armed Group (Burkina Faso)", 3),
        ("a suicide bomber", "PK", None, "Unidentified Armed Group (Pakistan)", 3),
        ("suspected gang members", "BR", None, "Unidentified Gang (Brazil)", 3),
        ("rival herders", "SS", None, "Unidentified Communal Militia (South Sudan)", 4),
        # people: civilians as victims, protesters or rioters when the event says so
        ("a woman and her two children", "IN", None, "Civilians (India)", 7),
        ("three farmers", "CM", None, "Civilians (Cameroon)", 7),
        ("a local journalist", "MX", None, "Civilians (Mexico)", 7),
        ("hundreds of students", "CL", "protest", "Protesters (Chile)", 6),
        ("angry youths", "KE", "riot", "Rioters (Kenya)", 5),
        ("a mob", "PK", None, "Rioters (Pakistan)", 5),
        ("demonstrators", "IQ", "riot", "Rioters (Iraq)", 5),
        ("protesters", "IQ", "protest", "Protesters (Iraq)", 6),
        ("the police", "IQ", "protest", "Police Forces of Iraq", 1),
        # external forces
        ("NATO troops", "AF", None, "NATO: North Atlantic Treaty Organization", 8),
        ("peacekeepers", "ML", None,
         "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8),
        ("US-led coalition aircraft", "SY", None, "Global Coalition Against Daesh", 8),
    ],
)
def test_actors_coder_actor_conventions(text, country, role, name, inter):
    actor = default_actors().coder_actor(text, country=country, role=role)
    assert actor is not None
    assert (actor.name, actor.inter) == (name, inter)


@pytest.mark.parametrize(
    "text",
    ["they", "He", "it", "them", "someone", "the area", "the incident", "a vehicle", "the blast",
     "the attack", "", None, "a drone", "the U.S."],
)
def test_actors_coder_actor_pronouns_and_stray_phrases_are_no_actors(text):
    assert default_actors().coder_actor(text, country="NG") is None


def test_actors_coder_actor_without_country_keeps_the_kind():
    actor = default_actors().coder_actor("gunmen")
    assert actor == CoderActor("Unidentified Armed Group", 3, "political militia")


def test_actors_coder_actor_lower_case_country_code():
    assert default_actors().coder_actor("soldiers", country="ng").name == "Military Forces of Nigeria"


def test_actors_coder_actor_rejects_unknown_role():
    with pytest.raises(ValueError, match="role"):
        default_actors().coder_actor("students", country="NG", role="strike")


@pytest.mark.parametrize(
    ("first", "second", "code"),
    [
        (("Turkish troops", "SY"), ("gunmen", "SY"), 38),
        (("police", "NG"), ("protesters", "NG"), 16),
        (("gunmen", "NG"), ("villagers", "NG"), 37),
        (("demonstrators", "PK"), None, 60),
    ],
)
def test_actors_interaction_of_coder_actors(first, second, code):
    actors = default_actors()
    actor1 = actors.coder_actor(first[0], country=first[1])
    actor2 = actors.coder_actor(second[0], country=second[1]) if second else None
    assert interaction(actor1, actor2) == code
