"""Story linking: pure clustering over articles written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.engine.stories import Assignment, MemoryStories, StoryPolicy, dateline, features, story_name

D = date(2025, 5, 10)

FIRE_1 = (
    "Warehouse fire in Dunmore kills two workers\n"
    "DUNMORE (Valley Press) — Two workers died when fire swept through the Harlan Logistics warehouse on "
    "Quarry Road early on Saturday, fire chief Odile Brennan said. Crews from Dunmore and Pelton fought the "
    "blaze for six hours. Harlan Logistics said 40 employees were on the night shift."
)
FIRE_2 = (
    "Harlan Logistics fire: investigators look at wiring\n"
    "Investigators are examining the electrical wiring at the Harlan Logistics warehouse on Quarry Road in "
    "Dunmore, where two workers were killed on Saturday. Fire chief Odile Brennan said the blaze started near "
    "the loading bays. The company said it would pay for the funerals."
)
SHOOTING_A = (
    "Man shot dead outside Calder City bakery\n"
    "CALDER CITY (Metro News) — A 34-year-old man was shot and killed outside Rosetti's Bakery in the 1400 "
    "block of Linden Avenue on Friday night, police said. Officers found Marcus Dell with gunshot wounds to the "
    "chest. Lieutenant Grace Okafor said detectives were looking for a silver sedan."
)
SHOOTING_A_FOLLOW = (
    "Arrest made in Linden Avenue bakery killing\n"
    "CALDER CITY (Metro News) — Police have arrested a 22-year-old man in the killing of Marcus Dell outside "
    "Rosetti's Bakery on Linden Avenue. Lieutenant Grace Okafor said the silver sedan was found abandoned in "
    "the 1400 block of Linden Avenue's alley. Dell, 34, was a father of three."
)
SHOOTING_B = (
    "Two teens wounded in Calder City park shooting\n"
    "CALDER CITY (Metro News) — Two teenagers were wounded in a shooting at Hollins Park on the east side "
    "on Friday evening, police said. Sergeant Tomas Vey said the boys, 15 and 16, were taken to St. Agnes "
    "Hospital. Witnesses described a group of men running toward Kessler Street."
)
ROUNDUP = (
    "Weekend in Calder City: bakery killing and park shooting\n"
    "Police in Calder City are investigating two shootings from Friday. Marcus Dell was killed outside "
    "Rosetti's Bakery on Linden Avenue, Lieutenant Grace Okafor said. Hours later two teenagers were wounded "
    "at Hollins Park near Kessler Street, Sergeant Tomas Vey said; they are at St. Agnes Hospital."
)


def feats(text: str, day: date = D):
    return features(text, published=day)


def test_reports_of_one_event_share_a_story():
    stories = MemoryStories()
    (first,) = stories.add(feats(FIRE_1))
    assignment = stories.assign(feats(FIRE_2, date(2025, 5, 11)))
    assert assignment.story_ids == (first,)


def test_different_shootings_in_one_city_on_one_day_are_different_stories():
    stories = MemoryStories()
    (a,) = stories.add(feats(SHOOTING_A))
    (b,) = stories.add(feats(SHOOTING_B))
    assert a != b
    assert stories.assign(feats(SHOOTING_A_FOLLOW, date(2025, 5, 11))).story_ids == (a,)


def test_a_follow_up_a_week_later_joins_the_story():
    stories = MemoryStories()
    (a,) = stories.add(feats(SHOOTING_A))
    stories.add(feats(SHOOTING_B))
    stories.add(feats(FIRE_1))
    assignment = stories.assign(feats(SHOOTING_A_FOLLOW, date(2025, 5, 17)))
    assert assignment.story_ids == (a,)


def test_the_same_words_long_after_start_a_new_story_unless_names_recur():
    stories = MemoryStories()
    stories.add(feats(SHOOTING_B))
    generic = ("Shooting in Calder City\nCALDER CITY (Metro News) — A man was wounded in a shooting on Friday, "
               "police said. Officers said the victim was taken to hospital.")
    assert stories.assign(feats(generic, date(2025, 9, 1))).is_new


def test_a_roundup_joins_both_stories():
    stories = MemoryStories()
    (a,) = stories.add(feats(SHOOTING_A))
    (b,) = stories.add(feats(SHOOTING_B))
    stories.add(feats(FIRE_1))
    assignment = stories.assign(feats(ROUNDUP, date(2025, 5, 11)))
    assert set(assignment.story_ids) == {a, b}


def test_an_unrelated_article_starts_a_new_story_named_after_its_title():
    stories = MemoryStories()
    stories.add(feats(FIRE_1))
    assignment = stories.assign(feats(SHOOTING_B))
    assert assignment.is_new
    assert assignment.new_name == "Two teens wounded in Calder City park shooting"


def test_features_read_the_dateline_names_and_street_blocks():
    f = feats(SHOOTING_A)
    assert dateline(SHOOTING_A) == "calder city"
    assert "e:calder city" in f.key_terms
    assert {"e:marcus dell", "e:dell", "e:1400 block"} <= set(f.terms)
    assert "e:grace okafor" not in f.terms  # "Lieutenant Grace Okafor" speaks for many events
    assert "t:bakery" in f.terms
    assert "h:bakery" in f.terms


def test_a_name_after_a_capitalised_function_word_is_a_name():
    # "Most Eastmere children": the word after "Most" is capitalised as a name, though the sentence opens there
    text = "Most Eastmere pupils get first choice\n\nMost Eastmere children were offered a place, the council said."
    assert "e:eastmere" in feats(text).terms
    # a lone capitalised word opening a sentence still needs the text to capitalise it elsewhere
    assert "e:thousands" not in feats("Rally draws crowd\n\nThousands marched on Sunday, police said.").terms


def test_story_names_are_short():
    assert story_name(None, "x" * 400).endswith("…")
    assert len(story_name(None, "x" * 400)) == 118
    assert story_name("  A   title ") == "A title"


def test_a_stricter_threshold_starts_more_stories():
    strict = MemoryStories(policy=StoryPolicy(threshold=0.95))
    strict.add(feats(FIRE_1))
    assert strict.assign(feats(FIRE_2)).is_new
    loose = MemoryStories()
    loose.add(feats(FIRE_1))
    assert not loose.assign(feats(FIRE_2)).is_new
    assert Assignment(()).is_new


SENTENCING = (
    "Gunman sentenced to 30 years\n"
    "A judge on Monday sentenced Ray Tolliver to 30 years in prison for the killing of Marcus Dell, who was "
    "shot outside Rosetti's Bakery. Prosecutors said Tolliver fired four times. Dell's mother spoke in court."
)


def test_two_headlines_naming_a_small_place_within_days_are_one_story():
    # the texts share only the place, in words that hardly agree: the headlines tell it is one event
    stories = MemoryStories()
    stories.add(feats("Riverside man shot in Hollins\n\nA man was shot on Pine Street in Hollins, officers said.",
                      date(2025, 3, 1)))
    (first,) = stories.add(feats(
        "Juvenile shot in arm in Brackwell\n\nA juvenile was struck in the arm on Monday night, officers said. The "
        "boy was taken to a hospital in the county. Neighbours described hearing several bangs near the recreation "
        "ground before an ambulance arrived.", date(2025, 3, 3)))
    again = feats(
        "Teenager Shot In Brackwell\n\nDispatchers confirmed a call at 9pm. Detectives are asking anyone with "
        "dashcam footage from vehicles travelling along the valley road between eight and ten o'clock to come "
        "forward, a spokesman for the force said. Weather forecasters expect frost overnight, and the council's "
        "gritters will be out early. The library will open late on Wednesday because of staff training, and the "
        "farmers' market moves to the square.", date(2025, 3, 4))
    assert stories.assign(again).story_ids == (first,)
    # weeks later the same small place is another event
    assert stories.assign(replace(again, day=date(2025, 4, 20))).story_ids != (first,)


def test_a_trial_months_later_joins_the_story_by_its_rare_names():
    stories = MemoryStories()
    (a,) = stories.add(feats(SHOOTING_A))
    stories.add(feats(SHOOTING_B))
    stories.add(feats(FIRE_1))
    assert stories.assign(feats(SENTENCING, date(2025, 11, 20))).story_ids == (a,)


def test_a_reporters_contact_line_links_nothing():
    # two events of one city on one day, written by one reporter: her contact line is no shared name
    byline = "\nContact Lena Marsh at lmarsh@metronews.example or 555-0100."
    fire = ("Fire guts Calder City bakery\nCALDER CITY (Metro News) — A fire destroyed Rosetti's Bakery on Linden "
            "Avenue on Friday night, the fire department said. No one was hurt.")
    stories = MemoryStories()
    stories.add(feats(SHOOTING_B + byline))
    assert stories.assign(feats(fire + byline)).is_new


def test_an_outlets_own_name_links_nothing():
    a = ("Two hurt in Pelton crash - KVRX News 4\nPELTON (KVRX) — Two drivers were hurt on Route 9 on Monday, "
         "troopers said. KVRX News 4 will update this story.")
    b = ("Library reopens after flood - KVRX News 4\nDUNMORE (KVRX) — The Dunmore library reopened on Tuesday "
         "after the spring flood. KVRX News 4 was there.")
    assert not any(t.startswith("e:kvrx") for t in features(a, published=D).terms)
    stories = MemoryStories()
    stories.add(feats(a))
    assert stories.assign(feats(b, date(2025, 5, 11))).is_new


def test_an_article_naming_nobody_joins_on_words_only_within_the_storys_days():
    stories = MemoryStories()
    first = ("the shooting left a teenager hurt\nthe teenager was shot in the arm on a porch, police said. "
             "officers found shell casings near the porch.")
    stories.add(feats(first))
    later = ("teenager shot on porch\nofficers said a teenager was shot in the arm on a porch and shell casings "
             "were found.")
    assert stories.assign(feats(later, date(2025, 5, 12))).story_ids
    assert stories.assign(feats(later, date(2026, 5, 12))).is_new


def test_media_brands_and_tip_lines_are_no_entities():
    text = ("Man shot in Orrville\nA man was shot on Elm Street. Call Metro Crime Stoppers with tips. "
            "Copyright Valley News Weather & Sports.")
    terms = features(text, published=D).terms
    assert not any("stoppers" in t or "weather" in t for t in terms if t.startswith("e:"))


def test_ages_are_event_terms_in_every_form_news_writes_them():
    text = ("Boy, 3, dies after shooting\nA 3-year-old was found by his mother. Ten-year-old sister unhurt; "
            "a man, 41, was charged.")
    terms = features(text, published=D).terms
    assert {"e:#age 3", "e:#age 10", "e:#age 41"} <= set(terms)
    assert "h:#age 3" in terms  # the headline's age: whom the report is about
    assert "e:#age 2025" not in terms


def test_a_headline_age_tells_two_child_shootings_of_one_neighbourhood_apart():
    first = ("4-year-old boy shot in Ashgrove\nA 4-year-old boy and a woman were shot in Ashgrove on Sunday "
             "evening, police said. The boy was taken to Harlow Children's Hospital.")
    other = ("3-Year-Old Shot In Ashgrove During Evening Drive-By\nA 3-year-old was shot in Ashgrove on "
             "Thursday evening in a drive-by, police said. He was taken to Harlow Children's Hospital.")
    same = ("Ashgrove boy, 4, out of surgery\nThe 4-year-old boy shot in Ashgrove on Sunday is out of "
            "surgery at Harlow Children's Hospital, police said.")
    stories = MemoryStories()
    (a,) = stories.add(feats(first))
    assert stories.assign(feats(other, date(2025, 5, 14))).is_new
    assert stories.assign(feats(same, date(2025, 5, 12))).story_ids == (a,)



def test_a_headline_age_that_no_age_of_a_story_matches_is_someone_else():
    # the story's headline gives no age, its text does: a boy of 7 wounded on the same boulevard days later
    # is another shooting; a report that writes the victim a year older or younger is the same one
    first = ("Second man charged in death of Brantford teen\nPolice charged a second man in the drive-by "
             "shooting on Halvorsen Boulevard that killed Dion Marsh, 15, last week.")
    other = ("7-Year-Old Boy Wounded By Stray Bullet In Brantford\nA 7-year-old boy was wounded on Halvorsen "
             "Boulevard on Friday when a stray bullet came through a window, police said.")
    same = ("Teen, 16, dies in Brantford drive-by\nA 16-year-old died after a drive-by shooting on Halvorsen "
            "Boulevard, police said. Dion Marsh was a basketball player.")
    stories = MemoryStories()
    (a,) = stories.add(feats(first))
    assert stories.assign(feats(other, date(2025, 5, 14))).is_new
    assert stories.assign(feats(same, date(2025, 5, 12))).story_ids == (a,)


def test_an_officials_name_links_no_events():
    one = ("Man shot on Corliss Street\nA man was shot on Corliss Street on Monday. Police Chief Ada Renner "
           "said the shooter fled. Renner asked for witnesses.")
    two = ("Woman hurt in Dalby Road shooting\nA woman was wounded on Dalby Road on Monday. Police Chief Ada "
           "Renner said officers were searching the area.")
    terms = features(one, published=D).terms
    assert not any("ada renner" in t for t in terms)
    stories = MemoryStories()
    stories.add(feats(one))
    assert stories.assign(feats(two)).is_new


def test_the_words_of_an_institutions_name_are_not_names_of_an_event():
    text = ("Teen shot in Brookvale\nThe teen was taken to Westlake Medical Center. The Tennessee Bureau of "
            "Investigation is helping.")
    ents = {t for t in features(text, published=D).terms if t.startswith("e:")}
    assert "e:westlake medical center" in ents
    assert "e:westlake" not in ents
    assert "e:bureau" not in ents


def test_a_small_towns_name_that_no_other_story_has_links_a_report_of_the_next_day():
    first = ("Juvenile shot in arm in Quellport\nA juvenile was shot in the arm in Quellport on Tuesday "
             "night, police said.")
    second = ("Teenager Shot In Quellport\nQUELLPORT — Police are looking for whoever shot a teenager late on "
              "Tuesday near a corner store.")
    stories = MemoryStories()
    (a,) = stories.add(feats(first))
    stories.add(feats(FIRE_1))
    stories.add(feats(SHOOTING_B))
    assert stories.assign(feats(second, date(2025, 5, 11))).story_ids == (a,)
    # a month later the same town is a new event unless more than its name recurs
    assert stories.assign(feats(second, date(2025, 6, 20))).is_new


def test_a_name_no_other_story_has_links_a_differently_worded_report_within_days():
    first = ("Man critically hurt in Harwick Road shooting\nA man was critically hurt when he was shot outside a "
             "takeaway on Harwick Road late on Friday, police said. Tobiah Quenell, 24, was taken to Ashby General.")
    # a report about something else that names him: the victim's name alone carries it, within days
    second = ("Ashby churches hold vigil week\nCongregations at St Bride's, Holy Trinity and the Elm Street Chapel "
              "met on Sunday. At St Bride's, Canon Petra Lowe, Deacon Sam Idris and the Ashby Youth Choir led "
              "prayers for Tobiah Quenell and for the Marlow family, and the Ashby Food Bank collected parcels.")
    stories = MemoryStories()
    (a,) = stories.add(feats(first))
    for other in (FIRE_1, SHOOTING_B, SHOOTING_A):
        stories.add(feats(other))
    assert stories.assign(feats(second, date(2025, 5, 12))).story_ids == (a,)
    # weeks later the same name in a report about something else is not enough
    assert stories.assign(feats(second, date(2025, 7, 30))).is_new


def test_a_shared_age_alone_links_nothing():
    one = "Teen, 15, shot on Birch Lane\nA 15-year-old boy was shot on Birch Lane on Monday evening, police said."
    two = "Teen, 15, stabbed at Kell Mall\nA 15-year-old girl was stabbed at Kell Mall on Monday afternoon."
    stories = MemoryStories()
    stories.add(feats(one))
    stories.add(feats(FIRE_1))
    assert stories.assign(feats(two)).is_new


def test_an_officer_who_is_shot_is_a_name_of_the_event():
    terms = features("Officer hurt in Dalby Road chase\nSgt. Ana Ruiz, 41, was shot in the leg on Dalby Road.",
                     published=D).terms
    assert "e:ana ruiz" in terms


def test_a_named_street_links_a_differently_worded_report_of_the_next_day_but_a_block_number_does_not():
    first = ("Boy, 15, dies after shooting himself by accident\nA 15-year-old boy who shot himself in the head by "
             "accident at a home in the 4700 block of West Tamsin Street has died, officials said on Monday.")
    # the next day's report shares the street, a block number and the word "shooting", not much more
    second = ("Boy hurt in Varne Park, police say\nVARNE PARK — A boy was taken to hospital on Sunday after a gun "
              "went off in a house in the 4700 block of West Tamsin Street, officers said. No one was arrested.")
    # a roundup across the city with only a block number and a side of town in common
    roundup = ("Three wounded across Varne Park overnight\nShootings in the 4700 block of Orrin Road on the "
               "south side and near Pell Square on the south side left three people wounded, officers said.")
    stories = MemoryStories()
    (a,) = stories.add(feats(first, date(2025, 5, 11)))
    for other in (FIRE_1, SHOOTING_B, SHOOTING_A):
        stories.add(feats(other))
    assert stories.assign(feats(second, date(2025, 5, 10))).story_ids == (a,)
    assert a not in stories.assign(feats(roundup, date(2025, 5, 11))).story_ids


def test_the_age_a_storys_headline_gives_links_a_differently_worded_report_within_days():
    first = ("Two Harrowgate teens arrested in fatal shooting of 15-year-old\nHARROWGATE — Detectives arrested "
             "Kobe Laine and Rafe Denton on Tuesday over the shooting death of a boy outside Gulliver's corner "
             "shop on Tamsin Street, Captain Irma Velde said. The boy's family asked for privacy.")
    second = ("Pair charged with murder in shooting death of 15-year-old\nProsecutors in Harrowgate charged two "
              "youths on Wednesday. Judge Maren Oduya of Wexcombe Crown Court ordered them held without bail; "
              "Pim Arkwright of Salter Hume Solicitors said they would plead not guilty.")
    elsewhere = second.replace("Prosecutors in Harrowgate", "Prosecutors in Ostry")
    stories = MemoryStories()
    # months before: the town, the age and the words of a shooting death are common in this store
    for town in ("Harrowgate", "Colbrook", "Ebbing", "Marlow", "Tiverley", "Harrowgate", "Colbrook"):
        stories.add(feats(f"{town} boy, 15, killed in shooting\n{town.upper()} — A 15-year-old was shot dead "
                          f"in {town}; police charged a man with murder.", date(2025, 2, 1)))
    (a,) = stories.add(feats(first))
    for other in (FIRE_1, SHOOTING_B):
        stories.add(feats(other))
    assert stories.assign(feats(second, date(2025, 5, 11))).story_ids == (a,)
    # with no name in common, the age alone links nothing
    assert stories.assign(feats(elsewhere, date(2025, 5, 11))).is_new



def test_reports_naming_nobody_in_common_link_through_their_precise_figures():
    first = ("Vaccine drive passes 2.4 million mark\nMore than 2.4 million people have been vaccinated since the "
             "drive began, Dr Oona Pell said. Officials bought 6.3 million doses; uptake stands at 57%.")
    second = ("Older people slow to come forward, figures show\nRoughly 57% of over-70s have had the vaccine, "
              "said Ivo Kranz of the pensioners' league. The state holds 6.3 million doses.")
    claims = [_claim("vaccinated", 57, "percent"), _claim("doses", 6_300_000, "count")]
    first_claims = [_claim("vaccinated", 2_400_000, "people"), *claims]
    stories = MemoryStories()
    (a,) = stories.add(features(first, published=D, claims=first_claims))
    for other in (FIRE_1, SHOOTING_B, SHOOTING_A):
        stories.add(feats(other))
    second_feats = features(second, published=date(2025, 5, 12), claims=claims)
    assert stories.assign(second_feats).story_ids == (a,)
    # without the figures, the words alone are not enough
    assert stories.assign(feats(second, date(2025, 5, 12))).is_new


def _claim(measure, value, unit):
    from bot.engine.types import Claim, Figure

    return Claim(sentence="", figure=Figure(text=str(value), low=value, high=value, unit=unit), measure=measure,
                 subject="")


def test_a_bodys_name_is_also_the_place_it_is_named_after():
    ents = {t for t in features("Budget row\nAshworth Vale District Council met on Monday.", published=D).terms
            if t.startswith("e:")}
    assert "e:ashworth vale district council" in ents
    assert "e:ashworth vale" in ents  # as a later report writes it: "Ashworth Vale's auditors"
    # one word says no place apart
    assert "e:westlake" not in features("Teen shot\nHe was taken to Westlake Medical Center.", published=D).terms


def test_an_entity_of_a_claim_is_a_name_without_its_possessive():
    from bot.engine.types import Claim, Figure

    sentence = "Ashworth Vale's auditors found 112 contracts."
    claim = Claim(sentence=sentence, figure=Figure(text="112", low=112, high=112, unit="count"), measure="contracts",
                  subject="contracts", start=0, end=len(sentence), figure_start=31, figure_end=34,
                  entities=("Ashworth Vale’s",))
    ents = {t for t in features(sentence, published=D, claims=[claim]).terms if t.startswith("e:")}
    assert "e:ashworth vale" in ents
    assert not any(t.endswith(("'s", "’s")) for t in ents)


def test_a_possessive_name_opening_a_sentence_is_a_name():
    # "Brenmoor's harbour master" names the place though the word opens a sentence; a plain capital there does not
    f = feats("Harbour fees to rise\nBrenmoor's harbour master said fees would rise. Meanwhile the ferry runs.")
    ents = {t for t in f.terms if t.startswith("e:")}
    assert "e:brenmoor" in ents
    assert "e:meanwhile" not in ents
    assert "e:brenmoor" in f.place_terms or not f.place_terms


def test_a_capital_after_an_opening_quote_is_a_sentence_start_not_a_name():
    f = feats('Shop crime rises\nShop crime rose in Tarrow. "Nobody should be afraid at work," the owner said.')
    ents = {t for t in f.terms if t.startswith("e:")}
    assert "e:nobody" not in ents
    assert "e:tarrow" in ents


def test_follow_ups_naming_the_town_only_in_a_possessive_join_its_story():
    first = ("Burglaries in Wexley up by a third\nBurglaries recorded by police in Wexley rose 33% last year to "
             "1,210, the highest since 2011. Officers arrested 260 people, the force said.")
    later = ("Police chief vows action on burglaries\nWexley's police commander has promised a new squad after "
             "burglaries rose by a third, the highest count since records began.")
    other = ("Burglaries in Harnby up by a third\nBurglaries recorded by police in Harnby rose 31% last year to "
             "980, the highest since 2012. Officers arrested 140 people, the force said.")
    stories = MemoryStories()
    stories.add(feats(other))
    (sid,) = stories.add(feats(first))
    assert stories.assign(feats(later, date(2025, 5, 12))).story_ids == (sid,)


def test_possessives_of_days_and_pronouns_link_nothing():
    a = ("Barn blaze in Ashby\nSaturday's fire destroyed a barn on Kiln Lane in Ashby. Here's what we know so far. "
         "Nobody's been hurt, and yesterday's inspection found no fault, the fire service said.")
    b = ("Two hurt in crash near Corlow\nSaturday's crash on the bypass left two drivers in hospital in Corlow. "
         "Here's what we know so far. Nobody's been charged. Today's hearing was adjourned.")
    stories = MemoryStories()
    (first,) = stories.add(feats(a))
    fb = feats(b)
    assert not {"e:here", "e:nobody", "e:saturday", "e:today"} & set(fb.terms)
    assert first not in stories.assign(fb).story_ids


def test_a_street_abbreviated_or_spelt_out_is_one_name():
    a = feats("Man hurt in shooting\nA man was wounded on E 30th Street near Kell Ave. on Sunday, police said.")
    b = feats("Shooting on East 30th St.\nOfficers said the man was shot on East 30th St. near Kell Avenue.")
    for name in ("e:east 30th street", "e:kell avenue"):
        assert name in a.terms
        assert name in b.terms


def test_a_report_weeks_later_repeating_the_storys_precise_figures_where_it_happened_joins_it():
    first = ("Faulty speed camera wrongly fined drivers\nAbout 2,650 drivers were wrongly fined after a camera on the "
             "Brackley ring road was found to be faulty, officials in Brackley said. All 37 cameras will be checked.")
    later = ("Magistrates quash speeding convictions\nMagistrates in Brackley have quashed 214 convictions. The court "
             "heard that 2,650 drivers were caught by the faulty camera, one of 37 in the county.")
    stories = MemoryStories()
    (a,) = stories.add(features(first, published=date(2026, 2, 3),
                                claims=[_claim("fined", 2650, "people"), _claim("cameras", 37, "count")]))
    figures = [_claim("quashed", 214, "count"), _claim("fined", 2650, "people"), _claim("cameras", 37, "count")]
    assert stories.assign(features(later, published=date(2026, 3, 12), claims=figures)).story_ids == (a,)
    # the place alone, weeks later, is not the event
    assert stories.assign(features(later, published=date(2026, 3, 12),
                                   claims=[_claim("quashed", 214, "count")])).is_new
