"""The figure parser: amounts, hedges, ranges, vague amounts, units, and what is no figure.

Every case runs on a tokenizer-only Doc (``nlp.make_doc``) and a fully parsed Doc,
which must agree. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.engine.figures import FigureMatch, FigureParser, find_figures, parser_for
from bot.engine.types import Figure

pytestmark = pytest.mark.slow

N = None


def figures(nlp, text: str) -> list[FigureMatch]:
    fast = find_figures(nlp.make_doc(text))
    full = find_figures(nlp(text))
    assert [(m.start, m.end, m.figure, m.anchor, m.unit_explicit) for m in fast] == [
        (m.start, m.end, m.figure, m.anchor, m.unit_explicit) for m in full
    ], f"tokenizer-only and parsed Docs disagree on {text!r}"
    return fast


def only(nlp, text: str) -> Figure:
    found = figures(nlp, text)
    assert len(found) == 1, f"{text!r}: expected one figure, got {[m.figure.text for m in found]}"
    return found[0].figure


def check(fig: Figure, text, low, high, qualifier, approx, unit) -> None:
    got = (fig.text, fig.low, fig.high, fig.qualifier, fig.approx, fig.unit)
    assert got == (text, low, high, qualifier, approx, unit)


# (sentence, figure text, low, high, qualifier, approx, unit)
DIGITS = [
    ("Officials counted 1,243 damaged homes.", "1,243", 1243, 1243, N, False, "count"),
    ("The index rose by 3.1 overnight.", "3.1", 3.1, 3.1, N, False, "count"),
    ("Turnout reached 4.25% in the district.", "4.25%", 4.25, 4.25, N, False, "percent"),
    ("The agency registered 13000 new claims.", "13000", 13000, 13000, N, False, "count"),
    ("The army deployed 19 helicopters.", "19", 19, 19, N, False, "count"),
    ("Prices climbed 0.5 percent in March.", "0.5 percent", 0.5, 0.5, N, False, "percent"),
]

WORDS_AND_SCALES = [
    ("Medics treated two firefighters.", "two", 2, 2, N, False, "count"),
    ("The court heard twenty-one witnesses.", "twenty-one", 21, 21, N, False, "count"),
    ("A dozen boats were seized.", "A dozen", 12, 12, "a dozen", True, "count"),
    ("Organisers expect a thousand runners.", "a thousand", 1000, 1000, N, False, "count"),
    ("The flood displaced 1.2 million residents.", "1.2 million", 1_200_000, 1_200_000, N, False, "count"),
    ("The fund raised $4.2bn last year.", "$4.2bn", 4.2e9, 4.2e9, N, False, "USD"),
    ("The club paid £3m for the striker.", "£3m", 3e6, 3e6, N, False, "GBP"),
    ("Brussels pledged 40 million euros in aid.", "40 million euros", 4e7, 4e7, N, False, "EUR"),
    ("Crude settled at US $61.37 on Friday.", "US $61.37", 61.37, 61.37, N, False, "USD"),
    ("The scheme reached half a million households.", "half a million", 500_000, 500_000, N, False, "count"),
    ("The city hired one hundred and twenty nurses.", "one hundred and twenty", 120, 120, N, False, "count"),
    ("Rebels freed three thousand prisoners.", "three thousand", 3000, 3000, N, False, "count"),
    ("The works will cost two and a half million pounds.", "two and a half million pounds", 2.5e6, 2.5e6, N,
     False, "GBP"),
    ("The deal is worth €5.5 billion.", "€5.5 billion", 5.5e9, 5.5e9, N, False, "EUR"),
    ("A bill of USD 250 was sent.", "USD 250", 250, 250, N, False, "USD"),
    ("The painting fetched USD12m.", "USD12m", 1.2e7, 1.2e7, N, False, "USD"),
    ("Donors gave 2 billion dollars.", "2 billion dollars", 2e9, 2e9, N, False, "USD"),
    ("The startup raised $50k from friends.", "$50k", 50_000, 50_000, N, False, "USD"),
    ("Shares in the unit hit ₹500 on Monday.", "₹500", 500, 500, N, False, "INR"),
    ("Analysts expect 6.8M units to ship.", "6.8M", 6.8e6, 6.8e6, N, False, "count"),
    ("The deal is worth Rs 500 crore.", "Rs 500 crore", 5e9, 5e9, N, False, "INR"),
    ("The villa is listed at $US5,931,000.", "$US5,931,000", 5_931_000, 5_931_000, N, False, "USD"),
    ("The feed said the bonus was PS4.6m.", "PS4.6m", 4.6e6, 4.6e6, N, False, "GBP"),
    ("The gadget costs HK$5.", "HK$5", 5, 5, N, False, "HKD"),
    ("Temperatures fell to minus 20 degrees Celsius.", "minus 20 degrees Celsius", -20, -20, N, False, "°c"),
    ("The grant totals 7 bn over a decade.", "7 bn", 7e9, 7e9, N, False, "count"),
    ("The firm agreed a $1.5-billion deal.", "$1.5-billion", 1.5e9, 1.5e9, N, False, "USD"),
    ("The baker sold 5 dozen rolls.", "5 dozen", 60, 60, N, False, "count"),
    ("About 12 000 soldiers crossed.", "About 12 000", 12_000, 12_000, "about", True, "count"),
    ("Some 1 250 000 people voted.", "Some 1 250 000", 1_250_000, 1_250_000, "some", True, "count"),
    ("The camp holds 10\u00a0000 people.", "10\u00a0000", 10_000, 10_000, N, False, "count"),
]

RANGES = [
    ("Estimates put the crowd at 10,000 to 12,000.", "10,000 to 12,000", 10_000, 12_000, N, False, "count"),
    ("They said between 8,000 to 9,500 troops had moved.", "between 8,000 to 9,500", 8_000, 9_500,
     "between", False, "count"),
    ("Between 500 and 700 families fled.", "Between 500 and 700", 500, 700, "between", False, "count"),
    ("Police said 10,000-12,000 people marched.", "10,000-12,000", 10_000, 12_000, N, False, "count"),
    ("Police said 10,000–12,000 people marched.", "10,000–12,000", 10_000, 12_000, N, False, "count"),
    ("Police said 10,000 - 12,000 people marched.", "10,000 - 12,000", 10_000, 12_000, N, False, "count"),
    ("The repairs will cost 10 to 12 million dollars.", "10 to 12 million dollars", 1e7, 1.2e7, N, False, "USD"),
    ("Growth of 5 to 10% is forecast.", "5 to 10%", 5, 10, N, False, "percent"),
    ("Fines of between $1bn and $2bn are possible.", "between $1bn and $2bn", 1e9, 2e9, "between", False, "USD"),
    ("About 300 to 400 workers walked out.", "About 300 to 400", 300, 400, "about", True, "count"),
    ("Two or three boats capsized.", "Two or three", 2, 3, N, False, "count"),
    ("Forecasts ranging from 10 to 12 inches of snow.", "from 10 to 12 inches", 10, 12, "from", False, "in"),
    ("The van does 22-26 mpg in town.", "22-26 mpg", 22, 26, N, False, "mpg"),
    ("The kit uses a 20-40W heater.", "20-40W", 20, 40, N, False, "w"),
]

HEDGES = [
    ("At least 30 sailors were rescued.", "At least 30", 30, N, "at least", False, "count"),
    ("More than 40 shops closed.", "More than 40", 40, N, "more than", False, "count"),
    ("The blaze burned over 50 homes.", "over 50", 50, N, "over", False, "count"),
    ("The ferry carries up to 60 cars.", "up to 60", N, 60, "up to", False, "count"),
    ("Fewer than 70 voters turned up.", "Fewer than 70", N, 70, "fewer than", False, "count"),
    ("It took less than 80 minutes.", "less than 80 minutes", N, 80, "less than", False, "minutes"),
    ("About 90 delegates attended.", "About 90", 90, 90, "about", True, "count"),
    ("Around 100 trucks waited.", "Around 100", 100, 100, "around", True, "count"),
    ("Roughly 110 flights were cancelled.", "Roughly 110", 110, 110, "roughly", True, "count"),
    ("The storm felled some 120 trees.", "some 120", 120, 120, "some", True, "count"),
    ("Approximately 130 patients were moved.", "Approximately 130", 130, 130, "approximately", True, "count"),
    ("Nearly 140 schools shut.", "Nearly 140", 140, 140, "nearly", True, "count"),
    ("Almost 150 cattle drowned.", "Almost 150", 150, 150, "almost", True, "count"),
    ("As many as 160 miners are trapped.", "As many as 160", N, 160, "as many as", False, "count"),
    ("Losses could exceed 170 aircraft.", "could exceed 170", 170, N, "could exceed", False, "count"),
    ("An estimated 180 fishermen are missing.", "An estimated 180", 180, 180, "an estimated", True, "count"),
    ("Close to 190 lorries were stuck.", "Close to 190", 190, 190, "close to", True, "count"),
    ("Well over 200 firms signed.", "Well over 200", 200, N, "well over", False, "count"),
    ("Upwards of 210 volunteers helped.", "Upwards of 210", 210, N, "upwards of", False, "count"),
    ("No more than 220 guests are allowed.", "No more than 220", N, 220, "no more than", False, "count"),
    ("The vote needs 230 or more signatures.", "230 or more", 230, N, "or more", False, "count"),
    ("The crew of 40 or so sailors was safe.", "40 or so", 40, 40, "or so", True, "count"),
    ("Rents rose 30-plus percent.", "30-plus", 30, N, "-plus", False, "count"),
    ("Cooking takes ~25 minutes.", "~25 minutes", 25, 25, "~", True, "minutes"),
    ("The charge is just under 20 percent.", "just under 20 percent", N, 20, "just under", False, "percent"),
    ("The fine could reach more than $100 million.", "more than $100 million", 1e8, N, "more than", False, "USD"),
    ("Exactly 57 ballots were spoiled.", "Exactly 57", 57, 57, "exactly", False, "count"),
    ("Patients waited an average of 70 days.", "an average of 70 days", 70, 70, "an average of", False, "days"),
]

VAGUE = [
    ("Several hundred residents were evacuated.", "Several hundred", 200, 900, "several hundred", True, "count"),
    ("Hundreds of protesters gathered.", "Hundreds", 100, 1000, "hundreds", True, "count"),
    ("A few hundred fans stayed.", "A few hundred", 200, 500, "a few hundred", True, "count"),
    ("Dozens of cars were torched.", "Dozens", 12, 120, "dozens", True, "count"),
    ("Scores of villagers fled.", "Scores", 20, 200, "scores", True, "count"),
    ("Thousands of homes lost power.", "Thousands", 1000, 10_000, "thousands", True, "count"),
    ("Tens of thousands of people marched.", "Tens of thousands", 10_000, 100_000, "tens of thousands", True,
     "count"),
    ("Hundreds of thousands of people fled.", "Hundreds of thousands", 100_000, 1_000_000,
     "hundreds of thousands", True, "count"),
    ("Millions of viewers watched.", "Millions", 1_000_000, 10_000_000, "millions", True, "count"),
    ("Approximately half of the territory was retaken.", "Approximately half", 50, 50, "approximately", True,
     "percent"),
    ("Half the staff went on strike.", "Half", 50, 50, "half", True, "percent"),
    ("A third of the budget went on fuel.", "A third", 33.33, 33.33, "a third", True, "percent"),
    ("A quarter of the fleet is idle.", "A quarter", 25, 25, "a quarter", True, "percent"),
    ("A quarter of a million people fled.", "A quarter of a million", 250_000, 250_000, N, False, "count"),
    ("Two-thirds of voters backed it.", "Two-thirds", 66.67, 66.67, "two-thirds", True, "percent"),
    ("A handful of shops reopened.", "A handful", 2, 5, "a handful", True, "count"),
    ("A couple of drones were downed.", "A couple", 2, 2, "a couple", True, "count"),
    ("More than a dozen trawlers sank.", "More than a dozen", 12, N, "more than", True, "count"),
    ("Several thousand tonnes of grain rotted.", "Several thousand tonnes", 2000, 9000, "several thousand", True,
     "t"),
    ("One in five adults smokes.", "One in five", 20, 20, N, False, "percent"),
    ("Almost one in three homes is cold.", "Almost one in three", 33.33, 33.33, "almost", True, "percent"),
    ("Two out of 5 firms cut jobs.", "Two out of 5", 40, 40, N, False, "percent"),
    ("Doctors agreed in half of the cases.", "half", 50, 50, "half", True, "percent"),
    ("The fund spent 3/8 of the budget.", "3/8", 37.5, 37.5, N, False, "percent"),
    ("Only 3 of the crew survived.", "Only 3", 3, 3, "only", False, "count"),
]

UNITS = [
    ("Unemployment fell to 5 per cent.", "5 per cent", 5, 5, N, False, "percent"),
    ("Unemployment fell to 5 percent.", "5 percent", 5, 5, N, False, "percent"),
    ("The rate rose 2 percentage points.", "2 percentage points", 2, 2, N, False, "pp"),
    ("The bank cut rates by 25 basis points.", "25 basis points", 25, 25, N, False, "bp"),
    ("Troops seized 300 square kilometres.", "300 square kilometres", 300, 300, N, False, "km2"),
    ("Troops seized 300 square kilometers.", "300 square kilometers", 300, 300, N, False, "km2"),
    ("Troops seized 40 sq km.", "40 sq km", 40, 40, N, False, "km2"),
    ("Troops seized 5 km².", "5 km²", 5, 5, N, False, "km2"),
    ("Troops seized 3 km2 of land.", "3 km2", 3, 3, N, False, "km2"),
    ("The fire burned 200 acres.", "200 acres", 200, 200, N, False, "acre"),
    ("The fire burned 20 hectares.", "20 hectares", 20, 20, N, False, "ha"),
    ("The convoy drove 30 miles.", "30 miles", 30, 30, N, False, "mi"),
    ("The convoy drove 12 km.", "12 km", 12, 12, N, False, "km"),
    ("The bomb weighed 50 kg.", "50 kg", 50, 50, N, False, "kg"),
    ("Customs seized 3 tonnes of cocaine.", "3 tonnes", 3, 3, N, False, "t"),
    ("Gusts hit 60 mph on the coast.", "60 mph", 60, 60, N, False, "mph"),
    ("Gusts hit 90 km/h on the coast.", "90 km/h", 90, 90, N, False, "km/h"),
    ("Gusts hit 80 miles per hour.", "80 miles per hour", 80, 80, N, False, "mph"),
    ("The siege lasted three days.", "three days", 3, 3, N, False, "days"),
    ("The wall is 3m high.", "3m", 3, 3, N, False, "m"),
    ("About 2.5m households get help.", "About 2.5m", 2.5e6, 2.5e6, "about", True, "count"),
    ("The chip uses a 3nm process.", "3nm", 3, 3, N, False, "nm"),
    ("A sample of 45g was taken.", "45g", 45, 45, N, False, "g"),
    ("The stock fell 99c.", "99c", 99, 99, N, False, "cents"),
    ("The pipe is 10in wide.", "10in", 10, 10, N, False, "in"),
    ("The engine makes 300 horsepower.", "300 horsepower", 300, 300, N, False, "hp"),
    ("The index closed at 2,315 points.", "2,315 points", 2315, 2315, N, False, "points"),
    ("The reactor produces 1,000 MW.", "1,000 MW", 1000, 1000, N, False, "mw"),
    ("The plant opened a 10-year contract.", "10-year", 10, 10, N, False, "years"),
    ("Temperatures hit 40 degrees Celsius.", "40 degrees Celsius", 40, 40, N, False, "°c"),
    ("The pipeline carries 5,000 barrels a day.", "5,000 barrels", 5000, 5000, N, False, "barrels"),
    # crowns are money after a scale word; kroner always
    ("The plan will cost 1.5 billion crowns.", "1.5 billion crowns", 1.5e9, 1.5e9, N, False, "KR"),
    ("Repairs cost 900,000 kroner.", "900,000 kroner", 900000, 900000, N, False, "KR"),
    # and when there are more of them than anyone wins as titles, or they are a price per thing
    ("The fund has paid out 310,000 crowns.", "310,000 crowns", 310000, 310000, N, False, "KR"),
    ("The bounty rose to 75 crowns per fish.", "75 crowns", 75, 75, N, False, "KR"),
    ("She has won three crowns.", "three", 3, 3, N, False, "count"),
    # a currency after a hyphen is the amount's ("a 50,000-euro reward")
    ("A 50,000-euro reward was offered.", "50,000-euro", 50000, 50000, N, False, "EUR"),
    # speeds per second, and a speed at the end of a sentence
    ("It entered the atmosphere at 17 kilometres per second.", "17 kilometres per second", 17, 17, N, False,
     "km/s"),
    ("Gusts reached 120 km/h.", "120 km/h.", 120, 120, N, False, "km/h"),
    # "add up to" is a phrasal verb, not a ceiling
    ("The pledges now add up to 9,400 tonnes.", "9,400 tonnes", 9400, 9400, N, False, "t"),
]

ALL_CASES = DIGITS + WORDS_AND_SCALES + RANGES + HEDGES + VAGUE + UNITS


@pytest.mark.parametrize(("sentence", "text", "low", "high", "qualifier", "approx", "unit"), ALL_CASES)
def test_figure(nlp, sentence, text, low, high, qualifier, approx, unit):
    check(only(nlp, sentence), text, low, high, qualifier, approx, unit)


NOT_FIGURES = [
    # dates and years
    "The war began in 2022.",
    "Troops crossed the border in February 2022.",
    "The talks opened on January 11.",
    "The decree is dated 2024-12-17.",
    "Prices have doubled since 2020.",
    "The style was popular in the 1990s.",
    "The treaty was signed on 11 March 2019.",
    "Talks resume Oct. 31 in Geneva.",
    "The 2022 elections were disputed.",
    "The archive dates from 1685 onwards.",
    "Its 2018 sales were strong.",
    "Seas will rise by 2120, scientists warn.",
    "Sampling between 2014 and 2017 came back clean.",
    # times of day
    "The sirens sounded at 3pm.",
    "The sirens sounded at 3 pm.",
    "The meeting starts at 10:30.",
    "The shelling began at 8 a.m. local time.",
    "Polls close at 9 o'clock.",
    "The curfew starts at 0800.",
    # ages
    "A 12-year-old was hurt.",
    "A two-year-old was hurt.",
    "A twenty-one-year-old was hurt.",
    "A 12 year-old was hurt.",
    "The governor, 58, resigned.",
    "A man aged 34 was arrested.",
    "She joined the navy at age 21.",
    "The defendant was 45 years old.",
    "Pupils, aged four to 11, qualified for meals.",
    # phone numbers and addresses
    "Call the hotline on 202-555-0143.",
    "Call the office on (020) 7946 0958.",
    "Call +44 20 7946 0958 for details.",
    "Call tel 555 123 456 for details.",
    "The premier lives at 10 Downing Street.",
    "The firm leased 16-18 Industrial Avenue.",
    "The detective lived at 221B Baker St.",
    "Anyone who feels unwell should call the provincial health line at 811.",
    "Worried parents can ring the clinic on 111.",
    "The emergency number is 112.",
    "Anyone unwell should call the health line at 811 or their doctor.",
    # a time of day, an age in a closed list, a speaker
    "You'd see kids on bikes doing drops at 7 in the morning.",
    "The bar stays open until 11 at night.",
    "The dead were men aged 29, 41 and 52.",
    "Kids were dealing on the estate, one mother said.",
    # a list of four or more bare numbers: labels
    "The winning numbers - 5, 17, 23, 36, 42 and 47 - were drawn by machine.",
    "The numbers drawn were 3, 11, 19 and 44.",
    # designators
    "The rule is set out in section 5.",
    "The chart is on page 12.",
    "The treaty invokes Article 5.",
    "He sat in row 7.",
    "Read chapter 3 first.",
    "The bus left from platform 9.",
    "The ship is No. 10 in the list.",
    # product and model names
    "The firm unveiled its Model 7.",
    "She dropped her iPhone 11.",
    "The airline grounded its Boeing 737.",
    "The COVID-19 rules ended.",
    "The F-16 took off.",
    "The G7 met in Italy.",
    "The S&P 500 dipped.",
    "The 5G rollout stalled.",
    "Sales of 4K screens slowed.",
    "The COVID -19 rules ended.",
    # ordinals
    "It was the first attack.",
    "She finished 3rd in the race.",
    "The 21st brigade moved north.",
    # "one" as a pronoun
    "No one was hurt.",
    "The one who called left.",
    # scores, list markers, decades
    "Leeds won 3-1 at home.",
    "1. Introduction",
    "Unemployment peaked in the 90s.",
    "Output fell in the first half of 2024.",
    "The feud lasted a quarter of a century.",
    "Between 2019 and 2021 the rules changed.",
    "The intrusion took place between 14 and 19 August.",
    "The diver who died was named as Tomas Weir, 37.",
    # vague words that are too vague to check
    "Several people were hurt.",
    "A few shops were looted.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_a_figure(nlp, sentence):
    found = figures(nlp, sentence)
    assert found == [], [m.figure.text for m in found]


def test_numbers_beside_non_figures_are_still_found(nlp):
    found = figures(nlp, "In 2022, 30 soldiers died at 3pm in section 5, and the governor, 58, counted 40 more.")
    assert [m.figure.text for m in found] == ["30", "40"]


@pytest.mark.parametrize("sentence", [
    "Police arrested 5, 17, 23 and 40 people over four days.",  # a noun after the last
    "Turnout was 15, 17, 23 and 36% in the four wards.",  # a unit after the last
    "The branches cut 5, 17 and 23 posts.",  # three: a list too short to be labels
    "Sales grew by 5, 17, 23 and 36 units.",
    "Police in Leeds, York, Hull and Derby arrested 5, 12, 17 and 23 respectively.",  # a verb counts them
    "Attacks on the four villages killed 5, 12, 17 and 23.",
])
def test_a_list_of_counts_keeps_its_figures(nlp, sentence):
    assert len(figures(nlp, sentence)) >= 3


def test_from_to_is_one_figure_spanning_the_change(nlp):
    check(only(nlp, "The range grew from 310 to 345 miles."), "from 310 to 345 miles", 310, 345, "from", False, "mi")
    check(only(nlp, "Growth slowed from 4.8 to 4.7 percent."), "from 4.8 to 4.7 percent", 4.7, 4.8, "from", False,
          "percent")
    check(only(nlp, "Sales rose from 10 to 12 million dollars."), "from 10 to 12 million dollars", 1e7, 1.2e7,
          "from", False, "USD")
    assert figures(nlp, "Talks run from 9 am to 5 pm, from 2019 to 2021.") == []
    check(only(nlp, "The tally is up from 30."), "30", 30, 30, N, False, "count")


def test_rose_to_from(nlp):
    found = figures(nlp, "The toll rose to 47 from 31.")
    assert [(m.figure.low, m.figure.high) for m in found] == [(47, 47), (31, 31)]


def test_several_figures_in_text_order_without_overlap(nlp):
    text = "At least 30 soldiers died, about 1,180 square kilometres were lost and $4.2bn was pledged."
    found = figures(nlp, text)
    assert [m.figure.text for m in found] == ["At least 30", "about 1,180 square kilometres", "$4.2bn"]
    ends = [m.end for m in found]
    starts = [m.start for m in found]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    for m in found:
        assert text[m.start_char:m.end_char] == m.figure.text


def test_span_and_anchor(nlp):
    doc = nlp("Officials said at least 30 soldiers were killed.")
    (m,) = find_figures(doc)
    assert (m.start, m.end) == (2, 5)
    assert doc[m.anchor].text == "30"
    assert doc[m.anchor].head.text == "soldiers"
    assert not m.unit_explicit


def test_anchor_is_the_last_quantity_token(nlp):
    doc = nlp.make_doc("They pledged 40 million euros.")
    (m,) = find_figures(doc)
    assert doc[m.anchor].text == "million"
    assert m.unit_explicit
    doc = nlp.make_doc("Between 500 and 700 families fled.")
    (m,) = find_figures(doc)
    assert doc[m.anchor].text == "700"


def test_parenthetical_conversion_shares_the_hedge(nlp):
    found = figures(nlp, "The engine makes just under 296 hp (224 kW).")
    assert [(m.figure.low, m.figure.high, m.figure.unit) for m in found] == [(N, 296, "hp"), (N, 224, "kw")]


def test_designator_words_before_a_measure_or_scale_do_not_block(nlp):
    found = figures(nlp, "The sector 0.68 percent lower, trading volume 30 million, 24 hrs, 30 local residents.")
    assert [(m.figure.low, m.figure.unit) for m in found] == [(0.68, "percent"), (3e7, "count"), (24, "hours"),
                                                               (30, "count")]


def test_hedge_is_not_carried_across_words(nlp):
    found = figures(nlp, "At least 30 died and 40 were hurt.")
    assert [(m.figure.low, m.figure.high) for m in found] == [(30, N), (40, 40)]


def test_years_in_a_between_range_but_counts_after_them(nlp):
    found = figures(nlp, "Between 2019 and 2021, 300 people died; between 1500 and 2000 troops moved.")
    assert [(m.figure.text, m.figure.low, m.figure.high) for m in found] == [
        ("300", 300, 300), ("between 1500 and 2000", 1500, 2000)]


def test_year_or_count(nlp):
    assert [m.figure.low for m in figures(nlp, "The raid killed 2000 people in 2015.")] == [2000]


def test_vague_bounds_support_the_verdicts(nlp):
    several = only(nlp, "The army took several hundred square kilometres.")
    assert several.unit == "km2"
    assert several.high < 1243 * 0.9
    hundreds = only(nlp, "Hundreds of soldiers died.")
    at_least = only(nlp, "At least 30 soldiers died.")
    assert hundreds.low >= at_least.low
    assert at_least.high is None


def test_figure_json_round_numbers(nlp):
    fig = only(nlp, "The fund raised $4.2bn.")
    assert fig.to_json() == {"text": "$4.2bn", "low": 4200000000, "high": 4200000000, "qualifier": None,
                             "approx": False, "unit": "USD"}


def test_parser_is_cached_per_vocab_and_refuses_another_vocab(nlp):
    import spacy

    assert parser_for(nlp.vocab) is parser_for(nlp.vocab)
    other = spacy.blank("en")
    with pytest.raises(ValueError, match="another Vocab"):
        FigureParser(nlp.vocab).find(other.make_doc("30 soldiers"))
    assert [m.figure.low for m in find_figures(other.make_doc("30 soldiers"))] == [30]


def test_empty_and_numberless_docs(nlp):
    assert figures(nlp, "") == []
    assert figures(nlp, "The talks ended without agreement.") == []


def test_a_long_article_is_read_whole(nlp):
    # speed is measured in scripts/bench_engine.py, not here; this checks nothing is lost on a long text
    text = ("Officials said at least 30 soldiers were killed and about 1,180 square kilometres were lost, "
            "while between 500 and 700 families fled on January 11 at 3pm. ") * 400
    doc = nlp.make_doc(text)
    found = parser_for(nlp.vocab).find(doc)
    assert len(found) == 3 * 400
    assert {m.figure.text for m in found} == {"at least 30", "about 1,180 square kilometres", "between 500 and 700"}


@pytest.mark.parametrize(("text", "low", "unit"), [
    # "m" glued to a number is millions before what is counted or done, and in an age in years
    ("An average of 8.1m watched the final.", 8.1e6, "count"),
    ("The tracks were made 166m years ago.", 166e6, "count"),
    ("About 2.5m households lost power.", 2.5e6, "count"),
    ("It still loses 182m litres a day.", 182e6, "count"),
    ("The wall is 3m high.", 3, "m"),
    ("The yacht was moored 40m offshore.", 40, "m"),
])
def test_m_is_millions_or_metres(nlp, text, low, unit):
    fig = only(nlp, text)
    assert (fig.low, fig.unit) == (low, unit)



def test_a_change_by_an_amount_to_a_level_is_two_figures(nlp):
    found = figures(nlp, "The average bill will go up by £86 to £624 a year.")
    assert [(m.figure.low, m.figure.high) for m in found] == [(86, 86), (624, 624)]
    ranged = only(nlp, "Temperatures dropped by 1 to 1.5 degrees Celsius.")
    assert (ranged.low, ranged.high) == (1, 1.5)  # a unit written once spans both: a range



@pytest.mark.parametrize(("text", "lows"), [
    # counts that only look like times, calls or a change to a level
    ("Police arrested 11 in the morning and 4 in the afternoon.", [11, 4]),
    ("The hotline's waiting list stood at 340.", [340]),
    ("Fares will rise by 3% to 5%.", [3]),
    ("The town will build a 25m heated pool.", [25]),
])
def test_counts_that_look_like_times_calls_or_levels(nlp, text, lows):
    assert [m.figure.low for m in figures(nlp, text)] == lows


@pytest.mark.parametrize("text", [
    "He lived at 12 Upper Ashby Road, aged 34, from May 3, 2019 to 2021 - 22, at 3 p.m. daily.",
    "12 - 14 Old Kent Road Street Lane Avenue was sold for $3m; see No. 5, #7 and section 4 - 6.",
    "John Smith, 22, and Tom Reyes (23) were hurt in the 1990s, police said in their 40s.",
])
def test_the_blockers_run_on_the_stretches_around_numbers_find_what_they_find_over_the_whole_doc(nlp, text):
    parser = parser_for(nlp.vocab)
    doc = nlp.make_doc(text)
    numbers = [t.i for t in doc if t.like_num or any(ch.isdigit() for ch in t.text)]
    def covering(matches):  # the matches that block a number, in order
        return [m for m in matches if any(m[1] <= k < m[2] for k in numbers)]

    every = covering(parser._blockers(doc))
    assert every  # the texts hold blocked numbers
    assert covering(parser._blocker_matches(doc, numbers)) == every


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    # a duration written in two units is one figure in the larger
    ("She swam the strait in 14 hours 12 minutes.", "14 hours 12 minutes", 14.2, "hours"),
    ("He finished in 2 hours and 30 minutes.", "2 hours and 30 minutes", 2.5, "hours"),
    ("The outage lasted 3 hours 15 minutes.", "3 hours 15 minutes", 3.25, "hours"),
])
def test_a_duration_in_two_units_is_one_figure(nlp, sentence, text, value, unit):
    fig = only(nlp, sentence)
    assert (fig.text, fig.unit) == (text, unit)
    assert fig.low == pytest.approx(value)
    assert fig.high == pytest.approx(value)


def test_two_durations_that_are_not_one_stay_two(nlp):
    # a second part as large as the first unit, or hedged, is another figure
    assert len(figures(nlp, "It took 3 hours, 90 minutes more than planned.")) == 2
    assert len(figures(nlp, "Waits were 14 hours and about 20 minutes for a bed.")) == 2
    # a list, a rate and "respectively" keep their parts apart
    assert len(figures(nlp, "Delays of 2 hours, 30 minutes and 45 minutes were reported.")) == 3
    assert len(figures(nlp, "The clinic is open seven days, 12 hours a day.")) == 2
    assert len(figures(nlp, "The two were jailed for 10 years and 9 months respectively.")) == 3
