import pytest

from extract.normalize.actors import default_actors


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
