"""What is counted: a figure's measure, from the counted thing and what is said of it.

The measure names the quantity, so that two articles that count the same
thing give it the same name whatever verbs they use. It is read from two
parts of the parse:

* the **counted thing**: the noun the number counts ("412 cases", "1.28 million
  votes", "210,000 households") or, for an amount or a rate, what it is of
  ("revenue of $4.2bn", "inflation rose to 4.2%");
* the **predicate**: the state or event said of it ("killed", "rescued",
  "cancelled", "without power", "taken to hospital", "remain displaced").

Verbs that only report, locate or move a number ("cases were **recorded**",
"**received** 1.28 million votes", "the toll **rose** to 23", "**left** 210,000
households without power", "**drew** 12,000 people") pass the measure through:
their complement, object or subject names it, never the verb itself. Known
words map to canonical names through the measure vocabulary (data,
``bot/data/measures.toml``); a thing the vocabulary does not know is named as
an editor would name it: the plural of the counted noun, with the participle
of what happened to it ("flights cancelled", "miners trapped" reads
"trapped": people are named by what happened to them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Token

from .figures import FigureMatch
from .measures import GENERAL_THINGS, MeasureVocab
from .numbers import CURRENCY_SCALES, SCALES
from .units import unit_family

#: verbs of finding what was there: they pass the counted thing through, and what they find doing something is
#: counted as itself ("identified 14 new species", "discovered 3 planets orbiting the star")
_FOUND_THERE = frozenset("identify discover spot observe document uncover notice".split())
#: verbs that report, locate, move or bound a number, tie it to a cause ("12 fires linked to the
#: fault", "6,000 fines were issued"), or find what was there: never the measure themselves
PASS_THROUGH = frozenset(
    """be have say tell report claim state announce estimate confirm reveal disclose add note put give show
    indicate suggest publish cite quote find record register log count tally list number total reach stand
    remain rise climb increase grow jump soar surge fall drop decline decrease dip slip double triple near average
    approach exceed top surpass pass hit take receive draw bring push leave include involve contain comprise
    make get see hold carry face perform conduct undertake complete stay keep become account represent
    amount attract believe think fear expect presume suppose understand know spend live reside dwell
    issue link connect relate associate attribute tie schedule plan use detect""".split()
) | _FOUND_THERE
#: verbs that report a figure: a tally they qualify ("the total confirmed by officials") stays the story's tally
REPORTING = frozenset("confirm report give quote cite put say announce publish record state estimate revise "
                      "update issue release".split())
#: verbs of getting: their object is what is counted, not something done to it ("gathered 112,000
#: signatures", "won 45 seats", "secured 3,000 votes")
ACQUIRING = frozenset("gather collect garner amass win secure obtain earn accumulate".split())
#: verbs whose clausal complement is what is said, not a state of their subject
SAY_VERBS = frozenset("say tell report claim state announce estimate confirm add note warn write tweet post".split())
#: verbs with an object whose counted thing is the measure: "carried out 58,200 operations"
_PHRASAL_PASS = frozenset({"carry out", "rise to", "go up", "come to", "add up", "turn out", "hand out",
                           "give out", "dish out"})
#: adverbs that make a shooting or a stabbing fatal
_FATAL = frozenset({"fatally", "mortally", "dead"})
#: nouns too vague to name a measure on their own
_VAGUE_NOUNS = frozenset(
    "number total figure count tally amount one other others thing time part share level rate".split()
)
#: verbs whose active subject is what is counted ("300 died", "11,000 soldiers fought")
INTRANSITIVE = frozenset(
    "die perish fight serve join march rally gather attend protest flee disappear vanish demonstrate".split()
)
CHANGE_VERBS = frozenset(
    """rise fall drop climb increase decrease grow decline jump slump plunge surge gain lose slip edge
    soar tumble sink shrink expand rally advance retreat dip""".split()
)
#: verbs of placing: "placed under restrictions", "put in quarantine" (where they are put names it)
_PLACING = frozenset("place put keep hold".split())
#: verbs of classing: "classed as affordable", "listed as endangered" (what they are classed as names it)
_CLASSING = frozenset("class classify designate deem consider rate list count declare describe label define identify "
                      "categorise categorize regard register certify mark treat".split())
LIGHT_VERBS = frozenset("join attend stage hold take cast need require receive undergo get suffer sustain".split())
#: adjectives that make a different statistic of the same thing ("median wait", "average price")
_STATISTICS = frozenset("median average mean maximum minimum peak".split())
#: nouns that only hold a count of something else ("the number of people killed")
TALLY_NOUNS = frozenset("number total tally count figure".split())
_TALLY = TALLY_NOUNS | {"toll"}
#: nouns of a report that pass on what is reported: "67 reports of drone sightings" count sightings
_REPORT_NOUNS = frozenset({"report"})
#: things a report tells of one at a time: "67 reports of drone sightings"
_REPORTED_ONCE = frozenset({"sighting", "incident", "attack", "break-in", "burglary", "theft", "assault"})
#: unit families of a thing's size, reported when written in digits right before it ("the 64-metre dish")
SIZE_FAMILIES = frozenset("distance area volume weight".split())
#: nouns of time: "three weeks", "two wet winters" date or last; they are not counted things
TIME_NOUNS = frozenset(
    "second minute hour day night week weekend month year decade century quarter winter summer autumn".split())


class CountReader:
    """Reads what a figure counts from the dependency parse of its sentence."""

    def __init__(self, vocab: MeasureVocab) -> None:
        self.vocab = vocab
        #: the measures of harm done to people: "killed or injured" is casualties; "shot" is fatal or not
        self._harm = frozenset(vocab.fatal_if) | frozenset(vocab.fatal_if.values()) | frozenset(
            part for key in vocab.combinations for part in key.split("+"))

    # -- people ------------------------------------------------------------------
    def is_people(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        return (
            self.vocab.is_people(lemma)
            or self.vocab.is_people(noun.lower_)
            or noun.ent_type_ in ("NORP",)
            or (lemma.endswith(("ian", "ese")) and noun.pos_ == "PROPN")
            # "the 140 dockers who will lose their jobs": "who" speaks of people, whatever the noun
            or (noun.pos_ == "NOUN" and any(c.dep_ == "relcl" and any(
                w.lower_ in ("who", "whom") and w.dep_ in ("nsubj", "nsubjpass", "dobj") for w in c.children)
                for c in noun.children))
        )

    def is_person(self, noun: Token) -> bool:
        """One person: a people noun in the singular, or a person's name (the small model often
        labels a name as a facility, an organisation or nothing; places, organisations and groups are not people)."""
        if noun.pos_ == "PROPN" and noun.ent_type_ in ("PERSON", "FAC", "ORG", "WORK_OF_ART", "") \
                and noun.tag_ == "NNP":
            return not self.is_people(noun) or self.vocab.is_people(noun.lemma_.lower())
        return noun.tag_ in ("NN", "NNP") and self.is_people(noun) and noun.lemma_.lower() not in (
            "people", "family", "household", "crew", "staff", "police", "force", "personnel", "other")

    # -- the measure ---------------------------------------------------------------
    def measure(self, doc: Doc, m: FigureMatch, noun: Token | None, root: Token, verb: Token | None) -> str:
        """The measure of figure ``m``: ``noun`` is what it counts (or None), ``root`` the figure's own
        syntactic root and ``verb`` the verb that governs it."""
        name = self._measure(doc, m, noun, root, verb)
        audience = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else noun
        if name == "attendance" and "viewers" in self.vocab.measures and verb is not None \
                and verb.lemma_.lower() in _WATCHING and audience is not None \
                and audience.lemma_.lower() == "audience" and any(t.lower_ in _BROADCAST for t in audience.lefts):
            return "viewers"  # "the final was watched by a peak audience of 3.8 million": a broadcast's audience
        if name == "cost" and verb is not None and _court_costs(root, noun, verb):
            return "costs"  # "ordered to pay £18,500 in costs", "prosecution costs of £38,500": a party's costs
        if noun is not None and unit_family(m.figure.unit) in ("people", "count") \
                and name in (self.noun_measure(noun), plural(noun), noun.lemma_.lower()) \
                and (verb is None or verb.lemma_.lower() in _LEFT_IN_A_STATE) \
                and (lacking := _lacking(noun, verb)) is not None:
            # "1,400 homes have been without heating since Saturday": the state they are in names them, as
            # "households without power" does
            return self.vocab.by_complement.get(f"without {lacking}") or f"without {lacking}"
        if noun is not None and verb is not None and self.is_people(noun) and noun.dep_ == "nsubj" \
                and noun.head.i == verb.i and verb.lemma_.lower() == "work" and verb.tag_ in ("VBP", "VBZ") \
                and noun.lemma_.lower() in ("people", "person", "staff", "worker", "employee") \
                and any(c.dep_ == "prep" and c.lower_ in ("at", "for", "in") for c in verb.children) \
                and "workforce" in self.vocab.measures:
            return "workforce"  # "around 3,100 people work at the university": who it employs
        if noun is not None and verb is not None and self.is_people(noun) and noun.dep_ == "nsubj" \
                and noun.head.i == verb.i and verb.lemma_.lower() == "be" and "on board" in self.vocab.measures \
                and any(c.dep_ == "prep" and c.lower_ in ("aboard", "onboard") for c in verb.children):
            return "on board"  # "some 120 passengers were aboard the 07.42 departure"
        if noun is not None and verb is not None and self.is_people(noun) and noun.dep_ == "dobj" \
                and noun.head.i == verb.i and verb.lemma_.lower() == "carry" and verb.tag_ == "VBG" \
                and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children) \
                and "on board" in self.vocab.measures \
                and name in (plural(noun), noun.lemma_.lower(), "people", "passengers"):
            return "on board"  # "the ride was carrying 24 people" when it fell: who was on it then (what a ferry
            # "carried" over a year is its passengers)
        if noun is not None and verb is not None and self.is_people(noun) and noun.dep_ == "nsubj" \
                and noun.head.i == verb.i and verb.lemma_.lower() in ("come", "turn up", "gather") and any(
                    c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _WATCHING | {"see", "hear", "cheer"}
                    for c in verb.children) and "attendance" in self.vocab.measures:
            return "attendance"  # "more than 5,000 people came to watch the races": the crowd
        if verb is not None:
            # "the maximum temperature was 34C", "the average spring temperature": a statistic of the measure is
            # another figure
            head = name.split()[-1]
            stat = next((a.lower_ for c in (noun, *verb.children) if c is not None and c.lemma_.lower() == head
                         and (c is noun or c.dep_ in ("nsubj", "nsubjpass"))
                         for a in c.lefts if a.dep_ == "amod" and a.lower_ in _STATISTICS), None)
            if stat is not None and stat not in name.split():
                return f"{stat} {name}"
        return name

    def _measure(self, doc: Doc, m: FigureMatch, noun: Token | None, root: Token, verb: Token | None) -> str:
        """:meth:`measure` before the refinements that read the name it gives against the sentence."""
        fig = m.figure
        family = unit_family(fig.unit)
        if family in self.vocab.by_family:
            return self.vocab.by_family[family]
        people_ok = family in ("people", "count")
        if (people_ok or fig.unit == "percent") and (side := _division_side(doc, m)) is not None:
            return side  # "passed by 34 votes to 12": 34 for, 12 against; "rejected by 310 votes to 290"
        if noun is not None and noun.lemma_.lower() in _REPORT_NOUNS and noun.tag_ == "NNS":
            # "67 reports of drone sightings": the sightings reported are counted (not "reports of shots fired",
            # "reports of children going missing": one report may tell of many)
            noun = next((p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in prep.children if p.dep_ == "pobj" and p.tag_ == "NNS"
                         and p.lemma_.lower() in _REPORTED_ONCE), noun)
        base = noun if noun is not None else root
        if people_ok and verb is not None and verb.lemma_.lower() in _ATTAINING and verb.dep_ == "xcomp" \
                and verb.head.lemma_.lower() in _AIMING and base.head.i == verb.i and base.dep_ == "dobj":
            return "target"  # "aims to have 3,000 chargers by 2030", "hopes to reach 10,000 members": a goal
        if family == "money" and verb is not None and verb.lemma_.lower() in _GATHERING and verb.dep_ == "xcomp" \
                and verb.head.lemma_.lower() in _AIMING and base.head.i == verb.i and base.dep_ == "dobj" \
                and not (m.start > 0 and doc[m.start - 1].lower_ in ("to", "by")):  # ("raise fees to £5": a level)
            return "target"  # "is aiming to raise £400,000", "hopes to raise £2m": money sought, not yet raised
        if noun is not None and noun.dep_ == "pobj" and noun.head.dep_ == "agent" and people_ok \
                and self.is_people(noun) and any(
                    c.dep_ == "nsubjpass" and (c.like_num or any(d.dep_ == "nummod" for d in c.children))
                    for c in noun.head.head.children):
            # "18,000 calls were answered by the 350 volunteers": the verb names the calls; who did it is
            # counted as themselves ("the raid was led by 40 officers", where nothing else is counted, is "led")
            return self.noun_measure(noun) or plural(noun)
        if people_ok and noun is not None and verb is not None and (served := _served(noun, verb, self.is_people)):
            return served  # "the reservoir serves about 180,000 homes", "supplies water to 45,000 people"
        if family == "count" and (per := _per_space(doc, m)) is not None:
            return per  # "2,000 mussels per square metre": a density; "8.5 particles per litre": a concentration
        if people_ok and noun is not None and noun.dep_ == "pobj" and self.is_people(noun) and _an_audience(noun) \
                and "attendance" in self.vocab.measures:
            return "attendance"  # "stopped him in front of 62,000 fans", "played before 30,000 supporters"
        if verb is not None and _in_fronted_group(root, verb):
            verb = None  # "Of the 224 people on board - 211 passengers and 13 crew - 26 were injured": the whole
        if base.dep_ == "pobj" and base.head.lower_ == "including" and base.head.head.pos_ == "VERB" and people_ok:
            # "26 were injured, including four cabin crew": a part of those the verb counts
            counted = base.head.head
            arg = next((c for c in counted.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")), counted)
            names = [n for n in self.verb_measures(counted, arg) if self.vocab.measures.get(n) is None
                     or self.vocab.measures[n].unit != "money"]
            if names:
                return self.vocab.combine(names)
        # "goods worth about $3.6bn", "$3.6bn worth of goods", "the Peace Prize, worth 25,000 euros": things,
        # or a named one, worth the amount name it ("the house is worth £2m" is its value)
        money = family == "money" or fig.unit in ("pence", "cents")
        priced = money and ((m.start > 0 and doc[m.start - 1].lower_ in ("at", "for")) or (
            verb is not None and verb.lemma_.lower() in _PRICING))
        if money and m.end + 1 < len(doc) \
                and doc[m.end].lower_ in ("a", "an", "per", "each") and doc[m.end + 1].pos_ == "NOUN" \
                and doc[m.end + 1].tag_ == "NN" and doc[m.end + 1].lemma_.lower() not in TIME_NOUNS \
                and (unit_family(doc[m.end + 1].lower_) or "other:").startswith(
                    ("other:", "count", "weight", "volume", "area")) \
                and doc[m.end + 1].lemma_.lower() not in ("head", "capita"):
            # what an act costs for each one ("culling costs about £1,100 per badger", "put the cost at £1,400 per
            # badger"); what goods cost a unit is their price ("petrol costs 140p a litre")
            costed = (verb is not None and verb.lemma_.lower() == "cost" and _an_act_costs(verb)) or (
                m.start > 0 and doc[m.start - 1].lemma_.lower() == "cost" and doc[m.start - 1].pos_ != "VERB"
                and doc[m.start - 2].tag_ == "VBG" if m.start > 1 else False) or (  # ("culling costs", a noun)
                (thing := measured_thing(root, verb, self.is_people)) is not None
                and thing.lemma_.lower() == "cost") or (
                (valued := _valued_thing(root)) is not None and valued.lemma_.lower() == "cost")
            if costed:  # "culling costs about £1,100 per badger", "put the cost at £1,400 per badger"
                return f"cost per {doc[m.end + 1].lemma_.lower()}"
            if (priced or doc[m.end + 1].lemma_.lower() == "share") and not self.is_people(doc[m.end + 1]):
                # "will pay 690p per share in cash", "supplied at about $3 a dose", "traded at €4.10 a kilo": the
                # price of one (pay by the shift or fines by the breach keep their own names)
                return f"price per {doc[m.end + 1].lemma_.lower()}"
        if money and verb is not None and verb.lemma_.lower() == "change" and any(
                c.dep_ == "dobj" and c.lower_ == "hands" for c in verb.children) \
                and m.start > 0 and doc[m.start - 1].lower_ == "for":
            return self.vocab.by_noun.get("price") or "price"  # "tickets had changed hands for up to £1,400"
        if priced and m.end < len(doc) \
                and doc[m.end].lower_ in ("each", "apiece") \
                and (m.end + 1 == len(doc) or doc[m.end + 1].pos_ != "NOUN"):
            return self.vocab.by_noun.get("price") or "price"  # "100 million doses at about $3 each"
        if family == "money" and verb is not None and verb.lemma_.lower() == "value" and verb.dep_ == "acl" \
                and (self.noun_measure(verb.head) == "price" or verb.head.lemma_.lower() in ("offer", "proposal")):
            return "price"  # "an improved takeover offer valuing the company at £2.6 billion": the deal's price
        if family == "money" and noun is None and m.end < len(doc) and (trail := doc[m.end]).pos_ == "VERB" \
                and trail.tag_ in ("VBN", "VBD") \
                and not (trail.dep_ == "amod" and trail.head.pos_ == "NOUN" and trail.head.i > trail.i) \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass") for c in trail.children):
            # "closed with £2.35 million pledged", "£40m raised so far": the participle after the amount names it
            # (the parser often hangs it on the sentence's verb; not a participle before a noun it describes: "the
            # £410m tolled bypass" is the bypass's cost)
            named = self.vocab.by_verb.get(trail.lemma_.lower())
            if self.is_money_measure(named):
                return self.suffix(doc, m, named)  # type: ignore[arg-type]
            if trail.tag_ == "VBN" and _known_verb(trail.lemma_.lower()) and trail.lemma_.lower() not in SAY_VERBS:
                return self.suffix(doc, m, participle(trail))
        if family == "money" and m.end + 1 < len(doc) and doc[m.end].lower_ in ("over", "under") and any(
                t.lemma_.lower() == "budget" and (t.i + 1 == len(doc) or t.nbor().pos_ not in ("NOUN", "PROPN"))
                for t in doc[m.end + 1 : m.end + 4]):  # (not "invest £6m over the budget period")
            return "overspend" if doc[m.end].lower_ == "over" else "underspend"  # "£6m over budget"
        if family == "money" and m.end < len(doc) and (sum_noun := doc[m.end]).pos_ in ("ADJ", "VERB") \
                and sum_noun.lower_ in self.vocab.amount_nouns and sum_noun.dep_ not in ("acomp", "amod") \
                and m.start > 0 and doc[m.start - 1].lower_ in ("a", "an", "the", "its", "their", "his", "her"):
            # "heading for a £6m overspend", the sum's own noun tagged as an adjective or a verb: read from the
            # words, as the amount's noun ("a £2m fine")
            return self.suffix(doc, m, self.noun_measure(sum_noun) or sum_noun.lower_)
        if family == "money" and (inside := _amount_in(base, verb)) is not None \
                and (damages := _damages(inside, verb)) is not None:
            return damages  # "seeking $85m in damages", "$40m in punitive damages": a court's money
        if family == "money" and (inside := _amount_in(base, verb)) is not None \
                and (named := self.noun_measure(inside)) is not None and self.vocab.measures.get(named) is not None \
                and self.vocab.measures[named].unit == "money" \
                and not (verb is not None and verb.lemma_.lower() in ("lose", "cost", "wipe", "shed")):
            return named  # "awarded €1.3m in compensation", "raised $2m in funding": the money the noun names
        if family == "money" and verb is not None and base.dep_ == "dobj" and base.head.i == verb.i \
                and verb.lemma_.lower() not in ("lose", "cost", "wipe", "shed") \
                and (named := next((n for prep in (*base.children, *verb.children)
                                    if prep.dep_ == "prep" and prep.lower_ == "for"
                                    for p in prep.children if p.dep_ == "pobj"
                                    and (n := self.noun_measure(p)) is not None
                                    and (spec := self.vocab.measures.get(n)) is not None and spec.unit == "money"
                                    and n not in _OWED), None)) is not None:
            return named  # "set aside $250,000 for compensation": money put to a purpose the vocabulary names
        if family == "money" and verb is not None and verb.dep_ in ("xcomp", "advcl") and base.head.i == verb.i \
                and verb.head.lemma_.lower() in _ASKING \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return "sought"  # "asked a jury to award him $85 million": what is asked for, not yet given
        if family == "money" and verb is not None and verb.dep_ == "acl" and verb.lemma_.lower() in _TOTALLING \
                and verb.head.pos_ == "NOUN" and not self.is_people(verb.head) and (base.head.i == verb.i or (
                    base.dep_ == "pobj" and base.head.lower_ == "to" and base.head.head.i == verb.i)):
            # "ordered repayments totalling £143,000", "fines amounting to £2m": what the amount totals
            named = self.noun_measure(verb.head)
            return self.suffix(doc, m, named if named is not None and self.is_money_measure(named) else (
                plural(verb.head) if verb.head.tag_ == "NNS" else verb.head.lemma_.lower()))  # ("a bill totalling")
        if family == "money" and verb is not None and verb.lemma_.lower() in _PROVIDING_MONEY \
                and base.dep_ == "dobj" and base.head.i == verb.i and "funding" in self.vocab.measures \
                and not _a_payment(base) \
                and any(c.dep_ == "nsubj" and (c.ent_type_ in ("ORG", "GPE") or c.lemma_.lower() in _PUBLIC_BODIES)
                        for c in verb.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "in" for c in base.children) and any(
                    c.dep_ == "prep" and c.lower_ == "for" and c.i > base.i and not any(
                        p.lemma_.lower() in TIME_NOUNS or p.ent_type_ == "DATE" for p in c.children)
                    for c in (*base.children, *verb.children)):
            # "the ministry announced an extra £12 million for the transplant service", "the council found £3m for
            # the repairs": money a public body puts up for a purpose is funding (not "announced £40m in profit
            # for the year", "the bank provided £300m for bad debts")
            return "funding"
        if family == "money" and (worth := _worth_of(doc, m, root)) is not None and not self.noun_measure(worth) \
                and (worth.tag_ in ("NNS", "NNPS") or worth.pos_ == "PROPN"):
            return normalise_name(worth.lower_ if worth.pos_ == "NOUN" else worth.lemma_.lower())

        def ok(name: str | None) -> str | None:
            if not name:
                return None
            meas = self.vocab.measures.get(name)
            if meas is not None and meas.unit == "people" and not people_ok:
                return None
            if meas is not None and meas.families and family in ("count", "people"):
                return None  # "culling in 11 new areas": areas counted are no area measured
            if family != "money" and self.is_money_measure(name) and (
                    family != "percent" or (meas is not None and meas.verbs)):
                return None  # "1,300 people invested": a money measure never names a count; a sum a noun names
                # moves in per cent ("sales rose 11%": a revenue rise), a verb's does not ("shares lost 9%")
            return name

        # a group's size written before it: "a 1,200-strong audience", "the 64-member crew": the group
        if noun is not None and people_ok and m.end + 1 < len(doc) and doc[m.end].text == "-" \
                and (doc[m.end + 1].lower_ in GROUP_SIZE_WORDS) and noun.i > m.end + 1 and noun.pos_ == "NOUN" \
                and sized(m):
            return ok(self.noun_measure(noun)) or noun.lower_
        # a size written before a thing is the thing's size, named by its dimension as an editor names it: "the
        # 1,180-kilometre cable" its length, "the 1,450-kg lander" its weight (not what happened to the thing)
        if family in SIZE_FAMILIES and sized(m) \
                and (sized_thing := span_root(doc, m).head).pos_ == "NOUN" and m.end <= sized_thing.i <= m.end + 3 \
                and all(t.pos_ in ("PROPN", "NOUN", "PUNCT", "NUM", "ADJ") for t in doc[m.end : sized_thing.i]) \
                and span_root(doc, m).dep_ in ("amod", "compound", "nummod", "nmod"):
            if family == "distance" and sized_thing.lemma_.lower() in _STANDING and fig.unit in _SHORT_LENGTHS:
                return "height"  # "the 18-metre scaffold", "a 40-metre tower": what stands up is measured up (not
                # "the 73-mile wall": a wall in miles is long)
            return _DIMENSION_OF.get(family, family)
        # its size in parts written before a thing: "a 27,000-seat stadium", "a 500-bed hospital": the parts
        part = size_part(doc, m)
        if part is not None and part.is_alpha and not self.is_people(part) and part.lower_ not in GROUP_SIZE_WORDS:
            return ok(self.noun_measure(part)) or _parts(part.lemma_.lower())
        # 0. a measure verb written right before the number ("kills 2, injures 4", "killed 21"):
        #    read from the words, as headlines often parse as strings of nouns
        if m.start > 0 and people_ok and not m.unit_explicit and doc[m.start - 1].pos_ != "VERB":
            name = ok(self.word_verb_measure(doc[m.start - 1]))
            if name:
                return name
        if m.end < len(doc) and people_ok and not m.unit_explicit and doc[m.end].pos_ != "VERB" and (
                m.end + 1 == len(doc) or not doc[m.end + 1].is_alpha or doc[m.end + 1].pos_ == "ADP"):
            # "4 shot on Columbus Street, 2 die"; not a plural noun the number counts ("17 fires")
            name = ok(self.word_verb_measure(doc[m.end])) if doc[m.end].tag_ not in ("NNS", "NNPS") else None
            if name:
                return name
        # "... and 14 were injured": a number, its auxiliary and a participle say what happened to the
        # number, however the parser attached the number
        if people_ok and not m.unit_explicit:
            j = m.end
            while j < len(doc) and j < m.end + 4 and ((doc[j].lemma_ in ("be", "have") and doc[j].pos_ == "AUX")
                                                       or (doc[j].pos_ == "ADV" and j > m.end)):
                j += 1
            if m.end < j < len(doc) and doc[j].tag_ == "VBN" and doc[j].lemma_.lower() not in SAY_VERBS:
                names = [n for n in self.verb_measures(doc[j], doc[j]) if ok(n)]  # "were killed or wounded"
                if names:
                    return self.vocab.combine(names)
        # "two of them fatally", "one fatally": a share of those just counted, who died
        after = [t.lower_ for t in doc[m.end : m.end + 4]]
        if people_ok and ("fatally" in after or "mortally" in after) and (
                after[0] in ("fatally", "mortally") or after[:2] in (["of", "them"], ["of", "those"], ["of", "whom"])):
            return "killed"

        # power written before a thing is its capacity: "the 1,100MW reactor", "a 500-megawatt wind farm"
        if family == "power" and root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") \
                and root.head.i > root.i and root.head.pos_ in ("NOUN", "PROPN"):
            return "capacity"
        # "won the ward by 14 votes", "lost by three seats": how far ahead, not how many
        if base.dep_ == "pobj" and base.head.lower_ == "by" and base.head.dep_ == "prep" \
                and base.head.head.lemma_.lower() in _CONTESTS \
                and not any(c.dep_ in ("auxpass", "agent") for c in base.head.head.children):  # "led by 40 officers"
            return "margin"
        # a scale written right before its figure: "a magnitude 3.4 earthquake", "a category 4 storm"
        if m.start > 0 and doc[m.start - 1].pos_ == "NOUN" and doc[m.start - 1].lemma_.lower() in self.vocab.by_noun \
                and self.vocab.measures[self.vocab.by_noun[doc[m.start - 1].lemma_.lower()]].scale:
            return self.vocab.by_noun[doc[m.start - 1].lemma_.lower()]
        # a dimension written right before its figure, however the parser hangs the phrase: "at a distance of
        # roughly 180,000 kilometres", "a depth of 4,800 metres"; a span "within" which a thing comes is its distance
        if family in SIZE_FAMILIES | {"speed"} and m.start >= 2 and doc[m.start - 1].lower_ == "of" \
                and doc[m.start - 2].lemma_.lower() in _DIMENSION_NOUNS:
            return doc[m.start - 2].lemma_.lower()
        if family == "distance" and m.start >= 2 and doc[m.start - 1].lower_ == "within" \
                and doc[m.start - 2].lemma_.lower() in ("come", "pass", "fly", "get", "sail", "drift") \
                and m.end + 1 < len(doc) and doc[m.end].lower_ == "of" and (
                    doc[m.end + 1].pos_ == "PROPN" or doc[m.end + 1].ent_type_ in ("LOC", "GPE", "FAC")):
            return "distance"  # "will come within about 180,000 km of Earth" (not "within 3 cm of the record")
        # a length with an adjective of dimension: "300 metres wide", "3 metres deep", "12 km high"
        if family == "distance" and m.end < len(doc) and doc[m.end].lower_ in _DIMENSIONS:
            return _DIMENSIONS[doc[m.end].lower_]
        if family == "distance" and m.end < len(doc) and (doc[m.end].lower_ in BEARINGS or (
                doc[m.end].lower_ in ("from", "off", "away", "offshore", "inland") and doc[m.end].dep_ != "prt")) \
                and not (m.end + 1 < len(doc) and doc[m.end + 1].like_num):  # "to 20 km from 10 km": a change
            return "distance"  # "about 1,200 nautical miles southwest of Perth", "40 km from the capital"
        if (fig.unit == "times" or (m.end < len(doc) and doc[m.end].lower_ == "times")) \
                and (done := _how_often_done(doc[m.end - 1] if doc[m.end - 1].lower_ == "times" else doc[m.end])):
            return normalise_name(f"times {participle(done)}")  # "used 412,000 times": times used
        if family == "distance" and verb is not None and verb.pos_ == "VERB":
            if verb.lemma_.lower() in _CLIMBING and root.dep_ == "pobj" and root.head.lower_ == "to" \
                    and root.head.head.i == verb.i and any(
                        c.dep_ == "nsubj" and (c.pos_ == "PRON" or c.lemma_.lower() in _FLYERS) for c in verb.children):
                return "altitude"  # "it has since climbed to 21,000 metres" (not "snow depth climbed to 40 cm")
            if verb.lemma_.lower() in _TRAVELLING and root.head.i == verb.i and root.dep_ in ("dobj", "npadvmod") \
                    and not any(c.dep_ == "prt" for c in verb.children):
                return "distance"  # "flew about 16,800 kilometres", "the walkers covered 40 km"
        if people_ok and noun is None and root.dep_ == "pobj" and root.head.lower_ == "of" \
                and root.head.head.lemma_.lower() in _TRADE_NOUNS:
            return _compound_name(root.head.head)  # "with sales of about 140,000": units sold
        if family in _MEASURED_OF and (owner := _measured_of(base)) is not None:
            # "in winds of 55 knots", "waves of up to nine metres", "wind speeds of 200 km/h"
            words = [t.lower_ for t in owner.lefts if t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_alpha]
            return normalise_name(" ".join([*words, owner.lower_]))
        if verb is not None and verb.lemma_.lower() == "weigh" and family not in ("count", "people", "money"):
            return "weight"  # "the ice weighs an estimated 350 billion tonnes"
        if fig.unit == "count" and (noun is None or noun.lemma_.lower() == "average") and _a_bare_average(root, verb):
            return "average"  # "he averaged 104.3", "a three-dart average of 101.87": a score's average
        # a share of a group is named by what is said of the group: "89% of candidates passed",
        # "22% of candidates earned top grades", "31% of purchases"
        if family == "percent":
            share = self._share_name(doc, m, root)
            if share:
                return share
        # 0c. "the theft of eight works", "the closure of 12 branches": an event noun says what happened
        #     to the things it is of, as its verb would ("eight works were stolen")
        if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and family == "count" \
                and noun.head.head.pos_ == "NOUN" and not self.is_people(noun) and not self.noun_measure(noun) \
                and (event_verb := _event_verb(noun.head.head)) is not None:
            named = ok(self.vocab.by_verb.get(event_verb))
            return named or normalise_name(_inflect(event_verb, 'VBN'))
        # 0d. "the recall covers 112,000 cars", "the cull affected 40,000 birds", "widened its recall to
        #     112,000 cars", "repairs were completed on 40,000 cars": an event noun whose verb reaches the
        #     counted things says what happened to them; people keep their own name
        if noun is not None and family in ("count", "people") and (event := self._covered(noun, verb)) is not None:
            named = ok(self.vocab.by_verb.get(event))
            if named:
                return named
            if self.is_people(noun):
                return ok(self.noun_measure(noun)) or plural(noun)
            return normalise_name(_inflect(event, 'VBN'))
        # 0e. "a strike by 350 bin workers", "a march by 5,000 people": who does what the event noun names
        if noun is not None and people_ok and noun.dep_ == "pobj" and noun.head.lower_ == "by" \
                and noun.head.head.pos_ == "NOUN":
            name = ok(self.noun_measure(noun.head.head))
            meas = self.vocab.measures.get(name or "")
            if name and meas is not None and meas.agentive:
                return name
        # 1. "the lives of 30 soldiers", "a death toll of 50", "a crowd of 50,000"
        if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ == "NOUN":
            if family == "money" and (damages := _damages(base.head.head, verb)) is not None:
                return self.suffix(doc, m, damages)  # "awarded damages of £85,000" (not a flood's "damages of $3m")
            name = ok(self.noun_measure(base.head.head))
            own = self.noun_measure(noun) if noun is not None and not self.is_people(noun) else None
            if name and not own:  # "the loss of 1,100 jobs" counts jobs: a thing with its own measure
                return self.suffix(doc, m, name)
            owner = base.head.head
            if (noun is None or not self.is_people(noun)) and not own and owner.lemma_.lower() not in _TALLY \
                    and owner.lemma_.lower() not in _GROUPS and any(d.dep_ in ("det", "poss") for d in owner.children):
                # "a reward of 5,000 dinars": the reward; "its cast and crew of 64": the cast and crew
                also = [c for c in owner.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i < base.i]
                name = " and ".join(_compound_name(n) for n in (owner, *also))
                return self.suffix(doc, m, name)
        # 1a. "raised its count of escaped macaques to 43", "took the number of deaths to 40": a level a verb
        #     moves a tally to counts what the tally is of
        if people_ok and verb is not None and root.dep_ == "pobj" and root.head.lower_ == "to" \
                and root.head.head.i == verb.i and (tally := next(
                    (c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                     and c.lemma_.lower() in TALLY_NOUNS), None)) is not None and (of := next(
                    (p for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)) is not None \
                and (noun is None or noun.i in (tally.i, of.i)):
            done = next((t for t in of.lefts if t.dep_ == "amod" and t.tag_ == "VBN"), None)
            return ok(self.noun_measure(of)) or (
                self.vocab.by_adjective.get(done.lower_, done.lower_) if done is not None
                else self._predicate(of, None, ok) or plural(of))
        # 1b. "the number of miners rescued to 25": the participle between a tally and its level
        if (base.lemma_.lower() in _TALLY or (base.dep_ == "pobj" and base.head.lower_ == "of"
                                               and base.head.head.lemma_.lower() in _TALLY)) and base.i < m.start:
            # (the tally, or what it is of: "the number of people killed or injured ... fell from 52 to 38")
            for t in doc[base.i + 1 : m.start]:
                if t.tag_ == "VBN" or (t.pos_ == "ADJ" and t.lower_ in self.vocab.by_adjective):
                    # ("the number of people killed or injured fell from 1,640 to 1,310": casualties)
                    names = [n for v in (t, *coordinated(t)) if (n := ok(self._verb_name(v)))]
                    if names:
                        return self.vocab.combine(names)
                    break
        # 1b'. "the number of people sickened has risen to 212 passengers and 25 crew": the tally's participle
        #     names what the level counts, whatever the figure's own noun says of who they are
        lead = base
        while lead.dep_ == "conj" and lead.head.i != lead.i:
            lead = lead.head  # "... 212 passengers and 25 crew": each member of the list
        level = lead.head.head if lead.dep_ == "pobj" and lead.head.lower_ in ("to", "at") else (
            lead.head if lead.dep_ in ("dobj", "attr") else None)
        if level is not None and level.pos_ in ("VERB", "AUX"):
            for tally in (c for c in level.children if c.dep_ in ("nsubj", "nsubjpass")
                          and c.lemma_.lower() in _TALLY):
                for counted in (p for prep in tally.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                for p in prep.children if p.dep_ == "pobj"):
                    # (the parser hangs the participle on the counted noun, or on the tally)
                    for t in (*counted.children, *tally.children):
                        if t.dep_ in ("acl", "relcl") and t.pos_ == "VERB" and t.i > counted.i:
                            name = ok(self._verb_name(t))
                            if name:
                                return name
        # 1c. "ninety-seven of the students kidnapped last week have been released": in a partitive of a
        #     definite group, the group's participle says who they are; the figure's own verb what happened
        if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == root.i \
                and any((d.dep_ == "det" and d.lower_ in ("the", "those", "these")) or d.dep_ == "poss"
                        for d in noun.children) \
                and root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.pos_ == "VERB":
            # ("police have recaptured two of the five men": the two were recaptured; "close seven of its 21
            # libraries": seven libraries closed)
            names = [n for n in self.verb_measures(root.head, root) if ok(n)]
            if names:
                return self.vocab.combine(names)
            for c in root.head.children:  # "three of its deminers had lost their lives": the verb and its object
                lost = f"{phrasal_lemma(root.head)} {c.lemma_.lower()}"
                if c.dep_ == "dobj" and ok(self.vocab.by_complement.get(lost)):
                    return self.vocab.by_complement[lost]
            if (event := _happened(root, root.head)) is not None:
                # "have been released": what the vocabulary does not know, named by its verb; things with it
                return event
            act = root.head
            if root.dep_ == "nsubj" and act.tag_ in ("VBD", "VBN", "VBZ", "VBP") and _known_verb(act.lemma_.lower()) \
                    and not {act.lemma_.lower()} & (SAY_VERBS | LIGHT_VERBS | _LIGHT) \
                    and (act.lemma_.lower() not in PASS_THROUGH or any(
                        c.dep_ == "dobj" and any(d.lower_ == "the" for d in c.children) for c in act.children)) \
                    and not any(c.dep_ in ("auxpass", "neg") for c in act.children):
                # "only 17 of the 40 runners completed the course": the part is named by what it did, the
                # group already names the whole ("remain", "reach" only pass a figure on, unless they act
                # on a thing of their own)
                return active_past(act)
        # 1c'. "Of the 34 runners that set off, only 14 completed the course", "only 14 completed the course":
        #     a bare number that did something is named by what it did (its group is written elsewhere)
        if noun is None and people_ok and not m.unit_explicit and root.dep_ == "nsubj" and verb is not None \
                and root.head.i == verb.i and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") \
                and _known_verb(verb.lemma_.lower()) \
                and not {verb.lemma_.lower()} & (SAY_VERBS | LIGHT_VERBS | _LIGHT) \
                and (verb.lemma_.lower() not in PASS_THROUGH or fronted_group(root) is not None) \
                and not any(c.dep_ in ("auxpass", "neg", "aux") for c in verb.children):
            for c in verb.children:  # "Forty lost their jobs", "eight lost their lives": the verb and its object
                if c.dep_ == "dobj" and ok(self.vocab.by_complement.get(f"{phrasal_lemma(verb)} {c.lemma_.lower()}")):
                    return self.vocab.by_complement[f"{phrasal_lemma(verb)} {c.lemma_.lower()}"]
            names = [n for n in self.verb_measures(verb, root) if ok(n)]
            return self.vocab.combine(names) if names else active_past(verb)
        # 1d. "none of the ship's 22 crew were hurt", "two of the five men who escaped": a number inside a
        #     partitive counts the whole group, named by what is said of the group, not of the part
        if noun is not None and family in ("count", "people") and _partitive_group(noun, m):
            for c in noun.children:
                if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.i > noun.i:
                    names = [n for n in self.verb_measures(c, noun) if ok(n)]
                    if names:
                        return self.vocab.combine(names)
                    subj = any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ not in ("WP", "WDT") for t in c.children)
                    if not subj and not any(t.dep_ == "dobj" for t in c.children):
                        # ("one of its six storage tanks, which held 2,360 embryos": a group that acts on other
                        # things is named as itself)
                        return active_past(c) if c.tag_ != "VBN" else participle(c)
            return ok(self.noun_measure(noun)) or plural(noun)
        # 1e. "identified about 30 people with latent infection", "found 31 people with latent TB": people who
        #     are only people, found or counted with a condition, are counted by the condition
        if noun is not None and noun.lemma_.lower() in _ANYONE and (
                verb is None or verb.lemma_.lower() in PASS_THROUGH | _FINDING):
            # the parser hangs "with" on the noun or on the verb that found them ("identified 30 people with TB")
            # (only a verb of finding people out: "found three people with knives" found them carrying knives; and
            # only a bare condition there: "screened 2,000 people with a new blood test" names the means)
            holders = [noun, verb] if verb is not None and noun.dep_ == "dobj" and noun.head.i == verb.i \
                and verb.lemma_.lower() in _FINDING else [noun]
            condition = next((p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                              for p in c.children if p.dep_ == "pobj" and (p.pos_ == "NOUN" or _a_condition_name(p))
                              and (h is noun or not any(d.dep_ == "det" or (d.dep_ == "poss" and d.pos_ != "PROPN")
                                                        for d in p.children))
                              and not self.is_people(p) and p.lemma_.lower() not in TIME_NOUNS), None)
            if condition is not None:
                words = [t.lower_ + ("'s" if any(c.dep_ == "case" for c in t.children) else "")
                         for t in condition.lefts if (t.dep_ in ("amod", "compound") and t.is_alpha)
                         or (t.dep_ == "poss" and t.pos_ == "PROPN")]  # "Alzheimer's disease"
                known = ok(self.noun_measure(condition))
                if known and all(w in _SEVERITY for w in words):
                    return known  # "12 people with serious injuries": injured
                return normalise_name(" ".join([*words, condition.lower_]))  # "with latent infection": its own
        # 1f. "power cuts peaked at 185,000 customers", "the death toll reached 30 people": a measure named by
        #     the subject of a level, counted in the people (or homes) its figure names
        level = _level_subject(base, verb) if noun is not None else None
        if noun is not None and level is not None and not self.is_people(level) and self.is_people(noun) \
                and (own := ok(self.noun_measure(level))) is not None and self.vocab.measures.get(own) is not None \
                and self.vocab.measures[own].unit == "people" and not self.noun_measure(noun):
            return own  # (not "rescuers reached 30 villagers", "the strike hit 300 schools", "hit 20 goals")
        if noun is not None and level is not None and level.lemma_.lower() in _TALLIES and not self.noun_measure(noun):
            # "the waiting list now stands at 1,900 people", "the backlog reached 480,000 applications": a list or a
            # backlog counted in what is on it is the list's level
            return normalise_name(_compound_name(level))
        # 2. what is said of the counted thing: a participle or complement on it ("people killed",
        #    "flights cancelled", "households without power"), else the governing verb and what
        #    it passes through ("were taken to hospital", "remain displaced", "left ... dead")
        said = self._predicate(base, verb, ok)
        if said is None and noun is not None and people_ok:
            # "Three women, one man injured": a headline's list of counted people, the predicate written
            # once on its last member
            for member in (c for c in noun.children if c.dep_ in ("appos", "conj") and c.pos_ == "NOUN"):
                if any(d.dep_ == "nummod" for d in member.children) and self.is_people(member):
                    said = self._predicate(member, None, ok)
                    if said is not None:
                        break
        lost_with = verb is not None and any(  # "1,400 staff will lose their jobs": an event, not presence
            (c.dep_ == "dobj" and self.vocab.by_complement.get(f"{phrasal_lemma(verb)} {c.lemma_.lower()}") == said)
            or (c.dep_ == "prep" and c.i > base.i and said is not None
                and self._prep_complement(verb.lemma_.lower(), c) == said and self.vocab.measures.get(said) is not None
                and self.vocab.measures[said].unit == "people")  # "will put 75 weavers out of work"
            for c in verb.children)
        if said is not None and noun is not None and not self._is_event(said) and not lost_with:
            # a presence verb ("joined", "fought", "attended") does not rename a counted measure noun:
            # "3,200 strikers joined picket lines" counts strikers
            own = ok(self.noun_measure(noun))
            if own and self.vocab.measures.get(own) is not None and self.vocab.measures[own].unit == "people" \
                    and not self.vocab.measures[own].held:  # "60 prisoners took part": what the held did
                return own
            meas = self.vocab.measures.get(said)
            if own is None and not self.is_people(noun) and noun.pos_ == "NOUN" \
                    and not (meas and meas.people_only and noun.dep_ == "nsubj"):
                said = None  # "six helicopters took part": presence is people's; the thing is named as it is
            elif meas is not None and (meas.agentive or said == "deployed") and verb is not None \
                    and phrasal_lemma(verb) in ("take part", "participate", "join", "take") and any(
                    p.pos_ == "NOUN" and self.noun_measure(p) is None and not self.is_people(p)
                    and p.lemma_.lower() not in _FORCES
                    for p in (*(p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i > verb.i
                                for p in c.children if p.dep_ == "pobj"),
                              *(c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() == "join"))):
                # "100 personnel took part in the hunt", "650 people joined clean-ups": taking part in what is no
                # gathering or force says who they are ("5,000 people took part in the march" is its attendance,
                # "1,200 troops joined the fighting" a deployment)
                said = None
        if said == "deployed" and noun is not None and verb is not None and verb.lemma_.lower() in _SENDING \
                and self.is_people(noun) and noun.lemma_.lower() not in _SERVING_PEOPLE \
                and not self.noun_measure(noun):
            return "sent"  # "40 patients were sent to another hospital": moved, not a force deployed
        if said is not None and noun is not None and self.is_money_measure(said) \
                and self.is_money_measure(named_sum := ok(self.noun_measure(noun))):
            return self.suffix(doc, m, named_sum)  # type: ignore[arg-type]  # "won £120,000 compensation"
        if said is not None and noun is not None and family == "count":
            said = self._with_the_thing(said, _what_of(noun)) or said  # as in _generic: "schools shut"
        if said is not None:
            return self.suffix(doc, m, said)
        # 3. the counted noun itself ("several hundred casualties", "1,200 jobs", "412 cases"); a thing
        #    the vocabulary names but no verb of its own, with what happened to it ("260 homes were damaged")
        if noun is not None:
            name = ok(self.noun_measure(noun))
            if name and (agentive := self.vocab.measures.get(name)) is not None and agentive.agentive \
                    and agentive.unit == "people" and not self.is_people(noun) and noun.tag_ == "NNS" \
                    and noun.lemma_.lower() in agentive.verbs:
                # "39,000 lightning strikes", "1,624 strikes": the events counted, not the people who strike (who
                # are counted by "a strike by 350 workers")
                return normalise_name(_compound_name(noun))
            if name:
                meas = self.vocab.measures.get(name)
                if meas is not None and meas.qualified and not meas.verbs and meas.unit != "people" \
                        and (event := _happened(base, verb)):
                    return normalise_name(f"{name} {event}")
                if meas is not None and meas.unit == "people" and (not meas.rising or meas.held) \
                        and self.is_people(noun) and base.dep_ in ("dobj", "nsubjpass") \
                        and (event := _happened(base, verb)):
                    # "the gang tied up six employees", "90 prisoners are being moved": what was done to them,
                    # not who they are (a toll's noun keeps its toll: "police found three bodies"; jobs are no
                    # people: "58 jobs had been affected" stays jobs)
                    return event
                if meas is not None and meas.held and verb is not None and base.dep_ == "dobj" \
                        and verb.lemma_.lower() in ("hold", "house", "have", "keep", "contain"):
                    return plural(noun)  # "the jail held 630 prisoners": who it holds, not a capture
                return self.suffix(doc, m, name)
        # 4. an adjective after the number ("two dead, two injured", "47 missing")
        anchor = doc[m.anchor]
        for tok in (anchor.head, *anchor.children, *(doc[m.end : m.end + 1])):
            name = ok(self.vocab.by_adjective.get(tok.lower_))
            if name:
                return name
        # 4b. a part of a group a toll names: "seven of the dead were employees", "accounts for 17 of the
        #     dead": the group's measure (what the sentence says of them only describes them)
        for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"):
            for p in prep.children:
                if p.dep_ == "pobj" and any(d.lower_ == "the" for d in p.children):
                    name = ok(self.vocab.by_adjective.get(p.lower_))
                    if name:
                        return name
        # 5. money and rates: what the amount is of ("revenue of $4.2bn", "inflation rose to 4.2%")
        if not people_ok:
            if noun is not None and _is_unit_word(noun, m):
                noun = None  # "1,900 tonnes escaped": the unit is no thing; what it is of, or what happened
            if family == "money" and self._priced(m, root):
                return self.suffix(doc, m, "cost")  # "an 8.4 billion euro factory": what the factory costs
            if noun is not None:
                # the amount's own noun: "a 12% pay rise", "a 4% rise in inflation" (what it is of)
                thing = measured_thing(noun, None) if is_change_noun(noun) else None
                thing = thing or noun
            elif family == "money" and _carried_off(base, verb):
                return self.suffix(doc, m, self.vocab.by_verb.get("steal") or "stolen")
            elif family == "money" and (source := _amount_from(base, verb)) is not None \
                    and self.is_money_measure(self.noun_measure(source)):
                thing = source  # "was given £1.2m from the rough sleeping grant": funding
            elif family == "money" and verb is not None and root.dep_ == "pobj" and root.head.lower_ == "for" \
                    and root.head.head.i == verb.i and (deal := next(
                        (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                         and self.is_money_measure(self.noun_measure(c))), None)) is not None:
                # "completed its takeover of Harvest Basket for £3.1bn": the amount of the deal it closed
                return self.suffix(doc, m, self.noun_measure(deal) or "price")
            elif family == "money" and (valued := _valued_thing(root)) is not None \
                    and ok(self.noun_measure(valued)):
                # "puts the cost of sequencing and analysis at about £300" ("at" parsed under "sequencing")
                return self.suffix(doc, m, self.noun_measure(valued) or "cost")
            elif family == "money" and (inside := _amount_in(base, verb)) is not None:
                if verb is not None and verb.lemma_.lower() in ("cost", "lose") \
                        and self.noun_measure(inside) == "revenue" and "losses" in self.vocab.measures:
                    return "losses"  # "costing bookmakers £20 million in turnover": turnover lost
                thing = inside  # "cost the treasury £6.1m in unpaid duty": the duty, not a cost
            elif verb is not None and ok(self.vocab.by_noun.get(verb.lemma_.lower())):
                # a verb whose noun names the measure: "has offered 4%" is an offer, "will cost $2m" a cost
                # (not a money measure for a share: "the scheme is 89% funded")
                return self.suffix(doc, m, self.vocab.by_noun[verb.lemma_.lower()])
            elif verb is not None and family == "percent" and verb.tag_ == "VBN" and verb.dep_ == "acomp" \
                    and base.head.i == verb.i and verb.lemma_.lower() not in PASS_THROUGH:
                return participle(verb)  # "the scheme is now 89% funded": the share in that state
            else:
                thing = measured_thing(base, verb, self.is_people)
            if thing is not None and _is_unit_word(thing, m):
                # "an average of 470mm of rain fell": what the unit measures, under the figure's own "average of"
                thing = next((p for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
            if thing is not None and thing.lemma_.lower() in TALLY_NOUNS and (done := next(
                    (c for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN"
                     and c.lemma_.lower() not in REPORTING), None)) is not None:
                return self.suffix(doc, m, participle(done))  # "taking the total raised in the round to €165m"
            if thing is not None and thing.lemma_.lower() in _ESTIMATES:
                thing = _estimated(thing) or thing  # "cut its forecast for the wheat harvest to 980,000 tonnes"
            if thing is not None and thing.pos_ == "PROPN" and (noun is None or thing.i != noun.i):
                thing = None  # "in the capital, Ardel, the rise will be 6.1%": a name says whose, not what
            if family == "speed" and (thing is None or thing.dep_ not in ("nsubj", "nsubjpass") or verb is None or not (
                    verb.lemma_.lower() in PASS_THROUGH or verb.lemma_.lower() in CHANGE_VERBS)):
                # "winds reached 120 km/h" are the winds'; "broke up at 15 km per second" is a speed
                return "speed"  # "entered the atmosphere at 17 km per second": how fast, not the atmosphere
            if family == "money" and verb is not None and root.dep_ == "pobj" and root.head.lower_ == "at" \
                    and root.head.head.i == verb.i \
                    and self.is_money_measure(self.vocab.by_verb.get(verb.lemma_.lower())):
                # "valuing the business at about €2.6bn", "priced the shares at €21": the verb's measure
                return self.suffix(doc, m, self.vocab.by_verb[verb.lemma_.lower()])
            if family == "money" and verb is not None and thing is not None and thing.dep_ == "nsubj" \
                    and thing.head.i == verb.i and thing.tag_ == "NNS" and not self.noun_measure(thing) \
                    and root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.i == verb.i \
                    and verb.lemma_.lower() in _MARKET_LEVELS:
                # "shares closed at €23.94", "the bonds traded at 92p": the price of one of them
                return self.vocab.by_noun.get("price") or "price"
            acted = verb is not None and thing is not None and verb.dep_ == "relcl" and verb.head.i == thing.i \
                and any(c.dep_ == "aux" and c.lower_ in ("could", "would", "will", "may", "might", "can")
                        for c in verb.children)
            if family == "money" and (thing is None or (
                    (thing.dep_ in ("nsubj", "nsubjpass") or (verb is not None and verb.dep_ == "relcl"
                                                               and verb.head.i == thing.i))
                    and (noun is None or thing.i != noun.i) and (acted or not self.noun_measure(thing)))):
                # ("a deal that could raise up to €660m": what the deal may do names the amount, not the deal)
                # a consortium that pays, satellites that are insured, an offering "which could raise $2bn":
                # who acts or what is acted on is not what the amount is; the act names it
                money_act = self._money_act(base, verb)
                if money_act:
                    return self.suffix(doc, m, money_act)
            if family == "distance" and thing is not None and verb is not None and thing.dep_ == "nsubj" \
                    and thing.head.i == verb.i and verb.pos_ == "VERB" and verb.lemma_.lower() not in PASS_THROUGH \
                    and verb.lemma_.lower() not in _EXTENT and not self.noun_measure(thing) \
                    and not any(c.dep_ in ("dobj", "attr", "acomp") and c.i != base.i for c in verb.children) \
                    and (base.head.i == verb.i or (base.dep_ == "pobj" and base.head.lower_ == "by"
                                                   and base.head.head.i == verb.i)):
                return active_past(verb)  # "the glacier thinned by 3.5 metres", "its tongue retreated 61 metres"
            if family in ("weight", "volume", "other:oz", "other:ounces", "other:troy ounces") and verb is not None \
                    and base.head.i == verb.i and base.dep_ in ("dobj", "nsubjpass") and _produced(base, verb):
                # "the furnace produces about 9,000 tonnes of iron a day", "makes 8,500 tonnes of hot metal": a
                # plant's output, whatever it makes
                return "output"
            if family in ("weight", "volume") and verb is not None and base.head.i == verb.i \
                    and base.dep_ == "dobj" and verb.lemma_.lower() == "lose" and (stuff := next(
                        (p for c in base.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)) is not None:
                return normalise_name(f"{_compound_name(stuff)} lost")  # "lost 300 tonnes of cargo": no fall
            if family == "money" and thing is not None and self.is_people(thing) and not self.noun_measure(thing):
                thing = None  # "the raiders ... £5.3 million": who has or moves the money is not what it is
            if thing is not None and family == "money" and noun is not None and thing.i == noun.i \
                    and _a_payment(thing) and not self.noun_measure(thing):
                return self.suffix(doc, m, payment_name(thing))  # "a £110,000 contribution to her pension"
            if thing is not None:
                traded = _compound_name(thing) if thing.lemma_.lower() in _TRADE_NOUNS else None
                name = (traded if traded is not None and " " in traded else None) or ok(self.noun_measure(thing)) or (
                    " ".join([*_full_compounds(thing), thing.lemma_.lower()]) if family == "other:°c"
                    else _compound_name(thing))  # "sea surface temperatures peaked at": sea surface temperature
                if " " in name and name.split()[-1] == thing.lemma_.lower() and thing.dep_ in ("nsubj", "nsubjpass") \
                        and not any(c.dep_ in ("poss", "compound") for c in thing.children):
                    # a measure's bare head ("demand" of "pay demand", "offer" of "pay offer") changing is the
                    # thing in general: "demand from carpet makers is down 40%" is a market's, no pay demand
                    name = thing.lemma_.lower()
                state = next((t.lower_ for t in thing.lefts if t.dep_ == "amod" and t.lower_ in self.vocab.by_adjective
                              and not self.noun_measure(thing)), None)
                if state is not None and not self.is_people(thing):
                    name = f"{state} {name}"  # "130 tonnes of dead fish": the state the vocabulary knows names them
                if noun is not None and thing.i != noun.i and is_change_noun(noun) and not is_change_measure(name):
                    return change_name(name, noun.lemma_)  # "the 4.9% rise in council tax": council tax rise
                return self.suffix(doc, m, name)
        # 6. named as an editor would: what happened to the thing, else the thing
        generic = self._generic(base, noun, verb)
        if generic:
            return self.suffix(doc, m, generic)
        # 7. a bare count a verb only passes on is the level of its subject: "the backlog topped 90,000", "the
        #    waiting list reached 86,000"
        if noun is None and people_ok and verb is not None \
                and (verb.lemma_.lower() in _LEVELS or verb.lemma_.lower() in CHANGE_VERBS) \
                and (base.head.i == verb.i or (
                    base.dep_ == "pobj" and base.head.lower_ in ("at", "to") and base.head.head.i == verb.i)):
            level_of = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                             and not self.is_people(c) and c.lemma_.lower() not in _VAGUE_NOUNS), None)
            if level_of is not None:
                return ok(self.noun_measure(level_of)) or _compound_name(level_of)
        if family == "percent" and (kind := _bare_change(doc, m)) is not None:
            return kind  # "that was up 23 per cent on a year earlier": a change of nothing named is a rise
        if family == "money" and (named := self._named_in_words(doc, m)) is not None:
            return self.suffix(doc, m, named)
        return family.removeprefix("other:")  # nothing names it: "percent", "money", "count"...

    def _named_in_words(self, doc: Doc, m: FigureMatch) -> str | None:
        """A sum nothing names in the parse, read from the words before it when the tagger took a headline's or a
        sentence's verb for a noun: "the failed fight cost taxpayers £95,000" (a cost), "pier bill climbs to
        £6.2m" (the bill's level)."""
        before = doc[max(0, m.start - 3) : m.start]
        if any(t.like_num for t in before):
            return None
        if any(t.lower_ in ("cost", "costs", "costing") for t in before[-2:]) and "cost" in self.vocab.measures:
            return "cost"
        if m.start >= 3 and doc[m.start - 1].lower_ in ("to", "by") \
                and doc[m.start - 2].lemma_.lower() in CHANGE_VERBS | _LEVELS and doc[m.start - 3].pos_ == "NOUN" \
                and doc[m.start - 3].lemma_.lower() not in TIME_NOUNS:
            noun = doc[m.start - 3]
            return self.noun_measure(noun) or _compound_name(noun)
        return None

    def _priced(self, m: FigureMatch, root: Token) -> bool:
        """An amount written before a thing that is not itself a sum of money: the thing's price or cost
        ("an 8.4 billion euro factory", "a new $28 million museum", "a £40m bypass"); not "a $10bn deal",
        "a £2m fine" or "a 2.5 million euro relief fund", which are amounts of their own."""
        if root.dep_ not in ("nummod", "compound", "amod", "nmod", "quantmod") or root.head.i <= root.i:
            # the parser may hang the scale elsewhere ("the £410m tolled bypass": "m" as an apposition); the
            # noun right after the amount and its modifiers is the thing
            after = root.doc[m.end] if m.end < len(root.doc) else None
            while after is not None and after.dep_ in ("amod", "compound") and after.head.i > after.i \
                    and after.head.pos_ == "NOUN" and after.head.i <= m.end + 3:
                after = after.head
            if after is None or after.pos_ != "NOUN" or not any(t.i in range(m.start, m.end) for t in after.subtree):
                return False
            thing = after
        else:
            thing = root.head
            while thing.dep_ in ("compound", "amod") and thing.head.i > thing.i and thing.head.pos_ == "NOUN":
                thing = thing.head  # "8.4 billion euro chip plant": the plant; "a £3.2m replanting programme"
        if thing.pos_ != "NOUN" or thing.i < m.end or is_change_noun(thing):
            return False  # "a $2bn cut" changes an amount; it is not a thing bought
        words = [t.lemma_.lower() for t in thing.lefts if t.dep_ == "compound" and t.i >= m.end]
        name = " ".join([*words, thing.lemma_.lower()])
        return not (name in self.vocab.amount_nouns or any(w in self.vocab.amount_nouns for w in words)
                    or thing.lemma_.lower() in self.vocab.amount_nouns or self.noun_measure(thing)
                    or _a_payment(thing))

    def _covered(self, noun: Token, verb: Token | None) -> str | None:
        """The verb of an event noun that reaches ``noun``: the subject of a verb of reach ("the recall
        covers 112,000 cars"), of a verb of doing "on" it ("repairs were completed on 40,000 cars"), or
        the object resized "to" it ("widened its recall to 112,000 cars")."""
        if verb is None:
            return None
        lemma = phrasal_lemma(verb)
        on = noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.i == verb.i
        to = noun.dep_ == "pobj" and noun.head.lower_ == "to" and (noun.head.head.i == verb.i or (
            noun.head.head.dep_ == "dobj" and noun.head.head.head.i == verb.i))  # "widened its recall to"
        roles: tuple[str, ...]
        if noun.dep_ == "dobj" and noun.head.i == verb.i and verb.lemma_.lower() in _REACH:
            roles = ("nsubj",)  # "the recall covers 112,000 cars"
        elif on and (lemma in _DOING or verb.lemma_.lower() in _DOING):
            roles = ("nsubj", "nsubjpass")  # "repairs had been completed on 40,000 cars"
        elif to and verb.lemma_.lower() in _RESIZING:
            roles = ("dobj",)  # "widened its recall to 112,000 cars", "extended the cull to 40,000 birds"
        else:
            return None
        event = next((c for c in verb.children if c.dep_ in roles and c.pos_ == "NOUN"), None)
        if event is None or self.is_people(event) or self.noun_measure(event):
            return None
        if event.dep_ == "dobj" or event.tag_ == "NNS":
            # "repairs were completed on": plural events; "widened its recall to": what is resized is an event
            low = event.lemma_.lower()
            return None if low in _TALLY or low in _GROUPS or low in _VAGUE_NOUNS else nominal_verb(low)
        return _event_verb(event)

    def _money_act(self, base: Token, verb: Token | None) -> str | None:
        """An amount named by the act that moves it, when no noun names it: "paid £48m for a stake" is
        a price, "pay £2.1m towards legal costs" a cost, "were insured for 55m euros" insured, "pledged to
        invest £20m" funding (the vocabulary's verbs); None for verbs that only report or locate it."""
        if verb is None or verb.pos_ != "VERB":
            return None
        # ("could raise up to $2.4bn": the bound's "up", read as the verb's particle, stands for the amount)
        direct = base.head.i == verb.i and (
            base.dep_ in ("dobj", "npadvmod") or (base.dep_ == "prt" and base.lower_ == "up"))
        for_ = base.dep_ == "pobj" and base.head.lower_ == "for" and base.head.head.i == verb.i
        if _carried_off(base, verb):
            return self.vocab.by_verb.get("steal")
        if not (direct or for_):
            return None
        lemma = phrasal_lemma(verb)
        if direct:  # "pay £2.1m towards the residents' legal costs": what it goes towards
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("towards", "toward"):
                    obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
                    if obj is not None:
                        return self.noun_measure(obj) or _compound_name(obj)
        name = self.vocab.by_verb.get(lemma) or self.vocab.by_verb.get(verb.lemma_.lower())
        meas = self.vocab.measures.get(name or "")
        if meas is not None and meas.unit == "money":
            return name
        gerund = self.vocab.by_noun.get(_inflect(verb.lemma_.lower(), "VBG"))  # "spend £3m": spending
        if gerund and self.vocab.measures.get(gerund) is not None and self.vocab.measures[gerund].unit == "money":
            return gerund
        if direct and lemma == "pay" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
            return self.vocab.by_noun.get("price")  # "paying £48m for 75% of the club": the price of it
        low = verb.lemma_.lower()
        if (low in _ASKING and low not in ("ask", "urge", "claim", "sue")) or (low == "ask" and for_):
            return "sought"  # "had asked for $85 million", "seeking £2m"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ORDERING:
            return f"ordered to {low}"  # "a jury ordered Verdane to pay $46 million"
        if low in PASS_THROUGH or low in CHANGE_VERBS or low in SAY_VERBS or low in LIGHT_VERBS or low in _LIGHT \
                or not _known_verb(low):
            return None
        return participle(verb)

    def _share_name(self, doc: Doc, m: FigureMatch, root: Token) -> str | None:
        """The measure of a percentage that is a share of a group ("89% of candidates passed"): the
        group's predicate; its object when it has one ("earned top grades"); else the group itself."""
        group = next((p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")), None)
        pred: Token | None
        if group is not None and group.lemma_.lower() in _OCCASIONS and root.dep_ == "pobj" \
                and root.head.lower_ == "in" and (act := root.head.head).pos_ == "VERB" \
                and act.lemma_.lower() not in SAY_VERBS:
            # "families gave consent in 60 per cent of cases", "police made an arrest in 45% of cases": how often
            # the clause's event happened (a light verb's object names it)
            what = next((c for c in act.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if act.lemma_.lower() in LIGHT_VERBS | _LIGHT and what is not None:
                return self.noun_measure(what) or what.lemma_.lower()
            if act.lemma_.lower() not in PASS_THROUGH:
                return active_past(act)
        if group is not None and ((root.dep_ == "dobj" and root.head.pos_ == "VERB"
                                   and phrasal_lemma(root.head) in _CONSTITUTING)
                                  or (root.dep_ == "pobj" and root.head.lower_ == "for"
                                      and root.head.head.lemma_.lower() == "account")):
            verb = root.head if root.dep_ == "dobj" else root.head.head
            part = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
            if part is not None:  # "cancellations made up 4.8% of services": the cancellations' share
                return normalise_name(f"{_compound_name(part)} share")
            return _share_of(group)  # "it accounts for 31% of purchases": a share of the whole
        if group is not None and root.dep_ == "dobj" and root.head.pos_ == "VERB" and group.tag_ == "NN" \
                and root.head.lemma_.lower() in _PROVIDING:
            # "the reactor supplies 8% of the country's electricity", "won 35% of the vote", "holds 30% of the
            # market": a part of a whole that its subject provides or holds is its share of it
            return normalise_name(f"{_compound_name(group)} share")
        if group is not None and root.dep_ == "dobj" and root.head.pos_ == "VERB" \
                and root.head.lemma_.lower() not in PASS_THROUGH and root.head.lemma_.lower() not in SAY_VERBS:
            verb = root.head
            if verb.lemma_.lower() in _REACH:  # "bleaching affects 64% of the corals": what the event does
                event = next((c for c in verb.children if c.dep_ == "nsubj" and (c.pos_ == "NOUN" or c.tag_ == "VBG")),
                             None)
                done = (event.lemma_.lower() if event.tag_ == "VBG" else nominal_verb(event.lemma_.lower())) \
                    if event is not None else None
                return normalise_name(f"{plural(group)} {_inflect(done, 'VBN')}") if done else plural(group)
            if not self.is_people(group):  # "beekeepers lost 31% of their colonies": colonies lost
                return normalise_name(f"{plural(group)} {participle(verb)}")
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "VERB":
            pred = root.head
            if pred.lemma_.lower() == "age":
                # "40 per cent of pupils, aged four to 11, qualified": the parser makes the age the sentence's verb;
                # what the share did comes after it
                pred = next((c for c in pred.children if c.dep_ in ("advcl", "conj") and c.i > pred.i
                             and c.pos_ in ("VERB", "ADJ")), None)
        elif group is not None:
            pred = next((c for c in group.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                         and c.lemma_.lower() != "age"), None)  # ("pupils, aged four to 11,": who they are)
            after = next((c for c in group.children if c.dep_ == "amod" and c.i == group.i + 1
                          and c.lower_.endswith(("ing", "ed")) and c.is_alpha), None)
            if pred is None and after is not None:
                # "with 38% of the seeds germinating": a participle after the group (the tagger reads it as an
                # adjective) says what the share did
                return self.vocab.by_adjective.get(after.lower_) or after.lower_
        else:
            return None
        if pred is not None:
            lemma = pred.lemma_.lower()
            if lemma in SAY_VERBS or lemma in CHANGE_VERBS or lemma in _LEVEL_ONLY or (
                    lemma in LIGHT_VERBS and not any(c.dep_ == "dobj" for c in pred.children)):
                pred = None
        held = _what_is_held(pred)
        if held is not None:
            # "73% had microplastics in their gut", "half of pupils had a smartphone"; a thing the vocabulary names
            # a measure by ("38% have had the vaccine": vaccinated)
            return self.vocab.by_verb.get(_RECEIVED.get(held.lemma_.lower(), "")) or _object_name(held)
        if pred is not None and (timing := _timekeeping(pred)) is not None:
            return timing  # "71.4% of its trains ran on time": the share on time
        if pred is not None and group is None:
            named = self._verb_name(pred)
            if self.is_money_measure(named):
                named = None  # a share is no sum of money
            return named or _classed_as(pred) or participle(pred)  # "96% passed English"
        if group is None:
            return None
        if pred is not None:
            # what they got, when it is counted ("earned top grades"); else what they did ("passed the exam")
            obj = next((c for c in pred.children if c.dep_ == "dobj" and c.tag_ == "NNS"), None)
            if obj is not None and (self._verb_name(pred) is None or self.is_money_measure(self._verb_name(pred))):
                return _object_name(obj)  # (a share is no sum of money: "18% of applicants won scholarships")
            named = self._verb_name(pred)
            meas = self.vocab.measures.get(named or "")
            if meas is not None and meas.unit == "people" and not self.is_people(group):
                named = None  # "12% of the corals have died": corals are not a toll of people
            if self.is_money_measure(named):
                named = None  # "26.1% of entries were awarded an A": a share is no sum of money
            return named or _classed_as(pred) or (active_past(pred) if pred.tag_ != "VBN" and not any(
                c.dep_ == "auxpass" for c in pred.children) else participle(pred))
        if root.dep_ == "pobj" and root.head.lower_ == "for":
            return _share_of(group)  # "accounted for 31% of purchases"
        return None

    def word_verb_measure(self, tok: Token) -> str | None:
        """The measure a word names as a verb, read from the word itself: "kills", "injures", "wounded"."""
        if tok.pos_ not in ("VERB", "NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
            return None
        low = tok.lower_
        for key in (tok.lemma_.lower() if tok.pos_ == "VERB" else "", low, *word_stems(low)):
            if key and key in self.vocab.by_verb:
                return self._made_fatal(tok, self.vocab.by_verb[key])
        name = self.vocab.by_adjective.get(low)  # "5 shot", "3 hurt": participles the vocabulary lists
        return self._made_fatal(tok, name) if name else None

    def _with_the_thing(self, said: str, noun: Token | None) -> str | None:
        """ "police recovered 1,340 cannabis plants", "handled 41,000 calls", "cancelled 260 of its 900 flights",
        "40 pieces of jewellery": what happened to things the vocabulary does not name is named with them
        ("plants recovered"), as an editor heads the column, and "recovered" plants are not "recovered" cash.
        None when ``said`` is the vocabulary's or ``noun`` is no such thing."""
        if noun is None or not self._done_to_a_thing(said, noun):
            return None
        return normalise_name(f"{plural(noun) if noun.tag_ == 'NNS' else noun.lemma_.lower()} {said}")

    def _done_to_a_thing(self, said: str, noun: Token) -> bool:
        """``said``, an event the vocabulary does not know, happened to ``noun``, counted things (not people,
        not a measure noun of the vocabulary, not a time)."""
        return " " not in said and said.isalpha() and said not in self.vocab.measures \
            and noun.pos_ == "NOUN" and (noun.tag_ == "NNS" or (noun.dep_ == "pobj" and noun.head.lower_ == "of")) \
            and not self.is_people(noun) \
            and self.noun_measure(noun) is None and noun.lemma_.lower() not in TIME_NOUNS \
            and noun.lemma_.lower() != said and not said.startswith(noun.lemma_.lower())

    def _is_event(self, name: str) -> bool:
        """A measure of something that happens to people (a toll: killed, arrested, evacuated), not of
        their presence (deployed, attendance)."""
        meas = self.vocab.measures.get(name)
        return meas is None or meas.rising

    def is_money_measure(self, name: str | None) -> bool:
        """A measure of the vocabulary that is a sum of money ("funding", "cost")."""
        meas = self.vocab.measures.get(name or "")
        return meas is not None and meas.unit == "money"

    def noun_measure(self, noun: Token) -> str | None:
        lemma = noun.lemma_.lower()
        mods = [t for t in noun.lefts if t.dep_ in ("compound", "amod")]
        compounds = [t.lemma_.lower() for t in mods]
        written = [t.lower_ for t in mods]  # "lost sales": the participle as written, not its lemma
        keys = [f"{' '.join(written)} {lemma}".strip(), f"{' '.join(compounds)} {lemma}".strip(),
                *(f"{w} {lemma}" for w in written), *(f"{c} {lemma}" for c in compounds), lemma, noun.lower_]
        nouns = [t.lemma_.lower() for t in mods if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN")]
        for key in keys:
            if key in self.vocab.by_noun:
                name = self.vocab.by_noun[key]
                if key == lemma and nouns and " " in name and name.split()[-1] == lemma \
                        and not set(name.split()[:-1]) & set(nouns):
                    return None  # "electricity demand" is not a "pay demand": the written compound says which
                if key == lemma and " " in name and name.split()[-1] == lemma and not mods \
                        and not any(c.dep_ == "poss" for c in noun.children) and (  # ("the union's demand")
                        any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)
                        or (noun.dep_ == "nsubj" and noun.head.lemma_.lower() in CHANGE_VERBS)):
                    # "demand for vans", "demand had risen by 30%": a market's demand, not a union's; a bare word
                    # names the vocabulary's longer measure only where it is asked or offered, not where it moves
                    return None
                return name
        for c in compounds:  # "inflation rate", "jobless rate"
            if c in self.vocab.by_noun and lemma in ("rate", "figure", "level", "number", "total", "count", "tally"):
                return self.vocab.by_noun[c]
        return None

    def verb_measures(self, verb: Token, base: Token) -> list[str]:
        """Canonical measures named by a verb and the verbs listed with it ("killed or wounded").

        Only for what the verb happens to or what does it: "cuts power to 310,000 homes" does
        not cut homes (an oblique phrase), "killed 21" and "21 were killed" do."""
        names: list[str] = []
        dep = base.dep_
        if dep == "pobj" and base.head.head.i == verb.i and base.head.lower_ not in ("by", "of", "at"):
            return names
        role = base
        while role.dep_ == "pobj" and role.head.lower_ == "of" and role.head.head.pos_ in ("NOUN", "PRON", "NUM") \
                and role.head.head.i != role.i:
            role = role.head.head  # "a fleet of 11 tugboats pulled the vessel free": the fleet's role is theirs
        before = [n for v in listed_before(verb) if (n := self._verb_name(v)) is not None]
        own = self._verb_name(verb)
        if before and own is not None and "+".join(sorted({own, *before})) in self.vocab.combinations:
            names.extend(before)  # "have killed or injured 23 civilians": casualties (only a known total)
        if role.dep_ == "nsubj" and verb.lemma_.lower() in _FILLING and self.is_people(role) \
                and "attendance" in self.vocab.measures and any(
                    c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not self.is_people(c)
                    and (c.pos_ == "PROPN" or any(d.dep_ == "poss" or d.lower_ == "the" for d in c.children))
                    and not any(n.dep_ == "nummod" for n in c.children) for c in verb.children):
            # "22,000 people packed the harbour", "15,000 lined the route": a crowd fills a place, named or
            # definite (not "200 volunteers filled 5,000 sandbags", "the 12 patients filled every bed")
            return ["attendance"]
        for v in [verb, *coordinated(verb)]:
            name = self._verb_name(v)
            if name is None:
                continue
            if role.dep_ == "nsubjpass" and v is verb and v.lemma_.lower() in _HANDING \
                    and any(c.dep_ == "dobj" for c in v.children):
                continue  # "14,200 households were sent bills": who received something, not who was sent
            if role.dep_ == "nsubj" and v is verb and v.lemma_.lower() not in INTRANSITIVE and any(
                (c.dep_ == "dobj" and c.lemma_.lower() not in TIME_NOUNS)
                or (c.dep_ in ("oprd", "xcomp", "ccomp") and any(g.dep_ == "nsubj" for g in c.children))
                for c in v.children
            ):
                # "50 soldiers killed civilians": the soldiers did the killing; "11 tugboats pulled the ship
                # free": what is freed is the ship (the subject of the verb's small clause)
                continue
            names.append(name)
        return names

    def suffix(self, doc: Doc, m: FigureMatch, name: str) -> str:
        """A change is not a level: "rose by 2%" / "up 9.4 per cent" measure the change."""
        if unit_family(m.figure.unit) in ("people", "count", "area"):
            return name
        if is_change_measure(name) or name == "losses":
            return name
        before = doc[max(0, m.start - 2) : m.start]
        tok = span_root(doc, m)
        if len(before) and before[-1].lower_ == "to":
            return name  # "temperatures fell to minus 19.2C": the level reached, however the parser hung it
        if len(before) and before[-1].lower_ in ("up", "down"):
            return change_name(name, before[-1].lower_)  # "up 9.4 per cent"
        if len(before) and before[-1].lower_ == "by" and before[-1].head.lemma_.lower() in _CHANGE_WORDS:
            return change_name(name, before[-1].head.lemma_)  # "rose by 2%", "raises water charges by 6.5%"
        if tok.dep_ in ("dobj", "npadvmod", "advmod") and tok.head.lemma_.lower() in CHANGE_VERBS \
                and name != participle(tok.head):  # ("had lost nine hours": time lost, named by the verb already)
            return change_name(name, tok.head.lemma_)
        return name

    # -- parts -------------------------------------------------------------------------
    def _verb_name(self, v: Token) -> str | None:
        """The canonical measure a verb names, with its particle and complements."""
        lemma = v.lemma_.lower()
        for c in v.children:  # "sent to hospital", "taken into custody": the whole phrase names the state
            if c.dep_ == "prep":
                for p in c.children:
                    key = f"{lemma} {c.lower_} {p.lemma_.lower()}"
                    if p.dep_ == "pobj" and key in self.vocab.by_complement:
                        return self.vocab.by_complement[key]
        if lemma in _MOVING and self._moved_out(v):
            return self.vocab.by_verb.get("evacuate")  # "flew 312 people out of Tarsania": evacuated
        phrasal = phrasal_lemma(v)
        name = self.vocab.by_verb.get(phrasal) or (self.vocab.by_verb.get(lemma) if phrasal == lemma or
                                                   phrasal not in _PHRASAL_PASS else None)
        if name in self._harm and phrasal != lemma and phrasal not in self.vocab.by_verb and any(
                c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and not self.is_people(c) for c in v.children):
            name = None  # "shot down 22 drones": a verb of harm with a particle, done to things, is another verb
            # ("40 people were shot down in the street" were shot)
        if name is None and v.pos_ == "ADJ":
            name = self.vocab.by_adjective.get(v.lower_)
        if name is not None:
            name = self._made_fatal(v, name)
        if name is None:
            name = self._complement_name(v)
        return name

    def _moved_out(self, v: Token) -> bool:
        """People a verb of moving takes "out of" a named place: "flew 312 people out of Tarsania" (not "took 2
        million children out of poverty", "brought 30 tonnes out of the mine")."""
        out = next((c for c in v.children if c.dep_ in ("prep", "prt") and c.lower_ == "out"), None)
        if out is None:
            return False
        # out of a named country, region or site ("out of poverty", "out of the squad" are no places)
        if not any(of.dep_ == "prep" and of.lower_ == "of" and any(
                p.dep_ == "pobj" and (p.ent_type_ in ("GPE", "LOC", "FAC") or p.pos_ == "PROPN") for p in of.children)
                for of in (*out.children, *v.children)):
            return False
        return any(c.dep_ in ("dobj", "nsubjpass") and self.is_people(c) for c in v.children)

    def _made_fatal(self, v: Token, name: str) -> str:
        """``name`` made fatal when the word says so: "fatally shot", "shot dead", "stabbed to death"
        (also where a headline's tagger reads the participle as a noun: "Four shot to death")."""
        if name not in self.vocab.fatal_if:
            return name
        if any(c.lower_ in _FATAL and (c.lower_ != "dead" or c.i == v.i + 1)
               for c in v.children if c.dep_ in ("advmod", "oprd", "acomp", "xcomp", "amod")) or any(
                c.dep_ == "prep" and c.lower_ == "to" and any(p.lemma_.lower() == "death" for p in c.children)
                for c in v.children):
            return self.vocab.fatal_if[name]
        return name

    def _prep_complement(self, lemma: str, prep: Token) -> str | None:
        """The measure a prepositional phrase names with or without its verb ("taken to hospital",
        "in evacuation centres", then "in centres")."""
        for p in prep.children:
            if p.dep_ == "pobj" and p.tag_ == "NNS" and any(c.dep_ == "prep" and c.lower_ == "of" for c in p.children):
                continue  # "held in conditions of modern slavery": a plural an of-phrase restricts is another sense
                # (not "in the custody of police")
            if p.dep_ == "pobj":
                for obj in _with_compounds(p):
                    # ("transferred to hospitals outside the region": moved between hospitals, not admitted; "moved
                    # to hospital", "transferred to intensive care" are)
                    keys = (f"{lemma} {prep.lower_} {obj}",) if lemma in _TRANSFERRING and p.tag_ == "NNS" else (
                        f"{lemma} {prep.lower_} {obj}", f"{prep.lower_} {obj}")
                    for key in keys:
                        if key in self.vocab.by_complement:
                            return self.vocab.by_complement[key]
            elif p.dep_ == "prep" and p.i == prep.i + 1:  # "put out of work": a two-word preposition
                for pp in p.children:
                    for obj in _with_compounds(pp) if pp.dep_ == "pobj" else ():
                        for key in (f"{lemma} {prep.lower_} {p.lower_} {obj}", f"{prep.lower_} {p.lower_} {obj}"):
                            if key in self.vocab.by_complement:
                                return self.vocab.by_complement[key]
        return None

    def _complement_name(self, v: Token) -> str | None:
        """A measure named by the verb's complement: "taken to hospital", "left without power",
        "remain displaced", "leaves two dead", "fell ill". Not a complement the sentence denies: "were found not
        guilty" is no conviction."""
        lemma = v.lemma_.lower()
        for c in v.children:
            if any(d.dep_ == "neg" for d in c.children) or _a_purpose(v, c):
                continue
            if c.dep_ == "prep":
                name = self._prep_complement(lemma, c)
                if name:
                    return name
            elif (c.dep_ in ("acomp", "oprd", "xcomp", "ccomp") or (c.dep_ == "advcl" and c.pos_ == "ADJ" and not any(
                    d.dep_ in ("nsubj", "nsubjpass") for d in c.children))) \
                    and c.pos_ in ("ADJ", "VERB") and not (c.dep_ == "ccomp" and lemma in SAY_VERBS):
                # ("..., many of them free to the public": an adjective with a subject of its own is a clause
                # about others)
                # "said (that) 30 were injured" is a clause; "pulled 11 people free" (an adjective read as a
                # clause of its own) says what they were made
                name = self.vocab.by_adjective.get(c.lower_) or self.vocab.by_verb.get(c.lemma_.lower()) or (
                    self.vocab.by_complement.get(f"{lemma} {c.lower_}") if c.dep_ == "oprd" else None)  # "held captive"
                if name in self.vocab.fatal_if and c.pos_ == "VERB":
                    name = self._verb_name(c) or name  # "found shot to death": the complement's own fatality
                if name:
                    return name
            elif c.dep_ in ("oprd", "advcl") and c.pos_ in ("NOUN", "ADJ") and not any(
                    d.dep_ in ("nsubj", "nsubjpass") for d in c.children) and (
                    (key := f"{lemma} {c.lemma_.lower()}") in self.vocab.by_complement or key in self.vocab.by_verb):
                # "were held hostage", "held 30 people hostage" (the parser makes the noun a clause), "are holding
                # 14 aid workers captive", "had been taken prisoner": what the verb and its complement make of them
                return self.vocab.by_complement.get(key) or self.vocab.by_verb[key]
            elif c.dep_ == "advmod" and c.lower_ in ("aboard", "onboard"):
                return self.vocab.by_complement.get(c.lower_)
            elif c.dep_ == "advmod":  # "spent the night away from their homes": the phrase on the adverb
                for pp in (pp for pp in c.children if pp.dep_ == "prep"):
                    name = self._prep_complement(lemma, pp)
                    if name:
                        return name
            if c.dep_ == "prep" and c.lower_ in ("among", "as"):
                # "four guards were among the injured", "two residents are listed as missing"
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp", "amod", "acomp") and p.lower_ in self.vocab.by_adjective:
                        return self.vocab.by_adjective[p.lower_]
                    if p.dep_ == "pobj" and p.pos_ == "NOUN" and c.lower_ == "among":
                        name = self.noun_measure(p)
                        meas = self.vocab.measures.get(name or "")
                        if meas is not None and meas.rising:
                            return name  # "among the dead", "among the casualties"
            elif c.dep_ == "advmod" and c.lower_ in self.vocab.by_adjective:
                return self.vocab.by_adjective[c.lower_]  # "fell ill": the tagger reads "ill" as an adverb
        return None

    def _predicate(self, base: Token, verb: Token | None, ok) -> str | None:  # noqa: ANN001
        # a participle or complement on the counted noun: "the number of people killed",
        # "households without power", "passengers on board"
        for c in base.children:
            if c.dep_ in ("acl", "amod", "relcl") and c.pos_ in ("VERB", "ADJ") and c.i > base.i and not (
                    c.dep_ == "relcl" and any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ not in ("WP", "WDT")
                                              for t in c.children)):
                # "residents who had been evacuated" describes them; "of which 4,000 were killed" counts others
                names = [n for n in self.verb_measures(c, base) if ok(n)] if not any(
                    t.dep_ == "dobj" and t.tag_ not in ("WDT", "WP") for t in c.children) else []
                # (a clause with an object of its own is something the things do: "to close 12 toilets ... to save
                # £186,000" saves money, no toilets)
                if names and (c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ == "VBN")) and verb is not None \
                        and base.head.i == verb.i \
                        and base.dep_ in ("nsubj", "nsubjpass") and not set(names) & self._harm:
                    # "three men who were questioned have been arrested", "two men arrested in the inquiry have
                    # been released on bail": the clause says who they are, the sentence's own verb what happened
                    # to them, when it names an event (harm keeps its clause: "three others who were injured
                    # were hospitalised" are a casualty count)
                    main = [n for n in self.verb_measures(verb, base) if ok(n)]
                    if main:
                        return self.vocab.combine(main)
                if names:
                    return self.vocab.combine(names)
                for lost in (o for o in c.children if o.dep_ == "dobj" and c.pos_ == "VERB"):
                    # "the 92 musicians who will lose their jobs": the verb and its object name them
                    if ok(self.vocab.by_complement.get(f"{phrasal_lemma(c)} {lost.lemma_.lower()}")):
                        return self.vocab.by_complement[f"{phrasal_lemma(c)} {lost.lemma_.lower()}"]
            if c.dep_ == "prep":
                for p in c.children:
                    for obj in _with_compounds(p) if p.dep_ == "pobj" else ():  # "in evacuation centres"
                        if ok(self.vocab.by_complement.get(f"{c.lower_} {obj}")):
                            return self.vocab.by_complement[f"{c.lower_} {obj}"]
        if verb is None:
            return None
        role = tally_role(base)  # "a total of 9,800 people had waited": the tally stands where the people do
        for c in verb.children:  # "cuts power to 310,000 homes", "knocked out power to ...": verb and object
            if c.dep_ == "dobj" and c.i != role.i:
                key = f"{phrasal_lemma(verb)} {c.lemma_.lower()}"
                if ok(self.vocab.by_complement.get(key)):
                    return self.vocab.by_complement[key]
        names = [n for n in self.verb_measures(verb, role) if ok(n)]
        if names:
            return self.vocab.combine(names)
        # a verb that passes the figure through: what its own complement says (a verb with a particle of its
        # own is another verb: "has taken on 45 staff to clear the backlog" hires them)
        phrasal = phrasal_lemma(verb)
        if (verb.lemma_.lower() in PASS_THROUGH and phrasal == verb.lemma_.lower()) or phrasal in _PHRASAL_PASS:
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd", "advcl") and c.i > verb.i \
                        and c.pos_ in ("VERB", "ADJ"):
                    names = [n for n in self.verb_measures(c, role) if ok(n)]
                    if names:
                        return self.vocab.combine(names)
        # "the march drew about 12,000 people": an event whose own noun counts its people
        if verb.lemma_.lower() in PASS_THROUGH and role.dep_ == "dobj":
            for c in verb.children:
                if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and not self.is_people(c):
                    # ("rescuers brought 74 runners down": people who act on others are not those counted)
                    name = ok(self.noun_measure(c))
                    meas = self.vocab.measures.get(name or "")
                    if meas is not None and meas.unit == "people" and not meas.rising:
                        return name
        # light verbs with a noun: "took part" is attendance, "cast 12,000 ballots"
        if verb.lemma_.lower() in LIGHT_VERBS:
            for c in verb.children:
                if c.dep_ in ("dobj", "prt", "attr") and c.i != role.i:
                    name = ok(self.vocab.by_verb.get(f"{verb.lemma_.lower()} {c.lower_}") or self.noun_measure(c))
                    if name and name in self._harm and any(
                            a.dep_ == "amod" and a.lower_ in ("fatal", "mortal") for a in c.children):
                        return ok(self.vocab.by_noun.get("death")) or name  # "suffered fatal injuries": died
                    if name:
                        return name
        return None

    def _generic(self, base: Token, noun: Token | None, verb: Token | None) -> str | None:
        """A name for what the vocabulary does not know: "flights cancelled", "trapped", "cases"."""
        if noun is not None and noun.tag_ == "NNS" and noun.lemma_.lower() in ("count", "level", "part", "figure"):
            # "14 counts of fraud": counted themselves, named with what they are of
            kind = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
            if kind is not None:
                return normalise_name(f"{noun.lower_} of {kind.lower_}")
        thing = None
        if noun is not None and (noun.lemma_.lower() not in _VAGUE_NOUNS or (
                noun.tag_ == "NNS" and _holds(verb, base))) and noun.pos_ in ("NOUN", "PROPN") and (
                noun.lemma_.lower() not in TIME_NOUNS or _a_counted_span(noun)):
            # ("sold 30 million shares": things supplied, not a part)
            thing = _compound_name(noun) if noun.lemma_.lower() in _TRADE_NOUNS and not any(
                c.dep_ == "compound" for c in noun.children) else plural(noun)  # "sales of turntables"
            prev = noun.doc[noun.i - 1] if noun.i > 0 else None
            if prev is not None and prev.head.i == noun.i and not prev.like_num and prev.lower_ not in _GROUPS and (
                    (prev.dep_ == "compound" and prev.pos_ == "NOUN" and prev.is_alpha)
                    or (prev.dep_ in ("compound", "amod") and _hyphened_word(prev))):
                thing = f"{prev.lower_} {thing}"  # "waiting lists", "hospital beds", "full-page maps": which ones
                if noun.i > 2 and noun.doc[noun.i - 2].text == "-" and noun.doc[noun.i - 3].is_alpha:
                    thing = f"{noun.doc[noun.i - 3].lower_}-{thing}"  # "well-known paintings", split
        role = tally_role(base)
        happened = _happened(base, verb) or (_happened(role, verb) if role.i != base.i else None) or _without(verb)
        if happened and thing and noun is not None and not self.is_people(noun) and _holds(verb, base):
            happened = None  # "operates 120 stores", "can produce 100 million doses": what it has, not an event
        if happened is None and noun is not None and self.is_people(noun) and (received := _received(base, verb)):
            happened = received  # "power was restored to 90,000 customers": what reached them
        if happened and thing and noun is not None and self.is_people(noun) and noun.lemma_.lower() not in _ANYONE \
                and (doing := _doing(base, verb)) is not None and (not _realised(doing) or (
                    base.dep_ == "dobj" and doing.lemma_.lower() in _SUPPLYING)):
            # "4,500 athletes would compete", "300 researchers rely on its data", "needs 12,000 volunteers to run
            # the games": what they would do, usually do or are wanted for says who they are; their role names them,
            # as it does people taken on ("has recruited the 12,000 volunteers it needs")
            happened = None
        if happened is None and noun is not None and noun.lemma_.lower() in _ANYONE and (
                said := self._anyone_said(base, verb)) is not None:
            return said
        if happened is None and noun is not None and noun.lemma_.lower() in _ANYONE and base.dep_ == "nsubj" \
                and verb is not None and verb.pos_ == "VERB" and base.head.i == verb.i \
                and verb.tag_ in ("VBD", "VBN") and _known_verb(verb.lemma_.lower()) \
                and not {verb.lemma_.lower()} & (PASS_THROUGH | SAY_VERBS | LIGHT_VERBS | _LIGHT):
            happened = active_past(verb)  # "some 5,400 people have signed a petition": people named by what they did
        if happened and thing and noun is not None and not self.is_people(noun) \
                and noun.lemma_.lower() not in GENERAL_THINGS and self._only_relates(happened, base, verb):
            # the thing first: "140 films will be screened", "30,000 seed samples arrived", "the site will
            # generate 400 lorry movements" count films, samples and lorry movements, as an editor names
            # them; any other event names them ("260 flights were cancelled", "700 operations postponed"),
            # as it names things known only by their kind ("nine animals were culled")
            happened = None
        if happened is None and noun is not None and not self.is_people(noun) and (post := next(
                (c for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i == noun.i + 1
                 and c.is_alpha and not any(c.children)), None)) is not None:  # (not "bags full of sand")
            happened = post.lower_  # "3,900 repairs outstanding", "300 invoices unpaid": the state they are left in
        if happened:
            happened = self.vocab.by_adjective.get(happened, happened)  # "one person still unaccounted for": missing
            return self._with_the_thing(
                happened, _what_of(noun) if noun is not None else _what_of(base, partitive=True)) or happened
        return thing

    def _anyone_said(self, base: Token, verb: Token | None) -> str | None:
        """What names people who are only "people": what they became ("640 people became organ donors"), what they
        did in a relative clause ("612 people who donated after their death"), or the list they are on ("7,150
        people remain on the waiting list")."""
        for rel in (c for c in base.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
            low = rel.lemma_.lower()
            if any(w.dep_ == "nsubj" and w.lower_ in ("who", "that") for w in rel.children) \
                    and low not in PASS_THROUGH and low not in SAY_VERBS and low not in LIGHT_VERBS \
                    and not any(c.dep_ == "dobj" for c in rel.children) and _known_verb(low):
                named = self.vocab.by_verb.get(low)
                return named if named is not None and not self.is_money_measure(named) else active_past(rel)
        if verb is None or base.dep_ != "nsubj" or base.head.i != verb.i \
                or verb.lemma_ not in ("become", "be", "remain", "stay"):
            return None
        attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN" and c.tag_ == "NNS"
                     and c.lemma_.lower() not in _ANYONE), None)
        if attr is not None:
            return self.noun_measure(attr) or plural(attr)
        on = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                   for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ("list", "register", "roll")), None)
        if on is not None:
            kind = next((t for t in on.lefts if t.dep_ == "compound" and t.i == on.i - 1), None)
            return f"{kind.lower_} {on.lower_}" if kind is not None else on.lower_
        return None

    def _only_relates(self, happened: str, base: Token, verb: Token | None) -> bool:
        """Whether ``happened`` is the participle of a verb of the vocabulary's ``[relations]`` (with or without
        its particle): one that relates things to whoever holds, hosts, sends, makes or needs them and says
        nothing of what happened to them, which does not name a count of things."""
        if happened in self.vocab.by_adjective:
            return False
        acts = [c for c in base.children if c.dep_ in ("acl", "amod", "relcl") and c.pos_ == "VERB"]
        for act in (*acts, *((verb,) if verb is not None else ())):
            if happened in (participle(act), active_past(act)):
                # ("came ashore", "broke free": a motion completed is a state they are in)
                return phrasal_lemma(act) in self.vocab.relation_verbs and not any(
                    c.dep_ == "advmod" and c.lower_ in DIRECTIONS for c in act.children)
        return False


_LIGHT = frozenset("take have make get do give hold undergo sit".split())
#: verbs of having or reaching a number, and verbs of aiming at it: together a target ("aims to have 3,000")
_ATTAINING = frozenset("have reach hit achieve attain".split())
_AIMING = frozenset("aim plan hope want intend seek strive target".split())
#: verbs of gathering money: what one aims to gather is a target ("hopes to raise £2m")
_GATHERING = frozenset("raise collect secure attract generate bring".split())
#: nouns of occasions: a share of them says how often the clause's event happened ("in 45% of cases")
_OCCASIONS = frozenset("case instance occasion".split())
#: what things out of service are out of ("out of action", "out of order"; not "out of sight", "out of pocket")
_SERVICE_STATES = frozenset("service action order use commission operation power stock".split())
#: verbs whose object is the total of the noun they describe: "repayments totalling £143,000"
_TOTALLING = frozenset("total amount come".split())
#: verbs of putting up money (announcing or finding it): with "for" a purpose, it is funding ("pledged" and
#: "set aside" keep their own names)
_PROVIDING_MONEY = frozenset("announce unveil find commit".split())
#: who puts up public money
_PUBLIC_BODIES = frozenset("government ministry department council authority agency treasury executive assembly "
                           "parliament minister chancellor mayor state trust foundation charity fund".split())
#: verbs of making, supplying or taking on: their objects are named as the things ("sold 30 million shares")
_SUPPLYING = frozenset("""build make produce manufacture assemble deliver supply ship sell offer issue order buy
    purchase hire recruit employ install plant""".split()) | {"take on", "roll out"}
#: verbs that state a thing's size, not how far it moved: "the road stretches 42 kilometres"
#: verbs of a level reached: its subject may name the measure ("outages peaked at 185,000 customers")
_LEVEL_VERBS = frozenset("peak reach hit top climb rise stand total".split())
#: verbs of making a material: what a plant, mine or field makes of it is its output
_PRODUCING = frozenset("produce make manufacture mine extract refine smelt harvest pump yield".split())
#: who or what produces a material: a plant, a mine, a works, a farm (or a named company or country)
_PRODUCERS = frozenset("""plant mine furnace factory mill refinery smelter works farm field well site company firm
    country nation region state producer operation facility foundry quarry estate grower""".split())
#: what is discharged, not produced for use: no output
_DISCHARGED = frozenset("""waste rubbish litter debris ash sewage slag co2 carbon dioxide methane emission pollution
    smoke fumes gas""".split())


def _produced(base: Token, verb: Token) -> bool:
    """ "the furnace produces 9,000 tonnes of iron", "190,000 tonnes of concentrate will be mined": a material made
    by a plant, mine or farm (not "cows produce 400 litres of methane", "the eruption generated ash")."""
    if verb.lemma_.lower() not in _PRODUCING:
        return False
    stuff = next((p for c in base.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"), None)
    if stuff is not None and ({stuff.lemma_.lower(), *(t.lemma_.lower() for t in stuff.lefts)} & _DISCHARGED):
        return False
    maker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if maker is None:
        return base.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children)
    return maker.lemma_.lower() in _PRODUCERS or maker.ent_type_ in ("ORG", "GPE", "FAC")


_EXTENT = frozenset("stretch extend span run measure cover reach stand tower rise".split())
#: verbs that hand people something, so their passive subject is who received it ("were sent bills")
_HANDING = frozenset("send give hand offer issue mail post email show".split())
#: verbs that give a level, whose subject is what the level is of ("the backlog topped 90,000")
_LEVELS = frozenset("reach top exceed surpass pass hit stand total near approach remain stay".split())
#: what forces join: fighting and the forces themselves ("joined the fighting", "joined the army")
#: nouns of a list or a queue, whose level is counted in what is on it
_TALLIES = frozenset("list register backlog queue caseload roll".split())
#: verbs of sending people somewhere, which deploy a force but only move anyone else
_SENDING = frozenset("send dispatch".split())
#: people sent to serve or work somewhere: forces, emergency services and professionals, who are deployed
_SERVING_PEOPLE = frozenset("""troop soldier police officer policeman policewoman firefighter fireman paramedic medic
    rescuer crew personnel staff worker engineer doctor nurse volunteer marine sailor airman agent guard ranger
    specialist expert inspector team reservist peacekeeper diver technician responder""".split())
_FORCES = frozenset("fighting fight battle war conflict combat offensive army force forces militia front ranks "
                     "invasion effort operation mission".split())
#: nouns of people that say nothing of who they are: what they did names them
_ANYONE = frozenset("people person individual".split())
#: adjectives of how bad a condition is, which leave it the same condition ("serious injuries")
_SEVERITY = frozenset("serious minor critical severe slight life-threatening multiple fatal".split())


#: verbs of a crowd filling a place, whose people subject is the crowd ("22,000 people packed the harbour")
_FILLING = frozenset("pack fill line throng crowd cram jam flood".split())
#: money owed or lost, which a sum put aside "for" only provides against ("set aside $90 million for fines")
_OWED = frozenset({"fine", "debt", "losses", "deficit"})
#: verbs of moving people, whose "out of" a place is an evacuation ("flew 312 people out of Tarsania")
_MOVING = frozenset("fly bring take get ferry bus airlift ship".split())


def _a_condition_name(tok: Token) -> bool:
    """A proper noun that may name a condition ("with latent TB", "with Covid"): one name, no article, not
    a place or a people (the small model often tags a disease's name as a person or an organisation)."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "NORP") \
        and not any(c.dep_ in ("det", "poss") or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in tok.children)

#: verbs of finding people out: what they are found with names them ("identified 30 people with latent TB")
_FINDING = frozenset("identify diagnose detect test screen trace uncover".split())


def _division_side(doc: Doc, m: FigureMatch) -> str | None:
    """The side of a division a number gives, in "by N votes to M": for the motion, or against it when the
    verb says it failed ("rejected by 310 votes to 290")."""
    share = m.figure.unit == "percent"
    tally = _tally_division(doc, m) if not share else None
    if tally is not None:
        first, verb = tally
        failed = verb is not None and (any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children)
                                       or phrasal_lemma(verb) in _DEFEATING or verb.lemma_.lower() in _DEFEATING
                                       or any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _DEFEATING
                                              for c in verb.children))  # "voted 5 to 4 to reject the plan"
        return "votes for" if first != failed else "votes against"
    if m.end + 2 < len(doc) and doc[m.end].lemma_.lower() == "vote" and doc[m.end + 1].lower_ == "to" \
            and doc[m.end + 2].like_num and m.start >= 1 and doc[m.start - 1].lower_ == "by":
        first, votes = True, doc[m.end]
    elif m.start >= 4 and doc[m.start - 1].lower_ == "to" and doc[m.start - 2].lemma_.lower() == "vote" \
            and doc[m.start - 3].like_num and doc[m.start - 4].lower_ == "by":
        first, votes = False, doc[m.start - 2]  # ("rose from 1,200 votes to 3,400 votes" is a change)
    elif share and m.start >= 1 and doc[m.start - 1].lower_ == "by" and m.end + 1 < len(doc) \
            and doc[m.end].lower_ == "to" and doc[m.end + 1].like_num:
        first, votes = True, doc[m.start - 1]  # "backed the constitution by 61% to 39%"
    elif share and m.start >= 4 and doc[m.start - 1].lower_ == "to":
        j = m.start - 2
        while j > 1 and doc[j].lower_ in ("%", "percent", "cent", "per", "pc"):
            j -= 1
        if j == m.start - 2 or not doc[j].like_num or doc[j - 1].lower_ != "by":
            return None
        first, votes = False, doc[j - 1]
    else:
        return None
    verb = next((t for t in votes.ancestors if t.pos_ == "VERB"), None)
    if verb is not None and verb.lemma_.lower() in CHANGE_VERBS:
        return None  # "rose by 300 votes to 2,600", "fell by 0.5% to 2.3%": a change and a level, no division
    if share and (verb is None or not (verb.lemma_.lower() in _VOTING or verb.lemma_.lower() in _DEFEATING)):
        return None  # "rose by 3% to 5%": a change, not a division
    failed = verb is not None and (phrasal_lemma(verb) in _DEFEATING or verb.lemma_.lower() in _DEFEATING)
    return "votes for" if first != failed else "votes against"


def _tally_division(doc: Doc, m: FigureMatch) -> tuple[bool, Token | None] | None:
    """A division told as a tally, "voted 31 to 12" or "by a vote of 9 to 4": whether the number is its
    first side, and the verb that says what the vote did (None when there is none)."""
    def vote_at(k: int) -> Token | None:
        if k < 0:
            return None
        tok = doc[k]
        if tok.lemma_.lower() == "vote" and tok.pos_ == "VERB":
            return tok  # "voted 31 to 12 in favour", "voted 7 to 2 against the merger"
        if tok.lower_ == "of" and k >= 1 and doc[k - 1].lemma_.lower() == "vote" and doc[k - 1].pos_ == "NOUN":
            return next((t for t in doc[k - 1].ancestors if t.pos_ == "VERB"), None) or doc[k - 1]
        return None
    n = len(doc)
    if m.end + 1 < n and doc[m.end].lower_ == "to" and doc[m.end + 1].like_num \
            and not (m.end + 2 < n and doc[m.end + 2].lower_ in ("%", "per", "percent", "pc")) \
            and (vote := vote_at(m.start - 1)) is not None:  # ("voted 80 to 20 per cent": shares)
        first = True
    elif m.start >= 3 and doc[m.start - 1].lower_ == "to" and doc[m.start - 2].like_num \
            and (vote := vote_at(m.start - 3)) is not None:
        first = False
    else:
        return None
    return first, (vote if vote.pos_ == "VERB" else None)


#: verbs of a motion voted through, whose "by X% to Y%" gives the shares of a vote
_VOTING = frozenset("vote back approve endorse support pass adopt carry accept elect choose".split())
#: verbs of a motion voted down: the larger number of the division is against it
_DEFEATING = frozenset("reject defeat block veto oppose".split()) | {"throw out", "vote down"}


def _carried_off(base: Token, verb: Token | None) -> bool:
    """Money a verb of leaving goes "with": carried off ("the raiders escaped with £5.3m", "made off with
    about $40,000 in cash")."""
    if verb is None or base.dep_ != "pobj" or base.head.lower_ != "with" or base.head.head.i != verb.i:
        return False
    low = verb.lemma_.lower()
    return low in _MAKING_OFF or (low in _LEAVING and any(
        c.dep_ == "prt" and c.lower_ in ("off", "away") for c in verb.children))


def _holds(verb: Token | None, thing: Token) -> bool:
    """A verb that says what its subject has or does as a rule, not what happened: active, in the present
    ("operates 120 stores", "houses 4,000 paintings") or with "can" ("can produce 100 million doses"), its
    object the counted things. "Closed two pools", "will close two pools" are events."""
    if verb is None or thing.dep_ != "dobj" or thing.head.i != verb.i or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    if (phrasal_lemma(verb) in _SUPPLYING or verb.lemma_.lower() in _SUPPLYING) \
            and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):  # "ordered 12 reactors to be shut"
        # "Voltaro sold 30 million new shares", "an order to build four ferries", "will take on 80 apprentices":
        # what a maker, seller or employer supplies is counted as the things, whichever verb a report uses
        return True
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if verb.tag_ == "VB" and "can" in aux:  # ("could close 30 stores" is an event that may come)
        return True
    # a headline tells past events in the present ("Thieves steal 600 converters"): only a sentence that
    # ends as one does is read as a state
    ended = verb.doc[-1].text in (".", "!", "?", '"', "”", "'", "’")
    return verb.tag_ in ("VBZ", "VBP") and not aux and ended


#: things a person has by receiving them, whose measure the vocabulary names ("have had the vaccine": vaccinated)
_RECEIVED = dict.fromkeys("vaccine jab booster".split(), "vaccinate")


def _timekeeping(pred: Token) -> str | None:
    """How a share of services or people kept time: "ran on time", "arrived late", "left early" (a verb of going;
    not "paid their rent late")."""
    if pred.lemma_.lower() not in _KEEPING_TIME:
        return None
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ == "on" and any(p.lemma_.lower() == "time" for p in c.children):
            return "on time"
        if c.dep_ == "advmod" and c.lower_ in ("late", "early", "punctually"):
            return "on time" if c.lower_ == "punctually" else c.lower_
    return None


#: verbs of a service going, whose timekeeping a share may count
_KEEPING_TIME = frozenset("run arrive depart leave land operate start finish come reach call".split())


def _what_is_held(pred: Token | None) -> Token | None:
    """What a share of a group has or contains, which names the share: "73% had microplastics" counts those with
    microplastics (a verb of having says nothing by itself)."""
    if pred is None or pred.lemma_.lower() not in _HAVING or pred.pos_ != "VERB":
        return None
    obj = next((c for c in pred.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                and c.lemma_.lower() not in TIME_NOUNS and c.lemma_.lower() not in _VAGUE_NOUNS), None)
    if obj is None or any(t.like_num for t in obj.subtree):
        return None  # ("30% of firms had revenue of more than £1m": the share is no amount of the revenue)
    return obj


#: verbs of having or containing something: a share that has it is counted by what it has
_HAVING = frozenset("have contain carry harbour harbor".split())


def _object_name(obj: Token) -> str:
    """A counted object named with its modifiers, in the plural: "top grades", "resit exams"."""
    words = [t.lower_ for t in obj.lefts if t.dep_ in ("amod", "compound") and t.is_alpha]
    return normalise_name(" ".join([*words, plural(obj)]))


def _without(verb: Token | None) -> str | None:
    """ "11 towns would be left without a bank": what a passing verb leaves them without."""
    if verb is None or verb.lemma_.lower() not in PASS_THROUGH:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "without":
            obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
            if obj is not None:
                return "without " + " ".join(t.lower_ for t in obj.subtree if t.is_alpha)
    return None


def _happened(base: Token, verb: Token | None) -> str | None:
    """What happened to a counted thing, as a participle: "found 14 bridges damaged", "260 homes were
    damaged", "300 flights departed"; None for verbs that only report, locate or move a number."""
    if base.dep_ == "pobj" and base.head.lower_ == "including" and base.head.head.pos_ in ("NOUN", "PROPN"):
        base = base.head.head  # "31 people, including 22 children, were treated": the part shares the whole's verb
    tally = base.head.head if base.dep_ == "pobj" and base.head.lower_ == "of" \
        and base.head.head.lemma_.lower() in _TALLY else None
    for c in (*base.children, *(tally.children if tally is not None else ())):
        # "found 14 bridges damaged": a participle on the thing itself, or on the tally of them ("the number
        # of homes destroyed", where the parser hangs it on "number")
        if c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.i > base.i and c.lemma_.lower() not in PASS_THROUGH \
                and not describes(c):
            return participle(c)
    if verb is not None and verb.lemma_ == "be" and base.dep_ == "nsubj" and base.head.i == verb.i \
            and base.ent_type_ not in ("PERSON", "NORP") \
            and not base.lemma_.lower().endswith(("ent", "er", "or", "ist")):  # "200 residents are worried"
        state = next((c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() not in PASS_THROUGH
                      and (c.tag_ == "VBN" or (c.pos_ == "ADJ" and c.lower_.endswith("ed")))), None)
        if state is not None:
            return state.lower_  # "12 bathing beaches are closed": a participle read as the state they are in
    if verb is not None and verb.lemma_ in ("be", "remain", "stay") and base.dep_ == "nsubj" and base.head.i == verb.i:
        # "160 chargers were out of action", "40 lifts remain out of service": the state they are out of
        for out in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "out"):
            state = next((p for of in out.children if of.dep_ == "prep" and of.lower_ == "of"
                          for p in of.children if p.dep_ == "pobj" and p.lemma_.lower() in _SERVICE_STATES
                          and not any(d.dep_ in ("det", "poss") for d in p.children)), None)
            if state is not None:
                return f"out of {state.lower_}"
    event = _verb_event(base, verb)
    if event is None and not (verb is not None and verb.lemma_.lower() in _FOUND_THERE):
        for c in base.children:  # "the number of people waiting for treatment": a state they are in
            if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > base.i and c.lemma_.lower() not in PASS_THROUGH \
                    and c.lemma_.lower() not in _RELATIONAL:  # ("2,360 embryos belonging to 412 patients": whose)
                return c.lower_
    return event


#: verbs of a contest, whose "by" phrase is the margin
_CONTESTS = frozenset("win lose lead trail beat defeat edge retain".split())
#: verbs of a relation between things, which say what they are, never what happened to them
_RELATIONAL = frozenset("belong relate pertain contain comprise include involve concern resemble date".split())
#: participles of where things are: "parked", "stationed", "based", "stored"
_LOCATED = frozenset("park station locate base house store situate position".split())
#: participles that say who or what things are: "aged 5 to 17 months", "named", "called", "known as"
_NAMING = frozenset("age name call dub know title label".split())


def describes(participle_: Token) -> bool:
    """A participle that only describes the things it follows: set off by commas ("900 samples, cut from
    the cores for dating, had been lost") or dated in the past ("43 lime trees planted in 1911 are to be
    felled"). What happened to them in the news is said elsewhere."""
    doc = participle_.doc
    if participle_.i > 0 and doc[participle_.i - 1].text in (",", "(", "—", "–"):
        return True
    if participle_.lemma_.lower() in _LOCATED or participle_.lemma_.lower() in _NAMING:
        return True  # "with 1,500 scooters parked in bays": where they are, not what happened to them; "4,800
        # children aged 5 to 17 months", "two men named as suspects": who they are
    return any(t.ent_type_ == "DATE" and t.like_num and len(t.text) == 4 and t.head.dep_ == "prep"
               for t in participle_.subtree if t.i > participle_.i)


def _doing(base: Token, verb: Token | None) -> Token | None:
    """The verb that says what counted people do or undergo: a clause on them ("volunteers to run the games"),
    else the verb whose subject or object they are."""
    clause = next((c for c in base.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i > base.i), None)
    if clause is not None:
        return clause
    if verb is not None and verb.pos_ == "VERB" and base.head.i == verb.i and base.dep_ in ("nsubj", "dobj"):
        wanted = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > base.i
                       and any(a.lower_ == "to" for a in c.children)), None) if base.dep_ == "dobj" else None
        if wanted is not None:
            return wanted  # "will need 12,000 volunteers to run the games": what they are wanted for
        if (verb.lemma_.lower() not in PASS_THROUGH and verb.lemma_.lower() not in LIGHT_VERBS) or any(
                c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
            return verb  # ("80 miners remain trapped": a verb that passes the figure on says nothing of who)
    return None


def _realised(verb: Token) -> bool:
    """The verb tells of something that happened or is happening: not only what would or will be done ("would
    compete", "will have recruited"), what is done as a rule ("rely on its data", a present tense without an
    auxiliary) or what is wanted ("to run the games")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODALS for a in auxes):
        return False
    if verb.tag_ == "VB" and (verb.dep_ in ("acl", "relcl") or (verb.dep_ == "xcomp" and any(
            c.dep_ == "dobj" and c.i < verb.i for c in verb.head.children))):
        return False  # "volunteers to run the games", "need 12,000 volunteers to run them": what they are for
    # a present tense without an auxiliary or a complement, in a sentence, tells what is done as a rule ("treats
    # 45,000 patients a year"); a headline tells past events in the present ("Storm strands 300 tourists")
    ended = verb.doc[-1].text in (".", "!", "?", '"', "”", "'", "’")
    return not (verb.tag_ in ("VBP", "VBZ") and not auxes and ended
                and not any(c.dep_ in ("acomp", "oprd", "xcomp") for c in verb.children))


#: auxiliaries of what would, could or should be, not of what will happen ("will have to resit" is news)
_MODALS = frozenset("would could may might should must 'd".split())


def _received(base: Token, verb: Token | None) -> str | None:
    """People a verb's "to" phrase names as those it reached: "power was restored to 90,000 customers",
    "aid was delivered to 3,000 families" (things in the phrase are only where: "sent to 3 towns")."""
    if verb is None or verb.pos_ != "VERB" or base.dep_ != "pobj" or base.head.lower_ != "to" \
            or base.head.head.i != verb.i:
        return None
    lemma = verb.lemma_.lower()
    if lemma in PASS_THROUGH or lemma in SAY_VERBS or lemma in LIGHT_VERBS or lemma in ("go", "come"):
        return None  # "the extra tickets went to 4,500 drivers": where they went, not what happened to them
    if lemma in _RELATIONAL:
        return None  # "embryos belonging to 412 patients": nothing reaches them; they only own
    return participle(verb)


def _classed_as(verb: Token) -> str | None:
    """ "35% of the homes will be classed as affordable", "were listed as endangered species": a verb
    of classing names nothing itself; what the things are classed as does."""
    if verb.lemma_.lower() not in _CLASSING:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            comp = next((p for p in c.children if p.dep_ in ("pobj", "amod", "acomp", "pcomp")), None)
            if comp is not None and comp.pos_ == "ADJ":
                return comp.lower_
            if comp is not None and comp.pos_ == "NOUN":
                return _object_name(comp)
    return None


def _placed(verb: Token, base: Token) -> str | None:
    """ "47 farms have been placed under restrictions", "300 residents were put in quarantine": a verb
    of placing names nothing itself; where the things are put does."""
    if verb.lemma_.lower() not in _PLACING or base.dep_ not in ("nsubjpass", "dobj"):
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("under", "in", "into", "on"):
            obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
            if obj is not None:
                words = [t.lower_ for t in obj.lefts if t.dep_ in ("amod", "compound") and t.is_alpha]
                return normalise_name(" ".join(["in" if c.lower_ == "into" else c.lower_, *words, obj.lower_]))
    return None


def _controlled(verb: Token, base: Token) -> str | None:
    """ "ordered five to be shut down", "told 400 residents to leave", "helped 29 whales to return":
    the verb's object is the subject of its complement, which says what happened to it."""
    if base.dep_ != "dobj" or base.head.i != verb.i:
        return None
    x = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > base.i
              and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children)), None)
    if x is None or x.lemma_.lower() in PASS_THROUGH:
        return None
    if _a_purpose(verb, x):
        return None  # "will close 12 toilets to save £186,000": what the subject does it for
    if (phrasal_lemma(verb) in _SUPPLYING or verb.lemma_.lower() in _SUPPLYING) \
            and not any(t.dep_ == "auxpass" for t in x.children):
        return None  # "has taken on 45 staff to clear the backlog": what they are taken on for ("ordered 12
        # reactors to be shut down" says what is done to them)
    return participle(x)


def _a_purpose(verb: Token, x: Token) -> bool:
    """A "to" clause after a verb's object that says what the verb's subject does it for, not what the object
    does or undergoes: "will close 12 toilets to save £186,000" (the toilets save nothing); not after a verb that
    makes or lets its object do something ("forced 300 people to flee") nor a passive one ("shut 12 reactors to
    be inspected")."""
    return x.dep_ == "xcomp" and x.pos_ == "VERB" and verb.lemma_.lower() not in _CONTROLLING \
        and any(t.dep_ == "aux" and t.lower_ == "to" for t in x.children) \
        and not any(t.dep_ == "auxpass" for t in x.children) \
        and any(c.dep_ == "dobj" and c.i < x.i for c in verb.children)


def _verb_event(base: Token, verb: Token | None) -> str | None:
    """What the governing verb says happened to a counted thing (see :func:`_happened`)."""
    if verb is None or verb.pos_ != "VERB":
        return None
    if (said := _classed_as(verb) or _controlled(verb, base) or _placed(verb, base)) is not None:
        return said
    lemma = verb.lemma_.lower()
    if lemma in ("come", "hail") and phrasal_lemma(verb) == lemma and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) and not any(
            c.dep_ == "advmod" and c.lower_ in DIRECTIONS for c in verb.children):
        return None  # "the 7,300 exhibitors came from 102 countries": where they are from, not an event
    state = next((c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.pos_ in ("ADJ", "VERB")), None)
    if lemma in ("come", "go", "remain", "stay") and state is not None and base.dep_ == "nsubj":
        return state.lower_  # "40 tickets went unsold", "12 homes remain empty": the state they are in
    if lemma in ("come", "go") and phrasal_lemma(verb) == lemma and not any(
            (c.dep_ == "advmod" and c.lower_ in DIRECTIONS)
            or (c.dep_ == "prep" and c.lower_ in ("to", "into", "onto", "across", "through")) for c in verb.children):
        return None  # "the 500 visas had come too late", "the tickets went quickly": no event of their own
    if lemma in ACQUIRING and base.dep_ == "dobj":
        return None  # "the petition had gathered 112,000 signatures": the signatures are the count
    if lemma in PASS_THROUGH and phrasal_lemma(verb) != lemma and phrasal_lemma(verb) not in _PHRASAL_PASS:
        lemma = phrasal_lemma(verb)  # "27,000 fish got out": a verb with its particle is a verb of its own
    if (lemma in LIGHT_VERBS or (lemma == "have" and verb.tag_ == "VBN")) and base.dep_ == "nsubj":
        # ("have had the jab": "have" undergone, in the perfect, is a light verb too)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                    and c.lemma_.lower() not in TIME_NOUNS and c.lemma_.lower() not in _VAGUE_NOUNS), None)
        if obj is not None and lemma == "take" and obj.lemma_.lower() == "place" and not any(
                d.dep_ in ("det", "poss", "amod") for d in obj.children):
            return None  # "1,400 transplants took place": they happened; nothing names them but themselves
        if obj is not None and any(d.dep_ == "det" and d.lower_ == "the" for d in obj.children) \
                and obj.lemma_.lower() not in _RECEIVED:  # ("have had the booster": one each, boosters)
            # "1.2 million fans joined the online queue": one thing they all joined, named as written
            return normalise_name(" ".join([*(t.lower_ for t in obj.lefts if t.dep_ in ("amod", "compound")
                                               and t.is_alpha), obj.lower_]))
        if obj is not None:
            return _object_name(obj)  # "1,900 children have received a dose": they are counted by the doses
    if lemma in PASS_THROUGH and base.dep_ in ("nsubj", "nsubjpass"):
        # "were believed to be trapped", "are expected to take resit exams": what the complement says
        x = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if x is not None and x.lemma_.lower() not in PASS_THROUGH:
            obj = next((c for c in x.children if c.dep_ == "dobj" and c.tag_ == "NNS"), None)
            if obj is not None and x.lemma_.lower() in _LIGHT:
                return _object_name(obj)
            return participle(x)
    if base.dep_ == "nsubj" and lemma not in PASS_THROUGH and lemma not in SAY_VERBS \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children):
        # "41,300 had waited more than a year", "300 flights departed", "82 whales came ashore": what
        # the subject did, in the past tense (an intransitive verb's participle reads as passive)
        return active_past(verb)
    if base.dep_ == "nsubjpass" and lemma in _HANDING and any(c.dep_ == "dobj" for c in verb.children):
        # "14,200 households were sent bills": those who received something; "2,300 contacts have been offered the
        # vaccine": named by the benefit offered or given
        obj = next(c for c in verb.children if c.dep_ == "dobj")
        if lemma not in ("offer", "give") or obj.pos_ != "NOUN" or any(
                c.dep_ == "amod" and c.lower_ in _IN_ERROR for c in obj.children):
            return None  # ("9,300 tenants were sent letters": the tenants, by who they are; "given the wrong dose"
            # is an error, no benefit)
        words = [t.lower_ for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_alpha]
        return normalise_name(" ".join([participle(verb), *words, obj.lower_]))  # what they were offered or given
    if base.dep_ in ("dobj", "nsubjpass", "pobj", "appos", "conj", "nummod") and lemma not in PASS_THROUGH \
            and phrasal_lemma(verb) not in _PHRASAL_PASS and lemma not in SAY_VERBS \
            and (base.dep_ != "pobj" or (base.head.head.i == verb.i and base.head.lower_ in ("by",))):
        return participle(verb)
    if lemma in PASS_THROUGH and base.dep_ in ("nsubjpass", "dobj"):
        # "78 nests have been found and destroyed", "found and removed 21 nests": what the second verb of the
        # pair did to them (the first only locates them)
        then = next((c for c in verb.children if c.dep_ == "conj" and c.tag_ in ("VBN", "VBD")
                     and c.lemma_.lower() not in PASS_THROUGH and c.lemma_.lower() not in SAY_VERBS
                     and not any(d.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass") for d in c.children)), None)
        # ("found 12 rats and closed the restaurant": the second verb acts on something else; "attracts 250,000
        # visitors and is described as ...": a clause of its own, with its own auxiliary, tells of the subject)
        if then is not None:
            return participle(then)
    return None


# -- parse helpers --------------------------------------------------------------------
def word_stems(low: str) -> list[str]:
    """Possible base forms of an inflected verb: "kills" -> kill, "injures" -> injure, "stabbed" -> stab."""
    out: list[str] = []
    for suffix in ("s", "es", "ed", "d", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            out += [stem, stem + "e"]
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return out


#: scale words and abbreviations, which the tokeniser may split from their number ("£85m" is "£", "85", "m")
SCALE_WORDS = frozenset(SCALES) | frozenset(CURRENCY_SCALES)


#: nouns of an aim set in advance: the figure they govern is the aim, not a reported level
_GOALS = frozenset({"target", "goal", "ambition"})


def _what_of(noun: Token, *, partitive: bool = False) -> Token | None:
    """The things a count is of: the counted noun, or what a piece or a portion is of ("40 pieces of jewellery",
    "200 rounds of ammunition"); with ``partitive``, the group of a bare number ("260 of its 900 flights")."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"] or (
        [after] if after is not None and after.lower_ == "of" else [])  # ("cancelled 260 | of its 900 flights")
    of = next((p for c in preps for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
    if partitive:
        return of if of is not None and of.tag_ == "NNS" else None
    if of is not None and noun.tag_ == "NNS" and of.tag_ == "NN" \
            and not any(d.dep_ in ("det", "poss", "nummod") for d in of.children):
        return of  # a mass noun after a plural of pieces: the jewellery, not the pieces
    return noun


def goal_of(doc: Doc, m: FigureMatch) -> str | None:
    """ "target" when figure ``m`` is a target's: "against a national target of 18 minutes", "outside the
    18-minute target", "a goal of 3,000 new homes a year" (a time or a count a body aims at, which no
    report of what happened can confirm or contradict)."""
    root = span_root(doc, m)
    for tok in (root, root.head):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _a_goal(tok.head.head):
            return "target"
        if tok.i != root.i and tok.pos_ != "NOUN":
            break
    if "-" in m.figure.text and unit_family(m.figure.unit) in ("duration", "percent", "money") \
            and root.dep_ in ("amod", "compound", "nummod") and _a_goal(root.head) and root.head.i > root.i:
        return "target"  # "the 18-minute target" (not "a 30-yard goal", nor "scored 27 goals")
    return None


def _a_goal(noun: Token) -> bool:
    """One aim set in advance: "a target", "its goal" (not "27 goals" scored, nor "was the target of 12
    attacks", where something was aimed at)."""
    return noun.lemma_.lower() in _GOALS and noun.tag_ == "NN" and noun.dep_ != "attr" \
        and not (noun.dep_ == "nsubj" and noun.head.lemma_ == "be")


def span_root(doc: Doc, m: FigureMatch) -> Token:
    """The figure's syntactic root: the token of the span whose head lies outside it ("%" in "4.2%")."""
    roots = [t for t in doc[m.start : m.end] if not (m.start <= t.head.i < m.end) or t.head.i == t.i]
    if len(roots) > 1 and roots[-1].lower_ in SCALE_WORDS and roots[-2].like_num:
        return roots[-2]  # "at £85m and said": the tokeniser's "m", hung on the verb, is no root of its own
    if roots and roots[-1].pos_ in ("VERB", "AUX"):
        # a hedge verb inside the figure ("could exceed 40 million euros"): climb from the amount instead
        tok, seen = doc[m.anchor], 0
        while m.start <= tok.head.i < m.end and tok.head.i != tok.i and tok.head.pos_ not in ("VERB", "AUX") \
                and seen < 8:
            tok, seen = tok.head, seen + 1
        return tok
    return roots[-1] if roots else doc[m.anchor]


def coordinated(verb: Token) -> list[Token]:
    """Words listed right after the verb that share its object: "killed, wounded, missing, or captured".

    Read from the tokens, not the parse: the parser often hangs a long list on
    the wrong verb. The list stops at the first word that is not a verb or an
    adjective after a comma or a conjunction ("killed 21 and wounded 40" stops
    at 21: each verb has its own figure).
    """
    out: list[Token] = []
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and len(out) < 8:
        j = i
        while j < len(doc) and ((doc[j].is_punct and doc[j].text in ",/") or doc[j].lower_ in ("or", "and", "and/or")):
            j += 1
        if j == i or j >= len(doc) or doc[j].pos_ not in ("VERB", "ADJ"):
            break
        if j + 1 < len(doc) and doc[j + 1].lower_ == "of":
            break  # "admitted, several of them to intensive care": a part of those counted, not a listed verb
        out.append(doc[j])
        i = j + 1
    return out


def listed_before(verb: Token) -> list[Token]:
    """The verbs the verb is coordinated with before it, leaving their object to it: "killed or injured" in
    "have killed or injured 23 civilians" (the parser makes the last verb the object's head)."""
    out: list[Token] = []
    head = verb
    while head.dep_ == "conj" and head.head.pos_ == "VERB" and head.head.i < head.i and len(out) < 8:
        before = head.head
        if any(c.dep_ in ("dobj", "nsubjpass") for c in before.children) or not all(
                t.lower_ in ("or", "and", "and/or", ",") for t in verb.doc[before.i + 1: head.i]):
            break  # ("fled, injuring 3": a clause of its own; "stabbed ... and fled": each its own object)
        out.append(before)
        head = before
    return out


def _worth_of(doc: Doc, m: FigureMatch, root: Token) -> Token | None:
    """The thing an amount is the worth of: "goods worth $3.6bn" and "the Prize, worth 25,000 euros" (worth
    on the thing), "$3.6bn worth of goods"; not a copula's subject ("the paintings are worth £35m" is their
    value)."""
    worth = root.head if root.head.lower_ == "worth" else next(
        (t for t in doc[m.end : m.end + 1] if t.lower_ == "worth"), None)
    if worth is None:
        return None
    thing: Token | None = None
    if worth.dep_ == "amod" and worth.head.pos_ in ("NOUN", "PROPN"):
        thing = worth.head
    elif worth.dep_ == "acomp":
        return None  # "the stolen paintings are worth £35m": their value
    else:  # "$3.6bn worth of goods"
        thing = next((p for c in worth.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
    if thing is None or thing.pos_ not in ("NOUN", "PROPN") or thing.i in range(m.start, m.end):
        return None
    return thing


#: verbs that ask for an amount rather than give it: "seeking $85m", "demanded £2m", "asked a jury to award"
_ASKING = frozenset("seek demand request ask urge claim sue".split())
#: verbs that order another to act: "ordered Verdane to pay $46 million"
_ORDERING = frozenset("order require direct force compel".split())
#: adjectives of a thing given in error
_IN_ERROR = frozenset("wrong incorrect faulty expired contaminated mistaken".split())
#: verbs of moving people or things from one place to another of the same kind: where to is no event of its own
_TRANSFERRING = frozenset("transfer move relocate divert reroute".split())
#: verbs whose object is the doer of their "to" complement (object control): making, letting, asking, helping or
#: leading someone to do something ("told 400 residents to leave", "helped 29 whales to return")
_CONTROLLING = _ORDERING | frozenset("""tell ask oblige allow permit enable help urge encourage persuade invite
    advise instruct cause lead get want expect warn teach train prompt drive push inspire leave call
    send""".split())
#: verbs of leaving a place: money they leave "with" was carried off ("escaped with £5.3m", "made off with")
_MAKING_OFF = frozenset("escape flee disappear vanish abscond".split())
#: verbs that leave with money only with "off" or "away": "made off with", "got away with"
_LEAVING = frozenset("make get run".split())
#: kinds of a court's damages: "$40 million in punitive damages"
_DAMAGES_KINDS = frozenset("punitive compensatory exemplary aggravated general special nominal".split())


def _damages(inside: Token, verb: Token | None) -> str | None:
    """Damages a court awards or a claimant seeks, written "damages" (a sum of money, not harm done):
    "$40 million in punitive damages" (punitive damages), "seeking $85m in damages" (sought, as any amount
    asked for), "awarded £120,000 in damages" (damages)."""
    if inside.lower_ != "damages":
        return None
    kind = next((c.lower_ for c in inside.children if c.dep_ == "amod" and c.lower_ in _DAMAGES_KINDS), None)
    if kind is not None:
        return f"{kind} damages"
    low = verb.lemma_.lower() if verb is not None else ""
    if low in _ASKING:
        return "sought"  # as "had asked for $85 million"
    if low in ("award", "pay", "order", "win", "receive", "grant"):
        return "damages"
    return None


def _court_costs(root: Token, noun: Token | None, verb: Token) -> bool:
    """Costs a party is ordered to pay or is awarded, written in the plural ("£18,500 in costs", "prosecution
    costs of £38,500"), not what a thing costs."""
    ordered = {verb.lemma_.lower(), verb.head.lemma_.lower()} & {"order", "award"}
    if not ordered and not (root.dep_ == "pobj" and root.head.lower_ == "in"):
        return False  # ("the firm will pay clean-up costs of £2m": what the clean-up costs)
    near = [noun] if noun is not None else []
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        near.append(root.head.head)
    near += [p for c in (*root.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "in"
             for p in c.children if p.dep_ == "pobj"]
    return any(t is not None and t.lower_ == "costs" for t in near)


#: verbs of watching a broadcast: an audience that watches is viewers, not a crowd
_WATCHING = frozenset("watch view stream".split())
#: words of a broadcast audience: "a peak audience", "ratings", "on television"
_BROADCAST = frozenset("peak ratings rating broadcast broadcaster television tv channel viewing".split())


def a_doer(tok: Token) -> bool:
    """A common noun of someone who does something ("sprinter", "goalkeeper", "cyclist", "politician",
    "resident"), not a thing made ("equipment")."""
    low = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and low.endswith(("er", "or", "ist", "ian", "ant", "ent")) and not low.endswith("ment")


def _a_payment(noun: Token) -> bool:
    """A noun of money handed over, an amount of its own ("a £240,000 payoff", "a £110,000 contribution", "a
    severance package"): made from a verb of paying or giving, or a package of pay."""
    lemma = noun.lemma_.lower()
    return lemma in ("payoff", "pay-off", "package", "handout") or nominal_verb(lemma) in _PAYING


#: bodies money is paid to, which do not name a payment ("a £2m settlement to the regulator")
_BODIES_PAID = frozenset("regulator council government state family victim charity club firm company authority "
                         "nurse worker".split())
#: verbs of handing money over, whose nouns are amounts ("contribution", "donation", "grant", "settlement")
_PAYING = frozenset("pay contribute donate grant award lend settle reimburse compensate".split())


def payment_name(noun: Token) -> str:
    """A payment named as an editor names it: with its compounds ("severance package"), and with what it is paid
    into ("a contribution to her pension": pension contribution)."""
    into = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "towards", "into")
                 for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and not a_doer(p)
                 and not p.ent_type_ and p.lemma_.lower() not in _BODIES_PAID), None)  # (not "a settlement to the
    # regulator", "an award to the nurse": who is paid)
    name = _compound_name(noun)
    return normalise_name(f"{into.lemma_.lower()} {name}") if into is not None and " " not in name else name


def _an_act_costs(verb: Token) -> bool:
    """The subject of "cost" is an act ("culling costs", "treating each patient costs"), not goods."""
    return any(c.dep_ in ("nsubj", "csubj") and (c.tag_ == "VBG" or (
        c.pos_ == "NOUN" and c.lemma_.lower().endswith(("ing", "tion")))) for c in verb.children)


def _a_bare_average(root: Token, verb: Token | None) -> bool:
    """A number that nothing counts, given as an average: the object of "average" ("averaged 104.3"), what "an
    average" is "of" ("a three-dart average of 101.87") or what an average "was"."""
    if verb is not None and verb.lemma_.lower() == "average" and root.head.i == verb.i and root.dep_ == "dobj":
        # a person's average ("he averaged 104.3"); a thing that averages a level is counted by the thing
        # ("attendances averaged 5,400 a day", "crowds averaged 41,000")
        return all(c.pos_ in ("PRON", "PROPN") for c in verb.children if c.dep_ == "nsubj")
    if root.lemma_.lower() == "average" or (
            root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() == "average"):
        return True  # ("an average of 101.87" is one figure, its root the average)
    return root.dep_ == "attr" and verb is not None and verb.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() == "average" for c in verb.children)


def _measured_of(base: Token) -> Token | None:
    """What a measurement is of, written before it: "winds of 55 knots", "a queue of 35 km"; also where
    the parser hangs the phrase on the figure before ("winds of 55 knots and waves of up to 12 metres")."""
    if base.dep_ != "pobj" or base.head.lower_ != "of" or base.head.head.pos_ != "NOUN":
        return None
    owner: Token | None = base.head.head
    if owner is not None and any(c.dep_ == "nummod" for c in owner.children):
        # "55 knots ... of": the owner is a figure's unit
        owner = next((c for c in owner.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i < base.i), None)
    if owner is None or owner.lemma_.lower() in _TALLY or owner.lemma_.lower() in _GROUPS:
        return None
    return owner


#: particles the parser may read as adverbs right after their verb ("walked out")
PARTICLES = frozenset({"out", "off", "down", "up", "aside"})


def _particle(verb: Token) -> str | None:
    """The verb's particle, also where the parser reads it as an adverb right after it ("walked out")."""
    return next((c.lower_ for c in verb.children if (c.dep_ == "prt"
                 or (c.dep_ == "advmod" and c.lower_ in PARTICLES and c.i == verb.i + 1)
                 or (c.dep_ == "prep" and c.lower_ in ("out", "off") and c.i == verb.i + 1
                     and any(p.lower_ == "of" for p in c.children)))  # "locked out of the ground"
                 and not _bound_word(c)), None)


def _bound_word(tok: Token) -> bool:
    """"earned up to £2.10", "cut down to 40": a word that with "to" bounds the number after it; "lost
    along with the cores": a word that with "with" is a preposition."""
    doc = tok.doc
    if tok.lower_ == "along" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "with":
        return True
    return tok.lower_ in ("up", "down") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" and (
        doc[tok.i + 2].like_num or doc[tok.i + 2].tag_ == "$" or (tok.i + 3 < len(doc) and doc[tok.i + 3].like_num))


def phrasal_lemma(verb: Token) -> str:
    prt = _particle(verb)
    return f"{verb.lemma_.lower()} {prt}" if prt else verb.lemma_.lower()


def _valued_thing(root: Token) -> Token | None:
    """The object of a verb of valuing that an amount "at" belongs to, when the parser hung the "at" inside the
    object's "of" phrase: "puts the cost of sequencing and analysis at about £300"."""
    if root.dep_ != "pobj" or root.head.lower_ != "at":
        return None
    tok = root.head.head
    for _ in range(6):
        if tok.dep_ == "dobj" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in _VALUING:
            return tok if tok.i != root.head.head.i else None  # (hung on the object itself: read already)
        if tok.dep_ not in ("pcomp", "pobj", "prep", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


#: verbs that set a value on their object: "puts the cost at", "estimated the damage at"
_VALUING = frozenset("put estimate value set peg place fix".split())


def _amount_from(base: Token, verb: Token | None) -> Token | None:
    """The noun an amount comes "from" after a verb of getting: "was given £1.2m from the rough sleeping grant",
    "received £40,000 from its hardship fund"."""
    if verb is None or verb.lemma_.lower() not in _GETTING or not (base.head.i == verb.i or base.head.i == base.i):
        return None
    for holder in (base, verb):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "from" and c.i > base.i:
                return next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
    return None


#: verbs of getting money: where it comes from says what it is
_GETTING = frozenset("give receive get award allocate hand grant".split())


#: verbs that leave or keep things in a state: "have been without heating", "left 3,000 customers without water"
_LEFT_IN_A_STATE = frozenset("be leave remain stay go spend keep".split())


def _lacking(noun: Token, verb: Token | None) -> str | None:
    """What homes, households or people are without, on the noun or on the verb it is the subject of: "1,400
    homes have been without heating", "left 3,000 customers without water"."""
    holders = [noun]
    if verb is not None and noun.head.i == verb.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        holders.append(verb)
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "without" and c.i > noun.i:
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
                if obj is not None and obj.lemma_.lower() not in TIME_NOUNS and not any(
                        d.dep_ in ("det", "poss") for d in obj.children):
                    return " ".join([*(t.lower_ for t in obj.lefts if t.dep_ in ("compound", "amod")), obj.lower_])
    return None


def _amount_in(base: Token, verb: Token | None) -> Token | None:
    """The noun an amount is "in": "£6.1m in unpaid duty", "lost £1.2m in ticket sales"."""
    holders = [base, *(c for c in base.children if c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_NOUNS)]
    holders += [verb] if verb is not None and base.head.i == verb.i else []
    for holder in holders:  # ("£1.5m a year in community funding": the rate's "in" is the amount's)
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "in" and c.i > base.i:
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"
                            and p.ent_type_ not in ("DATE", "TIME") and p.lemma_.lower() not in TIME_NOUNS
                            and not _determined(p) and not _a_fixed_phrase(p)), None)
                # ("raised 2.2 billion crowns in the listing": a determined noun says where, not what)
                if obj is not None:
                    return obj
    return None


def _served(noun: Token, verb: Token, is_people: Callable[[Token], bool]) -> str | None:
    """Homes, households or people a utility or a service reaches, named as served whatever verb gives them:
    "the reservoir serves about 180,000 homes", "supplies drinking water to 180,000 households", "the works,
    which serves about 45,000 people" (not soldiers who serve, nor what people supply)."""
    lemma = verb.lemma_.lower()
    if lemma not in _SERVING:
        return None
    if not (noun.dep_ == "dobj" and noun.head.i == verb.i) and not (
            noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.i == verb.i and lemma != "serve"
            and all(c.lemma_.lower() in _UTILITIES for c in verb.children if c.dep_ == "dobj")):
        return None  # ("supplied weapons to 300 rebels": no service)
    provider = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if provider is not None and provider.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        provider = verb.head
    if provider is None or is_people(provider) or provider.pos_ == "PRON":
        return None
    if not (is_people(noun) or noun.lemma_.lower() in _DWELLINGS):
        return None
    return normalise_name(f"{plural(noun)} served")


#: verbs by which a utility or a service reaches its users
_SERVING = frozenset("serve supply power connect feed".split())
#: what a utility supplies
_UTILITIES = frozenset("water power electricity gas energy heat heating broadband internet".split())
#: places people live in, counted as those a service reaches ("serves 180,000 homes")
_DWELLINGS = frozenset("home household house property premise premises dwelling address".split())


def _level_subject(base: Token, verb: Token | None) -> Token | None:
    """The subject of a verb of level whose level the figure gives: "the death toll reached 30 people", "the
    waiting list stands at 1,900 people"."""
    if verb is None or verb.lemma_.lower() not in _LEVEL_VERBS or not (
            (base.dep_ == "pobj" and base.head.lower_ in ("at", "to") and base.head.head.i == verb.i)
            or (base.dep_ == "dobj" and base.head.i == verb.i)):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _per_space(doc: Doc, m: FigureMatch) -> str | None:
    """A count of things in each unit of area or volume, written after its noun: "2,000 mussels per square
    metre" is a density, "8.5 plastic particles per litre" a concentration (a rate in time is a period)."""
    j = m.end
    while j < len(doc) and j < m.end + 4 and doc[j].pos_ in ("NOUN", "ADJ", "PROPN") and doc[j].lower_ not in (
            "per", "a", "an", "each", "every"):
        j += 1  # the counted noun and its modifiers
    if j >= len(doc) or doc[j].lower_ not in ("per", "a", "an", "each", "every"):
        return None
    for width in (2, 1):
        family = unit_family(doc[j + 1 : j + 1 + width].text.lower()) if j + width < len(doc) else None
        if family == "area":
            return "density"
        if family == "volume":
            return "concentration"
    return None


def _an_audience(noun: Token) -> bool:
    """Spectators before whom something happens: its audience ("in front of 62,000 fans", "before 30,000
    supporters"; not "before three magistrates", "in front of 15 children", "before 300 staff were laid off")."""
    if noun.lemma_.lower() not in _SPECTATORS:
        return False
    prep = noun.head
    front = prep.head
    if prep.lower_ == "of" and front.lower_ == "front" and front.dep_ == "pobj" and front.head.lower_ == "in":
        return True
    return prep.lower_ == "before" and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX")


#: people who come to watch
_SPECTATORS = frozenset("fan supporter spectator crowd audience onlooker viewer".split())


def _how_often_done(often: Token) -> Token | None:
    """The verb "N times" counts: "used 412,000 times"; "stung by jellyfish about 20 times", where the
    parser hangs the times on the agent, is how often she was stung."""
    head = often.head
    if head.dep_ in ("pobj", "pcomp") and head.head.dep_ in ("agent", "prep") and head.head.head.pos_ == "VERB" \
            and (head.pos_ == "NOUN" or head.head.dep_ == "agent"):  # (the tagger may read the agent as a verb)
        head = head.head.head
    return head if head.pos_ == "VERB" else None


def _a_fixed_phrase(noun: Token) -> bool:
    """A bare noun inside a fixed prepositional phrase that compares or connects ("in line with", "in keeping
    with", "in addition to", "in response to", "in favour of"): no thing an amount is of."""
    return not any(c.dep_ in ("det", "poss", "amod", "compound") for c in noun.children) and any(
        c.dep_ == "prep" and c.lower_ in ("with", "to", "of") for c in noun.children) and noun.lemma_.lower() in (
        "line", "keeping", "addition", "response", "favour", "favor", "comparison", "contrast", "relation", "step",
        "spite", "excess", "breach", "need", "respect", "charge", "return")


def measured_thing(base: Token, verb: Token | None, is_people=None) -> Token | None:  # noqa: ANN001
    """What an amount or rate is of: "revenue of $4.2bn", "inflation rose to 4.2%", "a $700,000 award"."""
    for c in base.children:  # "$40 million in damage", "$2bn of aid"
        if c.dep_ == "prep" and c.lower_ in ("in", "of"):
            for p in c.children:
                if p.dep_ == "pobj" and p.pos_ == "NOUN" and not (c.lower_ == "in" and _determined(p)) \
                        and not _a_fixed_phrase(p):
                    return p
    if base.dep_ == "pobj" and base.head.lower_ in ("of", "at") and base.head.head.pos_ in ("NOUN", "PROPN"):
        return base.head.head
    if verb is not None and ((base.dep_ == "pobj" and base.head.lower_ in ("to", "at", "by", "from")
                              and base.head.head.i == verb.i)
                             or (base.dep_ == "prep" and base.lower_ == "from" and base.head.i == verb.i)):
        # "put the damage at", "raises council tax by 4.9%", "cut its quota to", "had cut sickness absence from
        # 7.2% to 5.8%"
        for c in verb.children:
            if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN"):
                return c
            if c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
                return _antecedent(verb)  # "the club's debts, which she put at about £30 million": the debts
    if base.dep_ in ("compound", "nmod", "nummod", "amod") and base.head.pos_ in ("NOUN", "PROPN"):
        return base.head
    if verb is not None and verb.lemma_.lower() in CHANGE_VERBS and base.dep_ != "dobj" \
            and not any(c.dep_ == "dobj" for c in verb.children):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
                     and not (is_people is not None and is_people(c))), None)
        if subj is not None:
            return subj  # "shares fell 14% in morning trading": the shares, not the trading
    if verb is not None:
        for c in verb.children:  # "lost £1.2m in lost ticket sales": the phrase hangs on the verb
            if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i > base.i:
                for p in c.children:  # not a time ("rose to 6.9% in the same month")
                    if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.ent_type_ not in ("DATE", "TIME") \
                            and p.lemma_.lower() not in TIME_NOUNS and not (c.lower_ == "in" and _determined(p)) \
                            and not _a_fixed_phrase(p):
                        return p  # ("raised 2.2 billion crowns in the listing": where, not what)
        if verb.dep_ == "ccomp" and verb.lemma_.lower() in CHANGE_VERBS and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < verb.i), None)
            if obj is not None and not (is_people is not None and is_people(obj)):
                return obj  # "data showed chlorine in the stratosphere had declined by 9%": the parser takes the
                # clause's subject for the object of "showed"
        subject_of = verb
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and (
                verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"))):
            # "exports are expected to shrink to 1.5m tonnes": the raising verb's subject; "prices have
            # kept climbing and reached $9,100": the first verb's; "the level rose to 74 cm, having bottomed
            # out at 38 cm": a participle clause's, the sentence's
            subject_of = verb.head
        for c in subject_of.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") and subject_of.dep_ == "relcl" \
                    and subject_of.head.pos_ in ("NOUN", "PROPN"):
                return _antecedent(subject_of)  # "the club's debts, which stand at about £30 million": the debts
            # the tagger sometimes reads a sentence-initial noun as a verb ("Turnout in ... was 61%");
            # a person who loses or pays an amount owns it, it is not what the amount is of
            if c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ in ("NOUN", "PROPN") or (c.pos_ == "VERB" and (
                    c.i == 0 or any(d.dep_ == "det" for d in c.children))) or (
                    c.pos_ == "ADJ" and c.i == c.sent.start and c.lower_ not in _QUANTIFIERS)) \
                    and not (is_people is not None and is_people(c)):
                return c
    return None


#: adjectives that stand for a number of things as subjects ("many were hurt"): never what is measured
_QUANTIFIERS = frozenset("many few several most some more less fewer all both each either neither other "
                        "others half".split())
#: nouns of estimating: what they estimate names the measure ("its forecast for the harvest")
_ESTIMATES = frozenset("forecast estimate projection prediction expectation guess assessment calculation "
                       "figure tally count total".split())
#: verbs by which a subject provides or holds a part of a whole: its share ("supplies 8% of the power")
_PROVIDING = frozenset("supply provide generate produce hold win control own capture command account meet "
                       "cover serve handle".split())
#: verbs whose object is reached by their event subject: "the recall covers 112,000 cars"
_REACH = frozenset("cover affect concern hit".split())
#: verbs of doing an event "on" things: "repairs were completed on 40,000 cars"
_DOING = frozenset({"complete", "carry out", "perform", "conduct", "do", "finish", "make"})
#: verbs that resize an event "to" a new count: "widened its recall to 112,000 cars"
_RESIZING = frozenset("widen expand extend broaden enlarge increase raise reduce narrow scale".split())


def _determined(noun: Token) -> bool:
    """A noun with a determiner or possessor: "in the listing", "in its first year" say where or when an
    amount was, not what it is ("in unpaid duty", "in damage")."""
    return any(d.dep_ in ("det", "poss") and d.lower_ not in ("no", "any") for d in noun.children)


def _estimated(noun: Token) -> Token | None:
    """What an estimate is of: "its forecast for the wheat harvest", "the estimate of losses"."""
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]  # the parser may hang the phrase on the verb
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                obj = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
                if obj is not None:
                    return obj
    return None


def _antecedent(relcl: Token) -> Token:
    """The noun a relative clause's pronoun stands for; in "the cost of the repatriation, which she put
    at", the thing measured (the clause hangs on the nearer noun)."""
    head = relcl.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        return head.head.head
    return head


def _a_counted_span(noun: Token) -> bool:
    """A span of time named by what fills it is a thing counted, as a booking or a shift is: "2,300 room nights",
    "4,000 bed days", "120 man hours" (not "three summer weeks")."""
    return noun.tag_ == "NNS" and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == noun.i - 1 and c.lemma_.lower() not in TIME_NOUNS
        and c.ent_type_ not in ("DATE", "TIME") for c in noun.children)


def _is_unit_word(tok: Token, m: FigureMatch) -> bool:
    """The token is the figure's own unit ("tonnes" of "1,900 tonnes"), not a thing it counts."""
    return m.unit_explicit and m.start <= tok.i < m.end


def tally_role(noun: Token) -> Token:
    """The token that holds a counted noun's place in its clause: the tally in "a total of 9,800
    people had been waiting", "the number of patients waiting ... has reached"; else the noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in TALLY_NOUNS:
        return noun.head.head
    return noun


#: words of change by their direction: a change is named as an editor names it ("price rise", "fall in
#: shares", "gdp growth")
_UP = frozenset("rise climb increase grow growth jump surge gain soar expand expansion rally advance raise hike "
                "boost lift up".split())
_DOWN = frozenset("fall drop decrease decline slump plunge lose loss slip tumble sink shrink retreat dip cut "
                  "reduce reduction lower down".split())
#: the kinds of change a change name ends or begins with
CHANGE_KINDS = ("rise", "fall", "change", "growth")
#: the words whose "by" phrase is a change ("rose by 2%"), not an agent or a means ("backed by 89%")
_CHANGE_WORDS = CHANGE_VERBS | _UP | _DOWN


def change_name(name: str, word: str | None) -> str:
    """``name`` as a change, named by the direction ``word`` (a verb, noun or adverb lemma) gives, the way
    an editor writes it: a singular thing in a compound ("price rise", "water bill rise", "gdp growth"), a
    plural one after "in", where English puts it ("fall in shares", "rise in food parcels"); "change"
    when no direction is written."""
    base, kind = change_base(name), change_kind(word) or "change"
    if kind == "growth" or not base.endswith("s") or base.endswith("ss"):
        return f"{base} {kind}"
    return f"{kind} in {base}"


def _bare_change(doc: Doc, m: FigureMatch) -> str | None:
    """The kind of change a share is when it is written as one and nothing names what changed: "up 23 per
    cent", "down 4%", "8.1 per cent more than a year ago"."""
    if m.start >= 1 and doc[m.start - 1].lower_ in ("up", "down"):
        return change_kind(doc[m.start - 1].lower_)
    root = span_root(doc, m)
    if root.dep_ == "pobj" and root.head.lower_ == "by" and m.start >= 2 and doc[m.start - 2].lower_ in ("up", "down"):
        return change_kind(doc[m.start - 2].lower_)  # "yields were likely to be down by 20%"
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "by" else root.head \
        if root.dep_ in ("dobj", "npadvmod") else None
    if verb is not None and verb.pos_ == "VERB" and (kind := change_kind(verb.lemma_)) is not None:
        return kind  # "rose by 40%" where the parse loses what rose: a rise
    return comparative_change(doc, m)


def comparative_change(doc: Doc, m: FigureMatch) -> str | None:
    """ "Rise" or "fall" for a comparative right after a figure that compares it with an earlier time: "6.5 per
    cent more than a year earlier", "3% fewer than in 2024"; None for a gap against another thing ("12 per
    cent less than men", "30 per cent higher than the national average")."""
    if m.end + 1 >= len(doc) or doc[m.end + 1].lower_ != "than":
        return None
    word = doc[m.end].lower_
    kind = "rise" if word in _MORE_WORDS else "fall" if word in _LESS_WORDS else None
    if kind is None:
        return None
    for t in doc[m.end + 2 : m.end + 8]:
        if t.is_punct:
            break
        if t.lemma_.lower() in TIME_NOUNS or t.ent_type_ == "DATE" or t.lower_ in ("before", "earlier", "previously"):
            return kind
    return None


#: comparatives of a change written after its figure ("6.5 per cent more than a year earlier")
_MORE_WORDS = frozenset("more higher greater larger bigger".split())
_LESS_WORDS = frozenset("less lower fewer smaller".split())


def change_kind(word: str | None) -> str | None:
    """The kind of change a word (a verb, noun or adverb lemma) names: "growth", "rise" or "fall"."""
    word = (word or "").lower()
    return "growth" if word in ("grow", "growth", "expand", "expansion") else (
        "rise" if word in _UP else "fall" if word in _DOWN else None)


def change_base(measure: str) -> str:
    """The level a change is of: "revenue" for "revenue growth", "shares" for "fall in shares"."""
    for kind in CHANGE_KINDS:
        if measure.startswith(f"{kind} in ") and len(measure) > len(kind) + 4:
            return measure[len(kind) + 4 :]
        if measure.endswith(f" {kind}") and len(measure) > len(kind) + 1:
            return measure[: -len(kind) - 1]
    return measure


def is_change_measure(measure: str) -> bool:
    return change_base(measure) != measure


def is_change_noun(noun: Token) -> bool:
    return noun.lemma_.lower() in ("rise", "increase", "fall", "drop", "decline", "cut", "gain", "loss", "jump",
                                   "growth", "reduction", "hike", "surge", "slump", "dip")


#: the words of a percentage's unit, which may parse as a compound of the noun after it ("a 6 per cent rise")
PERCENT_WORDS = frozenset({"cent", "percent", "pct", "point", "points"})


def _compound_name(noun: Token) -> str:
    """ "pay rise", "share price", "median wait": a noun's lemma with its noun compounds and
    the adjectives that say which one."""
    parts = [t.lemma_.lower() for t in noun.lefts
             if t.is_alpha and t.lower_ not in PERCENT_WORDS and t.lower_ not in SCALE_WORDS  # ("£40m funding gap")
             and not (t.i > 1 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].like_num)  # "50,000-euro"
             and not any(c.dep_ == "nummod" for c in t.children)  # "a 35 km queue": the unit of a figure
             and ((t.dep_ == "compound" and (t.pos_ == "NOUN" or _capitalised_noun(t) or _mistagged_compound(t)))
                                or (t.dep_ in ("amod", "compound") and t.lower_ in _STATISTICS))]
    head = noun.lower_ if noun.tag_ == "NNS" and noun.is_alpha else noun.lemma_.lower()  # "£4.5m in assets"
    if not parts and noun.lemma_.lower() in _TRADE_NOUNS:
        goods = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj" and p.pos_ == "NOUN" and not _determined(p)), None)
        if goods is not None:  # "sales of turntables": turntable sales, as the trade writes them
            words = [t.lower_ for t in goods.lefts if t.dep_ == "compound" and t.is_alpha]
            return " ".join([*words, goods.lemma_.lower(), head])
    return " ".join([*parts, head])


#: nouns of goods changing hands, named by the goods before them: "sales of turntables" are turntable sales
_TRADE_NOUNS = frozenset("sale export import delivery shipment purchase".split())


def _mistagged_compound(tok: Token) -> bool:
    """A noun before a noun that the tagger took for an adjective or a name ("reservoir levels" tagged a name,
    "Reservoir levels" opening a sentence tagged an adjective): a lower-case word, or the sentence's first word
    that is no person's or place's name."""
    if tok.pos_ not in ("ADJ", "PROPN") or not tok.is_alpha or tok.i + 1 != tok.head.i:
        return False
    return tok.is_lower if tok.i != tok.sent.start else (
        tok.text.istitle() and tok.ent_type_ not in ("PERSON", "GPE", "NORP", "LOC"))


def _capitalised_noun(tok: Token) -> bool:
    """A common noun the tagger took for a name because it opens the sentence ("Visitor numbers fell"):
    the first word, tagged a name, and no entity."""
    return tok.pos_ == "PROPN" and tok.i == tok.sent.start and not tok.ent_type_ and tok.text.istitle()


def _full_compounds(noun: Token) -> list[str]:
    """The noun compounds before a noun, nested ones included ("sea surface temperature"), and a
    hyphenated modifier whole ("full-page paintings")."""
    out: list[str] = []
    for t in noun.lefts:
        if t.dep_ != "compound" or t.pos_ not in ("NOUN", "PROPN", "ADJ") or not (t.is_alpha or _hyphened_word(t)):
            continue
        if t.pos_ == "PROPN" and t.ent_type_:
            continue  # a name says whose, not what
        if t.i > 1 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].is_alpha:
            out.append(f"{t.doc[t.i - 2].lower_}-{t.lower_}")
        else:
            out += [*_full_compounds(t), t.lemma_.lower()]
    return out


def _hyphened_word(tok: Token) -> bool:
    """A token of words joined by hyphens ("full-page", "co-authors"), as the engine's tokenizer keeps them."""
    parts = tok.text.split("-")
    return len(parts) > 1 and all(p.isalpha() for p in parts)


#: nouns that gather what they count: "a group of 17 skiers" counts the skiers
_GROUPS = frozenset("group crowd fleet team batch set series pair couple handful dozen number share "
                    "percentage proportion majority minority half third quarter rest part".split())


def _with_compounds(noun: Token) -> list[str]:
    """A noun's lemma with its noun compounds ("evacuation centre") or adjectives ("intensive care"), then
    alone."""
    comps = [t.lemma_.lower() for t in noun.lefts
             if (t.dep_ == "compound" and t.pos_ == "NOUN") or (t.dep_ == "amod" and t.pos_ == "ADJ")]
    lemma = noun.lemma_.lower()
    return [" ".join([*comps, lemma]), lemma] if comps else [lemma]


#: verbs that only state a share's level: the share is of the group, not of what the verb says
_LEVEL_ONLY = frozenset("be remain stand reach total hit account represent make".split())

#: where something lies from a place: "1,200 nautical miles southwest of Perth"
BEARINGS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west"
    .split())
#: families whose figure "X of N" measures X: "winds of 55 knots", "waves of nine metres", "a depth of 4,800 metres"
_MEASURED_OF = frozenset({"distance", "speed", "weight", "volume"})

#: nouns of a dimension, which name the figure written "of" them ("a distance of 180,000 km")
_DIMENSION_NOUNS = frozenset("distance depth height length width altitude speed weight radius diameter "
                             "thickness range".split())
#: adjectives of dimension after a length: the length is that dimension
_DIMENSIONS = {"wide": "width", "broad": "width", "deep": "depth", "long": "length", "high": "height",
               "tall": "height", "thick": "thickness", "across": "width", "above": "height", "below": "depth"}

_IZE = re.compile(r"(?<=\w{3})iz(e|ed|es|ing|ation)\b")


def normalise_name(name: str) -> str:
    """One spelling for a measure name: "hospitalized" and "hospitalised" are one measure."""
    return _IZE.sub(r"is\1", name.lower())


def participle(verb: Token) -> str:
    """ "cancelled" for cancel, "taken" for take, with the verb's particle ("called off"); a state
    written in the progressive keeps it: "had been waiting" is "waiting", "are striking" "striking"."""
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children) \
        and not any(c.dep_ == "dobj" for c in verb.children)  # "was assessing 24 claims": they are assessed
    written_vbn = verb.tag_ == "VBN" and (verb.lower_.endswith(("ed", "en", "t"))
                                          or verb.lower_ in past_forms(verb.lemma_.lower()))
    if progressive or written_vbn or (verb.tag_ == "VBD" and verb.lower_.endswith("ed")):
        word = verb.lower_  # as written: "born", "shown", "cut"
    else:
        word = _inflect(verb.lemma_.lower(), "VBN") if _known_verb(verb.lemma_.lower()) else verb.lemma_.lower()
    return _completed(verb, word)


#: adverbs of direction (and of release) that complete a verb of motion: "came ashore", "ran aground",
#: "fell overboard", "broke free"
DIRECTIONS = frozenset(
    "ashore aground abroad overboard offshore inland adrift afloat home away back free loose".split())


def _completed(verb: Token, word: str) -> str:
    """A verb form with its particle ("called off") or adverb of direction ("came ashore")."""
    prt = _particle(verb)
    extra = [prt] if prt else [
        c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in DIRECTIONS and c.i > verb.i]
    return normalise_name(f"{word} {extra[0]}" if extra else word)


def active_past(verb: Token) -> str:
    """What a subject did, in the past tense whatever tense it is written in: "came ashore" for "came
    ashore" and "have come ashore", "resit" for a verb the dictionary does not know ("will resit")."""
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
        return participle(verb)  # a state in the progressive: "are striking"
    word = _inflect(lemma, "VBD") if _known_verb(lemma) else (
        verb.lower_ if verb.tag_ in ("VBD", "VBN") else lemma)
    return _completed(verb, word)


def fronted_group(root: Token) -> Token | None:
    """The group a bare number that acts belongs to, written before it: "Of the 34 runners ..., only 14
    completed the course" (the number the subject of its verb, the group its verb's "of" phrase)."""
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB" or root.i == verb.i:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < root.i:
            for p in prep.children:
                if p.dep_ == "pobj" and p.pos_ == "NOUN" and any(d.lower_ in ("the", "those", "these")
                                                                    for d in p.children):
                    return p
    return None


def _in_fronted_group(root: Token, verb: Token) -> bool:
    """A figure inside a group written before the part of it the verb counts: "Of the 224 people on board
    - 211 passengers and 13 crew - 26 were injured" (the verb's "of" phrase, before its numeric subject)."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not (subj.like_num or any(c.dep_ == "nummod" for c in subj.children)):
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < root.i < subj.i:
            return not subj.is_ancestor(root)
    return False


def _partitive_group(noun: Token, m: FigureMatch) -> bool:
    """The figure counts the group a part is taken from: "none of the ship's 22 crew", "two of the five
    men": ``noun`` is the object of "of" after a quantity that is not this figure."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    part = noun.head.head
    if m.start <= part.i < m.end:
        return False
    return part.pos_ == "NUM" or part.lower_ in _PARTS


#: words that take a part of a group: "none of the 22 crew", "most of the 300 staff"
_PARTS = frozenset("none all each some most many several both either neither few one half".split())


#: verbs that put a price on goods: "tickets cost £45 each", "sold at $3 a dose"
_PRICING = frozenset("cost sell retail price fetch buy".split())
#: verbs of a traded thing's price in a market: "shares closed at €23.94", "opened at", "traded at"
_MARKET_LEVELS = frozenset("close open trade end finish start change settle".split())
#: words for one member of any group, or its strength: "a 64-member crew", "a 12-person jury", "a
#: 1,200-strong audience" give the size of the group
GROUP_SIZE_WORDS = frozenset("member person man woman strong".split())


#: the dimension a size gives a thing where its family's name is not it: "the 287 km line" its length
_DIMENSION_OF = {"distance": "length"}
#: things that stand up, whose size in length is their height
_STANDING = frozenset("scaffold scaffolding tower building wall mast crane statue chimney spire steeple pylon "
                      "turbine tree skyscraper block cliff monument obelisk column pillar fence".split())
#: units in which a thing that stands up is measured up
_SHORT_LENGTHS = frozenset("m cm ft in mm yd".split())
#: what flies or climbs, whose climb "to" a length reaches an altitude
_FLYERS = frozenset("plane aircraft airliner jet balloon drone rocket glider helicopter craft climber mountaineer "
                    "probe".split())
#: verbs of climbing to a height: the length reached is an altitude ("climbed to 21,000 metres")
_CLIMBING = frozenset("climb soar ascend".split())
#: verbs of going a distance: the length gone is the distance ("flew about 16,800 kilometres")
_TRAVELLING = frozenset("fly travel walk sail drive cycle swim row trek hike".split())


def sized(m: FigureMatch) -> bool:
    """A group's size as news writes one: in digits, ten or more ("a 1,200-strong audience", "the 64-member
    crew"); "a 10-man Chelsea", "the four-man team", "a two-child policy" describe."""
    fig = m.figure
    return fig.low is not None and fig.low >= 10 and any(ch.isdigit() for ch in fig.text)


def size_part(doc: Doc, m: FigureMatch) -> Token | None:
    """The part a thing's size is counted in, written in digits, ten or more, joined to the number before the
    thing: "seat" in "a 27,000-seat stadium", "pupil" in "the 1,150-pupil school" (see :func:`sized`)."""
    if m.end + 1 >= len(doc) or doc[m.end].text != "-" or doc[m.end].whitespace_ or not sized(m):
        return None
    part = doc[m.end + 1]
    if part.tag_ != "NN" or part.head.pos_ not in ("NOUN", "PROPN") or part.head.i <= part.i:
        return None
    return part


def _share_of(group: Token) -> str:
    """A part's share of a whole, named by the whole as written: "share of purchases", "share of listening" (a
    mass noun or an act is not made plural)."""
    act = next((c for c in group.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i == group.i + 1), None)
    whole = plural(group) if group.tag_ != "NN" else group.lower_
    return normalise_name(f"share of {whole} {act.lower_}" if act is not None else f"share of {whole}")


#: verbs by which a part makes up a whole: its share of it ("made up 4.8% of planned services")
_CONSTITUTING = frozenset({"make up", "represent", "comprise", "constitute", "form", "account for", "take up"})


def plural(noun: Token) -> str:
    if noun.tag_ in ("NNS", "NNPS") or (noun.tag_ == "NNP" and noun.lower_.endswith("s")):
        return noun.lower_  # ("Public Schools", tagged a singular name: written plural already)
    if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1", "a", "an", "single") and noun.doc[noun.i - 1].text != "-"
           for c in noun.children):
        return noun.lower_  # "its 22 crew", "40 staff": a group noun counted as it is written (not "1,150-pupil")
    lemma = noun.lemma_.lower()
    return _inflect(lemma, "NNS")


@lru_cache(maxsize=4096)
def past_forms(lemma: str) -> tuple[str, ...]:
    """The past forms of a verb: "born" and "borne" are both forms of "bear"."""
    from lemminflect import getInflection

    return (*getInflection(lemma, tag="VBN"), *getInflection(lemma, tag="VBD"))


def _event_verb(event: Token) -> str | None:
    """The verb of an event noun that takes what it happens to in an "of" phrase: "the theft of",
    "the closure of", "the return of"; not a tally, a group or a container ("a total of", "a group of")."""
    lemma = event.lemma_.lower()
    if lemma in _TALLY or lemma in _GROUPS or lemma in _VAGUE_NOUNS:
        return None
    verb = nominal_verb(lemma)
    if verb == lemma and not any(d.lower_ == "the" for d in event.children if d.dep_ == "det"):
        return None  # a noun that is also a verb is an event only when definite: "the return of 29 whales"
    return verb


#: event nouns whose verb no suffix gives: "the theft of", "the sale of"
_IRREGULAR_NOMINALS = {"theft": "steal", "sale": "sell", "loss": "lose", "destruction": "destroy",
                       "demolition": "demolish", "seizure": "seize", "recovery": "recover", "delivery": "deliver",
                       "discovery": "discover", "acquisition": "acquire", "closing": "close"}
#: derivational suffixes of event nouns, and what the verb ends in instead
_NOMINAL_SUFFIXES = (("ation", ("ate", "e", "")), ("ition", ("ish", "e")), ("tion", ("te", "")),
                     ("sion", ("de", "d", "se")), ("ure", ("e",)), ("val", ("ve",)), ("ment", ("",)),
                     ("ing", ("", "e")))


@lru_cache(maxsize=4096)
def nominal_verb(lemma: str) -> str | None:
    """The verb an event noun is made from: "closure" close, "evacuation" evacuate, "cancellation"
    cancel, "removal" remove, "theft" steal; a noun that is also the verb ("rescue", "return")
    itself. None for a noun no verb of the dictionary makes."""
    from lemminflect import getAllInflections

    if lemma in _IRREGULAR_NOMINALS:
        return _IRREGULAR_NOMINALS[lemma]
    candidates = []
    for suffix, ends in _NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            candidates += [stem + end for end in ends]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "cancellation": cancel
    candidates.append(lemma)
    return next((c for c in candidates if len(c) > 2 and getAllInflections(c, upos="VERB")), None)


@lru_cache(maxsize=4096)
def _known_verb(lemma: str) -> bool:
    """A verb of lemminflect's dictionary (its rules would inflect "resit" as "resitted")."""
    from lemminflect import getAllInflections

    return bool(getAllInflections(lemma, upos="VERB"))


@lru_cache(maxsize=4096)
def _parts(lemma: str) -> str:
    """The plural of a part a thing is counted in, which is always counted ("a 16-bed unit": beds, "a
    40-room hotel": rooms), where the noun may also be used uncounted ("bed", "room")."""
    from lemminflect import getInflection

    return next((f for f in getInflection(lemma, tag="NNS") if f != lemma and f.endswith("s")), None) \
        or _inflect(lemma, "NNS")


def _inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # a data-only package: loaded once, on first use

    forms = getInflection(lemma, tag=tag)
    if not forms:
        return lemma
    if tag == "NNS" and lemma in forms:
        return lemma  # a noun also used uncounted keeps its form ("fish", "area"; never the learned "areae")
    if tag.startswith("VB"):
        # the common form, spelt the British way where only a doubled "l" differs ("cancelled", "travelled");
        # never a doubled consonant the language does not write ("targetted", "refered")
        return next((f for f in forms[1:] if f.replace("ll", "l") == forms[0].replace("ll", "l")
                     and f.count("ll") > forms[0].count("ll")), forms[0])
    return forms[-1]
