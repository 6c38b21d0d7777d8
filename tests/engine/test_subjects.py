"""Subject normalisation, retrieval terms and similarity (bot.engine.subjects)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine.subjects import (
    IMPLIED,
    PARTIAL,
    RELATED_HEAD,
    analyse_subject,
    normalise_location,
    normalise_subject,
    same_location,
    singularise,
    subject_similarity,
    subject_terms,
)
from bot.engine.types import Claim, Figure

THRESHOLD = 70.0


def claim(subject: str, *, entities: tuple[str, ...] = (), location: str | None = None) -> Claim:
    return Claim(
        sentence=f"Officials said 12 {subject} were counted.",
        figure=Figure("12", 12, 12),
        measure="killed",
        subject=subject,
        entities=entities,
        location=location,
    )


def sim(a: str, b: str, **kw: object) -> float:
    return subject_similarity(claim(a, **kw), claim(b, **kw))  # type: ignore[arg-type]


# -- normalisation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("troops", "troop"),
        ("soldiers", "soldier"),
        ("casualties", "casualty"),
        ("losses", "loss"),
        ("churches", "church"),
        ("men", "man"),
        ("children", "child"),
        ("forces", "force"),
        ("people", "people"),
        ("personnel", "personnel"),
        ("news", "news"),
        ("paris", "paris"),
        ("status", "status"),
        ("gas", "gas"),
        ("bus", "bus"),
        ("headaches", "headache"),
    ],
)
def test_singularise(word: str, singular: str) -> None:
    assert singularise(word) == singular


@pytest.mark.parametrize(
    ("subject", "normal"),
    [
        ("North Korean troops", "north korean troop"),
        ("The soldiers", "soldier"),
        ("North Korea's soldiers", "north korea soldier"),
        ("North Korea’s soldiers", "north korea soldier"),
        ("the soldiers' families", "soldier family"),
        ("these Ukrainian forces,", "ukrainian force"),
        ("U.S. officials", "us official"),
        ("all the men", "man"),
        ("  Kursk   residents!  ", "kursk resident"),
    ],
)
def test_normalise_subject(subject: str, normal: str) -> None:
    assert normalise_subject(subject) == normal


# -- retrieval terms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "entities", "terms"),
    [
        ("North Korean troops", (), ("north korea", "troop", "soldier")),
        ("North Korea's soldiers", (), ("north korea", "soldier")),
        ("soldiers from North Korea", (), ("soldier", "north korea")),
        ("the number of civilians", (), ("civilian",)),
        ("US officials", (), ("united states", "official")),
        ("residents of the Kursk region", ("the Kursk region",), ("resident", "kursk")),
        ("Belvian Liberation Front fighters", ("Belvian Liberation Front",),
         ("belvian liberation front", "fighter")),
        ("Estmark inflation", (), ("estmark", "inflation")),
    ],
)
def test_subject_terms(subject: str, entities: tuple[str, ...], terms: tuple[str, ...]) -> None:
    assert subject_terms(subject, entities) == terms


def test_subject_terms_are_deterministic_and_keep_multiword_names_whole() -> None:
    first = subject_terms("wounded North Korean soldiers in Kursk", ("North Korea", "Kursk"))
    assert first == subject_terms("wounded North Korean soldiers in Kursk", ("North Korea", "Kursk"))
    assert "north korea" in first
    assert "north" not in first
    assert "korea" not in first
    assert "wounded" in first
    assert "kursk" in first


def test_lower_case_us_is_not_the_united_states() -> None:
    assert "united states" not in subject_terms("people like us")
    assert "united states" in subject_terms("US troops")


def test_analysis_splits_qualifiers_head_and_modifiers() -> None:
    parts = analyse_subject("wounded soldiers of northern Gaza", ("Gaza",))
    assert parts.head == "soldier"
    assert parts.compass == {"north"}
    assert parts.names == {"gaza"}
    assert parts.modifiers == {"wounded"}


# -- similarity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("South Korea", "North Korea"),
        ("South Korean troops", "North Korean troops"),
        ("North Korean troops", "Russian troops"),
        ("US troops", "UK troops"),
        ("US", "UK"),
        ("Estmark inflation", "Estmark unemployment"),
        ("Estmark inflation", "Westmark inflation"),
        ("Hamas fighters", "Hezbollah fighters"),
        ("residents of northern Gaza", "residents of southern Gaza"),
        ("left-wing voters", "right-wing voters"),
        ("Russian and North Korean forces", "North Korean forces"),
        ("Korean soldiers", "North Korean soldiers"),
        ("injured civilians", "uninjured civilians"),
    ],
)
def test_near_identical_names_do_not_match(a: str, b: str) -> None:
    assert sim(a, b) < THRESHOLD
    assert sim(b, a) < THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("North Korean troops", "North Korean soldiers"),
        ("North Korean troops", "North Korean forces"),
        ("North Korean personnel", "North Korean men"),
        ("North Korea's soldiers", "North Korean troops"),
        ("soldiers from North Korea", "North Korean troops"),
        ("DPRK soldiers", "North Korean soldiers"),
        ("Hamas fighters", "Hamas militants"),
        ("US officials", "U.S. officials"),
        ("North Korean soldiers", "North Koreans"),
    ],
)
def test_synonyms_and_variants_match(a: str, b: str) -> None:
    assert sim(a, b) >= THRESHOLD
    assert sim(b, a) >= THRESHOLD


def test_same_subject_scores_full() -> None:
    assert sim("North Korean troops", "North Korean troops") == 100.0


def test_similarity_is_symmetric() -> None:
    pairs = [
        ("troops", "North Korean troops"),
        ("wounded North Korean soldiers", "North Korean soldiers"),
        ("people", "civilians"),
        ("North Korea", "North Korean soldiers"),
    ]
    for a, b in pairs:
        assert sim(a, b) == sim(b, a)


def test_people_and_civilians_are_related_not_interchangeable() -> None:
    assert sim("people", "civilians") == RELATED_HEAD
    assert RELATED_HEAD < THRESHOLD


def test_unqualified_against_qualified_is_partial() -> None:
    assert sim("troops", "North Korean troops") == PARTIAL
    assert PARTIAL < THRESHOLD


def test_unqualified_subject_takes_the_qualifier_its_sentence_names() -> None:
    bare = claim("troops", entities=("North Korea", "Kursk"))
    full = claim("North Korean troops", entities=("North Korea",))
    assert subject_similarity(bare, full) == IMPLIED
    assert IMPLIED >= THRESHOLD


def test_unqualified_subject_stays_partial_when_its_sentence_names_other_countries() -> None:
    bare = claim("troops", entities=("North Korea", "Russia"))
    full = claim("North Korean troops")
    assert subject_similarity(bare, full) == PARTIAL


def test_one_sided_compass_word_is_partial() -> None:
    assert sim("residents of Gaza", "residents of northern Gaza") == PARTIAL


def test_country_against_place_name_only_is_partial() -> None:
    assert sim("Russian residents", "Kursk residents") == PARTIAL


def test_extra_place_in_subject_costs_a_little() -> None:
    score = sim("North Korean soldiers in Kursk", "North Korean soldiers")
    assert THRESHOLD <= score < 100


def test_extra_modifier_costs_a_little() -> None:
    score = sim("wounded North Korean soldiers", "North Korean soldiers")
    assert THRESHOLD <= score < 100


def test_country_as_subject_matches_its_people() -> None:
    assert sim("North Korea", "North Korean soldiers") >= THRESHOLD


def test_different_locations_push_under_threshold() -> None:
    a = claim("North Korean troops", location="Kursk")
    b = claim("North Korean troops", location="Belgorod")
    assert subject_similarity(a, b) < THRESHOLD


def test_shared_location_boosts_only_to_the_cap() -> None:
    a = claim("wounded North Korean soldiers", location="Kursk region")
    b = claim("North Korean soldiers", location="the Kursk Oblast")
    plain = sim("wounded North Korean soldiers", "North Korean soldiers")
    assert subject_similarity(a, b) > plain
    assert subject_similarity(a, b) <= 100


def test_shared_entities_boost_full_matches_only() -> None:
    plain = sim("wounded North Korean soldiers", "North Korean soldiers")
    ents = ("Kursk", "Plekhovo")
    boosted = subject_similarity(
        claim("wounded North Korean soldiers", entities=ents), claim("North Korean soldiers", entities=ents)
    )
    assert boosted > plain
    partial = subject_similarity(claim("troops", entities=("Plekhovo",)), claim("North Korean troops", entities=ents))
    assert partial == PARTIAL


def test_empty_subject_scores_zero() -> None:
    assert sim("", "North Korean troops") == 0.0
    assert sim("the", "the") == 0.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kursk", "the Kursk region", True),
        ("Kursk Oblast", "Russia's Kursk region", True),
        ("Kiev", "Kyiv", True),
        ("Kursk", "Belgorod", False),
        ("North Korea", "South Korea", False),
    ],
)
def test_same_location(a: str, b: str, same: bool) -> None:
    assert same_location(a, b) is same


def test_normalise_location() -> None:
    assert normalise_location("the Kursk region") == "kursk"
    assert normalise_location("North Korea") == "north korea"


# -- names outside the gazetteer -----------------------------------------------------


def test_capitalised_first_word_is_a_name() -> None:
    assert sim("Hamas fighters", "fighters") == PARTIAL
    assert sim("Hamas fighters", "Hamas fighters") == 100.0


def test_sentence_initial_capital_is_not_a_name_when_the_other_side_writes_it_plainly() -> None:
    assert sim("Wounded soldiers", "wounded soldiers") == 100.0


def test_demonym_and_place_name_compare_equal() -> None:
    assert sim("Zembian soldiers", "soldiers from Zembia") >= THRESHOLD
    assert sim("Gazan residents", "residents of Gaza") >= THRESHOLD


def test_names_with_one_letter_more_are_different() -> None:
    assert sim("residents of Austin", "residents of Austen") < THRESHOLD
    assert sim("Estmark officials", "Westmark officials") == 0.0


def test_title_cased_subject_keeps_its_head() -> None:
    parts = analyse_subject("North Korean Soldiers")
    assert parts.head == "soldier"
    assert parts.countries == {"north korea"}
    assert sim("North Korean Soldiers", "North Korean troops") == 100.0


def test_sentence_initial_capital_does_not_hide_a_place() -> None:
    parts = analyse_subject("Residents of Gaza")
    assert parts.head == "resident"
    assert parts.names == {"gaza"}
    assert sim("Residents of Gaza", "Residents of Rafah") < THRESHOLD


def test_a_compass_word_inside_a_name_is_a_side_only_against_another_side():
    from bot.engine.subjects import discriminator

    def apart(a: str, b: str) -> str | None:
        ca, cb = claim(a), claim(b)
        return discriminator(ca, analyse_subject(a, ()), cb, analyse_subject(b, ()))

    assert apart("The Northern Cup", "final") is None  # a name, not a part of the whole
    assert apart("South Yorkshire Police officers", "North Yorkshire Police officers") is not None
    assert apart("residents of northern Gaza", "residents") is not None


def test_a_head_that_is_the_measure_in_the_singular_says_nothing_of_what_is_counted():
    from bot.engine.subjects import discriminator

    final = replace(claim("final"), measure="viewers")
    viewers = replace(claim("viewers"), measure="viewers")
    assert discriminator(final, analyse_subject("final", ()), viewers, analyse_subject("viewers", ())) is None


@pytest.mark.parametrize(("a", "b", "same"), [
    # a country's figure, however written; a region is not the country
    ("nationwide", "England", True),
    ("England", "nationwide", True),
    ("nationwide", "Southmoor", False),
])
def test_nationwide_is_a_countrys_figure(a, b, same):
    from bot.engine.subjects import same_location

    assert same_location(a, b) is same



def test_a_capitalised_first_word_of_the_language_is_no_name():
    from bot.engine.subjects import analyse_subject

    assert "striking" not in analyse_subject("Striking dockers pay offer", ()).names
    assert "halvorsen" in analyse_subject("Halvorsen workers", ()).names
    assert "unite" in analyse_subject("Unite members", ()).names  # a verb's base form may be a name
