"""Claims on articles of our own writing, in several domains.

Each test reads a short article through the real engine (real spaCy pipeline)
and checks the claims a reader would list: the figure with its hedge, the
measure, the subject and who says it.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.engine.types import Article, SourceInfo


def claims_of(engine, text, published=None):
    return engine.extract(Article(text=text, source=SourceInfo(published=published)))


def find(claims, figure_text):
    hits = [c for c in claims if figure_text in c.figure.text]
    assert hits, f"no claim with figure {figure_text!r}; got {[c.figure.text for c in claims]}"
    return hits[0]


DISASTER = """Earthquake kills dozens in Tarsen province
At least 42 people were killed and more than 300 were injured when the quake struck on Tuesday, the national disaster agency said.
Rescue workers said about 1,200 residents had been evacuated from the town of Velmar.
A child was killed when a school wall collapsed, police said.
"""  # noqa: E501 - an article is one paragraph a line, as pasted


def test_disaster_toll(engine):
    claims = claims_of(engine, DISASTER, date(2025, 3, 6))
    killed = find(claims, "At least 42")
    assert (killed.measure, killed.figure.low, killed.figure.high) == ("killed", 42, None)
    assert killed.figure.qualifier == "at least"
    assert killed.figure.unit == "people"
    assert "people" in killed.subject
    assert "disaster agency" in killed.claimant
    injured = find(claims, "more than 300")
    assert injured.measure == "injured"
    assert injured.figure.low == 300
    assert injured.figure.high is None
    assert "disaster agency" in injured.claimant
    evac = find(claims, "1,200")
    assert evac.measure == "evacuated"
    assert evac.figure.approx
    assert "residents" in evac.subject
    assert evac.claimant == "Rescue workers"
    child = find(claims, "A child")
    assert child.measure == "killed"
    assert child.figure.low == child.figure.high == 1
    assert child.period == "one incident"  # not a running toll: never compared with the 42
    assert child.claimant == "police"


PROTEST = """Tens of thousands of people marched through central Dorvik on Saturday, organisers said, while police put the crowd at 18,000.
Police said 27 protesters were arrested after clashes near the parliament building.
"""  # noqa: E501 - an article is one paragraph a line, as pasted


def test_protest_crowd_sizes_keep_their_claimants(engine):
    claims = claims_of(engine, PROTEST)
    big = find(claims, "Tens of thousands")
    assert big.measure == "attendance"
    assert big.figure.approx
    assert big.figure.low >= 10_000
    assert big.claimant == "organisers"
    police = find(claims, "18,000")
    assert police.measure == "attendance"
    assert police.figure.low == police.figure.high == 18_000
    assert police.claimant == "police"
    arrests = find(claims, "27")
    assert arrests.measure == "arrested"
    assert "protesters" in arrests.subject
    assert arrests.claimant == "Police"


ECONOMY = """Estmark inflation rose to 4.2% in October from 3.9% in September, the national statistics office said.
Estmark unemployment fell to 5.1%, the lowest level since 2019.
"""


def test_economic_release_rates_and_subjects(engine):
    claims = claims_of(engine, ECONOMY)
    infl = find(claims, "4.2%")
    assert infl.measure == "inflation"
    assert infl.figure.unit == "percent"
    assert infl.figure.low == 4.2
    assert "Estmark" in infl.subject
    assert "statistics office" in infl.claimant
    unemp = find(claims, "5.1%")
    assert unemp.measure == "unemployment"
    assert "Estmark" in unemp.subject
    # 2019 is a year, not a figure
    assert not any("2019" in c.figure.text for c in claims)


COMPANY = """Norvia Motors said on Thursday it would cut 1,200 jobs after quarterly revenue fell 8% to $4.2bn.
The carmaker employs about 38,000 people worldwide.
"""


def test_company_news_jobs_and_money(engine):
    claims = claims_of(engine, COMPANY)
    jobs = find(claims, "1,200")
    assert jobs.measure == "jobs"
    assert jobs.claimant == "Norvia Motors"
    rev = find(claims, "$4.2bn")
    assert rev.measure == "revenue"
    assert rev.figure.unit == "USD"
    assert rev.figure.low == 4.2e9
    change = find(claims, "8%")
    assert change.measure == "revenue fall"
    assert change.figure.unit == "percent"
    staff = find(claims, "38,000")
    assert staff.measure == "workforce"
    assert staff.figure.approx


CONFLICT = """Velan troops suffer losses near Kalvik
The Ostrian army said its forces had killed 50 Velan soldiers and wounded another 47 within three days of fighting.
Velan's defence ministry said it had sent some 5,000 troops to the border region, according to state media.
On Monday, two Velan soldiers were killed or wounded in shelling near Kalvik, a local official said.
"""


def test_conflict_measures_periods_and_claimants(engine):
    claims = claims_of(engine, CONFLICT)
    killed = find(claims, "50")
    assert killed.measure == "killed"
    assert killed.period == "3 days"
    assert "Velan soldiers" in killed.subject
    assert "Ostrian army" in killed.claimant
    wounded = find(claims, "47")
    assert wounded.measure == "injured"
    assert "soldiers" in wounded.subject
    sent = find(claims, "5,000")
    assert sent.measure == "deployed"
    assert sent.figure.approx
    assert "troops" in sent.subject
    both = find(claims, "two")
    assert both.measure == "casualties"
    assert both.figure.low == 2
    assert both.period is None
    # "three days" is the period of the first claims, not a claim of its own
    assert not any(c.figure.text.startswith("three") for c in claims)


def test_cited_claimant_keeps_the_chain(engine):
    text = (
        "About 800 fighters were killed in the battle for Gorran, the Daily Ledger reported, "
        "citing regional officials.\n"
    )
    claim = find(claims_of(engine, text), "About 800")
    assert claim.measure == "killed"
    assert claim.claimant_chain == ("the Daily Ledger", "regional officials")
    assert claim.claimant == "the Daily Ledger, citing regional officials"


def test_a_claimant_is_cut_at_a_clause_on_any_word_and_acts_are_no_reports(engine):
    text = ("Parents at Hallam Lane, where 30 classrooms built in 1962 are to close, said they would appeal.\n"
            "The merger will put 210 people out of work. Officials put the cost at £4m.\n")
    claims = claims_of(engine, text)
    assert find(claims, "30").claimant == "Parents at Hallam Lane"
    assert find(claims, "210").claimant is None  # putting people out of work reports nothing
    assert find(claims, "£4m").claimant == "Officials"  # putting a figure at a level does
    mayor = claims_of(engine, "The mayor of Springfield, Illinois, said 40 homes were flooded.\n")
    assert find(mayor, "40").claimant == "The mayor of Springfield, Illinois"
    # an apposition the parser hangs on the speaker after the verb is not part of the speaker's name
    award = claims_of(engine, "Ana Ruiz has been awarded €900,000 in compensation, the justice ministry said on "
                              "Tuesday, the largest payout in its history.\n")
    assert find(award, "€900,000").claimant == "the justice ministry"
    assert find(award, "€900,000").measure == "compensation"  # the amount "in" a money noun is that money


def test_attribution_in_the_next_sentence(engine):
    text = (
        "Around 600 soldiers were killed in the fighting near Orvel. "
        "This information was reported by the Morning Post, citing unnamed officials.\n"
    )
    claim = find(claims_of(engine, text), "Around 600")
    assert claim.claimant_chain == ("the Morning Post", "unnamed officials")


def test_implicit_subject_is_resolved_from_the_article(engine):
    text = (
        "Velan soldiers have been fighting near Kalvik since March.\n"
        "Officials said 120 Velan soldiers were killed in the assault. "
        "Another 30 troops were captured on Sunday, the army said.\n"
    )
    claims = claims_of(engine, text)
    captured = find(claims, "30")
    assert captured.measure == "captured"
    assert "Velan" in captured.subject


def test_no_claims_from_boilerplate_or_non_figures(engine):
    text = (
        "The council met on 12 March 2024 at 10:30 in Room 4 of the town hall on 22 Mill Street.\n"
        "The mayor, 58, said the plan would be reviewed in section 5 of the report.\n"
        "Leave a Reply\n"
        "I am Sam Reed, a journalist and writer. I have been writing for the Gazette since 2015, with 300 stories.\n"
    )
    assert claims_of(engine, text) == []


def test_offsets_point_into_the_article(engine):
    claims = claims_of(engine, DISASTER)
    for c in claims:
        assert DISASTER[c.start : c.end] == c.sentence
        assert c.start <= c.figure_start < c.figure_end <= c.end
    assert all(c.subject_terms for c in claims if c.subject)


def test_a_headline_repeating_the_lead_is_one_claim(engine):
    text = (
        "Storm leaves at least 8 dead in Harlow\n"
        "At least 8 people were killed when the storm hit Harlow on Friday, the mayor said.\n"
    )
    claims = claims_of(engine, text)
    eights = [c for c in claims if c.figure.low == 8]
    assert len(eights) == 1
    assert eights[0].claimant == "the mayor"  # the attributed body claim is the one kept


OUTBREAK = """Cholera spreads in Dunmore
At least 230 people have died of cholera in Dunmore since January, the World Health Organization said on Friday.
Two people were killed and five others injured in a shooting at a market in Brisk, police said.
Turnout in the Dunmore election was 61.4%, the electoral commission said, down from 66% in 2019.
The firm reported a net loss of £12.3m for the six months to June.
"""


def test_running_totals_earlier_levels_and_others(engine):
    claims = claims_of(engine, OUTBREAK, date(2025, 5, 2))
    deaths = find(claims, "At least 230")
    assert deaths.measure == "killed"
    assert deaths.date is None
    others = find(claims, "five")
    assert others.measure == "injured"
    assert others.figure.unit == "people"
    assert others.subject == "people"
    now, before = find(claims, "61.4%"), find(claims, "66%")
    assert now.measure == before.measure == "turnout"  # "down from 66%" is the earlier level of the same measure
    loss = find(claims, "£12.3m")
    assert loss.measure == "losses"
    assert loss.figure.unit == "GBP"
    assert loss.period == "6 months"


def test_a_national_adverbial_makes_a_figure_the_countrys(engine):
    text = ("Dengue cases climb to 640 in Ostrava district\n"
            "Health officials said dengue cases in the district had climbed to 640.\n"
            "Nationally, 9,300 cases have been recorded this year, the ministry said.\n"
            "Across the country, hospitals have admitted 1,150 patients with the fever.\n")
    claims = claims_of(engine, text, date(2025, 8, 4))
    assert find(claims, "9,300").location == "nationwide"
    assert find(claims, "1,150").location == "nationwide"
    assert find(claims, "640").location != "nationwide"


@pytest.mark.parametrize(("text", "figure", "location"), [
    # a wider area named by its kind, and a country the tagger took for an organisation
    ("Across the state, 63 invasive cases have been reported this winter.", "63", "state"),
    ("Statewide, 412 nests were destroyed.", "412", "state"),
    ("Across England, 91 nests have been destroyed this year.", "91", "England"),
])
def test_a_wider_area_gives_a_figure_its_place(engine, text, figure, location):
    assert find(claims_of(engine, text + "\n"), figure).location == location


def test_a_common_noun_the_tagger_took_for_a_place_places_nothing(engine):
    # a place's name is written with a capital: "in bribes" is what he took it in
    assert find(claims_of(engine, "Former council leader took £340,000 in bribes, jury hears\n"), "£340,000") \
        .location is None
    assert find(claims_of(engine, "Five people were killed in Kabul.\n"), "Five").location == "Kabul"


def test_an_amount_paid_for_a_thing_is_about_the_thing(engine):
    claims = claims_of(engine, "The owner has agreed to sell the building to the community for £340,000.\n")
    assert (find(claims, "£340,000").measure, find(claims, "£340,000").subject) == ("price", "building")


def test_the_article_is_about_a_name_not_the_question_its_headline_asks():
    from bot.engine.claims import article_about
    text = ("Was Okafor v Brandt really a record-breaker?\n\nA week on from Okafor's win, the fight's numbers are "
            "under scrutiny.\n\nThe crowd of 62,000 is not in doubt, Okafor's promoters said.")
    assert article_about(None, text) == "Okafor"


def test_a_name_never_runs_from_the_headline_into_the_text(engine):
    text = "Villagers buy the Plough\n\nResidents of Ashby Fold raised £392,000 to buy the Plough.\n"
    assert "\n" not in find(claims_of(engine, text), "£392,000").subject


def test_a_part_lends_its_total_no_subject(engine):
    claims = claims_of(engine, "Twenty-six were injured, including four cabin crew.\n")
    assert find(claims, "Twenty-six").subject != "cabin crew"
    assert find(claims, "four").subject == "cabin crew"


def test_a_group_written_before_a_bare_number_is_its_subject(engine):
    claims = claims_of(engine, "Of the 34 runners that set off, only 14 completed the course over 30 fences.\n")
    assert find(claims, "only 14").subject == "runners"


@pytest.mark.parametrize(("text", "figure", "location"), [
    # a clause about another party does not place the figure; a clause about the event does
    ("The fire, which broke out at a warehouse in Leeds, caused £2m of damage.", "£2m", "Leeds"),
    ("Twelve people died as fighting raged in Khartoum.", "Twelve", "Khartoum"),
    ("Voltaro, which builds buses at plants in Augsburg, reported revenue of 310 million euros.",
     "310 million euros", None),
    ("Five people were killed when a bomb exploded in Kabul.", "Five", "Kabul"),
    ("The 43 people killed in Kabul were buried on Friday.", "43", "Kabul"),
])
def test_a_clause_aside_does_not_place_the_figure(engine, text, figure, location):
    assert find(claims_of(engine, text + "\n"), figure).location == location


def test_a_wider_area_of_the_storys_own_kind_is_the_story(engine):
    from bot.engine.subjects import analyse_subject, discriminator

    county = find(claims_of(engine, "Carver County cases rise to 26\nCases in the county rose to 26.\n"), "26")
    across = find(claims_of(engine, "Across the county, 26 cases have been confirmed.\n"), "26")
    state = find(claims_of(engine, "Across the state, 63 cases have been confirmed.\n"), "63")
    parts = {id(c): analyse_subject(c.subject, c.entities) for c in (county, across, state)}
    story = ["Carver County"]
    assert discriminator(county, parts[id(county)], across, parts[id(across)], story) is None
    assert discriminator(county, parts[id(county)], state, parts[id(state)], story) is not None
    # of a story about "Texas" the kind of place is unknown: a statewide figure is not set apart
    assert discriminator(county, parts[id(county)], state, parts[id(state)], ["Texas"]) is None


@pytest.mark.parametrize(("text", "now", "before", "measure"), [
    # the level a figure is set against is the same measure, however the comparison is written
    ("Turtles laid 1,240 nests this summer, up from 870 last year.", "1,240", "870", "nests laid"),
    ("The revised plan will save £1.1m a year, rather than the £1.8m first proposed.", "£1.1m", "£1.8m", "savings"),
    # "from X ... to Y": the new level, however the old one is dated ("in 2016" is no range's start)
    ("The colonies shrank from 15,300 breeding pairs in 2016 to 8,900 this year.", "8,900", "15,300",
     "breeding pairs"),
    # a level named by a noun ("a peak of", "a high of"), and a count of people against a bare count
    ("About 9,000 homes were still without power, down from a peak of roughly 60,000.", "About 9,000",
     "roughly 60,000", "without power"),
])
def test_an_earlier_or_replaced_level_is_the_same_measure(engine, text, now, before, measure):
    claims = claims_of(engine, text + "\n")
    assert find(claims, now).measure == find(claims, before).measure == measure


def test_a_country_at_the_end_of_a_company_name_is_the_name(engine):
    from bot.engine.places import Places

    places = Places.load()
    assert places.normalise("Cyclo UK staff") == "Cyclo UK staff"
    assert places.normalise("BP America") == "BP America"
    assert places.normalise("North Korea's troops") == "North Korean troops"
    text = ("Pedl operator plans more e-bikes\n"
            "Cyclo UK plans to add 600 electric bikes to the Pedl scheme, the company said.\n"
            "The operator said 640 bikes had been written off last year.\n")
    assert all("British" not in c.subject for c in claims_of(engine, text))
