"""Claims: a figure plus what makes it checkable.

For each figure in a parsed sentence this module finds, from the dependency
parse:

- the **measure** (what is counted): the canonical name from the measure
  vocabulary where the governing verb, the counted noun or an adjective names
  one ("killed", "casualties", "deployed"...), coordinated measures combined
  ("killed or wounded" is casualties), else the lemma of the head verb or noun;
- the **subject** (who or what is counted), with the qualifiers that tell
  subjects apart, place names written as demonyms, and implicit subjects ("the
  troops", "they", "casualties") resolved from the article;
- the **claimant** (who says it) and the chain when someone is cited;
- the **location**, the **date** the claim refers to and the **period** it
  covers.

It also finds implicit counts in casualty statements ("a soldier was killed").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from .attribution import (
    _ATTRIBUTION_AFTER,
    REPORT_VERBS,
    SPEAKS_AFTER,
    _attribution,
    _display_chain,
    _postposed_attribution,
)
from .counted import (
    BEARINGS,
    CHANGE_VERBS,
    GROUP_SIZE_WORDS,
    PERCENT_WORDS,
    REPORTING,
    SAY_VERBS,
    SCALE_WORDS,
    SIZE_FAMILIES,
    TALLY_NOUNS,
    TIME_NOUNS,
    CountReader,
    a_doer,
    change_base,
    change_kind,
    change_name,
    comparative_change,
    fronted_group,
    goal_of,
    is_change_noun,
    measured_thing,
    normalise_name,
    past_forms,
    size_part,
    sized,
    span_root,
)
from .figures import FigureMatch, is_one_of_superlative
from .measures import MeasureVocab
from .numbers import word_value
from .places import Places
from .subjects import among
from .timing import (
    _MONTHS,
    _NOT_A_REFERENCE,
    _PERIOD,
    _PERIOD_ADJECTIVES,
    _TIME_AFTER,
    _WEEKDAYS,
    PERSONAL,
    _dates_or_describes,
    _is_time_count,
    _parse_date,
    a_penalty_span,
    delay_length,
    event_length,
    finishing_time,
    penalising,
    penalty,
    stoppage_length,
    time_lost,
    time_without,
)
from .types import Claim, Figure
from .units import unit_family


def _glued_unit(doc: Doc, m: FigureMatch) -> bool:
    """The figure's unit is written on its number ("500g", "750ml"), as a pack's size is; not "12 tonnes"."""
    last = doc[m.end - 1]
    if any(ch.isdigit() for ch in last.text) and any(ch.isalpha() for ch in last.text):
        return True
    return m.end - m.start >= 2 and doc[m.end - 2].like_num and not doc[m.end - 2].whitespace_


_GENERIC_MODIFIERS = frozenset(
    """heavy significant many several other more new additional total estimated reported least
    approximately about some few further extra own such same various numerous large small huge
    big high low latest recent first last next previous initial actual real full entire whole
    possible potential likely alleged so-called wounded killed dead injured missing captured
    around roughly nearly almost over under up only just another""".split()
)
_GROUP_NOUNS = frozenset(
    """soldier troop force personnel serviceman fighter man unit army military militant rebel
    people civilian resident""".split()
)
#: the period of an implicit count ("a soldier was killed"): one incident, not a toll
INCIDENT = "one incident"
_LEVEL_VERBS = frozenset(
    """rise climb increase reach stand hit jump grow top exceed surpass pass mount soar total peak number swell
    fall drop decline dip shrink""".split()
)
#: verbs that move a tally to a new level: "bringing the toll to 18", "takes the number rescued to 25"
_MOVERS = frozenset("bring take push raise lift put increase drive send".split())
_LOCATIVE = frozenset("in near at inside outside across around throughout on".split())
_LOCATION_SUFFIX = re.compile(
    r"\s+(region|oblast|province|state|county|district|area|city|town|village|governorate|prefecture)$",
    re.IGNORECASE,
)
@dataclass
class ArticleContext:
    """What one article tells about the claims in it, built while extracting."""

    published: date | None = None
    last_claimant: str | None = None
    qualifiers: Counter[str] = field(default_factory=Counter)
    #: places, parties and organisations named in figure sentences: what the article is about
    topics: Counter[str] = field(default_factory=Counter)
    last_claim: Claim | None = None
    #: the first claim of the last sentence that gave one: what "That was up 23 per cent" points back to
    lead_claim: Claim | None = None
    #: plural group nouns seen in subjects ("soldiers", "troops")
    groups: Counter[str] = field(default_factory=Counter)
    #: the name the article is about: named in its title or lead and again in its body
    about: str | None = None
    #: the last claim of each family of units, not itself a record: what "the previous record of 16 hours" holds
    last_of_family: dict[str, Claim] = field(default_factory=dict)


@dataclass
class _Draft:
    claim: Claim
    noun_lemma: str | None
    qualified: bool
    needs_subject: bool


#: the parts of speech of a word ``_with_implicit`` may read as one person or one death (with "old" of an
#: age, a possessive, an apposition or an adjective of any part of speech)
_MAY_COUNT_ONE = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "INTJ"})

#: words that make a following time noun a date, not a counted span: "870 last year", "12 the previous week"
_DATING_WORDS = frozenset("last next previous following this that same".split())


class ClaimExtractor:
    """Turns parsed sentences and their figures into claims."""

    def __init__(self, vocab: MeasureVocab, places: Places) -> None:
        self.vocab = vocab
        self.places = places
        self.counts = CountReader(vocab)

    # -- public ------------------------------------------------------------------
    def extract_sentence(
        self,
        doc: Doc,
        figures: list[FigureMatch],
        *,
        offset: int,
        ctx: ArticleContext,
    ) -> list[_Draft]:
        """Draft claims of one parsed sentence; ``offset`` is its start in the article."""
        drafts: list[_Draft] = []
        _mend_verb_lemmas(doc)
        for ent in _ents(doc):
            if ent.label_ in ("GPE", "LOC", "NORP", "EVENT", "FAC") and not _speaks(ent.root) \
                    and not self._in_a_name(ent):
                ctx.topics[self.places.demonym(ent.text) or _clean_location(ent.text) or ent.text] += 1
        claimant, chain = self._claimant_for_sentence(doc, ctx)
        period_spans = self._period_spans(doc)
        sentence_period = self._period(doc, period_spans)  # an explicit span, the same for every figure
        adjectives = [t for t in doc if t.lower_ in _PERIOD_ADJECTIVES and t.dep_ in ("amod", "compound", "advmod")
                      and not _a_source(t.head)]
        text = doc.text  # built anew on every access
        postposed: list = []  # the sentence's postposed attribution, read at most once
        counted: list[tuple[_Draft, Token | None, bool]] = []  # each new draft with its counted noun
        figures, implicit = self._with_implicit(doc, figures)
        nouns = [_implicit_noun(doc[m.anchor]) if m.start in implicit else self._counted_noun(doc, m) for m in figures]
        for i, m in enumerate(figures):
            fig = m.figure
            term = penalty(doc, m, self._sentenced) if unit_family(fig.unit) in ("duration", "count") else None
            if term in ("ban", "suspension") and not self._a_person(_punished(doc, m)) \
                    and not _a_pronoun_punished(doc, m):
                term = None  # "rail services were suspended for three days", "a ban on fishing": no one punished
            if term is None:
                term = time_lost(doc, m, self.counts.is_people)  # "has been missing for 40 hours": time missing
            if term is None:  # "the strike lasted 12 days": strike; "closed the runway for 33 hours": closure
                term = stoppage_length(doc, m, self.counts.is_people)
            if term is None:  # "completed the crossing in 14 hours": crossing time
                term = finishing_time(doc, m, self.counts.is_people)
            if term is None:  # "delayed by 45 minutes", "ran two hours late": delay; "waited 12 hours": wait
                term = delay_length(doc, m)
            if term is None:  # "has gone 33 days without rain": days without rain
                term = time_without(doc, m)
            # "a 28-day voyage", "a 12-week consultation": the event's length; "a target of 18 minutes": a goal
            lasted = None if term is not None else (event_length(doc, m) or goal_of(doc, m))
            if self._names_a_thing(doc, m):
                continue  # "kilometre 162", "station 7", "flight CA 412": a number after a noun names it
            if term is None and lasted is None and unit_family(fig.unit) == "duration" \
                    and self._is_period_figure(doc, m, period_spans):
                continue
            if term is None and lasted is None and _is_time_count(nouns[i]):
                continue  # "for three consecutive days": a period, not a claim
            if term is None and lasted is None and unit_family(fig.unit) == "duration" and _dates_or_describes(doc, m):
                continue  # "two weeks ago", "after six hours", "closed for 30 days"
            if term is None and lasted is None and "-" in fig.text and fig.unit not in ("people", "count") \
                    and unit_family(fig.unit) not in ("money", "power") \
                    and not (sized(m) and unit_family(fig.unit) in SIZE_FAMILIES
                             and span_root(doc, m).head.tag_ != "NNS") \
                    and span_root(doc, m).dep_ in ("amod", "compound") and span_root(doc, m).head.pos_ == "NOUN":
                continue  # "a three-kilometre radius", "a 12-hour shift": a measure that describes a thing
                # (a size in digits, ten or more, is the thing's reported size: "the 64-metre dish collapsed"; before a
                # plural it names a kind of thing: "demand is strongest for 12-inch albums")
            if term is None and unit_family(fig.unit) == "distance" and m.start >= 2 and doc[m.start - 1].text == "," \
                    and doc[m.start - 2].pos_ == "PROPN" and m.end < len(doc) \
                    and (doc[m.end].lower_ == "away" or (m.end + 2 < len(doc) and doc[m.end].lower_ == "to"
                                                         and doc[m.end + 2].lower_ in BEARINGS)):
                continue  # "moved to Castlemoor General, 20 miles away", "diverted to Ardmore, 90 miles to the
                # north": where a named place lies, not a figure of the news
            if term is None and unit_family(fig.unit) in ("weight", "volume") and m.end < len(doc) \
                    and _glued_unit(doc, m) \
                    and doc[m.end].tag_ == "NNS" and span_root(doc, m).head.i == m.end \
                    and span_root(doc, m).dep_ in ("nummod", "compound", "amod", "nmod") \
                    and not any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[m.end].children):
                continue  # "its 500g bags", "330ml cans": the size of each pack, not an amount in the news
            if m.start not in implicit and m.end + 1 < len(doc) and doc[m.end].text == "-" \
                    and doc[m.end + 1].tag_ == "NN" and doc[m.end + 1].lemma_.lower() not in self.vocab.by_noun \
                    and doc[m.end + 1].whitespace_ and not doc[m.end].whitespace_ \
                    and not ((part := size_part(doc, m)) is not None and (
                        part.head.pos_ == "NOUN" or not self.counts.is_people(part))):
                continue  # "a two-bedroom flat", "a three-storey building": a number that describes a thing
                # (not a measure the vocabulary knows: "the 18,500-capacity stadium" gives its capacity; nor a
                # size in digits: "the 1,150-pupil school", "a 27,000-seat stadium", "a 500-bed hospital")
            if (fig.unit in ("times", "fold") or (
                    m.end < len(doc) and doc[m.end].lower_ in ("times", "fold") and fig.unit in ("count", "people"))) \
                    and not _how_often(doc, m):
                continue  # "nearly three times her estimate": a ratio between figures, not a count
            if m.end + 1 < len(doc) and doc[m.end].lower_ in ("more", "fewer", "less") \
                    and doc[m.end + 1].lower_ == "than" and unit_family(fig.unit) in ("count", "people") \
                    and nouns[i] is None:
                continue  # "14 were injured, three more than police reported": a difference between two counts
            kind = nouns[i]
            if kind is not None and any(c.lower_ == "such" for c in kind.children):
                continue  # "only a handful of such falls have been recovered": a kind of thing, not this event
            if (bracket := _age_bracket(doc, m)) is not None and self.counts.is_people(bracket):
                continue  # "children under five", "people over 65": an age bracket describes who, it counts nothing
            if (person := _age_of(doc, m)) is not None and (self.counts.is_person(person) or _an_age_when(person)):
                continue  # "a woman of 81 and her husband": one person's age (not "a crew of 64"); "since the age
                # of 12": when something began
            if _kin_of(doc, m):
                continue  # "a father of two", "mother-of-three": who the person is, not a count in the news
            if is_one_of_superlative(text[m.start_char : m.start_char + 80]):
                continue  # "one of the deadliest attacks" ranks; it does not count
            noun = nouns[i] or (None if fronted_group(span_root(doc, m)) is not None  # its group is written
                                else self._borrow_noun(nouns, figures, i, doc))
            measure = term or lasted or implicit.get(m.start) or self._measure(doc, m, nouns[i])
            if unit_family(fig.unit) == "money" and (of_many := _averaged(doc, m, nouns[i])) is not None \
                    and not {"average", "mean", "median"} & set(measure.split()):
                measure = f"{of_many} {measure}"  # "at an average price of £8,400": no one bull's price
            if (measure not in self.vocab.measures or self.vocab.measures[measure].unit != "people") \
                    and _rhetorical(doc, m):
                continue  # '"A pass holder can see ten films on one pass," he said.': a way of speaking
            anaphor = noun is not None and noun.lemma_.lower() in TALLY_NOUNS and not any(
                c.dep_ == "prep" or (c.dep_ == "acl" and c.lemma_.lower() not in REPORTING)
                for c in noun.children)  # ("the total raised" is its own; "the total confirmed by officials" not)
            previous = drafts[-1].claim if drafts else ctx.last_claim
            who, who_chain = self._claimant_for_figure(doc, m, ctx) or (claimant, chain)
            if who is None:
                if not postposed:
                    postposed.append(_postposed_attribution(text))
                who, who_chain = postposed[0] or (None, ())
            if term:  # a sentence or a ban is about whom it punishes; an agreement is both parties'
                who_of = _punished(doc, m) if term not in ("contract length", "lease length") else None
                subject, noun_lemma, qualified = (_phrase(who_of, doc, None), who_of.lemma_.lower(), True) \
                    if who_of is not None else ("", None, False)
            else:
                subject, noun_lemma, qualified = self._subject(doc, m, noun, measure)
            if subject and not any(ch.isalpha() for ch in subject):
                subject = ""  # "96% passed": a unit is not what the figure is about
            if anaphor and previous is not None:
                # "police said 12,000; organisers put the figure at 40,000": the same count
                measure, subject, noun_lemma, qualified = previous.measure, previous.subject, None, True
            elif _compared_with_previous(doc, m) \
                    and (same := _last_of_kind(drafts, fig.unit, counts_alike=True)) is not None:
                # "rose to 4.2% ... down from 66% in 2019": the earlier level of the same measure (the sentence's
                # last figure of its kind: "210,000 tonnes in seven cargoes, more than the 180,000 tonnes ...")
                measure, subject = change_base(same.claim.measure), same.claim.subject
                noun_lemma, qualified = same.noun_lemma, same.qualified
            elif nouns[i] is None and _included(doc, m) \
                    and (whole := _last_of_kind(drafts, fig.unit, counts_alike=True)) is not None:
                # "attendance was 121,640, a record, including 31,540 on the opening day": a part of the
                # sentence's figure of its kind, of the same measure (and never its total: see subjects.among)
                measure, subject = whole.claim.measure, whole.claim.subject
                noun_lemma, qualified = whole.noun_lemma, whole.qualified
            elif drafts and i > 0 and _to_after_from(doc, figures[i - 1], m) \
                    and drafts[-1].claim.figure_start == offset + figures[i - 1].start_char \
                    and unit_family(drafts[-1].claim.figure.unit) == unit_family(fig.unit):
                # "shrank from 15,300 breeding pairs in 2016 to 8,900 this year": the new level of the same measure
                measure, subject = drafts[-1].claim.measure, drafts[-1].claim.subject
                noun_lemma, qualified = drafts[-1].noun_lemma, drafts[-1].qualified
            elif drafts and i > 0 and unit_family(fig.unit) == "money" \
                    and ((own := nouns[i]) is None or not self.counts.is_money_measure(self.counts.noun_measure(own))) \
                    and drafts[-1].claim.figure_start == offset + figures[i - 1].start_char \
                    and unit_family(drafts[-1].claim.figure.unit) == "money" \
                    and _listed_after(doc, figures[i - 1], m):
                # "ordered to pay £2,500 compensation to the postman, £500 to the boy's family": a list of sums
                # under one verb, written once, are sums of the same kind
                measure = drafts[-1].claim.measure
                subject, noun_lemma, qualified = drafts[-1].claim.subject, drafts[-1].noun_lemma, drafts[-1].qualified
            elif drafts and i > 0 and unit_family(fig.unit) == "percent" \
                    and drafts[-1].claim.figure_start == offset + figures[i - 1].start_char \
                    and unit_family(drafts[-1].claim.figure.unit) != "percent" \
                    and (direction := _change_of_previous(doc, m, figures[i - 1])) is not None:
                # "counted 1,900 confirmed cases since January, up 60% on the same period": the change of the
                # figure just given
                measure = _change_of(drafts[-1].claim, direction)
                subject, noun_lemma, qualified = drafts[-1].claim.subject, drafts[-1].noun_lemma, drafts[-1].qualified
            elif drafts and noun is not None and unit_family(fig.unit) == "percent" and is_change_noun(noun) \
                    and measured_thing(noun, None) is None and not _named_change(noun, m) \
                    and unit_family(drafts[-1].claim.figure.unit) not in ("percent",):
                # "3.4 million visitors, an eight per cent rise on last year": the change of the figure before
                measure = change_name(drafts[-1].claim.measure, noun.lemma_)
                subject, noun_lemma, qualified = drafts[-1].claim.subject, drafts[-1].noun_lemma, drafts[-1].qualified
            elif measure == "record" and unit_family(fig.unit) not in ("people", "count", "percent") and (
                    held := (_last_of_kind(drafts, fig.unit) or _Draft(ctx.last_of_family[unit_family(fig.unit)],
                                                                        None, True, False)
                             if unit_family(fig.unit) in ctx.last_of_family else None)) is not None \
                    and not _a_record(held.claim.measure):
                # "The previous record of 16 hours": a record of the quantity the article has just given in that unit
                # (her crossing time), named so, as it is another quantity than this event's: a crossing time record
                # ("a transfer record", "a breed record" name their own)
                measure = normalise_name(f"{held.claim.measure} record")
            elif noun is not None and noun.lemma_.lower() in ("other", "others") and drafts:
                subject, noun_lemma, qualified = drafts[-1].claim.subject, drafts[-1].noun_lemma, drafts[-1].qualified
            elif measure in ("rise", "fall") and not drafts and (lead := ctx.lead_claim) is not None \
                    and unit_family(lead.figure.unit) != "percent" and 0 <= offset - lead.end <= 2 \
                    and _pointing_subject(doc, m):
                # "... handed out 28,400 parcels to 9,000 families. That was up 23 per cent on a year earlier.": the
                # change of the figure the sentence before led with
                measure = _change_of(lead, measure)
                subject, noun_lemma, qualified = lead.subject, None, True
            if nouns[i] is None and drafts and i > 0 \
                    and drafts[-1].claim.figure_start == offset + figures[i - 1].start_char and (
                        (measure == "count" and unit_family(fig.unit) in ("people", "count")
                         and unit_family(drafts[-1].claim.figure.unit) in ("people", "count")
                         and _listed_after(doc, figures[i - 1], m, _LISTED_COUNTS))
                        or (unit_family(fig.unit) == unit_family(drafts[-1].claim.figure.unit)
                            and _conjoined_figure(doc, figures[i - 1], m))):
                # "the crowd was 46,000 on Saturday and 35,000 on the opening day", "rose 4% in March and 6% in
                # April": a figure written after the one before in the same frame, its noun left out, counts the
                # same thing
                measure = drafts[-1].claim.measure
                subject, noun_lemma, qualified = drafts[-1].claim.subject, drafts[-1].noun_lemma, drafts[-1].qualified
                fig = replace(fig, unit=drafts[-1].claim.figure.unit)
            if measure == "count":
                continue  # a number that nothing names ("11 of them", a bare number) is not a checkable claim
            if m.start > 0 and doc[m.start - 1].lower_ in ("the", "both") and fig.text.lower() in _A_PAIR_OR_THREE \
                    and measure not in self.vocab.measures and (named := nouns[i]) is not None \
                    and named.tag_ == "NNS" and 0 <= named.i - m.end <= 2 \
                    and measure.split()[-1] == named.lower_:  # (an event keeps its count: "the three flights were
                # cancelled")
                continue  # "where the two chains overlap", "the three councils": the parties the article has named,
                # not a count in the news (a toll keeps its count: "the two victims were taken to hospital")
            unit = fig.unit
            if unit == "count":
                meas = self.vocab.measures.get(measure)
                counts_people = meas is not None and meas.unit == "people"
                if noun is None:
                    unit = "people" if counts_people or (fig.unit == "count" and measure in self.vocab.rising) else unit
                elif self._is_people(noun) or (counts_people and (
                        (meas is not None and meas.people_only)
                        or measure in (self._noun_measure(noun), self.counts.word_verb_measure(noun)))):
                    unit = "people"  # "50 soldiers", "1,200 jobs", "300 casualties"; not "12 hospitals"
            if anaphor and previous is not None and unit_family(unit) in ("people", "count"):
                unit = previous.figure.unit
            figure = replace(fig, unit=unit) if unit != fig.unit else fig
            if unit_family(unit) in ("people", "count") and any(v < 0 for v in (figure.low, figure.high)
                                                                 if v is not None):
                continue  # "Nearly -5 people were killed": a count below zero is not a figure
            location = self._location(doc, m, noun)
            if location is None and _NATIONAL.search(text[: m.start_char]):
                location = NATIONWIDE  # "Nationally, 240 cases": the country's figure, not the story's place
            elif location is None and (wide := _AREA_WIDE.search(text[: m.start_char])):
                # "Across the state, 63 cases": a wider area than a story's place, named by its kind, so a story
                # about a county still reads "across the county" as its own
                location = (wide.group(1) or wide.group(2)).lower()
            rate = None if term else _rate(doc, m, noun)
            if rate and unit_family(fig.unit) == "distance":
                measure = "speed"  # "drifting west at about 5 kilometres a day": a distance a day is a speed
                if subject.lower() in BEARINGS:
                    subject = ""  # the way it goes is not what moves
            period = None if term else (rate or sentence_period or _adjective_period(doc, m, noun, adjectives)
                                        or _habitual(doc, m))
            # "jailed for six years" is the sentence, not its span; "$12 million a day" is a rate whatever
            # else the sentence says ("according to its annual report")
            if m.start in implicit and not any(_ordinal(w.lower()) for w in fig.text.split()):
                # "a soldier was killed" counts one incident, not a running toll; "a third worker has
                # died" is the toll itself
                period = period or INCIDENT
            claim = Claim(
                sentence=text,
                figure=figure,
                measure=measure,
                subject=subject,
                claimant=_display_chain(who_chain) if who_chain else who,
                claimant_chain=who_chain,
                location=location,
                date=self._ref_date(doc, m, ctx.published),
                period=period,
                start=offset,
                end=offset + len(text),
                figure_start=offset + m.start_char,
                figure_end=offset + m.end_char,
            )
            drafts.append(
                _Draft(
                    claim,
                    noun_lemma,
                    qualified,
                    needs_subject=not subject or (not qualified and noun_lemma in _GROUP_NOUNS) or noun_lemma is None,
                )
            )
            counted.append((drafts[-1], noun, m.start in implicit))
            if qualified and noun_lemma in _GROUP_NOUNS:
                for q in _qualifier_words(subject, self.places):
                    ctx.qualifiers[q] += 1
            if noun_lemma in _GROUP_NOUNS and noun is not None:
                ctx.groups[noun.lower_ if noun.tag_ in ("NNS", "NNPS") else noun.lower_ + "s"] += 1
        if claimant:
            ctx.last_claimant = claimant
        wounded = _wounded_of(drafts)
        if wounded is not None:
            drafts.append(wounded)
        drafts.extend(_listed_totals(counted))
        if drafts:
            ctx.last_claim, ctx.lead_claim = drafts[-1].claim, drafts[0].claim
        for d in drafts:
            if not _a_record(d.claim.measure):
                ctx.last_of_family[unit_family(d.claim.figure.unit)] = d.claim
        return drafts

    def attribution_after(self, sentence: str) -> tuple[str, tuple[str, ...]] | None:
        """ "This information was reported by the BBC, citing X." names the claimant of the sentence before."""
        return _attribution(_ATTRIBUTION_AFTER.match(sentence.strip()))

    def finish(self, drafts: list[_Draft], ctx: ArticleContext) -> list[Claim]:
        """Resolve implicit subjects from the whole article."""
        top_qualifier = _dominant(ctx.qualifiers)
        top_group = _dominant(ctx.groups)
        by_measure: dict[tuple[str, str], str] = {}
        for d in sorted(drafts, key=lambda d: not d.qualified):
            if d.claim.subject and not among(d.claim):  # ("26 injured, including four cabin crew": a part's)
                key = (change_base(d.claim.measure), unit_family(d.claim.figure.unit))
                by_measure.setdefault(key, d.claim.subject)
        topic = _dominant(ctx.topics)
        if topic is not None and ctx.topics[topic] < 2:
            topic = None  # named once is not what the article is about
        topic = topic or ctx.about
        out: list[Claim] = []
        named: dict[str, Claim] = {}  # the last named amount of each unit family, in article order
        for d in drafts:
            c = d.claim
            family = unit_family(c.figure.unit)
            if c.measure in _ANAPHORS and family in named and re.search(
                    rf"\b(?:the|that|this)\s+{c.measure}\b(?!\s+of\b)", c.sentence, re.IGNORECASE):
                # "The raiders escaped with £5.3m. The sum had initially been estimated at £4m": the
                # amount just named, as first estimated
                c = replace(c, measure=named[family].measure, subject=named[family].subject)
            elif c.measure not in _ANAPHORS and family not in ("people", "count"):
                named[family] = c
            key = (change_base(c.measure), unit_family(c.figure.unit))
            if not c.subject and key in by_measure:
                c = replace(c, subject=by_measure[key])
            elif (not c.subject or (c.subject.lower() == c.measure and unit_family(c.figure.unit) != "people")) \
                    and topic:
                c = replace(c, subject=topic)  # "damage" of what: the article's main place or party
            elif ctx.about and _ORG_ANAPHOR.match(c.subject):
                # "the company's revenue", "the carmaker": the organisation the article is about
                c = replace(c, subject=_ORG_ANAPHOR.sub(ctx.about + " ", c.subject, count=1).strip())
            if ctx.about and c.claimant and _ORG_ANAPHOR.fullmatch(c.claimant + " "):
                c = replace(c, claimant=ctx.about, claimant_chain=(ctx.about, *c.claimant_chain[1:]))
            if top_group and c.subject and self.places.demonym(c.subject) == c.subject:
                # a bare party to a toll ("North Korean") counts the article's group ("soldiers")
                c = replace(c, subject=f"{c.subject} {top_group}")
            if d.needs_subject and top_qualifier:
                c = replace(c, subject=self._qualify(c.subject, d.noun_lemma, top_qualifier))
            out.append(_change_named(c))
        return out

    # -- figures and nouns -----------------------------------------------------
    def _with_implicit(self, doc: Doc, figures: list[FigureMatch]) -> tuple[list[FigureMatch], dict[int, str]]:
        """Add implicit counts: one person named as the one a casualty happened to.

        "a soldier was killed", "the captain was arrested", "Man gunned down in car",
        "Tyrell Hall, 20, was shot", "the fatal shooting of 20-year-old Tyrell Hall",
        "the death of a North Korean soldier": each counts one. Read from the
        parse: a person (a singular people noun or a person's name) as the patient
        of a casualty verb, the subject of a verb of dying, or the "of" phrase of
        a casualty noun. A number already counting the noun ("two men") wins.
        """
        covered = {i for m in figures for i in range(m.start, m.end)}
        extra: dict[int, tuple[FigureMatch, str]] = {}
        listed: set[int] = set()  # apposed members of a headline's list of people
        for noun in doc:
            if noun.i in covered or noun.dep_ == "compound":
                continue
            if noun.pos_ not in _MAY_COUNT_ONE and noun.dep_ not in ("poss", "appos", "amod") \
                    and noun.lower_ not in ("old", "olds"):
                continue  # (a verb, a preposition...: none of the cases below reads it; "old" of an age may be any)
            if noun.dep_ == "poss":
                # "the teen's fatal shooting", "a 17-year-old's shooting death": the owner of the event
                if noun.pos_ in ("NOUN", "PROPN") and self.counts.is_person(noun) and noun.head.i not in covered:
                    measure = self._event_casualty(noun.head)
                    if measure in _CASUALTIES:
                        fig = Figure(text=noun.text, low=1, high=1, qualifier=None, approx=False, unit="people")
                        extra[noun.i] = (_one(fig, noun, noun.i), measure)
                continue
            if noun.dep_ == "appos" and noun.head.i in extra and self._listed_member(noun):
                # a headline's comma list: "Father, daughter found dead", "Woman kills son, self"
                measure = extra[noun.head.i][1]
                fig = Figure(text=noun.text, low=1, high=1, qualifier=None, approx=False, unit="people")
                extra[noun.i] = (_one(fig, noun, noun.i), measure)
                listed.add(noun.i)
                continue
            if noun.pos_ == "PRON" and noun.lower_ in _REFLEXIVE and noun.dep_ == "dobj":
                # "Teen shoots himself", "killed herself": one person, the verb's subject
                measure = self._verb_casualty(noun.head)
                if measure in _CASUALTIES:
                    fig = Figure(text=noun.text, low=1, high=1, qualifier=None, approx=False, unit="people")
                    extra[noun.i] = (_one(fig, noun, noun.i), measure)
                continue
            multiple = MULTIPLES.get(noun.lower_) if noun.dep_ in ("amod", "compound") else None
            if multiple is not None:
                # "a quadruple shooting", "double homicide": as many people as the word says
                event = noun.head
                measure = self._event_casualty(event)
                if measure in _CASUALTIES:
                    fig = Figure(text=noun.text, low=multiple, high=multiple, qualifier=None, approx=False,
                                 unit="people")
                    extra[noun.i] = (_one(fig, noun, noun.i), measure)
                continue
            if noun.pos_ == "NOUN" and noun.tag_ == "NN" and noun.dep_ != "compound" and self._one_death(noun):
                # "charged in Mountain View shooting death", "the killing", "after his death": one death
                fig = Figure(text=noun.text, low=1, high=1, qualifier=None, approx=False, unit="people")
                extra[noun.i] = (_one(fig, noun, noun.i), "killed")
                continue
            if _is_age_noun(noun) and noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("'s", "’s"):
                # "a 17-year-old's shooting death": the event the age's owner underwent, however it parses
                nouns_after = [t for t in doc[noun.i + 2 : noun.i + 5] if t.pos_ == "NOUN"]
                measure = self._event_casualty(nouns_after[-1]) if nouns_after else None
                if measure in _CASUALTIES:
                    extra[noun.i] = (_one_aged(noun), measure)
                continue
            of = _before_age(noun) if _is_age_noun(noun) else None
            if of is not None and of.lower_ == "of" and noun.dep_ != "pobj" and of.head.pos_ == "NOUN":
                of_head: Token | None = of.head  # "in fatal shooting of 15-year-old": the parser hung the age elsewhere
            elif _is_age_noun(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
                    and noun.head.head.pos_ == "NOUN":
                of_head = noun.head.head
            else:
                of_head = None
            if of_head is not None:
                # "the fatal shooting of a 15-year-old": the age names the person the event happened to
                measure = self._event_casualty(of_head)
                if measure in _CASUALTIES:
                    extra[noun.i] = (_one_aged(noun), measure)
                continue
            if _is_age_noun(noun) and ((noun.head.pos_ in ("VERB", "AUX") and noun.head.i > noun.i) or any(
                    c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children)):
                # "3-year-old critically injured in shooting", "after 2-year-old killed": an age names the person
                event = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), noun.head)
                measure = self._verb_casualty(event)
                if measure in _CASUALTIES and not any(c.dep_ == "dobj" for c in event.children):
                    extra[noun.i] = (_one_aged(noun), measure)
                continue
            if noun.pos_ in ("ADJ", "INTJ") and noun.i == noun.sent.start and noun.head.i > noun.i \
                    and noun.dep_ in ("nsubj", "intj") and noun.head.pos_ == "VERB" \
                    and self.vocab.is_people(noun.lower_):
                # a headline's first word the tagger misreads: "Boy died of gunshot wound" (an interjection),
                # "Female found dead" (an adjective): a person, the subject of the verb
                measure = self._subject_casualty(noun.head)
                if measure in _CASUALTIES:
                    fig = Figure(text=noun.text, low=1, high=1, qualifier=None, approx=False, unit="people")
                    extra[noun.i] = (_one(fig, noun, noun.i), measure)
                continue
            if noun.pos_ not in ("NOUN", "PROPN"):
                continue
            if not self.counts.is_person(noun):
                rank = next((r for c in noun.lefts if c.dep_ == "amod" and (r := _ordinal(c.lower_))), None)
                measure = self._event_casualty(noun) if rank and noun.tag_ == "NN" else None
                if measure in _CASUALTIES:
                    # "the agency confirmed a third death": the toll has reached that rank
                    first = _np_start(noun)
                    fig = Figure(text=doc[first : noun.i + 1].text, low=rank, high=rank, qualifier=None,
                                 approx=False, unit="people")
                    extra[noun.i] = (_one(fig, doc[first], noun.i), measure)
                continue
            top = noun
            while top.dep_ == "conj" and top.head.i != top.i:
                top = top.head  # "Two horses, Marsh Harrier and Kilbride Lad, ...": each member of the list
            if top.dep_ == "appos" and (top.head.i in covered or top.head.i in extra
                                        or any(c.i in covered for c in top.head.children)):
                continue  # "One guest, a 79-year-old man, died": the guest is counted already
            dets = [c for c in noun.children if c.dep_ in ("det", "nummod", "quantmod", "poss")]
            if any(c.dep_ in ("nummod", "quantmod") or c.lower_ in _NOT_ONE for c in dets):
                continue
            measure = self._casualty_of(noun)
            if measure is None:
                continue
            first = _np_start(noun)
            if any(i in covered for i in range(first, noun.i)):
                continue
            # "a fifth person has died", "the fourth victim": the toll has reached that rank
            rank = next((r for c in noun.lefts if c.dep_ == "amod" and (r := _ordinal(c.lower_))), 1)
            fig = Figure(text=doc[first : noun.i + 1].text, low=rank, high=rank, qualifier=None, approx=False,
                         unit="people")
            extra[noun.i] = (_one(fig, doc[first], noun.i), measure)
        for tok in doc[1:]:
            # headlines the tagger misreads: "Juvenile shot in arm", "Two-year-old shot in crossfire",
            # "5-year-old dies from gunshot": a person, then a casualty word read as a noun
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in covered:
                continue
            measure = self.counts.word_verb_measure(tok)
            who = doc[tok.i - 1]
            if measure not in _CASUALTIES or who.i in extra or who.i in covered:
                continue
            also = [self.counts.word_verb_measure(c) for c in tok.children if c.dep_ == "conj"]
            if any(a in _CASUALTIES for a in also):  # "15-year-old shot and killed": what the words add up to
                measure = self.vocab.combine([measure, *(a for a in also if a in _CASUALTIES)])
            if _is_age_noun(who) or (who.pos_ in ("NOUN", "PROPN") and self.counts.is_person(who)):
                first = max(0, who.i - 4) if _is_age_noun(who) else who.i
                fig = Figure(text=doc[first : who.i + 1].text, low=1, high=1, qualifier=None, approx=False,
                             unit="people")
                extra[who.i] = (_one(fig, doc[first], who.i), measure)
        _merge_listed(doc, extra, listed)
        if not extra:
            return figures, {}
        found = sorted([*figures, *(m for m, _ in extra.values())], key=lambda m: m.start)
        return found, {i: measure for i, (_, measure) in extra.items()}

    def _listed_member(self, tok: Token) -> bool:
        """An apposition that names another person, as a headline lists people with commas:
        "Father, daughter", "son, self", "baby, man". Bare people nouns of different kinds; an
        apposition with a determiner or a phrase of its own ("Tyrell Hall, a father of two")
        names the same person again."""
        head = tok.head
        if tok.dep_ != "appos" or head.tag_ not in ("NN", "NNP") or not (
                tok.tag_ in ("NN", "NNP") or tok.lower_ in _REFLEXIVE):
            return False
        if tok.lemma_.lower() == head.lemma_.lower() or not self.vocab.is_people(head.lower_):
            return False
        if not (self.vocab.is_people(tok.lower_) or tok.lower_ in _REFLEXIVE):
            return False
        return not any((c.dep_ in ("det", "poss", "nummod", "appos", "acl", "relcl") and c.pos_ != "NUM")
                       or (c.dep_ == "prep" and c.lower_ in ("of", "with"))
                       for n in (tok, head) for c in n.children if c.i != tok.i)

    def _casualty_of(self, noun: Token) -> str | None:
        """The casualty measure that happened to this person, if the sentence says one did."""
        for c in noun.children:  # "boy injured in shooting", "a man shot Friday"
            if c.dep_ == "amod" and c.lower_ == "dead" and c.i == noun.i + 1:
                return "killed"  # a headline's "Teen dead in shooting"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                name = self._verb_casualty(c)
                if name in _CASUALTIES:
                    return name
            if c.dep_ == "relcl" and any(r.dep_ in ("nsubjpass", "nsubj") and r.tag_ in ("WP", "WDT")
                                         for r in c.children):
                # "the girl who was fatally shot", "a man who died": the relative clause says what happened
                name = self._relative_casualty(c)
                if name in _CASUALTIES:
                    return name
        if noun.lemma_.lower() in _UNDERGOERS:
            # "the homicide victim", "a shooting victim": the event the victim underwent
            for c in noun.children:
                if c.dep_ in ("compound", "amod") and c.i < noun.i:
                    name = self._event_casualty(c) or (self._verb_casualty(c) if c.tag_ == "VBG" else None)
                    if name in _CASUALTIES:
                        return name
        for _ in range(4):  # bounded: a long list of names must not make the climb quadratic
            if noun.dep_ not in ("conj", "appos") or noun.head.pos_ not in ("NOUN", "PROPN") or noun.head.i == noun.i:
                break
            noun = noun.head  # "a man and a woman were shot", "Tyrell Hall, a father of two, ..."
        head = noun.head
        name = None
        if noun.dep_ in ("nsubjpass", "dobj") and head.pos_ in ("VERB", "ADJ"):
            name = self._verb_casualty(head)
        elif noun.dep_ == "nsubj" and head.pos_ in ("VERB", "ADJ", "AUX"):
            name = self._subject_casualty(head)
        elif noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "VERB"):
            name = self._event_casualty(head.head)  # "the death of", "the fatal shooting of", "the arrest of"
        if name not in _CASUALTIES and noun.tag_ == "NN":
            # "the slain officer", "murdered West Baltimore teen": a participle before the person says it
            for c in noun.lefts:
                if c.dep_ == "amod" and (c.tag_ == "VBN" or c.lower_ in ("slain", "dead")):
                    name = "killed" if c.lower_ in ("slain", "dead") else self._verb_casualty(c)
                    if name in _CASUALTIES:
                        break
        return name if name in _CASUALTIES else None

    def _subject_casualty(self, head: Token) -> str | None:
        """What happened to the subject of ``head``: "a man died", "a 16-year-old suffered a gunshot
        wound", headline passives ("Man gunned down", "Teen killed"), "was found dead", "is in custody"."""
        wound = next((c for c in head.children if c.dep_ == "dobj"), None)
        if head.lemma_.lower() in ("die", "perish", "drown", "succumb"):
            return "killed"
        if wound is not None and head.lemma_.lower() in ("suffer", "sustain", "receive", "take"):
            return self._event_casualty(wound)
        if wound is None and (head.tag_ in ("VBN", "VBD") or head.pos_ in ("ADJ", "AUX")) and (
                head.lemma_.lower() not in SAY_VERBS):
            return self._verb_casualty(head)
        return None

    def _event_casualty(self, event: Token) -> str | None:
        """The casualty an event noun names: "death", "arrest", "shooting"; "fatal shooting" and
        "shooting death" are deaths."""
        name = self.counts.noun_measure(event) or self.counts.word_verb_measure(event)
        if name in self.vocab.fatal_if and any(
                c.lower_ in ("fatal", "deadly", "death", "deaths") for c in event.children
                if c.dep_ in ("amod", "compound") or (c.dep_ == "dobj" and event.tag_ == "VBG" and c.i == event.i + 1)):
            # "the shooting death of", and a headline's "in shooting death of" read as a gerund and its object
            name = self.vocab.fatal_if[name]
        return name

    def _one_death(self, noun: Token) -> bool:
        """A singular noun of one death, made definite: "the killing", "a murder", "his death", "Mountain
        View shooting death"; not "attempted murder", "cause of death", nor one whose "of" names who died
        (that person is counted)."""
        low = noun.lemma_.lower()
        if low in _GENERAL_PEOPLE or low in TALLY_NOUNS or low == "toll" or self._event_casualty(noun) != "killed":
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return False
        if low == "kill" or (low == "body" and _a_body_of_people(noun)):
            return False  # "the worst fish kill" counts fish; "the industry body said" is an organisation
        if low == "life" and not (noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _TAKING_LIFE):
            return False  # "for most of his adult life" is a lifetime; "lost his life", "claimed the life of" a death
        if any(c.lower_ in _NOT_ONE_DEATH or _ordinal(c.lower_) for c in noun.children):
            return False  # "the last rabies death, in 2009", "a fourth death" (a rank of the toll, read elsewhere)
        if any(c.dep_ == "poss" and c.lower_ in ("their", "our", "your") for c in noun.children):
            return False  # "640 people became donors after their death": many people's deaths, no one's toll
        if noun.dep_ == "dobj" and noun.head.tag_ == "VBG" and noun.head.i == noun.i - 1 \
                and self._verb_casualty(noun.head) in _CASUALTIES:
            return True  # a headline's "in Fenwick shooting death", read as a gerund and its object
        return any(c.dep_ in ("det", "poss", "compound") for c in noun.children)

    def _verb_casualty(self, verb: Token) -> str | None:
        if _hit_by_projectile(verb):
            return "shot"
        names = self.counts.verb_measures(verb, verb)
        return self.vocab.combine(names) if names else None

    def _relative_casualty(self, verb: Token) -> str | None:
        """What a relative clause says happened to its head: "who was shot", "who died", "that was killed"."""
        if verb.lemma_.lower() in ("die", "perish", "drown", "succumb"):
            return "killed"
        subj = next((r for r in verb.children if r.dep_ in ("nsubjpass", "nsubj")), None)
        if subj is None or (subj.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children)):
            return None  # "the man who shot two people" did the shooting
        return self._verb_casualty(verb) if subj.dep_ == "nsubjpass" or verb.pos_ == "ADJ" else None

    def _counted_noun(self, doc: Doc, m: FigureMatch) -> Token | None:
        tok = doc[m.anchor]
        seen = 0
        mod = tok.head
        if unit_family(m.figure.unit) == "money" and mod.i > tok.i and mod.dep_ in ("amod", "compound") \
                and mod.head.pos_ == "NOUN" and mod.head.i > mod.i \
                and tok.dep_ in ("nummod", "nmod", "compound", "npadvmod", "aux", "dep"):
            return mod.head  # "a £3.2m replanting programme", "a £40m cocaine haul": the amount is the noun's,
            # however the parser hangs "£3.2m" on the word before it
        # climb from the number through number-internal links to the noun it counts
        while tok.dep_ in ("quantmod", "compound", "nummod", "nmod", "amod", "advmod", "det", "npadvmod") and seen < 6:
            head = tok.head
            if head.i == tok.i:
                break
            if head.i >= m.start and head.i < m.end \
                    and head.pos_ in ("NUM", "SYM", "ADP", "PART", "ADV", "X", "ADJ", "NOUN", "PROPN"):
                # still inside the figure ("10,000 to 12,000", "$ 4.2bn", "square kilometres")
                if head.pos_ in ("NOUN", "PROPN") and not m.unit_explicit:
                    return head
                tok = head
                seen += 1
                continue
            if head.pos_ == "ADJ" and head.lower_ == "strong" and doc[head.i - 1].text == "-" \
                    and head.head.pos_ == "NOUN" and head.head.i > head.i and sized(m):
                return head.head  # "a 1,200-strong audience": the audience, 1,200 of them
            if head.pos_ in ("NOUN", "PROPN"):
                if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i \
                        and head.lemma_.lower() in GROUP_SIZE_WORDS and doc[head.i - 1].text == "-" and sized(m):
                    return head.head  # "a 64-member crew", "a 12-person jury": the number counts the group
                if head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN" and head.head.i > head.i \
                        and head.head.tag_ == "NNS" and head.tag_ == "NN":
                    # "58,000 weekend tickets": the number counts the tickets, not a weekend; "40,000 landline
                    # and broadband customers": the customers
                    return head.head
                if head.tag_ == "NN" and m.figure.low is not None and m.figure.low > 1 \
                        and not self.counts.is_people(head) and not self._noun_measure(head) and (shared := next(
                        (c for c in head.children if c.dep_ == "conj" and c.tag_ == "NNS"
                         and not any(d.dep_ == "nummod" or d.like_num for d in c.children)), None)) is not None \
                        and any(c.dep_ == "cc" for c in head.children):
                    return shared  # "2.3 million landline and mobile customers": a word both share, then the noun
                if head.dep_ == "poss" and head.tag_ == "NNS" and head.head.pos_ == "NOUN" and head.head.tag_ == "NNS" \
                        and any(c.dep_ == "case" and c.text in ("'", "’") for c in head.children):
                    return head.head  # "3,400 wild birds' eggs": the eggs, whose birds the plural possessive says
                return head
            break
        anchor = doc[m.anchor]
        root = span_root(doc, m)
        # "the death toll rose to 23", "the number of people killed has risen to 19"
        level = root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "from") else (
            root.head if root.dep_ in ("dobj", "attr") else None)  # "has reached 71", "stood at 71"
        if root.dep_ == "prep" and root.lower_ == "from" and root.i == m.start:
            level = root.head  # "membership fell from 1,200 to 950": a change written as one figure
        if not m.unit_explicit and level is not None and (level.lemma_.lower() in _LEVEL_VERBS or (
                level.lemma_.lower() == "be" and root.dep_ == "attr")):  # "the death toll was 40"
            moved = [c for c in level.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < m.start
                     and root.dep_ != "dobj"]
            # "will increase the capacity of the ground from 18,500 to 27,000": what the verb moves is counted
            for c in (*moved, *level.children):
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN") \
                        and (c.dep_ != "dobj" or c in moved):
                    if c.lemma_.lower() in TALLY_NOUNS:
                        for p in (p for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                  for p in prep.children if p.dep_ == "pobj"):
                            return p
                    if root.dep_ == "pobj" or root.lower_ == "from" or c.lemma_.lower() in TALLY_NOUNS \
                            or self._noun_measure(c):
                        return c
        # "takes the number of miners rescued to 25": the tally moved to this level, read from the words
        if m.start > 1 and (doc[m.start - 1].lower_ in ("to", "at") or doc[m.start - 1].lemma_.lower() in _LEVEL_VERBS):
            for t in doc[max(0, m.start - 20) : m.start - 1]:
                if t.lemma_.lower() in TALLY_NOUNS and t.pos_ == "NOUN" and t.i + 1 < m.start \
                        and doc[t.i + 1].lower_ == "of":
                    counted = doc[t.i + 2] if t.i + 2 < m.start - 1 else None
                    if counted is not None and (self._noun_measure(counted) or any(
                            c.dep_ in ("relcl", "acl") for c in counted.children)):
                        # "the number of dead to five", "the number of people who fell ill has reached 71"
                        return counted
                    return t
        # "police put the crowd at 18,000", "estimated the toll at 50", "bringing the number of dead to four"
        if anchor.dep_ == "pobj" and anchor.head.head.pos_ == "VERB" and (
                anchor.head.lower_ == "at"
                or (anchor.head.lower_ == "to" and anchor.head.head.lemma_.lower() in _MOVERS)):
            for c in anchor.head.head.children:
                if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN"):
                    if c.lemma_.lower() in TALLY_NOUNS:  # "the number of dead": what the tally counts
                        for p in (p for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                  for p in prep.children if p.dep_ == "pobj"):
                            return p
                    return c
        # "hundreds of North Korean soldiers", "4,000 of them", "between 300 and 350 of those jobs" (the "of" on a
        # number of a range other than its anchor)
        numbers = () if m.unit_explicit else tuple(t for t in doc[m.start : m.end] if t.tag_ == "CD")
        for child in (c for tok in (anchor, *numbers) for c in tok.children):
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for p in child.children:
                    if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                        return p
        # an amount inside a noun phrase is the amount of its noun: "a £90m scheme the company says ...", "an
        # £85m distribution hub" (however the parser hangs the tokeniser's "m" of "£90m")
        if unit_family(m.figure.unit) == "money" and m.start > 0 and m.end < len(doc) \
                and (doc[m.start - 1].lower_ in ("a", "an", "its", "their", "the") or doc[m.start - 1].tag_ == "POS"):
            j = m.end
            while j + 1 < len(doc) and doc[j].pos_ in ("NOUN", "ADJ") and doc[j + 1].pos_ == "NOUN" \
                    and not doc[j + 1].like_num:
                j += 1  # to the head of a compound: "distribution hub"
            if doc[j].pos_ == "NOUN" and doc[j].is_alpha and doc[j].lower_ not in SCALE_WORDS:
                return doc[j]
        # the unit words inside the figure are not the counted noun
        if m.unit_explicit:
            return None
        # the number stands alone before a noun it modifies ("50 North Korean soldiers")
        nxt = doc[m.end] if m.end < len(doc) else None
        while nxt is not None and nxt.pos_ in ("ADJ", "PROPN") and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.i - m.end <= 3:
            if nxt.lemma_.lower() in TIME_NOUNS and any(t.lower_ in _DATING_WORDS for t in doc[m.end : nxt.i]):
                return None  # "up from 870 last year": the year dates the figure, it is not counted
            return nxt
        return None

    def _borrow_noun(self, nouns: list[Token | None], figures: list[FigureMatch], i: int, doc: Doc) -> Token | None:
        """ "killed 21 and wounded 40 North Korean soldiers": 21 counts the same soldiers."""
        if unit_family(figures[i].figure.unit) not in ("people", "count"):
            return None
        order = [*range(i + 1, len(nouns)), *range(i - 1, -1, -1)]
        for j in order:
            if nouns[j] is not None and unit_family(figures[j].figure.unit) in ("people", "count") \
                    and not (nouns[j].dep_ == "pobj" and nouns[j].head.lower_ in ("including", "excluding")):
                return nouns[j]  # (not a part named after the whole: "26 were injured, including four crew")
        return None

    def _is_people(self, noun: Token) -> bool:
        return self.counts.is_people(noun)

    def _sentenced(self, who: Token) -> bool:
        """Someone a court can sentence: a person named, a pronoun, or a noun of people ("his brother")."""
        return who.pos_ in ("PROPN", "PRON") or self.counts.is_people(who) or self.counts.is_person(who) \
            or a_doer(who) or who.lemma_.lower() in ("pair", "couple", "duo", "trio")  # "the ringleader"

    def _noun_measure(self, noun: Token) -> str | None:
        return self.counts.noun_measure(noun)

    def _measure(self, doc: Doc, m: FigureMatch, noun: Token | None) -> str:
        root = span_root(doc, m)
        return self.counts.measure(doc, m, noun, root, _governing_verb(noun if noun is not None else root))

    # -- subject ----------------------------------------------------------------
    def _subject(self, doc: Doc, m: FigureMatch, noun: Token | None, measure: str) -> tuple[str, str | None, bool]:
        """The subject text, the counted noun's lemma, and whether it is qualified."""
        if noun is not None and noun.dep_ == "ROOT" and not self.counts.is_people(noun) \
                and self.counts.word_verb_measure(noun) in _CASUALTIES and not self._noun_measure(noun):
            noun = None  # a headline's "5 shot in Georgia" read as a noun: the casualty is not who was counted
        if change_base(measure) == "area" and (noun is None or self._noun_measure(noun) == "area"):
            actor = self._actor(doc, m)
            return (f"territory held by {actor}", "territory", True) if actor else ("territory", "territory", False)
        if noun is None and (group := fronted_group(span_root(doc, m))) is not None:
            # "Of the 34 runners that set off, only 14 completed the course": the 14 are runners
            return _phrase(group, doc, m), group.lemma_.lower(), False
        if noun is None:
            root = span_root(doc, m)
            verb = _governing_verb(root)
            thing = _exchanged(root, verb) or measured_thing(root, verb)
            if thing is not None and unit_family(m.figure.unit) not in ("people", "count"):
                owner = _named_pp(thing)
                holder = _holder(thing, m) if not owner else None
                if holder is not None:
                    # "private schools achieved a 93% pass rate": the verb's subject holds the rate
                    text = f"{self.places.normalise(_phrase(holder, doc, None))} {_phrase(thing, doc, m)}"
                    return text, thing.lemma_.lower(), True
                if self._noun_measure(thing) and not owner and not any(
                        t.dep_ in ("compound", "amod", "poss") and _is_name(t) for t in thing.lefts):
                    return "", None, False  # "damage", "revenue" alone: whose is resolved from the article
                if self._noun_measure(thing) and owner and not any(t.dep_ in ("compound", "amod") for t in thing.lefts):
                    # "Unemployment in Estmark": the measure is the thing; the subject is whose it is
                    return self.places.normalise(owner), _head_lemma(owner), True
                text = self.places.normalise(_phrase(thing, doc, m))
                if owner and owner.lower() not in text.lower():
                    text = f"{self.places.demonym(owner) or owner} {text}"
                return text, thing.lemma_.lower(), bool(_qualifier_words(text, self.places))
            return "", None, False
        lemma = noun.lemma_.lower()
        # a measure noun ("casualties", "losses", "deaths") counts someone else: find whom
        if self._noun_measure(noun):
            owner = self._owner(noun)
            if owner:
                return owner, _head_lemma(owner), True
            if not self._is_people(noun) and (_holder(noun, m) is None or unit_family(m.figure.unit) in (
                    "people", "count")):
                return "", None, False
        text = self.places.normalise(_phrase(noun, doc, m))
        holder = _holder(noun, m) if not self._is_people(noun) and unit_family(m.figure.unit) not in (
            "people", "count") else None
        if holder is not None:
            # "private schools achieved a 93% pass rate": the verb's subject holds the rate
            return f"{self.places.normalise(_phrase(holder, doc, None))} {text}", lemma, True
        qualified = bool(_qualifier_words(text, self.places)) or (text.lower() != lemma and len(text.split()) > 1)
        return text, lemma, qualified

    def _owner(self, noun: Token) -> str | None:
        """Whose casualties: "North Korea's losses", "casualties among civilians", "X suffered N casualties"."""
        for c in noun.children:
            if c.dep_ == "poss":
                return self._as_group(c)
            if c.dep_ == "prep" and c.lower_ in ("of", "among", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and (p.ent_type_ in ("NORP", "GPE", "ORG") or self._is_people(p)):
                        return self.places.normalise(_phrase(p, p.doc, None))
        verb = noun.head if noun.dep_ in ("dobj", "attr") else None
        if verb is not None \
                and verb.lemma_.lower() in ("suffer", "sustain", "incur", "take", "have", "report", "record"):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return self._as_group(c)
        return None

    def _as_group(self, tok: Token) -> str:
        """ "North Korea" as a party to a toll is "North Korean" + its people, resolved later."""
        text = _phrase(tok, tok.doc, None)
        dem = self.places.demonym(text)
        if dem:
            return dem
        return self.places.normalise(text)

    def _actor(self, doc: Doc, m: FigureMatch) -> str | None:
        verb = _governing_verb(doc[m.anchor])
        if verb is None:
            return None
        for v in (verb, verb.head if verb.dep_ == "conj" else verb):
            for c in v.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON" and any(
                        _is_name(t) or t.ent_type_ in ("NORP", "GPE", "ORG") for t in c.subtree):
                    # a party that holds ground ("Russian forces captured 40 km2"), never "which" or a fire
                    text = _phrase(c, doc, None)
                    return self.places.demonym(text) or self.places.normalise(text)
        return None

    def _qualify(self, subject: str, noun_lemma: str | None, qualifier: str) -> str:
        """Give an implicit subject the article's dominant qualifier ("the troops" -> "North Korean troops")."""
        if not subject:
            return f"{qualifier} people" if qualifier[:1].isupper() else subject
        words = subject.split()
        if len(words) == 1 and words[0][:1].isupper():
            # a bare demonym ("North Korean") from a casualty owner: add the group noun
            return subject
        stripped = re.sub(r"^(the|these|those|its|their|his|her)\s+", "", subject, flags=re.I)
        if _qualifier_words(stripped, self.places):
            return stripped
        return f"{qualifier} {stripped}"

    # -- claimant ----------------------------------------------------------------
    def _claimant_for_sentence(self, doc: Doc, ctx: ArticleContext) -> tuple[str | None, tuple[str, ...]]:
        """ "According to X, ..." anywhere in the sentence."""
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for p in doc[tok.i + 1].children:
                    if p.dep_ == "pobj":
                        who = self._np(p)
                        return who, (who,)
        return None, ()

    def _claimant_for_figure(
        self, doc: Doc, m: FigureMatch, ctx: ArticleContext
    ) -> tuple[str | None, tuple[str, ...]] | None:
        tok = doc[m.anchor]
        chain = [tok, *tok.ancestors]
        # a postposed attribution coordinated with the clause: "50 were killed, the Ledger reported"
        chain += [c for anc in chain for c in anc.children
                  if c.dep_ in ("conj", "parataxis") and c.i > tok.i and c.pos_ == "VERB"]
        for anc in chain:
            if anc.pos_ not in ("VERB", "AUX") or anc.lemma_.lower() not in REPORT_VERBS or not _reports(anc):
                continue
            who = self._speaker(anc, ctx)
            if who is None:
                continue
            cited = self._cited(anc)
            names = (who, cited) if cited else (who,)
            ctx.last_claimant = who
            return (_display_chain(names) if cited else who), names
        return None

    def _speaker(self, verb: Token, ctx: ArticleContext) -> str | None:
        subj = None
        for c in verb.children:
            if c.dep_ in ("nsubj",):
                subj = c
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        subj = p
        if subj is None:
            # inverted "..., reports the Kyiv Independent"
            for c in verb.children:
                if c.dep_ in ("dobj", "attr") and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
                    subj = c
        if subj is None and verb.dep_ in ("advcl", "xcomp", "conj", "ccomp"):
            return None  # "stating roughly 3,000 ...": let the climb reach the verb with a subject
        if subj is None:
            return None
        if subj.pos_ == "PRON":
            if subj.lower_ in ("it", "this", "that", "which"):
                return None
            return ctx.last_claimant
        return self._np(subj)

    def _cited(self, verb: Token) -> str | None:
        cache = verb.doc.user_data.setdefault("crosscheck.cited", {})
        if verb.i not in cache:
            cache[verb.i] = self._find_cited(verb)
        return cache[verb.i]

    def _find_cited(self, verb: Token) -> str | None:
        for c in verb.subtree:
            if c.lemma_.lower() == "cite" and c.i != verb.i:
                for p in c.children:
                    if p.dep_ in ("dobj", "pobj"):
                        return self._np(p)
        return None

    def _np(self, tok: Token) -> str:
        """A claimant's noun phrase, cut at relative clauses and long appositions."""
        keep: list[Token] = []
        clauses = frozenset().union(*(_subtree_ids(t) for t in tok.subtree if t.dep_ == "relcl" and t.i > tok.i))
        for t in tok.subtree:
            if t.i > tok.i and ((t.dep_ in ("relcl", "acl", "punct") and t.head.i == tok.i) or t.i in clauses):
                break  # "Residents of Linden Road, where 43 trees ...": a clause on any word of the phrase
            if keep and t.i > tok.i and t.i != keep[-1].i + 1:
                break  # "the ministry said on Tuesday, the largest payout ...": words past the verb are not its name
            keep.append(t)
        words = [t for t in keep if not (t.dep_ == "appos" and len(list(t.subtree)) > 8)]
        span = tok.doc[words[0].i : words[-1].i + 1] if words else tok.doc[tok.i : tok.i + 1]
        text = span.text.strip(" ,;:\"'“”")
        return re.sub(r"\s+", " ", text)

    # -- location, time ------------------------------------------------------------
    def _location(self, doc: Doc, m: FigureMatch, noun: Token | None) -> str | None:
        """Where it happened: a place in a locative phrase of the figure's own clause ("killed in
        Kursk"), not the speaker's ("said in Washington"), an origin ("troops from Pyongyang") or a
        destination ("sent to Russia"). The most specific such place wins."""
        own = noun if noun is not None else span_root(doc, m)
        scope = _governing_verb(own)
        allowed = _subtree_ids(scope) if scope is not None else range(len(doc))
        # a clause about a named party ("Voltaro, which builds buses at plants in Augsburg, reported revenue
        # of ...") or of contrast ("..., although its plant is in Poland") does not place the figure (spans of
        # the parse: a subtree is a run of tokens)
        above = {t.i for t in own.ancestors}
        aside = [(c.left_edge.i, c.right_edge.i) for c in _side_clauses(scope)
                 if c.i not in above and c.i != own.i and c.head.i != own.i] if scope is not None else []
        best: tuple[int, int, str] | None = None
        for ent in _ents(doc):
            if ent.label_ in ("ORG", "PERSON"):
                # "Across England" read as an organisation: a country's name is a place whatever the tagger says
                while len(ent) > 1 and ent[0].pos_ == "ADP":
                    ent = ent[1:]
                if not self._known_place(ent.text):
                    continue
            elif ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            if not any(ch.isupper() for ch in ent.text):
                continue  # "took £340,000 in bribes", tagged a place: a place's name is written with a capital
            if ent.root.i not in allowed or any(a <= ent.root.i <= b for a, b in aside):
                continue
            head = ent.root
            # "in the Russian border region of Kursk": climb through "of"
            while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "pobj":
                head = head.head.head
            prep = head.head if head.dep_ == "pobj" else None
            if prep is None or prep.lower_ not in _LOCATIVE:
                continue
            name = _clean_location(ent.text)
            if not name:
                continue
            specific = 0 if self.places.demonym(name) else 1  # a region beats a country
            if best is None or (specific, -ent.start) > (best[0], -best[1]):
                best = (specific, ent.start, name)
        return best[2] if best else None

    def _in_a_name(self, ent: Span) -> bool:
        """A place written as the end of another name: "Cyclo UK", "BP America" are companies."""
        if ent.start == 0:
            return False
        before = ent.doc[ent.start - 1]
        return before.pos_ == "PROPN" and before.is_title and before.ent_type_ not in ("GPE", "LOC", "NORP") \
            and self.places.demonym(before.text) is None \
            and (before.head.i in range(ent.start, ent.end) or ent.root.head.i == before.i)

    def _known_place(self, text: str) -> bool:
        """A country or capital of the place list, written as its name (not its demonym)."""
        name = _clean_location(text)
        if not name:
            return False
        dem = self.places.demonym(name)
        return dem is not None and dem.lower() != name.lower()

    def _ref_date(self, doc: Doc, m: FigureMatch, published: date | None) -> date | None:
        """The date a figure refers to: a date phrase of the figure itself ("3.9% in September") or of
        its verb ("rose to 4.2% in October", "were killed on Monday"), not of the speaker ("said on
        Tuesday"). A month alone gives its first day; the year comes from the text or publication."""
        root = span_root(doc, m)
        verb = _governing_verb(root)
        own = _subtree_ids(root)
        near = _near_ids(verb) if verb is not None else frozenset()
        # a clause on the counted thing describes it, and its date is the thing's ("the 43 limes, the oldest
        # of which were planted in 1911"); a clause on an event dates the event ("died in the fire that
        # broke out on 3 May")
        thing = root.head if root.dep_ in ("nummod", "quantmod") else root
        others = frozenset().union(*(_subtree_ids(c) for c in thing.subtree if c.dep_ in ("relcl", "acl")
                                     and c.i > thing.i))
        # a clause on another counted thing dates that thing: "cost 14.2 billion crowns, against a budget of 7.5
        # billion crowns approved in 2017"
        others |= frozenset().union(*(ids for c in doc if c.dep_ in ("relcl", "acl")
                                      and c.head.i != thing.i and c.head.i not in own
                                      and any(n.dep_ == "nummod" and n.like_num for n in c.head.children)
                                      and root.i not in (ids := _subtree_ids(c))))  # (not the figure's own clause)
        ref = published or datetime.now(UTC).date()
        past = _in_the_past(verb)
        # "up from 870 last year": the date of a figure's own preposition ("from") is the figure's
        prep = _subtree_ids(root.head) if root.dep_ == "pobj" and root.head.dep_ != "ROOT" else frozenset()
        # "last year's campaign resulted in 112 arrests", "last year's campaign, which resulted in 112 arrests": the
        # date a possessive gives the event the figure's verb tells of
        # (only an event told in the simple past: "last season's top scorer has scored 12" is a fact of now)
        owners = [c for c in (verb.children if verb is not None and verb.tag_ == "VBD" else ())
                  if c.dep_ in ("nsubj", "nsubjpass")]
        if verb is not None and verb.tag_ == "VBD" and verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
            owners.append(verb.head)
        possessed = frozenset(t.i for o in owners for c in o.children if c.dep_ == "poss" for t in c.subtree)
        for scope in (own - others, (prep | near) - others, possessed):
            dates = sorted((e for e in _reference_dates(doc) if e[1] in scope), key=lambda e: abs(e[0] - m.end))
            for _, date_i, text in dates:
                # the tense of the verb the date hangs on, else the figure's: "the £410m bypass opened in June"
                # (a date something is moved or planned "to" or "for" is a target, not when it happened)
                dated_by = _governing_verb(doc[date_i]) if 0 <= date_i < len(doc) and not (
                    doc[date_i].dep_ == "pobj" and doc[date_i].head.lower_ in ("to", "for", "until", "till", "by")
                ) else None
                d = _parse_date(text, ref, published, past=past or _in_the_past(dated_by))
                if d is not None:
                    return d
        if verb is not None and verb.dep_ in ("relcl", "advcl") and any(c.lower_ == "when" for c in verb.children):
            # "erupted in 1997, when more than 30 people died": the time the when-clause hangs on
            head = verb.head
            for _, root_i, text in _reference_dates(doc):
                if root_i == head.i:
                    d = _parse_date(text, ref, published)
                    if d is not None:
                        return d
            if head.like_num and len(head.text) == 4 and head.text.isdigit() and 1900 <= int(head.text) <= 2100:
                return date(int(head.text), 1, 1)
        if published is not None and verb is not None:
            # "last year's pass rate was 86.5%": a time owning the figure's subject dates it
            for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                for t in subj.subtree:
                    if t.lower_ == "year" and t.dep_ == "poss" and any(c.lower_ in ("last", "this", "next")
                                                                        for c in t.children):
                        d = _parse_date(" ".join(c.lower_ for c in t.children if c.dep_ in ("amod", "det"))
                                        + " year", ref, published)
                        if d is not None:
                            return d
        return None

    def _period_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        out = []
        for pm in _PERIOD.finditer(doc.text):
            if a_penalty_span(doc, pm.start(), self.counts.is_people):
                continue  # "banned from driving for three years and fined £1,200": no period of the fine
            unit = pm.group("unit").lower()
            num = pm.group("num")
            if num and num.lower() in ("the", "a", "an"):
                num = "1"
            if not num and not pm.group("rel"):
                if not _SPAN_END.match(doc.text, pm.end()):
                    continue  # "during the day", "over the weekend": when, not a span that scopes a count
                num = "1"  # "in the week to 18 October", "in the year ending March": a span with its end
            if unit == "weekend":
                label = "weekend"
            else:
                n = _to_int(num) if num else 1
                if n is None:
                    continue
                base = unit.rstrip("s")
                label = f"{n} {base}{'s' if n != 1 else ''}"
            out.append((pm.start(), pm.end(), label))
        for mm in _MONTH_SPAN.finditer(doc.text):
            # "between April and September", "from January to March": a span of whole months, the first and
            # the last counted ("the six months to September" is the same span)
            first, last = _MONTHS.get(mm.group(1).lower()), _MONTHS.get(mm.group(2).lower())
            opener = doc.char_span(mm.start(), mm.start() + len(mm.group(0).split()[0]))
            if opener is not None and opener.root.head.lemma_.lower() in _RESCHEDULING:
                continue  # "postponed from May to July": a move of a date, not a span
            if first is not None and last is not None and first != last:
                n = (last - first) % 12 + 1
                out.append((mm.start(), mm.end(), f"{n} months"))
        out.sort()
        return out

    def _a_person(self, tok: Token | None) -> bool:
        """Someone a ban can punish: a name, a people noun, or a noun of who does something ("sprinter",
        "cyclist", "winger")."""
        if tok is None:
            return False
        return tok.pos_ == "PROPN" or self._is_people(tok) or a_doer(tok)

    def _names_a_thing(self, doc: Doc, m: FigureMatch) -> bool:
        """A bare number written after a singular noun, as its number: it names which one ("near
        kilometre 162", "monitoring station 7", "flight CA 412", "Gallery 25"), it counts nothing. A
        count comes before what it counts; a measure the vocabulary knows may take its figure after it
        in a headline ("Quake death toll 52")."""
        if _a_band(doc, m):
            return True  # "in the 3.6 GHz band": a frequency that names which band
        if m.end - m.start != 1 or m.figure.unit not in ("count", None) or not doc[m.start].is_digit:
            return False
        tok = doc[m.start]
        if _listed_numbers(doc, m.start):
            return True  # "passengers waiting for the 14 and the 27": route numbers, listed
        head = tok.head
        if m.end < len(doc) and doc[m.end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return False  # "In Aldmoor 300 people were evacuated": a count of what follows, however parsed
        return tok.dep_ == "nummod" and head.i == tok.i - 1 and head.pos_ in ("NOUN", "PROPN") \
            and head.tag_ not in ("NNS", "NNPS") and head.lemma_.lower() not in self.vocab.by_noun

    def _is_period_figure(self, doc: Doc, m: FigureMatch, spans: list[tuple[int, int, str]]) -> bool:
        return any(s <= m.start_char and m.end_char <= e for s, e, _ in spans)

    def _period(self, doc: Doc, spans: list[tuple[int, int, str]]) -> str | None:
        return spans[0][2] if spans else None


# -- helpers --------------------------------------------------------------------
#: markers of a clause that gives a contrast, not where a figure happened
_REASONS = frozenset({"although", "though", "whereas"})
#: nouns that only point back to an amount just named: "the sum", "that figure"
_ANAPHORS = frozenset({"sum", "amount", "figure"})

#: "the company", "the carmaker's": an organisation named earlier in the article
_ORG_ANAPHOR = re.compile(
    r"^(?:the|its)\s+(?:company|carmaker|automaker|firm|group|business|retailer|airline|carrier|bank|lender|insurer"
    r"|operator|utility|ministry|office|agency|authority|council|government|department|manufacturer|maker|chain"
    r"|brand|club|university|hospital|board|regulator|union)(?:['’]s)?\b\s*",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(r"\b[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+|&[ \t]+)?[A-Z][\w&'’-]*)*")


#: words that make a death noun no single death of the news: "attempted murder", "no deaths", "the last death"
_NOT_ONE_DEATH = frozenset("attempted attempt no any every each another last previous next latest".split())
#: people described by how many children they have: "a father of two", "a mother-of-three"
_KIN = frozenset("father mother parent dad mum mom grandfather grandmother grandparent".split())


#: verbs that move a date: their "from May to July" is no span
_RESCHEDULING = frozenset("postpone move delay shift push bring reschedule switch change put defer".split())
#: a span between two months named alone (no day, which would make them dates of a range)
_MONTH_NAMES = "|".join(sorted((m for m in _MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_MONTH_SPAN = re.compile(
    rf"\b(?:between|from)\s+({_MONTH_NAMES})\s+(?:and|to|until|through)\s+({_MONTH_NAMES})\b(?!\s+\d{{1,2}}\b)",
    re.IGNORECASE)

_RATE_UNITS = frozenset("hour day week month year".split())
#: what ends a span named by its unit alone: "in the week to 18 October", "in the year ending March"
_SPAN_END = re.compile(
    r"\s+(?:to|ending|ended|through|until)\s+(?:\d|(?:the\s+end|mid|early|late)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.IGNORECASE)
#: the spans of a habit, which make its figures a rate: "every winter", "each year"
_HABIT_UNITS = frozenset("day week month year winter summer spring autumn".split())


def _habitual(doc: Doc, m: FigureMatch) -> str | None:
    """"Every winter it puts thousands of people in hospital": a habit of the figure's own verb makes the
    figure a rate ("a winter"); "every year ..., but this year only 300 came" is the other verb's."""
    verb = _governing_verb(span_root(doc, m))
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ == "npadvmod" and c.lower_ in _HABIT_UNITS and any(
                d.dep_ == "det" and d.lower_ in ("every", "each") for d in c.children):
            return _a_rate(c.lower_)
    return None


def _rate(doc: Doc, m: FigureMatch, noun: Token | None) -> str | None:
    """The period a figure is a rate of, written right after it or after what it counts: "$12 million a
    day", "40,000 wafers a month", "2 million barrels per day" ("a day", read as the day's span)."""
    j = m.end
    if noun is not None and noun.i == j:
        j += 1
    if j < len(doc) and doc[j].lower_ == "of":  # "12,000 tonnes of steel a month"
        j = next((k + 1 for k in range(j + 1, min(j + 5, len(doc))) if doc[k].pos_ in ("NOUN", "PROPN")), j)
    if j + 1 < len(doc) and doc[j].lower_ in ("a", "an", "per", "each", "every") \
            and doc[j + 1].lemma_.lower() in _RATE_UNITS and doc[j + 1].tag_ == "NN" \
            and not (j + 2 < len(doc) and doc[j + 2].lower_ in _TIME_AFTER):  # "12 survivors a day after"
        return _a_rate(doc[j + 1].lower_)
    return None


def _a_rate(unit: str) -> str:
    """ "a day", "an hour": the span a rate is of, with the article English writes."""
    return f"{'an' if unit.startswith(('a', 'e', 'i', 'o', 'hour')) else 'a'} {unit}"


def _adjective_period(doc: Doc, m: FigureMatch, noun: Token | None, adjectives: list[Token]) -> str | None:
    """The period an adjective gives a figure when it qualifies what the figure measures: the counted
    noun, a noun the figure is of ("the annual budget of $4bn"), or an argument of the figure's verb
    ("annual inflation rose to 3.1%", "taking annual inflation to 3.8%"); not another figure's ("prices
    rose 0.4% in June, taking annual inflation to 3.8%": the 0.4% is no annual figure)."""
    if not adjectives:
        return None
    root = span_root(doc, m)
    near = {t.i for t in root.ancestors if t.pos_ in ("NOUN", "PROPN") and t.i not in range(m.start, m.end)}
    near.add(root.i)
    if noun is not None:
        near.add(noun.i)
    verb = _governing_verb(noun if noun is not None else root)
    if verb is not None:
        near.update(c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
    for adj in adjectives:
        if adj.head.i in near:
            return _PERIOD_ADJECTIVES[adj.lower_]
    return None


def _a_source(noun: Token) -> bool:
    """A noun that gives figures rather than being one: the subject of a verb with an object ("the weekly
    bulletin counted 1,900 cases") or what a figure is according to ("according to its annual report")."""
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in noun.head.children):
        return True
    return any(t.lower_ == "according" for t in noun.ancestors)


def _change_of(claim: Claim, word: str) -> str:
    """The name of a change of ``claim``'s figure: of its measure, or of its things where the measure is what
    happened to them ("handed out 28,400 parcels, up 23%": a rise in parcels, not "handed out rise")."""
    base = claim.measure
    if base.split()[0].endswith("ed") and claim.subject and claim.subject.islower() \
            and all(w.isalpha() for w in claim.subject.split()):
        base = claim.subject
    return change_name(base, word)


def _pointing_subject(doc: Doc, m: FigureMatch) -> bool:
    """A clause about the figure before, whose subject only points back: "That was up 23 per cent", "This is
    8% more than a year ago"."""
    verb = _governing_verb(span_root(doc, m))
    return verb is not None and any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "it") for c in verb.children)


def _change_of_previous(doc: Doc, m: FigureMatch, previous: FigureMatch) -> str | None:
    """The direction of a change set off after the verb of the figure before: ", up 60%", ", 6.5 per
    cent more than a year earlier": the change of that figure, not a figure of its own ("while exports were
    up 3%" has a verb of its own). None when it is not one."""
    if m.start >= 2 and doc[m.start - 2].text == "," and doc[m.start - 1].lower_ in ("up", "down"):
        verb = _governing_verb(span_root(doc, previous))
        return doc[m.start - 1].lower_ if verb is not None and doc[m.start - 1].head.i == verb.i else None
    if m.start >= 1 and doc[m.start - 1].text == ",":
        return comparative_change(doc, m)  # ", 6.5 per cent more than a year earlier"
    return None


def _a_body_of_people(noun: Token) -> bool:
    """ "body" as an organisation, not a corpse: qualified ("the industry body", "a governing body") or
    speaking ("the body said", "according to the body")."""
    if any(c.dep_ in ("compound", "amod") for c in noun.children):
        return True
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in SAY_VERBS:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according"


def _named_change(noun: Token, m: FigureMatch) -> bool:
    """A change noun that names what changes: "the 8 percent price increase" (not "a six per cent rise")."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and not m.start <= c.i < m.end
               and c.lower_ not in PERCENT_WORDS for c in noun.children)


def _an_age_when(noun: Token) -> bool:
    """"since the age of 12", "at the age of 90": an age that dates what someone did, not a figure."""
    doc = noun.doc
    return noun.lower_ == "age" and noun.i >= 2 and doc[noun.i - 1].lower_ == "the" \
        and doc[noun.i - 2].lower_ in ("since", "from", "at", "until", "till", "by", "under", "over", "before", "after")


#: verbs by which a life is lost: only then is "a life" a death
_TAKING_LIFE = frozenset("lose claim take cost sacrifice give end".split())


def _exchanged(root: Token, verb: Token | None) -> Token | None:
    """What an amount is paid for: "agreed to sell the building for £340,000" is about the building, not the
    seller."""
    if verb is None or root.dep_ != "pobj" or root.head.lower_ != "for" or root.head.head.i != verb.i \
            or verb.lemma_.lower() not in _EXCHANGING:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)


#: verbs by which a thing changes hands for an amount ("sued his employer for £80,000" buys nothing)
_EXCHANGING = frozenset("sell buy purchase acquire sign let lease rent auction".split())


def _in_the_past(verb: Token | None) -> bool:
    """The verb tells of the past: "opened", "has been cut", "were killed" (not "will open", "would be"). A main
    verb with a subject and no auxiliary, tagged a participle, is a past tense too: "the bypass opened"."""
    return verb is not None and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("have", "be") and c.tag_ in ("VBD", "VBZ", "VBP")
        for c in verb.children)) or (verb.tag_ == "VBN" and verb.dep_ == "ROOT" and any(
            c.dep_ == "nsubj" for c in verb.children) and not any(c.dep_ in ("aux", "auxpass")
                                                                   for c in verb.children))
    ) and not any(c.lower_ in ("will", "would", "'ll") for c in verb.children)


def _kin_of(doc: Doc, m: FigureMatch) -> bool:
    k = m.start - 1
    if k >= 0 and doc[k].text == "-":
        k -= 1
    if k < 1 or doc[k].lower_ != "of":
        return False
    kin = doc[k - 2] if doc[k - 1].text == "-" and k >= 2 else doc[k - 1]
    return kin.lemma_.lower() in _KIN and unit_family(m.figure.unit) in ("count", "people") and (
        m.end >= len(doc) or not doc[m.end].is_alpha or doc[m.end].pos_ not in ("NOUN", "PROPN"))

def article_about(title: str | None, text: str) -> str | None:
    """The name an article is about: a name in its title or lead that the text repeats.

    Read from the words (no parse): capitalised runs in the title and the first
    paragraph, less leading function words, months and weekdays; the one the
    whole text names most often, at least twice, wins. Bounded: at most 40
    candidates, each counted once over the text.
    """
    lead = f"{title or ''}\n{text[:800]}"
    seen: dict[str, int] = {}
    for m in _NAME_RUN.finditer(lead):
        words = m.group(0).split()
        while words and (words[0].lower() in STOP_WORDS or words[0].lower() in _MONTHS
                         or words[0].lower() in _WEEKDAYS or word_value(words[0]) is not None):
            words = words[1:]
        name = re.sub(r"['’]s$", "", " ".join(words)).strip()
        if len(name) < 3 or name.lower() in STOP_WORDS or name in seen:
            continue
        seen[name] = m.start()
        if len(seen) >= 40:
            break
    best: tuple[int, int, str] | None = None
    headline = title if title is not None else text.split("\n", 1)[0]
    for name, pos in seen.items():
        if text.count(name) < 2:
            continue  # each hit below is an occurrence of the name: fewer than two cannot win (and no pattern is built)
        # a name of the lead written as a speaker's ("Vos said", "Vos told MPs") says who speaks, not what
        # the article is about; a name of the headline may speak for itself ("Halvard Shipping said")
        hits = re.finditer(rf"\b{re.escape(name)}\b", text)
        n = sum(1 for hit in hits if name in headline or not SPEAKS_AFTER.match(text, hit.end()))
        if n >= 2 and (best is None or (n, -pos) > (best[0], -best[1])):
            best = (n, pos, name)
    if best is None:
        return None
    # "Valley" in a headline is short for the "Varenna Valley" of the text: the fuller name wins
    fuller = Counter(m.group(0) for m in _NAME_RUN.finditer(text[:5000])
                     if m.group(0) != best[2] and re.search(rf"\s{re.escape(best[2])}$", m.group(0))
                     and m.group(0).split()[0].lower() not in STOP_WORDS)  # (not "Was Okafor" of a question)
    return fuller.most_common(1)[0][0] if fuller else best[2]


def _is_name(tok: Token) -> bool:
    """A proper-name modifier ("Estmark inflation", "Norvia's revenue"), not a capitalised first word."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "ORG"):
        return True
    return tok.text[:1].isupper() and not tok.is_stop and tok.lower_ not in _GENERIC_MODIFIERS and (
        tok.lower_ not in _PERIOD_ADJECTIVES
    )


def _dominant(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    (top, n), *rest = [*counter.most_common(2), ("", 0)]
    second = rest[0][1] if rest else 0
    return top if n > second else None


def _to_int(word: str) -> int | None:
    return word_value(word)


def _change_named(c: Claim) -> Claim:
    """A change written as a bare noun ("an increase of 19%") is named as the verbs' changes are: "rise",
    "fall", "growth". A change of a named thing keeps the thing in its name ("revenue rise", "exports
    fall"): two changes of one story are told apart by their names."""
    kind = change_kind(c.measure) if " " not in c.measure and c.measure != "cut" else None  # a cut is a cut
    if kind is not None and kind != c.measure and unit_family(c.figure.unit) == "percent":
        return replace(c, measure=kind)
    return c


def _to_after_from(doc: Doc, before: FigureMatch, m: FigureMatch) -> bool:
    """ "from 15,300 pairs in 2016 to 8,900": a figure after "to" that follows a figure after "from", with no
    verb between them."""
    if m.start < 1 or doc[m.start - 1].lower_ != "to" or before.start < 1:
        return False
    if not any(t.lower_ == "from" for t in doc[max(0, before.start - 2) : before.start]):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[before.end : m.start - 1])


#: small numbers that, after "the", point back at parties already named: "the two chains", "the three councils"
_A_PAIR_OR_THREE = frozenset({"two", "three", "2", "3"})


def _conjoined_figure(doc: Doc, before: FigureMatch, m: FigureMatch) -> bool:
    """``m`` is parsed as a conjunct of the figure before it, or of the verb that governs it, with no verb between
    them: "4% in March and 6% in April" (not "killed 21 and wounded 40", where each has its verb)."""
    if m.end < len(doc) and doc[m.end].lower_ in ("in", "of") and any(
            c.dep_ == "pobj" and c.pos_ == "NOUN" and not c.ent_type_ for c in doc[m.end].children):
        return False  # "$300m in profit and $90m in dividends": each names its own
    root = span_root(doc, m)
    if any(c.dep_ not in ("prep", "punct", "cc", "advmod", "npadvmod") and not m.start <= c.i < m.end
           for c in root.children):
        return False  # "left one dead and three injured": the figure says what it counts
    return root.dep_ == "conj" and (before.start <= root.head.i < before.end  # (or both under one verb)
                                    or root.head == span_root(doc, before).head) \
        and not any(t.pos_ in ("VERB", "AUX") for t in doc[before.end : m.start])


#: the prepositions after each sum of a list of sums, and after each count of a list of counts where only the first
#: names what it counts ("46,000 on Saturday and 35,000 on the opening day", "12 in Leeds and 30 in York")
_LISTED_SUMS = ("to", "on", "for", "towards")
_LISTED_COUNTS = ("on", "in", "at", "for", "from", "to")


def _listed_after(doc: Doc, before: FigureMatch, m: FigureMatch, preps: tuple[str, ...] = _LISTED_SUMS) -> bool:
    """ "£2,500 compensation to the postman, £500 to the boy's family", "£4m on roads, £2m on libraries": ``m``
    follows ``before`` in a list of parallel parts, each sum followed by the same preposition (a comma or "and"
    right before it, no verb between them). Not a difference ("£450,000, £50,000 above the asking price"),
    a part ("£12m upfront") or a sum that names itself ("£400 costs", "£300m in profit")."""
    between = doc[before.end : m.start]
    if not len(between) or between[-1].lower_ not in (",", "and") \
            or any(t.pos_ in ("VERB", "AUX") or t.tag_ == "CD" for t in between):
        return False
    after = doc[m.end].lower_ if m.end < len(doc) else None
    return after in preps and any(t.lower_ == after for t in between)


def _averaged(doc: Doc, m: FigureMatch, noun: Token | None) -> str | None:
    """"average", "median" or "mean" when the figure is one of those of many ("an average of £8,400", "at an
    average price of £8,400", "the average house price rose to £290,000"), which no single one is."""
    if m.figure.qualifier and m.figure.qualifier.lower().split()[-2:-1] in (["average"], ["mean"], ["median"]):
        return m.figure.qualifier.lower().split()[-2]
    root = span_root(doc, m)
    holders = [t for t in (noun, root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None)
               if t is not None]  # the counted noun, and the noun the figure is "of" ("an average price of")
    verb = _governing_verb(root)
    if verb is not None and (root.head.i == verb.i or (root.dep_ == "pobj" and root.head.head.i == verb.i)):
        holders += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]  # "the average price rose to"
    for t in holders:
        word = next((c.lower_ for c in t.children if c.dep_ == "amod" and c.lower_ in ("average", "mean", "median")),
                    None)
        if word is not None:
            return "average" if word == "mean" else word
    return None


def _a_record(measure: str) -> bool:
    """A measure named by a record ("record", "breed record", "world record"), not by what it is a record of."""
    return measure == "record" or measure.endswith(" record")


def _last_of_kind(drafts: list[_Draft], unit: str, *, counts_alike: bool = False) -> _Draft | None:
    """The sentence's last figure so far of the same kind of unit (people and counts one kind when
    ``counts_alike``): the figure a comparison or a part refers to."""
    family = unit_family(unit)
    for d in reversed(drafts):
        other = unit_family(d.claim.figure.unit)
        if other == family or (counts_alike and {other, family} <= {"people", "count"}):
            return d
    return None


def _included(doc: Doc, m: FigureMatch) -> bool:
    """A bare number written as a part after "including": "121,640, including 31,540 on the opening day"."""
    root = span_root(doc, m)
    return root.dep_ == "pobj" and root.head.lower_ == "including" and not m.unit_explicit


#: nouns of a level a figure reached: "from a peak of", "from a high of"
_LEVELS = frozenset({"peak", "high", "low", "level", "total", "record", "figure", "maximum", "minimum"})


def _compared_with_previous(doc: Doc, m: FigureMatch) -> bool:
    """ "down from 66%", "compared with 3.9%", "up from £4.1m": an earlier level, not a new measure."""
    root = span_root(doc, m)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _LEVELS \
            and root.head.head.dep_ == "pobj" and root.head.head.head.lower_ == "from":
        return True  # "down from a peak of roughly 185,000": the level it fell from
    if root.dep_ == "pobj" and root.head.lower_ in ("from", "with", "against"):
        prep = root.head
        return prep.lower_ == "from" or (prep.head.lower_ in ("compared", "compare", "versus"))
    start = m.start - 1 if m.start > 0 and doc[m.start - 1].lower_ in ("the", "an", "a") else m.start
    before = doc[max(0, start - 3) : start].text.lower()
    # ("will save £1.1m a year, rather than the £1.8m first proposed": the level it replaces)
    if start < m.start and doc[start].lower_ == "the" and before.endswith(("more than", "less than", "fewer than",
                                                                           "higher than", "lower than", "above",
                                                                           "below", "short of")):
        return True  # "bought 210,000 tonnes, more than the 180,000 tonnes traders first reported"
    return before.endswith(("compared with", "compared to", "down from", "up from", "versus", "vs", "rather than",
                            "instead of"))


# Per-sentence memos. Every figure of a sentence is read against the whole sentence; building the
# sentence's entity spans and subtrees once (in the Doc's own user_data, freed with it) keeps a sentence
# of many figures linear instead of quadratic.
def _ents(doc: Doc) -> tuple:
    """``doc.ents``, built once per parsed sentence (each ``doc.ents`` builds every span anew)."""
    cached = doc.user_data.get("crosscheck.ents")
    if cached is None:
        cached = doc.user_data["crosscheck.ents"] = tuple(doc.ents)
    return cached


def _side_clauses(scope: Token) -> list[Token]:
    """The relative clauses about a named party ("Voltaro, which builds buses in Augsburg") and the clauses
    of contrast under ``scope`` (once per scope token); a clause about the event itself ("the fire, which
    broke out in Leeds") places it."""
    cache = scope.doc.user_data.setdefault("crosscheck.side_clauses", {})
    found = cache.get(scope.i)
    if found is None:
        found = cache[scope.i] = [
            c for c in scope.subtree
            if (c.dep_ == "relcl" and (c.head.pos_ == "PROPN" or c.head.ent_type_ in ("ORG", "PERSON", "NORP")))
            or (c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in _REASONS for k in c.children))]
    return found


def _subtree_ids(tok: Token) -> frozenset[int]:
    """The indices of a token's subtree, once per token of a parsed sentence."""
    cache = tok.doc.user_data.setdefault("crosscheck.subtrees", {})
    ids = cache.get(tok.i)
    if ids is None:
        ids = cache[tok.i] = frozenset(t.i for t in tok.subtree)
    return ids


def _reference_dates(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, root index, text) of the DATE entities that may date a figure, once per sentence."""
    cached = doc.user_data.get("crosscheck.dates")
    if cached is None:
        # a span of months ("between April and September") is dated by its last month, as "the six months to
        # September" is
        spans = [(mm.start(1), mm.end(1), mm.group(2)) for mm in _MONTH_SPAN.finditer(doc.text)]
        cached = doc.user_data["crosscheck.dates"] = [
            (e.start, e.root.i, next((last for a, b, last in spans if e.start_char <= a and b <= e.end_char), e.text))
            for e in _ents(doc)
            if e.label_ == "DATE"
            and (doc[e.start - 1].lower_ if e.start > 0 else "") not in _NOT_A_REFERENCE
            and not (e.root.head.lower_ in _NOT_A_REFERENCE and e.root.dep_ == "pobj")
            # ("since May" spans; "up from 870 last year" dates the 870: the date hangs on "from", not in it)
            and not any(a <= e.start_char and e.end_char <= b and e.text.lower() != last.lower()
                        for a, b, last in spans)  # ("April" of such a span alone)
        ]
    return cached


def _near_ids(verb: Token) -> frozenset[int]:
    """The indices under a verb's prepositional and adverbial phrases, once per verb."""
    cache = verb.doc.user_data.setdefault("crosscheck.near", {})
    ids = cache.get(verb.i)
    if ids is None:
        ids = cache[verb.i] = frozenset().union(
            *(_subtree_ids(c) for c in verb.children if c.dep_ in ("prep", "npadvmod")))
    return ids


def _punished(doc: Doc, m: FigureMatch) -> Token | None:
    """Whom a penalty punishes: the one sentenced, jailed or banned ("Smith was sentenced to 12 years",
    "the judge handed Brown a 12-year sentence", "he faces 20 years in prison"); a pronoun is nobody."""
    root = span_root(doc, m)
    verb = _governing_verb(root)
    if verb is None:
        return None
    verb = penalising(verb)
    within = {t.i for t in root.ancestors}  # the penalty's own noun ("a nine-year sentence") is not whom
    for dep in ("nsubjpass", "dative", "dobj", "nsubj"):
        # "handed Orla Benn a nine-year sentence" is read as two objects: the other one is whom
        who = next((c for c in verb.children if c.dep_ == dep and c.i not in within and c.i != root.i), None)
        if who is not None:
            return None if who.pos_ == "PRON" or (dep == "nsubj" and who.lemma_.lower() in ("judge", "court")) \
                else who
    return None


def _a_pronoun_punished(doc: Doc, m: FigureMatch) -> bool:
    """ "He was also banned for three years": a penalty on someone the text has named before (a personal
    pronoun), where "rail services were suspended for three days" punishes no one."""
    verb = _governing_verb(span_root(doc, m))
    return verb is not None and any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in PERSONAL
                                    for c in penalising(verb).children)


#: units that name a band or a line by its frequency or voltage ("the 3.6 GHz band", "the 400 kV line")
_NAMING_UNITS = frozenset({"other:hz", "other:khz", "other:mhz", "other:ghz", "other:kv"})


def _a_band(doc: Doc, m: FigureMatch) -> bool:
    root = span_root(doc, m)
    return unit_family(m.figure.unit) in _NAMING_UNITS and root.dep_ in ("compound", "nmod", "amod", "nummod") \
        and root.head.pos_ == "NOUN" and root.head.i >= m.end \
        and any(d.lower_ == "the" for d in root.head.children if d.dep_ == "det")


def _listed_numbers(doc: Doc, i: int) -> bool:
    """ "the 14 and the 27", "the 7, the 12": bare numbers each after "the", listed, with nothing counted after
    them: numbers that name (routes, buses), not counts."""
    def bare(j: int) -> bool:
        return 0 < j < len(doc) and doc[j].is_digit and doc[j - 1].lower_ == "the" \
            and (j + 1 == len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
    if not bare(i):
        return False
    return (i + 3 < len(doc) and doc[i + 1].lower_ in ("and", "or", ",") and bare(i + 3)) \
        or (i >= 3 and doc[i - 2].lower_ in ("and", "or", ",") and bare(i - 3))


def _how_often(doc: Doc, m: FigureMatch) -> bool:
    """"were used 412,000 times", "viewed 2 million times": how often a verb's act happened, a count of
    its own; "three times her estimate", "five times as many", "twice the rate" compare figures."""
    end = m.end if doc[m.end - 1].lower_ in ("times", "fold") else m.end + 1
    if end < len(doc) and (doc[end].pos_ in ("DET", "PRON", "NUM") or doc[end].tag_ in ("JJR", "RBR", "PRP$")
                           or doc[end].lower_ in ("as", "more", "less", "fewer", "over", "what", "that")):
        return False
    times = doc[end - 1]
    return times.lower_ == "times" and m.figure.low is not None and m.figure.low >= 10 \
        and times.head.pos_ == "VERB" and times.head.i < times.i and times.dep_ in ("npadvmod", "dobj", "advmod") \
        and times.head.lemma_.lower() not in CHANGE_VERBS and times.head.lemma_.lower() != "go"  # "gone up 15 times"


def _speaks(tok: Token) -> bool:
    """The subject of a reporting verb: who speaks ("Director-general Anneke Vos said ..."), which the small
    model sometimes labels a place; a speaker is not what the figures are about."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in REPORT_VERBS \
        and tok.head.lemma_.lower() not in ("put", "give", "show", "find", "record", "count", "register")


def _reports(verb: Token) -> bool:
    """"Put" and "give" report a figure only as an estimate ("put the toll at 50", "gave a figure of 300"),
    not as acts ("will put 75 people out of work", "gave 300 workers a bonus")."""
    lemma = verb.lemma_.lower()
    if lemma == "put":
        return any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    if lemma == "give":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _ESTIMATE_NOUNS for c in verb.children)
    return True


#: what a giving verb gives when it reports: "gave a figure of 300", "gave no estimate"
_ESTIMATE_NOUNS = frozenset("figure toll number estimate total tally count death breakdown".split())


_QUOTE_MARKS = frozenset('"\u201c\u201d')


def _rhetorical(doc: Doc, m: FigureMatch) -> bool:
    """A speaker's way of putting it inside a direct quotation: "one" before a thing ('"People struggling to
    pay one rent ..."'), or a small number in words under a modal of what may be done ('"... can see ten
    films on one pass," he said'). Quoted reports are kept: '"We have had to close three schools," she said'."""
    words = doc[m.start : m.end]
    if m.figure.low is None or m.figure.low > 10 or any(t.is_digit for t in words) \
            or unit_family(m.figure.unit) != "count":
        return False
    root = words.root
    verb = root.head if root.head.pos_ in ("VERB", "AUX") else root.head.head
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "could", "may", "might") for c in verb.children)
    if not (modal or words.text.lower() == "one"):
        return False
    text, start = doc.text, doc[m.start].idx
    before = sum(1 for ch in text[:start] if ch in _QUOTE_MARKS)
    after = sum(1 for ch in text[start:] if ch in _QUOTE_MARKS)
    return before % 2 == 1 or (before == 0 and after % 2 == 1)


def _governing_verb(tok: Token) -> Token | None:
    """Climb to the verb that governs this noun or number."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "ROOT" and cur.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        head = cur.head
        if head.i == cur.i:
            return None
        if head.pos_ == "VERB" and head.dep_ == "prep" and head.lower_ in ("including", "excluding"):
            cur = head  # "31 people, including 22 children, were treated": a participle read as a preposition
            continue
        if head.pos_ == "VERB" and head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            cur = head.head  # "a £3.2m replanting programme": a gerund in a compound is part of the noun
            continue
        if head.pos_ in ("VERB",) \
                or (head.pos_ == "AUX" and cur.dep_ in ("nsubj", "attr", "acomp", "advmod", "npadvmod", "prep")):
            return head
        if head.pos_ == "ADJ" and cur.dep_ in ("nsubj",):
            return head  # "47 were missing"
        if cur.dep_ in ("pobj", "prep", "conj", "cc", "appos", "nummod", "quantmod", "compound", "npadvmod",
                        "advmod", "amod", "dobj", "nsubj", "nsubjpass", "attr", "nmod", "det"):
            cur = head
            continue
        return None
    return None


def _age_bracket(doc: Doc, m: FigureMatch) -> Token | None:
    """ "children under five", "adults over 65 years": a small whole number after a plural noun and
    "under" or "over", with no thing of its own after it. The noun, for a caller to check it is people's."""
    if m.unit_explicit or m.figure.unit not in ("count", "people"):
        return None  # "drivers over 70 mph": a speed, not an age
    word = m.start if doc[m.start].lower_ in ("under", "over") else m.start - 1
    if word < 1 or doc[word].lower_ not in ("under", "over") or doc[word - 1].tag_ != "NNS":
        return None
    value = m.figure.high if m.figure.high is not None else m.figure.low
    if value is None or value != int(value) or not 0 < value <= 100:
        return None
    after = doc[m.end] if m.end < len(doc) else None
    # ("children under five account for most deaths": a singular noun after a number above one is not what
    # it counts, however the parser reads it)
    if after is None or after.lower_ in ("years", "year") or after.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") \
            or (after.tag_ == "NN" and value > 1):
        return doc[word - 1]
    return None


def _age_of(doc: Doc, m: FigureMatch) -> Token | None:
    """ "a woman of 81 and her husband", "a child of seven": a whole number after a singular noun and "of",
    ending its phrase.
    The noun, for a caller to check it is one person."""
    fig = m.figure
    if m.unit_explicit or fig.qualifier or fig.low is None or fig.low != fig.high or not 0 < fig.low <= 120 \
            or not (doc[m.start].is_digit or word_value(doc[m.start].lower_) is not None) \
            or m.start < 2 or doc[m.start - 1].lower_ != "of" \
            or doc[m.start - 2].tag_ != "NN":
        return None
    after = doc[m.end] if m.end < len(doc) else None
    if after is None or after.is_punct or after.lower_ in ("and", "who", "from", "was", "is"):
        return doc[m.start - 2]
    return None


def _phrase(noun: Token, doc: Doc, m: FigureMatch | None) -> str:
    """The counted noun with the modifiers that tell subjects apart."""
    figure_tokens = set(range(m.start, m.end)) if m is not None else set()
    keep: list[Token] = []
    for t in noun.lefts:
        for s in t.subtree:
            if s.i in figure_tokens or s.i >= noun.i:
                continue
            if s.dep_ in ("det", "nummod", "quantmod", "punct", "predet", "cc", "prep", "case") and s.dep_ != "poss":
                if s.dep_ == "case" and keep:
                    keep.append(s)
                continue
            if s.pos_ in ("NUM", "DET", "ADV", "PRON") and s.dep_ != "poss":
                continue
            if s.lower_ in _GENERIC_MODIFIERS:
                continue
            if s.lower_ in GROUP_SIZE_WORDS and s.i > 0 and doc[s.i - 1].text == "-":
                continue  # "a 40-strong crew", "the 64-member crew": the size, said by the figure
            keep.append(s)
    words = [t.text for t in sorted(set(keep), key=lambda t: t.i)] + [noun.text]
    # "troops from Pyongyang", "soldiers of the 11th brigade"
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("from",):
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "NORP"):
                    words = [p.text, *words]
    text = " ".join(words)
    text = re.sub(r"\s+(['’]s)\b", r"\1", text)
    text = re.sub(r"(?<=s)\s+(['’])(?=\s)", r"\1", text)  # "wild birds' eggs", written as the text writes it
    return text.strip()


def _holder(thing: Token, m: FigureMatch) -> Token | None:
    """Who holds a rate or amount that is a verb's object: the verb's subject, when it is a group
    or thing ("private schools recorded a pass rate of 93%"), not a speaker, a person or a pronoun.
    The figure must lie inside the object ("insurers put the damage at $42m" is an estimate)."""
    if thing.dep_ != "dobj" or thing.head.pos_ != "VERB" or thing.head.lemma_.lower() in SAY_VERBS:
        return None
    if not (thing.left_edge.i <= m.start and m.end - 1 <= thing.right_edge.i):
        return None
    subj = next((c for c in thing.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NNS":
        return None  # a plural common noun: "hotels", "private schools", "exporters"
    return subj


def _named_pp(noun: Token) -> str | None:
    """A proper name in an "in"/"of"/"at" phrase of the noun: "shares in Norvia" -> "Norvia"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "at", "for"):
            for p in c.children:
                if p.dep_ == "pobj" and _is_name(p):
                    return " ".join(t.text for t in p.subtree if t.dep_ != "det" and t.pos_ != "PUNCT")
    return None


def _head_lemma(text: str) -> str:
    return text.split()[-1].lower() if text else ""


def _qualifier_words(subject: str, places: Places) -> list[str]:
    """Capitalised qualifiers ("North Korean", "Estmark") in a subject."""
    words = re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", subject)
    head = subject.split()[-1] if subject.split() else ""
    # the head noun written with a capital ("Man killed in shooting") qualifies nothing
    return [w for w in words if w.lower() not in STOP_WORDS and w != head and word_value(w.split()[0]) is None]


def _clean_location(text: str) -> str | None:
    text = re.sub(r"^(the\s+)", "", text.strip(), flags=re.I)
    text = re.sub(r"^[\w\s]+['’]s\s+", "", text)  # "Russia's Kursk region" -> "Kursk region"
    text = _LOCATION_SUFFIX.sub("", text)
    return text or None


#: what an implicit count of one person can be
_CASUALTIES = frozenset({"killed", "injured", "shot", "stabbed", "casualties", "captured", "missing", "arrested",
                         "hospitalised"})


_REFLEXIVE = frozenset("himself herself themselves self".split())

#: nouns that name the one an event happened to: "the homicide victim" underwent a homicide
_UNDERGOERS = frozenset({"victim", "casualty"})

#: what a firearm or a blast sends: to be hit by one is to be shot or wounded
_PROJECTILES = frozenset({"bullet", "gunfire", "gunshot", "round", "pellet", "shrapnel", "buckshot", "slug"})


def _hit_by_projectile(verb: Token) -> bool:
    """"struck by gunfire", "hit by shrapnel", "grazed by a stray bullet": a projectile's contact is a
    wound, whatever the verb of contact (a verb that names a measure of its own keeps it: "wounded by")."""
    if verb.lemma_.lower() not in ("strike", "hit", "catch", "pierce", "graze"):
        return False
    return any(p.dep_ == "pobj" and p.lemma_.lower() in _PROJECTILES
               for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "with")
               for p in c.children)


def _mend_verb_lemmas(doc: Doc) -> None:
    """Verbs the lemmatizer left as they are ("Two teens shot" tagged VBP, lemma "shot"): the lemma
    of the verb form, so that measures are named from "shoot", not from "shot"."""
    verb = doc.vocab.strings["VERB"]  # (the part of speech's symbol)
    for i, pos in enumerate(doc.to_array("POS").tolist()):
        if pos != verb:
            continue  # only verbs are mended (the parts of speech read at once, not token by token)
        tok = doc[i]
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBZ", "VBG") and tok.lemma_.lower() != tok.lower_:
            # a lemma of which the word is no form ("fined" read as "fin"): the lemma of the word
            mended = _lemma_of_form(tok.lower_, tok.lemma_.lower(), tok.tag_)
            if mended:
                tok.lemma_ = mended
            continue
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBP", "VB", "VBD", "VBN") or tok.lemma_.lower() != tok.lower_:
            continue
        if tok.tag_ == "VB" and any(c.tag_ in ("TO", "MD") for c in tok.children):
            continue  # "to ground 410 flights", "will ground": a base form is its own lemma
        lemma = _verb_lemma(tok.lower_)
        if lemma and lemma != tok.lower_:
            tok.lemma_ = lemma


@lru_cache(maxsize=4096)
def _lemma_of_form(word: str, lemma: str, tag: str) -> str | None:
    """The right lemma when ``word`` is not a ``tag`` form of ``lemma``, else None."""
    from lemminflect import getInflection, getLemma

    if word in getInflection(lemma, tag) or word in past_forms(lemma):
        return None
    for other in getLemma(word, upos="VERB"):
        if other != lemma and word in getInflection(other, tag):
            return other
    return None


@lru_cache(maxsize=4096)
def _verb_lemma(word: str) -> str | None:
    from lemminflect import getLemma

    for lemma in getLemma(word, upos="VERB"):
        # only an irregular past form of a real verb: "shot" is a form of "shoot"; "found" stays "found"
        if lemma != word and word in past_forms(lemma):
            return lemma
    return None


#: the location of a figure a sentence gives for the whole country
NATIONWIDE = "nationwide"
#: an adverbial that makes a sentence's figures the whole country's: "Nationally, ...", "Across the country, ..."
_NATIONAL = re.compile(
    r"(?:^|[,;:]\s*)(?:nationally|nationwide|countrywide|across the (?:country|nation)|"
    r"(?:in|for) the (?:country|nation) as a whole)\s*,", re.IGNORECASE)

#: an adverbial that gives a sentence's figures to a whole area named by its kind: "Across the state, ...",
#: "Statewide, ..."
_AREA_WIDE = re.compile(
    r"(?:^|[,;:]\s*)(?:(?:across|throughout) the (state|province|region|county|district|territory)|"
    r"(state|province|county|region)[- ]?wide)\s*,", re.IGNORECASE)

#: words of how many times over: "a quadruple shooting", "double homicide"
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5, "sextuple": 6}


_GENERAL_PEOPLE = frozenset("people person persons individual individuals victim victims".split())


def _listed_totals(counted: list[tuple[_Draft, Token | None, bool]]) -> list[_Draft]:
    """ "Three women and one man were injured": counts of different people listed together under
    one measure add up to its total (four injured), kept beside the counts themselves.

    Members are joined by a coordination ("and"), or, in a headline's comma list, by apposition
    when each has its own number and names other people ("Three women, one man injured"); an
    apposition that names who the counted are ("two people, a man and a woman") adds nothing."""
    exact = [(d, n) for d, n, _implicit in counted if n is not None and d.claim.figure.unit == "people"
             and d.claim.figure.low is not None and d.claim.figure.low == d.claim.figure.high
             and not d.claim.figure.approx]
    tokens = [n.i for _d, n in exact]
    # each member counts a noun of its own: "31 people were injured, three of them seriously" counts
    # the same people twice (the second borrows the first's noun), which is a part, not a member
    exact = [(d, n) for d, n in exact if tokens.count(n.i) == 1]
    by_token = {n.i: (d, n) for d, n in exact}
    lists: dict[tuple[int, str], list[_Draft]] = {}
    for d, n in exact:
        top = n
        implicit = {nn.i for _dd, nn, x in counted if x and nn is not None}
        while top.head.i in by_token and top.head.i != top.i and (
                top.dep_ == "conj" or (top.dep_ == "appos" and top.lemma_.lower() != top.head.lemma_.lower()
                                       and not {top.lemma_.lower(), top.head.lemma_.lower()} & _GENERAL_PEOPLE
                                       and top.i not in implicit)):
            top = top.head
        lists.setdefault((top.i, d.claim.measure), []).append(d)
    out = []
    measures_seen = [d.claim.measure for d, _n, _x in counted]
    for (_head, measure), members in lists.items():
        if len(members) < 2 or measures_seen.count(measure) != len(members):
            continue  # a sentence that also gives the measure's total gives it itself
        total = float(sum(d.claim.figure.low or 0 for d in members))
        first, last = members[0].claim, members[-1].claim
        text = first.sentence[first.figure_start - first.start : last.figure_end - last.start]
        figure = Figure(text=text, low=total, high=total, unit="people")
        out.append(_Draft(replace(first, figure=figure, figure_end=last.figure_end, subject=""),
                          None, False, needs_subject=True))
    return out


def _wounded_of(drafts: list[_Draft]) -> _Draft | None:
    """ "Six people were shot, two fatally": the wounded are those shot who did not die (four).

    Read only where one sentence gives exactly one exact count of people shot and one
    exact count of them killed, and no count of the injured of its own."""
    shot = [d for d in drafts if d.claim.measure == "shot"]
    killed = [d for d in drafts if d.claim.measure == "killed"]
    if len(shot) != 1 or len(killed) != 1 or any(d.claim.measure == "injured" for d in drafts):
        return None
    s, k = shot[0].claim, killed[0].claim
    s_low, s_high, k_low, k_high = s.figure.low, s.figure.high, k.figure.low, k.figure.high
    same_span = s.period == k.period or {s.period, k.period} <= {None, INCIDENT}  # one incident, however read
    if not same_span or s.figure.approx or k.figure.approx or s_low is None or s_high is None \
            or k_low is None or k_high is None:
        return None
    if s_low != s_high or k_low != k_high or not 0 < k_low < s_low:
        return None
    n = s_low - k_low
    figure = Figure(text=f"{s.figure.text} shot, {k.figure.text} killed", low=n, high=n, unit="people")
    return _Draft(replace(s, measure="injured", figure=figure), shot[0].noun_lemma, shot[0].qualified,
                  shot[0].needs_subject)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}


def _ordinal(word: str) -> int | None:
    if word in _ORDINALS:
        return _ORDINALS[word] if word != "first" else None  # "the first victim" ranks no toll
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m and int(m.group(1)) > 1 else None


def _merge_listed(doc: Doc, extra: dict[int, tuple[FigureMatch, str]], listed: set[int]) -> None:
    """ "the daughter and the father were killed", "a man and a woman were shot": one count of the
    people listed together under one casualty, kept at the first of them. Later members are merged
    first, so a list of any length adds up whichever member the parser hangs it on. ``listed``
    holds the apposed members of a headline's comma list ("Father, daughter found dead")."""
    for i in sorted(extra, reverse=True):
        tok = doc[i]
        head = tok.head
        if (tok.dep_ != "conj" and i not in listed) or head.i == i or head.i not in extra \
                or extra[head.i][1] != extra[i][1]:
            continue
        lead, measure = extra[head.i]
        n = (lead.figure.low or 1) + (extra[i][0].figure.low or 1)
        fig = replace(lead.figure, low=n, high=n, text=doc[_np_start(head) : i + 1].text)
        extra[head.i] = (replace(lead, figure=fig, end_char=tok.idx + len(tok.text)), measure)
        del extra[i]


def _np_start(noun: Token) -> int:
    return min([noun.i, *(c.i for c in noun.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nmod"))])


def _is_age_noun(tok: Token) -> bool:
    """The "old" of "3-year-old" used as a noun."""
    doc = tok.doc
    return tok.lower_ in ("old", "olds") and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in (
        "year", "month", "week")


def _one_aged(age: Token) -> FigureMatch:
    """An implicit count of one person named by an age ("a 15-year-old"): the words of the age."""
    doc = age.doc
    first = age.i - 4 if age.i >= 4 else 0
    fig = Figure(text=doc[first : age.i + 1].text, low=1, high=1, qualifier=None, approx=False, unit="people")
    return _one(fig, doc[first], age.i)


def _before_age(age: Token) -> Token | None:
    """The word before an age noun's number: the "of" of "the shooting of 15-year-old"."""
    first = age.i - 4
    return age.doc[first - 1] if first >= 1 else None


def _implicit_noun(tok: Token) -> Token:
    """Who an implicit count counts: the person, the subject of "shot himself", the event of "a double homicide"."""
    if tok.pos_ == "PRON":
        return next((c for c in tok.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), tok)
    if tok.dep_ == "amod" and not _is_age_noun(tok):
        return tok.head
    return tok


def _one(fig: Figure, first: Token, anchor: int) -> FigureMatch:
    """An implicit count's match: the words from ``first`` to the counted token at ``anchor``."""
    last = first.doc[anchor]
    return FigureMatch(figure=fig, start=anchor, end=anchor + 1, start_char=first.idx,
                       end_char=last.idx + len(last.text), anchor=anchor, unit_explicit=False)


#: determiners that do not count one ("no soldier", "every victim", "which man")
_NOT_ONE = frozenset("no every each any all some these those which what whose either neither".split())


#: a sentence that may state an implicit count: a casualty word. The parser decides the rest.
IMPLICIT_TRIGGER = re.compile(
    r"\b(?:kill|dead|die[ds]?\b|dying|death|fatal|shot\b|shoot|slain|gunned|stabb|injur|wound|hurt|arrest|detain"
    r"|custody|missing|captur|hospitali[sz]|drown|murder|homicide|bullet|gunfire|gunshot)",
    re.IGNORECASE,
)
