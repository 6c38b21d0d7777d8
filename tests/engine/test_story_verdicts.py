"""Verdicts within a story: same measure = same quantity, unless something tells them apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import count

import pytest

from bot.engine.types import Claim, Figure, SourceInfo, StoredClaim, StoredSource, Verdict
from bot.engine.verdicts import VerdictPolicy, is_increment, judge

M, C, U = Verdict.MATCHING, Verdict.CONFLICTING, Verdict.UNVERIFIED
POLICY = VerdictPolicy()
PLACES = frozenset({"orra province", "orra"})
_ids = count(1)


def claim(value: float, *, measure: str = "killed", subject: str = "", location: str | None = None,
          period: str | None = None, on: date | None = None, unit: str = "people", entities=(),
          sentence: str | None = None, text: str | None = None) -> Claim:
    text = text or f"{value:g}"
    sentence = sentence or f"Officials said {text} {subject or 'people'} were {measure}."
    start = sentence.find(text)
    return Claim(sentence=sentence, figure=Figure(text=text, low=value, high=value, unit=unit), measure=measure,
                 subject=subject, location=location, period=period, date=on, start=0, end=len(sentence),
                 figure_start=start, figure_end=start + len(text), entities=tuple(entities))


def stored(c: Claim, *, published: date = date(2026, 3, 1)) -> StoredClaim:
    n = next(_ids)
    src = StoredSource(id=n, info=SourceInfo(workspace="w", outlet=f"Outlet {n}", published=published,
                                             text_hash=f"h{n}"), created_at=datetime(2026, 3, 1, tzinfo=UTC))
    return StoredClaim(id=n, claim=c, source=src)


def verdict(new: Claim, *old: Claim, places=PLACES) -> Verdict:
    return judge(new, [stored(o) for o in old], policy=POLICY, published=date(2026, 3, 2),
                 story_places=places).verdict


def test_differently_worded_or_empty_subjects_are_one_quantity_in_a_story():
    old = claim(3.1, measure="inflation", unit="percent", subject="Estmark's annual inflation rate")
    assert verdict(claim(3.1, measure="inflation", unit="percent", subject="Inflation in Estmark"), old) is M
    assert verdict(claim(3.4, measure="inflation", unit="percent", subject=""), old) is C
    assert verdict(claim(19, subject=""), claim(19, subject="people")) is M


def test_annual_on_one_side_only_is_no_discriminator_but_two_periods_are():
    old = claim(3.1, measure="inflation", unit="percent", period="a year")
    assert verdict(claim(3.1, measure="inflation", unit="percent"), old) is M
    assert verdict(claim(0.4, measure="inflation", unit="percent", period="a month"), old) is U


def test_a_count_over_a_period_is_not_the_running_toll():
    assert verdict(claim(12, period="24 hours"), claim(300)) is U


def test_no_earlier_claim_of_the_measure_is_unverified():
    assert verdict(claim(19), claim(2400, measure="evacuated")) is U
    assert verdict(claim(19)) is U


def test_a_place_inside_the_story_is_not_the_whole():
    quake = claim(214, location="Orra province")
    assert verdict(claim(3, location="Tessun"), quake) is U
    assert verdict(claim(3, location="Tessun"), claim(214)) is U  # the toll without a place is the story's
    assert verdict(claim(210), quake) is C  # the story's own place is no discriminator
    assert verdict(claim(3, location="Tessun"), claim(4, location="Tessun")) is C


def test_a_street_says_where_it_happened_not_a_part_of_the_story():
    raid = claim(6, measure="robbers", subject="men", location="Harwick")
    raid = replace(raid, figure=Figure(text="at least six", low=6, high=None, qualifier="at least", unit="people"))
    harwick = frozenset({"harwick"})
    assert verdict(claim(7, measure="robbers", subject="men", location="Fenmore Road"), raid, places=harwick) is M
    assert verdict(claim(5, measure="robbers", subject="men", location="Fenmore Road"), raid, places=harwick) is C
    # only the street is cleared: another town is still another place
    assert verdict(claim(2, location="Fenmore Road"), claim(5, location="Bradford"), places=harwick) is U
    assert verdict(claim(3, location="Tessun"), claim(214, location="Orra province")) is U  # a town still is a part


def test_a_venue_says_where_it_happened_not_a_part_of_the_story():
    crowd = claim(62_000, measure="attendance", subject="fans")
    assert verdict(claim(62_000, measure="attendance", location="Marlow Stadium"), crowd) is M
    assert verdict(claim(55_000, measure="attendance", location="Harlow Arena"), crowd) is C
    # a district named like a venue is still a part of the story's place ("Lincoln Park" in a Chicago story)
    assert verdict(claim(6, measure="shot", location="Lincoln Park"), claim(20, measure="shot")) is U


def test_a_yearly_rate_that_is_a_plan_is_not_last_years_figure():
    last_year = claim(25e6, measure="handled", unit="count", on=date(2025, 1, 1))
    plan = claim(40e6, measure="handled", unit="count", period="a year",
                 sentence="The airport expects to handle 40 million passengers a year once a second runway opens.")
    assert verdict(plan, last_year) is U


def test_two_increments_of_a_running_toll_are_two():
    def more(day: date, said: str) -> Claim:
        return claim(12, text="12", on=day, sentence=f"{said} 12 deaths from cholera were recorded in Marsa.")
    assert verdict(more(date(2026, 3, 3), "A further"), more(date(2026, 3, 2), "Another")) is U


def test_a_part_named_with_including_is_no_total():
    part = claim(4, measure="injured", subject="cabin crew",
                 sentence="Twenty-six were injured, including four cabin crew.", text="four")
    assert verdict(part, claim(26, measure="injured", subject="people")) is U


def test_people_named_by_their_employment_or_as_members_are_one_group():
    held = {"measure": "hostages"}
    assert verdict(claim(11, subject="employees", **held), claim(9, subject="members", **held)) is C
    assert verdict(claim(11, subject="staff", **held), claim(11, subject="employees", **held)) is M
    assert verdict(claim(11, subject="workers", **held), claim(9, subject="customers", **held)) is U


def test_sides_and_candidates_are_told_apart():
    assert verdict(claim(300, subject="North Korean troops"), claim(1200, subject="Russian troops")) is U
    votes = {"measure": "votes", "unit": "count"}
    assert verdict(claim(41_200, subject="votes for Ilse Marant", entities=("Ilse Marant",), **votes),
                   claim(38_900, subject="votes for Tomas Ferrell", entities=("Tomas Ferrell",), **votes)) is U
    assert verdict(claim(41_200, subject="Marant's votes", entities=("Marant",), **votes),
                   claim(43_917, subject="votes for Ilse Marant", entities=("Ilse Marant",), **votes)) is C


def test_a_part_is_not_the_whole():
    assert verdict(claim(40, subject="children"), claim(214, subject="people")) is U
    assert verdict(claim(90, subject="civilians"), claim(214, subject="")) is C  # an empty subject tells nothing
    assert verdict(claim(90, subject="civilians"), claim(214, subject="people")) is U
    jobs = {"measure": "jobs", "unit": "count"}
    assert verdict(claim(900, subject="job cuts", **jobs), claim(31_000, subject="workforce", **jobs)) is U


def test_different_reference_dates_are_different_observations():
    march = claim(3.1, measure="inflation", unit="percent", on=date(2026, 3, 1))
    assert verdict(claim(2.8, measure="inflation", unit="percent", on=date(2026, 4, 1)), march) is U
    # a later date of a running toll is an update of the same count: compared
    assert verdict(claim(25, on=date(2026, 3, 2)), claim(19, on=date(2026, 3, 1))) is C


def test_more_bodies_add_to_the_toll_instead_of_conflicting():
    toll = claim(19)
    more = claim(6, text="six more", sentence="Rescuers recovered six more bodies on Tuesday.")
    assert is_increment(more)
    assert not is_increment(toll)
    check = judge(more, [stored(toll)], policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is U
    assert check.note is not None
    assert "25 in all" in check.note
    # and an earlier increment is never evidence against a total
    assert verdict(claim(25), more) is U


@pytest.mark.parametrize("text", ["another 12", "a further 12"])
def test_increments_written_before_the_figure(text):
    c = claim(12, text="12", sentence=f"Officials said {text} people were killed.")
    assert is_increment(c)


def test_others_besides_those_named_are_an_increment():
    sites = claim(3, measure="sites", unit="count", text="three",
                  sentence="Stations are open at the leisure centre and at three other sites.")
    assert is_increment(sites)
    assert verdict(claim(4, measure="sites", unit="count"), sites) is U


def test_an_increment_reported_again_matches_and_another_is_no_contradiction():
    def extra(n: int, said: str) -> Claim:
        return claim(n, measure="recruited", text=f"{n:,}",
                     sentence=f"The company said it {said} {n:,} extra delivery staff.")
    earlier = extra(1100, "would recruit")
    assert is_increment(earlier)
    check = judge(extra(1100, "was recruiting"), [stored(earlier)], policy=POLICY, published=date(2026, 3, 2),
                  story_places=PLACES)
    assert check.verdict is M
    assert [ev.stored.claim.figure.low for ev in check.evidence] == [1100]
    assert verdict(extra(900, "was recruiting"), earlier) is U  # a new increment: it adds, it contradicts nothing
    # outside a story, an increment stays unverified: whose increment it is is unknown
    assert judge(extra(1100, "was recruiting"), [stored(earlier)], policy=POLICY,
                 published=date(2026, 3, 2)).verdict is U


def test_a_yearly_rate_is_the_last_years_figure_too():
    last_year = claim(6.7e9, measure="letters", unit="count", on=date(2025, 1, 1))
    rate = claim(6.7e9, measure="letters", unit="count", period="a year")
    assert verdict(rate, last_year) is M
    assert verdict(claim(6.7e9, measure="letters", unit="count"), last_year) is U  # today's figure, not 2025's
    assert verdict(rate, claim(6.7e9, measure="letters", unit="count", on=date(2023, 1, 1))) is U


def test_rising_toll_keeps_its_update_note():
    check = judge(claim(25), [stored(claim(19), published=date(2026, 2, 27))], policy=POLICY,
                  published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is C
    assert "likely an update" in (check.note or "")


def test_three_hundred_conflicting_reports_are_capped_and_summarised():
    old = [stored(claim(100 + i)) for i in range(300)]
    check = judge(claim(50), old, policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is C
    assert len(check.evidence) == POLICY.max_evidence
    assert check.conflicts is not None
    assert check.conflicts.count == 300
    assert check.conflicts.not_shown == 300 - POLICY.max_evidence
    assert (check.conflicts.lowest.low, check.conflicts.highest.high) == (100, 399)
    out = check.to_json()
    assert out["conflicts"]["count"] == 300
    assert out["conflicts"]["highest"]["high"] == 399


def test_more_than_is_a_hedge_not_an_increment():
    c = claim(50_000, text="more than 50,000", sentence="Organisers said more than 50,000 people marched.")
    assert not is_increment(c)
    assert verdict(c, claim(12_000)) is C


def test_a_count_over_a_day_is_the_total_of_a_one_day_story():
    arrests = claim(4, measure="arrested", period="the day")
    check = judge(arrests, [stored(claim(4, measure="arrested"))], policy=POLICY, published=date(2026, 3, 2),
                  story_places=PLACES, story_days=0)
    assert check.verdict is M
    check = judge(arrests, [stored(claim(4, measure="arrested"))], policy=POLICY, published=date(2026, 3, 2),
                  story_places=PLACES, story_days=20)
    assert check.verdict is U


def test_one_claimant_s_estimate_is_not_contradicted_by_another_s():
    police = replace(claim(12_000, measure="attendance", text="about 12,000"), claimant="the police")
    earlier_police = replace(claim(12_000, measure="attendance"), claimant="police")
    organisers = replace(claim(50_000, measure="attendance"), claimant="the organisers")
    check = judge(police, [stored(earlier_police), stored(organisers)], policy=POLICY,
                  published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is M
    assert "organisers" in (check.note or "")
    assert check.conflicts is not None
    assert check.conflicts.count == 1
    # without the claimant's own earlier figure, the other estimate conflicts
    assert judge(police, [stored(organisers)], policy=POLICY, published=date(2026, 3, 2),
                 story_places=PLACES).verdict is C


def test_a_company_named_in_full_or_in_short_is_one_group():
    money = {"measure": "revenue", "unit": "USD"}
    assert verdict(claim(4.2e9, subject="Halvorsen", entities=("Halvorsen",), text="$4.2bn", **money),
                   claim(4.2e9, subject="Halvorsen Motors", text="$4.2 billion", **money)) is M


def test_a_subject_that_only_names_whose_it_is_does_not_tell_quantities_apart():
    from bot.engine.subjects import analyse_subject, discriminator
    from bot.engine.types import Claim, Figure

    a = Claim(sentence="", figure=Figure("3.1%", 3.1, 3.1, unit="percent"), measure="inflation",
              subject="Norland's annual inflation rate")
    b = Claim(sentence="", figure=Figure("3.1%", 3.1, 3.1, unit="percent"), measure="inflation", subject="Norland")
    assert discriminator(a, analyse_subject(a.subject), b, analyse_subject(b.subject)) is None
    c = Claim(sentence="", figure=Figure("900", 900, 900, unit="people"), measure="jobs", subject="job cuts")
    d = Claim(sentence="", figure=Figure("31,000", 31000, 31000, unit="people"), measure="jobs", subject="workforce")
    assert discriminator(c, analyse_subject(c.subject), d, analyse_subject(d.subject)) is not None


def test_people_named_two_ways_are_one_count_but_a_part_is_not_the_whole():
    from bot.engine.subjects import analyse_subject, discriminator
    from bot.engine.types import Claim, Figure

    def claim(subject: str, n: int) -> Claim:
        return Claim(sentence="", figure=Figure(str(n), n, n, unit="people"), measure="killed", subject=subject)

    a, b, c = claim("passengers", 18), claim("people", 16), claim("civilians", 3)
    assert discriminator(a, analyse_subject(a.subject), b, analyse_subject(b.subject)) is None
    assert discriminator(c, analyse_subject(c.subject), b, analyse_subject(b.subject)) == "a part against the whole"


def test_a_place_name_with_a_common_word_in_it_is_still_only_a_name():
    money = {"measure": "tourist tax", "unit": "EUR"}
    assert verdict(claim(9.6e7, subject="Calvera", text="96 million euros", **money),
                   claim(9.6e7, subject="Port Calvera", text="96 million euros", **money)) is M
    # two common heads still tell two things apart
    assert verdict(claim(900, measure="jobs", subject="job cuts"),
                   claim(31000, measure="jobs", subject="workforce")) is U


def test_the_national_figure_is_not_a_groups_part():
    rate = {"measure": "pass rate", "unit": "percent"}
    assert verdict(claim(84.2, subject="national pass rate", **rate),
                   claim(93, subject="private schools pass rate", **rate)) is U
    assert verdict(claim(84.2, subject="national pass rate", **rate), claim(84.2, subject="pass rate", **rate)) is M


def test_a_figure_of_an_earlier_year_is_not_todays():
    rate = {"measure": "pass rate", "unit": "percent"}
    old = claim(86.5, on=date(2025, 1, 1), **rate)  # "from 86.5% in 2025", reported in 2026
    assert judge(claim(84.2, **rate), [stored(old, published=date(2026, 7, 1))], policy=POLICY,
                 published=date(2026, 7, 2), story_places=PLACES).verdict is U
    # dated within the year the undated figure was reported: the same observation, compared
    aug = claim(1243, measure="area", unit="km2", on=date(2024, 8, 1))
    assert judge(aug, [stored(claim(200, measure="area", unit="km2"), published=date(2024, 12, 18))], policy=POLICY,
                 published=date(2025, 1, 5), story_places=PLACES).verdict is C


def test_a_toll_the_latest_report_confirms_matches_with_a_note():
    old = stored(claim(2), published=date(2026, 2, 20))
    newer = stored(claim(3), published=date(2026, 2, 25))
    check = judge(claim(3), [old, newer], policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is M
    assert "earlier reports gave fewer" in (check.note or "")
    # the latest report differs: still a conflict
    earlier = [stored(claim(3), published=date(2026, 2, 20)), stored(claim(5), published=date(2026, 2, 25))]
    check = judge(claim(3), earlier, policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is C


def test_a_toll_given_the_same_day_as_a_lower_one_revises_it():
    day = date(2026, 2, 25)
    lower = stored(claim(12, measure="injured"), published=day)
    said = stored(claim(15, measure="injured"), published=day)
    check = judge(claim(15, measure="injured"), [lower, said], policy=POLICY, published=date(2026, 3, 2),
                  story_places=PLACES)
    assert check.verdict is M
    # "at least 12" agrees with 16 without giving it: "Fourteen" the same day still differs
    floor = stored(replace(claim(12, measure="injured", text="at least 12"),
                           figure=Figure(text="at least 12", low=12, high=None, unit="people")), published=day)
    check = judge(claim(16, measure="injured"), [stored(claim(14, measure="injured"), published=day), floor],
                  policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is C


def test_a_report_that_gives_two_figures_tells_them_apart_itself():
    both = [stored(claim(11)), stored(claim(3))]
    both[1] = replace(both[1], source=both[0].source)  # "11 injured, three of them critically"
    check = judge(claim(11), both, policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is M
    assert all(ev.stored.claim.figure.low == 11 for ev in check.evidence)


def test_some_among_a_group_are_a_part_of_it():
    sentence = "Four guards were among the injured, officials said."
    part = claim(4, measure="injured", subject="guards", sentence=sentence, text="Four")
    part = replace(part, start=0, figure_start=0, figure_end=4)
    assert verdict(part, claim(23, measure="injured")) is U
    assert verdict(claim(23, measure="injured"), part) is U


def test_some_of_them_are_a_part():
    sentence = "Police said 11 people were hurt, three of them critically."
    part = replace(claim(3, measure="injured", sentence=sentence, text="three"), start=0,
                   figure_start=sentence.index("three"), figure_end=sentence.index("three") + 5)
    assert verdict(part, claim(11, measure="injured")) is U


def test_some_of_them_with_a_verb_of_their_own_are_the_whole_of_that_measure():
    sentence = "At least 15 people were hurt, and nine of them were taken to hospital."
    start = sentence.index("nine")
    part = replace(claim(9, measure="hospitalised", sentence=sentence, text="nine"), start=0,
                   figure_start=start, figure_end=start + 4)
    assert verdict(claim(9, measure="hospitalised", text="Nine"), part) is M


def test_any_figure_the_latest_report_confirms_matches_an_earlier_one_revised():
    # a count that is not a toll may be revised either way: the latest report is what stands
    old = stored(claim(14, measure="schools closed"), published=date(2026, 2, 20))
    newer = stored(claim(9, measure="schools closed"), published=date(2026, 2, 25))
    check = judge(claim(9, measure="schools closed"), [old, newer], policy=POLICY, published=date(2026, 3, 2),
                  story_places=PLACES)
    assert check.verdict is M
    assert "earlier reports gave other figures (14)" in (check.note or "")
    # a toll does not fall: an earlier higher toll is still a conflict
    old = stored(claim(14), published=date(2026, 2, 20))
    newer = stored(claim(9), published=date(2026, 2, 25))
    check = judge(claim(9), [old, newer], policy=POLICY, published=date(2026, 3, 2), story_places=PLACES)
    assert check.verdict is C


def test_as_many_as_is_an_estimate_at_its_figure_not_everything_below_it():
    def hedged(text: str, low: float | None, high: float | None, qualifier: str | None, approx: bool = False):
        c = claim(high or low or 0, measure="passengers affected", text=text)
        return replace(c, figure=Figure(text=text, low=low, high=high, qualifier=qualifier, approx=approx))

    many = hedged("as many as 52,000", None, 52000, "as many as")
    assert verdict(many, hedged("about 38,000", 38000, 38000, "about", True)) is C
    assert verdict(many, hedged("51,000", 51000, 51000, None)) is M
    # a cap is a cap: "up to 52,000" allows 38,000
    assert verdict(hedged("up to 52,000", None, 52000, "up to"), hedged("38,000", 38000, 38000, None)) is M


def test_some_of_the_dead_are_a_part_of_the_toll():
    toll = claim(23, sentence="At least 23 people were killed in the storm.", text="23")
    part = claim(9, sentence="Nine of the dead were fishermen.", text="Nine")
    assert verdict(part, toll) is U
    assert verdict(claim(9, sentence="Officials said nine of the dead were fishermen.", text="nine"), part) is M


def test_some_of_those_who_died_are_the_toll_itself():
    # "of the seals" names who died, not a toll they are a part of
    toll = claim(41, sentence="Forty-one seals died on the beach.", text="Forty-one")
    whole = claim(53, sentence="53 of the seals had died by Thursday.", text="53")
    assert verdict(whole, toll) is C


def test_figures_that_nothing_names_are_not_compared():
    grant = claim(1.2e6, measure="money", unit="GBP", text="£1.2m")
    assert verdict(grant, claim(52e6, measure="money", unit="GBP", text="£52m")) is U
    share = claim(12, measure="percent", unit="percent", text="12%")
    assert verdict(share, claim(40, measure="percent", unit="percent", text="40%")) is U
    # a story's one speed, named by its unit alone, is still compared
    speed = claim(80, measure="speed", unit="km/h", text="80 km/h")
    assert verdict(speed, claim(120, measure="speed", unit="km/h", text="120 km/h")) is C
    assert verdict(claim(1.2e6, measure="grant", unit="GBP", text="£1.2m"),
                   claim(52e6, measure="grant", unit="GBP", text="£52m")) is C


@pytest.mark.parametrize(("a", "b", "same"), [
    # one name says less than the other: the same thing
    ("workers", "construction workers", True),
    ("subsidies", "state subsidy", True),
    ("beaches closed", "bathing beaches closed", True),
    # what brings them into being or into the count says nothing of which: the same things
    ("pups", "seal pups born", True),
    ("eggs hatched", "turtle eggs", True),
    # the things and what happened to some of them
    ("shops", "shops closed", False),
    ("specimens", "specimens brought up", False),
    # two things, or two things that happened to one thing, or a general head
    ("timber companies", "logging companies", False),
    ("doses ordered", "doses delivered", False),
    ("people", "people evacuated", False),
    ("fish kill", "fish", False),
    ("rise in shares", "shares", False),
    ("killed", "killed or wounded", False),
])
def test_names_of_one_thing_one_saying_less(a, b, same):
    from bot.engine.verdicts import less_specific

    assert less_specific(a, b) is same
    assert less_specific(b, a) is same


def test_another_name_of_the_thing_is_evidence_only_when_asked_for():
    workers = {"measure": "construction workers", "unit": "people"}
    earlier = claim(3500, measure="workers", subject="workers")
    new = claim(4500, subject="construction workers", **workers)
    assert verdict(new, earlier) is U  # judge alone compares one name
    check = judge(new, [stored(earlier)], policy=POLICY, published=date(2026, 3, 2), story_places=PLACES,
                  other_name=True)
    assert check.verdict is C


def test_an_earlier_report_that_writes_this_figure_too_does_not_contradict_it():
    area = {"measure": "area", "unit": "ha"}
    part = claim(85_000, sentence="The concessions cover about 85,000 hectares of the 312,000-hectare territory.",
                 **area)
    assert verdict(claim(312_000, **area), part) is U
    assert verdict(claim(300_000, **area), part) is C  # a figure it does not write still conflicts


def test_two_highest_figures_must_agree_but_a_figure_inside_one_matches():
    waves = {"measure": "waves", "unit": "m"}
    def bound(v: float, qualifier: str) -> Claim:
        return Claim(sentence=f"Waves of {qualifier} {v} metres.", measure="waves", subject="", start=0, end=10,
                     figure=Figure(f"{qualifier} {v}", None, v, qualifier=qualifier, unit="m"),
                     figure_start=0, figure_end=1)

    assert verdict(bound(9, "up to"), bound(12, "up to")) is C
    assert verdict(bound(12, "up to"), bound(12, "as many as")) is M
    assert verdict(claim(9, **waves), bound(12, "up to")) is M
    assert verdict(bound(50, "fewer than"), bound(100, "fewer than")) is M  # both can hold


def test_a_year_in_an_earlier_sentence_is_not_this_figure():
    homes = {"measure": "houses damaged", "unit": "count"}
    earlier = claim(1_500, sentence="The worst flooding since 2000 damaged 1,500 homes.", **homes)
    assert verdict(claim(2_000, **homes), earlier) is C


def test_names_that_end_in_a_noun_are_not_read_as_participles():
    from bot.engine.verdicts import less_specific, measure_stem

    assert measure_stem("boys") is None  # too short a stem to look for
    assert less_specific("school funding", "funding") is True  # "funding" is the thing, not what happened


@pytest.mark.parametrize(("new", "old", "same"), [
    # the same exact figure of the same things, under two names of what happened to them
    ((48, "destroyed", "cells"), (48, "wrecked", "cells"), True),
    ((1240, "laid", "nests"), (1240, "recorded", "turtle nests"), True),
    # not another figure, a small one, other things, or people (their events are different facts)
    ((48, "destroyed", "cells"), (40, "wrecked", "cells"), False),
    (("more than 21,500", "culled", "pigs"), (21500, "destroyed", "pigs"), True),
    ((2, "closed", "pools"), (2, "reopened", "pools"), False),
    ((48, "destroyed", "cells"), (48, "wrecked", "vans"), False),
    ((12, "charged", "men"), (12, "arrested", "men"), False),
    ((5.5e6, "cap", "Tarnmouth Sharks"), (5.5e6, "salary cap", "Tarnmouth Sharks"), False),  # a name says whose
])
def test_the_same_figure_of_the_same_things(new, old, same):
    from bot.engine.verdicts import same_figure_of_same_things

    def make(n, measure, subject):
        unit = "people" if subject == "men" else "count"
        if isinstance(n, str):  # a bound: "more than 21,500"
            c = claim(21500, measure=measure, subject=subject, unit=unit, text=n)
            return replace(c, figure=Figure(n, 21500, None, qualifier="more than", unit=unit))
        return claim(n, measure=measure, subject=subject, unit=unit)

    assert same_figure_of_same_things(make(*new), make(*old)) is same



def test_a_rate_per_week_is_no_total_but_a_year_on_one_side_is_how_writers_vary():
    money = {"measure": "cost", "unit": "GBP"}
    weekly = claim(1400, period="a week", **money)
    assert verdict(weekly, claim(11e6, **money)) is U
    assert verdict(claim(11e6, **money), weekly) is U
    assert verdict(claim(3.8e6, period="a year", measure="savings", unit="GBP"),
                   claim(3.8e6, measure="savings", unit="GBP")) is M


def test_a_total_the_article_explains_by_its_increment_matches_the_last_report():
    from bot.engine.verdicts import explained_rise

    older, last = stored(claim(5, measure="farms"), published=date(2026, 3, 1)), \
        stored(claim(7, measure="farms"), published=date(2026, 3, 3))
    total = claim(9, measure="farms")
    more = claim(2, measure="cases", text="Two more",
                 sentence="Two more farms have tested positive, taking the total number of infected farms to nine.")
    check = judge(total, [older, last], policy=POLICY, published=date(2026, 3, 5), story_places=PLACES)
    assert check.verdict is C
    explained = explained_rise(check, [more])
    assert explained.verdict is M
    assert "7 plus the 2 more" in (explained.note or "")
    assert {ev.stored.claim.figure.low: ev.relation for ev in explained.evidence} == {7: M, 5: C}
    # an increment that does not make up the difference explains nothing
    assert explained_rise(check, [replace(more, figure=Figure(text="three more", low=3, high=3))]).verdict is C
    brought = replace(more, sentence="Two more farms tested positive, which brought the total to nine.")
    assert explained_rise(check, [brought]).verdict is M  # an irregular verb carries it too
    # nor one whose sentence does not carry it on to this total ("two more people were arrested")
    arrests = claim(2, measure="arrested", text="two more", sentence="Police said two more people were arrested.")
    assert explained_rise(check, [arrests]).verdict is C
    # nor one when a newer report gave another figure
    newer = stored(claim(10, measure="farms"), published=date(2026, 3, 4))
    check = judge(total, [older, last, newer], policy=POLICY, published=date(2026, 3, 5), story_places=PLACES)
    assert explained_rise(check, [more]).verdict is C


def test_a_toll_given_since_by_others_has_moved_whoever_gave_the_first_figure():
    first = replace(claim(14), claimant="the defence ministry", figure=Figure(text="at least 14", low=14, high=None,
                                                                              unit="people", qualifier="at least"))
    since = replace(claim(17), claimant="officials")
    new = replace(claim(21), claimant="the defence ministry")
    check = judge(new, [stored(first, published=date(2026, 3, 1)), stored(since, published=date(2026, 3, 2))],
                  policy=POLICY, published=date(2026, 3, 4), story_places=PLACES)
    assert check.verdict is C
    # a claimant that repeats its exact figure stands by it against another's since: a dispute
    disputed = [stored(replace(claim(21), claimant="the ministry"), published=date(2026, 3, 1)),
                stored(replace(claim(30), claimant="a monitoring group"), published=date(2026, 3, 2))]
    check = judge(replace(claim(21), claimant="the ministry"), disputed, policy=POLICY,
                  published=date(2026, 3, 5), story_places=PLACES)
    assert check.verdict is M
    # estimates of a crowd that do not run are others' own: the claimant's figure stands
    crowd = [stored(replace(claim(12000, measure="attendance"), claimant="police"), published=date(2026, 3, 1)),
             stored(replace(claim(50000, measure="attendance"), claimant="organisers"), published=date(2026, 3, 2))]
    check = judge(replace(claim(12000, measure="attendance"), claimant="police"), crowd, policy=POLICY,
                  published=date(2026, 3, 4), story_places=PLACES)
    assert check.verdict is M


@pytest.mark.parametrize(("value", "distinct"), [
    (112, True), (1140, True), (2360, True), (212e6, True),
    (48, False), (400, False), (1200, False), (12000, False), (2500, False), (150, False), (1.5e6, False),
    (6.8e6, False),
])
def test_a_distinctive_number_is_one_two_reports_seldom_share_by_chance(value, distinct):
    from bot.engine.verdicts import distinctive

    assert distinctive(value) is distinct


def test_a_general_name_of_things_tells_no_things_apart():
    monkeys = claim(11, measure="missing", subject="monkeys", unit="count")
    assert verdict(claim(9, measure="missing", subject="animals", unit="count"), monkeys) is C
    assert verdict(claim(9, measure="missing", subject="dogs", unit="count"), monkeys) is U


def test_how_long_someone_was_missing_compares_where_a_bare_duration_does_not():
    def hours(value: float, measure: str, subject: str = "", low_only: bool = False) -> Claim:
        c = claim(value, measure=measure, subject=subject, unit="hours")
        return replace(c, figure=replace(c.figure, high=None)) if low_only else c

    earlier = hours(40, "time missing", "Mr Harker", low_only=True)  # "missing for more than 40 hours"
    assert verdict(hours(52, "time missing"), earlier) is M
    assert verdict(hours(52, "duration"), hours(40, "duration", low_only=True)) is U  # named by its unit only
