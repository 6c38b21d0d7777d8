"""Time in claims: the span a figure covers and the date it refers to.

Only an explicit span scopes a figure ("in the past 24 hours", "within three
days"); a date phrase of the figure or its verb is the date it refers to; a
date written without a year takes the year nearest the publication. Durations
that only place or describe an event ("two weeks ago", "after six hours") are
not figures of their own.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from .counted import TIME_NOUNS, a_doer, nominal_verb, span_root
from .figures import FigureMatch
from .numbers import word_value
from .units import convert, unit_family

_PERIOD_ADJECTIVES = {
    "quarterly": "quarter", "annual": "year", "annually": "year", "yearly": "year", "monthly": "month",
    "weekly": "week", "daily": "day", "overnight": "night",
}


#: "since January", "until March": the bounds of a running total, not the date a figure refers to
_NOT_A_REFERENCE = frozenset("since until till through throughout from".split())


_PERIOD = re.compile(
    r"\b(?:in|within|over|during|across|for)\s+(?:just\s+|only\s+)?(?:(?:the|its)\s+)?"
    r"(?:[a-z]+(?:'s|’s)\s+)?"  # "over the tournament's 16 days", "in its first week" (not a person's tenure)
    r"(?:(?P<rel>last|past|previous|first|following)\s+)?(?:(?P<num>\d+|[a-z]+(?:-[a-z]+)?)\s+)?"
    r"(?P<unit>hours?|days?|weeks?|months?|years?|weekend)\b",
    re.IGNORECASE,
)


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})


_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


_TIME_AFTER = frozenset("ago earlier later before after since previously beforehand".split())


def _dates_or_describes(doc: Doc, m: FigureMatch) -> bool:
    """A duration that places an event in time or describes it ("two weeks ago", "after six hours",
    "closed for 30 days", "a 12-hour shift") rather than being the quantity reported ("the median
    wait was 19 weeks", "the strike lasted three days")."""
    if m.end < len(doc) and doc[m.end].lower_ in _TIME_AFTER:
        return True
    root = span_root(doc, m)
    if (root.dep_ in ("attr", "npadvmod") and root.head.lemma_.lower() in ("be", "lie", "sit") and any(
            c.dep_ == "prep" and c.lower_ == "from" and any(p.dep_ == "pobj" for p in c.children)
            for c in root.children) and not any(
                c.dep_ == "nsubj" and (c.lemma_.lower() in _SPANS | _STOPPAGES | _TRIPS or c.tag_ == "PRP"
                                       or c.ent_type_ == "PERSON" or a_doer(c))
                for c in root.head.children)) \
            or (m.end < len(doc) and doc[m.end].lower_ == "away"):
        return True  # "most resorts are 40 minutes from the airport", "a town two hours away": where a place lies
        # (not where someone on the move was: "paramedics were 50 minutes from the scene")
    if root.dep_ == "conj" and root.head.ent_type_ in ("DATE", "TIME") and root.head.i < root.i \
            and root.head.head.lower_ in ("aged", "age", "ages"):
        root = root.head  # "aged three weeks and five months": the second age is an age too
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in ("record", "best"):
        return False  # "the previous record of 16 hours": a record's time is a figure of the news
    level_of = root.head if root.dep_ in ("npadvmod", "attr", "dobj") else (
        root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("at", "to") else None)
    if level_of is not None and level_of.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _SPANS and (c.lemma_.lower() != "time" or any(
                d.dep_ == "compound" for d in c.children)) for c in level_of.children):
        return False  # "the average waiting time remains 24 weeks", "test waits ease to 19 weeks": a span's level
    if root.dep_ == "pobj" and ((root.head.lower_ in ("at", "to") and any(
            v.lemma_.lower() in _TO_LEVEL for v in (root.head.head, root.head.head.head)))
                                or (root.head.lower_ == "from" and root.head.i > 0
                                    and doc[root.head.i - 1].lower_ in ("up", "down"))):
        return False  # "put the average wait at 61 weeks, up from 47 weeks": a duration that is the news
    return root.dep_ in ("pobj", "npadvmod", "advmod", "amod", "compound", "nmod") or (
        root.dep_ == "nummod" and root.head.pos_ == "NOUN")


#: journeys: how long one takes from a place is a figure of the news ("the average journey is 38 minutes from Leeds")
_TRIPS = frozenset("journey trip drive flight crossing commute ride walk voyage".split())
#: nouns of a span of time whose level is a figure of the news, whatever verb gives it ("time" with a noun that
#: says which: "waiting time", "journey time")
_SPANS = frozenset("wait delay time duration".split())
#: verbs of stopping a service or a place: how long it stayed stopped is a figure of the news
_STOPPING = frozenset("close shut suspend halt ground block shutter disrupt paralyse paralyze cripple".split())
#: verbs that put a thing in a state and keep it there: "was down", "will remain closed", "stayed offline", "went dark"
_STAYING = frozenset("be remain stay go sit lie".split())
#: states of a service stopped: "was down for seven hours", "stayed offline for two days"
_OUT_OF_SERVICE = frozenset("down offline closed shut dark idle unavailable inaccessible".split())
#: states of people lost or cut off: how long someone was missing is the story's figure ("has been missing for more
#: than 40 hours", "spent 52 hours trapped")
_LOST_STATES = frozenset("missing trapped stranded marooned cut-off".split())
#: nouns of a stoppage: how long one lasted is its figure ("the strike lasted 12 days")
_STOPPAGES = frozenset("strike walkout stoppage closure shutdown outage blackout suspension lockdown blockade siege "
                       "standoff stand-off disruption delay occupation sit-in curfew ban".split())


def stoppage_length(doc: Doc, m: FigureMatch, is_people: Callable[[Token], bool] | None = None) -> str | None:
    """How long a stoppage or an event lasted, named by the kind of stoppage, so that two reports of one compare
    whatever words they use: "the system was down for seven hours" and "a seven-hour outage" are the outage's,
    "the bridge will remain closed for six weeks", "drone sightings closed the runway for 33 hours" and "after a
    19-day shutdown" a closure's, "the strike lasted 12 days" and "a 48-hour walkout" a strike's. Any other
    event's length is its noun's when it names an act ("the operation will last 18 months"), else a bare
    ``duration``. Not a time that places the event ("closed two days ago"), one spent doing something
    ("searched for six hours") nor how long people lasted."""
    if unit_family(m.figure.unit) != "duration":
        return None
    root = span_root(doc, m)
    lasting = None  # what "for" the duration hangs on: "closed for nine hours"
    if root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.dep_ == "prep":
        lasting = root.head.head
    elif m.start > 0 and doc[m.start - 1].lower_ == "for" and doc[m.start - 1].dep_ == "prep" \
            and root.dep_ == "npadvmod" and root.head.lower_ in ("after", "since"):
        lasting = doc[m.start - 1].head  # "suspended for two days after a landslip", parsed as two days after it
    if m.end < len(doc) and doc[m.end].lower_ in _TIME_AFTER and not (
            lasting is not None and doc[m.end].lower_ in ("after", "since")):
        return None  # "closed two days ago" places it; "closed for nine hours after a lorry overturned" lasted
    if (joined := _joined_noun(doc, m)) is not None and joined.lemma_.lower() in _STOPPAGES:
        return _stoppage(joined.lemma_)  # "after a 19-day shutdown", "a 48-hour strike": joined before it
    if root.head.pos_ in ("VERB", "AUX") and root.head.lemma_.lower() == "last" and root.dep_ in (
            "dobj", "npadvmod", "attr", "advmod"):
        # "the strike lasted 12 days", "the operation will last 18 months", "a hearing that lasted eight days":
        # how long an event lasted is its figure (not how long people lasted: "the new manager lasted 45 days")
        last = root.head
        event = next((c for c in last.children if c.dep_ == "nsubj"), None)
        if event is not None and event.tag_ in ("WDT", "WP") and last.dep_ == "relcl":
            event = last.head
        if event is None or event.pos_ != "NOUN" or _a_person(event, is_people):
            return None
        lemma = event.lemma_.lower()
        return _stoppage(lemma) if lemma in _STOPPAGES else (_an_act(lemma) or "duration")
    if root.dep_ == "npadvmod" and root.head.lower_ in _OUT_OF_SERVICE and root.head.head.lemma_.lower() == "spend":
        return _stoppage(root.head.lower_)  # "the app spent two days offline", parsed as days that are offline
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "spend":
        state = next((c for c in root.head.children if c.dep_ in ("xcomp", "oprd", "acomp", "advcl")
                      and c.lower_ in _OUT_OF_SERVICE), None)
        return _stoppage(state.lower_) if state is not None else None  # "the site spent two days offline"
    if lasting is not None:
        verb = lasting
        if verb.pos_ == "NOUN" and verb.dep_ == "dobj":
            verb = verb.head  # "grounded flights for 33 hours": the phrase hung on the object
        if verb.lower_ in _OUT_OF_SERVICE and verb.dep_ in ("acomp", "oprd", "xcomp") and verb.head.lemma_ in _STAYING:
            verb = verb.head  # "will remain closed for six weeks": the phrase hung on the state
        if verb.lemma_ in _STAYING and _out_of_service(verb) \
                and not any(c.dep_ == "nsubj" and _a_person(c, is_people) for c in verb.children):
            return "out of service"  # "the craft will be out of action for six weeks", "out of use for a month"
        if verb.lemma_ in _STAYING:
            # "the system was down for almost seven hours", "the line was closed for a week" (not "the boxer was
            # down for eight seconds")
            state = next((c for c in verb.children if c.dep_ in ("acomp", "advmod", "prt", "oprd", "xcomp")
                          and c.lower_ in _OUT_OF_SERVICE), None)
            if state is not None and not any(c.dep_ == "nsubj" and _a_person(c, is_people) for c in verb.children):
                return _stoppage(state.lower_)
            return None
        if verb.pos_ == "VERB" and verb.lemma_.lower() in _STOPPING:
            return _stoppage(verb.lemma_)
    return None


def _out_of_service(verb: Token) -> bool:
    """ "was out of action", "will remain out of service", "out of use", "out of commission": a machine, a craft
    or a place that cannot be used (not a player "out of action": a noun of someone who does something)."""
    for c in verb.children:
        for o in (o for o in c.children if c.lower_ == "out" and o.lower_ == "of"):
            for p in (p for p in o.children if p.dep_ == "pobj" and p.lemma_.lower() in _USES):
                who = next((s for s in verb.children if s.dep_ == "nsubj"), None)
                return not (p.lemma_.lower() == "action" and who is not None and a_doer(who))
    return False


#: what a thing out "of" cannot give: "out of action", "out of service", "out of use"
_USES = frozenset("action service use commission operation".split())


def finishing_time(doc: Doc, m: FigureMatch, is_people: Callable[[Token], bool] | None = None) -> str | None:
    """How long someone took to complete a journey or a race, written "in" a duration after the verb of going
    or completing: "completed the crossing in 14 hours" is the crossing time, "swimming the strait in a record 14
    hours" and "ran the course in 2 hours 8 minutes" a time. Not when the span places the act ("in the past 24
    hours", "in three weeks' time") nor for a thing done ("sold out in two hours" counts no journey)."""
    if unit_family(m.figure.unit) != "duration":
        return None
    root = span_root(doc, m)
    if root.dep_ != "pobj" or root.head.lower_ != "in" or root.head.dep_ != "prep":
        return None
    if any(t.lower_ in ("past", "last", "next", "first", "coming", "time") for t in doc[root.left_edge.i : m.end + 2]):
        return None
    verb = root.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GOING or any(c.dep_ == "prt" for c in verb.children):
        return None  # ("ran up debts in six months")
    who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if who is not None and not (who.pos_ in ("PRON", "PROPN") or _a_person(who, is_people)):
        return None  # "the tickets sold out in two hours"
    route = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if route is None:  # "she finished in 2 hours 8 minutes": a race's verb alone
        return "time" if verb.lemma_.lower() in _RACING else None
    if route.pos_ == "NOUN" and route.lemma_.lower() in _ROUTES:
        return f"{route.lemma_.lower()} time"  # "completed the crossing in 14 hours"
    # a named strait, channel or mountain ("swam the Skerry Strait in 14 hours"); not "completed the takeover",
    # "climbed 20 places", "covered the shortfall"
    return "time" if route.pos_ == "PROPN" and verb.lemma_.lower() in _RACING | {"cross", "climb"} else None


def delay_length(doc: Doc, m: FigureMatch) -> str | None:
    """How late something ran or how long people waited, named ``delay`` or ``wait`` whatever the verb, so two
    reports of one hold-up compare: "trains were delayed by 45 minutes", "flights were held up for three hours",
    "the ferry arrived two hours late" are a delay; "passengers waited 12 hours 40 minutes" a wait. Not a span
    that places the act ("delayed two days ago", "waited until 2pm")."""
    if unit_family(m.figure.unit) != "duration":
        return None
    root = span_root(doc, m)
    after = m.end < len(doc) and doc[m.end].lower_ in _TIME_AFTER
    if after and not (root.dep_ == "pobj" and root.head.lower_ in ("by", "for")):
        return None  # ("delayed two days after the storm" places it; "delayed by 45 minutes after a signal
        # failure" gives the cause)
    if root.dep_ == "npadvmod" and root.head.lower_ == "late" and root.head.head.lemma_.lower() not in _OVERTIME:
        return "delay"  # "ran up to 45 minutes late", "the project is two years late" (not "stayed two hours late")
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ in ("by", "for") and verb.dep_ in ("prep", "agent"):
        verb = verb.head  # "delayed by 45 minutes", "waited for six hours"
    elif root.dep_ not in ("dobj", "npadvmod"):
        return None
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma == "delay" or (lemma == "hold" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
                            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _HELD_UP
                                    for c in verb.children)):
        return "delay"  # (a post office "held up by two men armed with knives" was robbed, not delayed)
    return "wait" if lemma == "wait" else None


def time_without(doc: Doc, m: FigureMatch) -> str | None:
    """How long something has gone without what it needs, named by it: "has gone 33 days without rain" (days
    without rain), "went 14 months without a win"."""
    if unit_family(m.figure.unit) != "duration":
        return None
    root = span_root(doc, m)
    verb = root.head
    if root.dep_ not in ("npadvmod", "dobj") or verb.pos_ != "VERB" or verb.lemma_.lower() not in ("go", "pass"):
        return None
    lacking = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "without"
                    for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
    if lacking is None:
        return None
    return f"{root.lower_ if root.tag_ == 'NNS' else root.lemma_.lower() + 's'} without {lacking.lemma_.lower()}"


#: verbs after which "late" is extra time worked or stayed, not a delay ("stayed two hours late")
_OVERTIME = frozenset("stay remain work sit".split())
#: verbs of going a distance or completing a race, whose time "in" a duration is a figure of the news
_GOING = frozenset("complete finish cross swim run cycle ride row sail fly walk climb cover drive race".split())
#: verbs of going that are a race or a journey by themselves ("she finished in 2 hours 8 minutes")
_RACING = frozenset("finish swim run cycle ride row sail fly walk drive race".split())
#: what such a verb covers, naming its time ("crossing time")
_ROUTES = frozenset("crossing journey race marathon course route voyage trip swim walk climb lap circuit "
                    "distance passage".split())


def _stoppage(word: str) -> str:
    """The kind of stoppage a word names: its state, its verb or its noun ("offline", "blackout": outage)."""
    word = word.lower()
    return _STOPPAGE_KINDS.get(word, word)


#: the kinds of stoppage, each named by the noun an editor gives it: a service out, a place shut, a service
#: halted for a time, work stopped, life disrupted; any other stoppage noun names itself ("lockdown", "siege")
_STOPPAGE_KINDS: Mapping[str, str] = {
    **dict.fromkeys("outage blackout down offline dark unavailable inaccessible".split(), "outage"),
    **dict.fromkeys("closure shutdown closed shut close shutter idle ground block".split(), "closure"),
    **dict.fromkeys("suspension suspend suspended halt halted".split(), "suspension"),
    **dict.fromkeys("strike walkout stoppage".split(), "strike"),
    **dict.fromkeys("disruption disrupt paralyse paralyze cripple".split(), "disruption"),
    "stand-off": "standoff",
}


def _an_act(lemma: str) -> str | None:
    """A noun that names an act or a journey, whose length is a figure of its own: "consultation",
    "restoration", "voyage" (an act named with -tion or -sion; not "investment", "agreement")."""
    if lemma in _JOURNEYS:
        return lemma
    verb = nominal_verb(lemma)
    return lemma if verb is not None and verb != lemma and lemma.endswith(("tion", "sion")) else None


def time_lost(doc: Doc, m: FigureMatch, is_people: Callable[[Token], bool] | None = None) -> str | None:
    """How long people (or a craft carrying them) were missing, trapped or stranded, named by the state ("time
    missing"), so that two reports of one search compare: "has been missing for more than 40 hours", "spent 52
    hours missing on the moor", "the trawler has been missing for four days"."""
    if unit_family(m.figure.unit) != "duration" or (m.end < len(doc) and doc[m.end].lower_ in _TIME_AFTER):
        return None
    root = span_root(doc, m)
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "spend":
        state = next((c for c in root.head.children if c.dep_ in ("xcomp", "oprd", "acomp", "advcl")
                      and c.lower_ in _LOST_STATES), None)
        return f"time {state.lower_}" if state is not None else None
    if root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.dep_ == "prep":
        verb = root.head.head
        state = verb if verb.lower_ in _LOST_STATES else next(
            (c for c in verb.children if c.dep_ in ("acomp", "advmod") and c.lower_ in _LOST_STATES), None) \
            if verb.lemma_ in ("be", "go") else None
        if state is not None and _someone_lost(verb, state, is_people):
            return f"time {state.lower_}"
    return None


def _someone_lost(verb: Token, state: Token, is_people: Callable[[Token], bool] | None) -> bool:
    """People, not things, lost or cut off, and not only absent from something ("missing for six weeks with a
    hamstring injury", "missing from the line-up")."""
    who = next((c for t in (verb, state) for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    away = any(c.dep_ == "prep" and c.lower_ in ("with", "from") for t in (verb, state) for c in t.children)
    return who is not None and not away and (
        who.pos_ == "PROPN" or _a_person(who, is_people) or who.lemma_.lower() in _CRAFT)


#: craft that carry people: one missing is people missing ("the fishing boat has been missing for five days")
_CRAFT = frozenset("boat ship vessel yacht trawler ferry aircraft plane jet helicopter submarine dinghy canoe".split())


def event_length(doc: Doc, m: FigureMatch) -> str | None:
    """How long an event or a journey took or will take, named by its noun: "after a 28-day voyage" the
    voyage's, "a 12-week consultation" the consultation's, "a timetabled journey of 95 minutes" the
    journey's. The event is a noun made from a verb ("consultation", "restoration") or a journey; a noun
    a duration only describes ("a 12-hour shift", "a 30-minute walk from the station") is neither."""
    if unit_family(m.figure.unit) != "duration" or (m.end < len(doc) and doc[m.end].lower_ in _TIME_AFTER):
        return None
    root = span_root(doc, m)
    if root.dep_ in ("dobj", "npadvmod") and root.head.lemma_.lower() == "take" and root.head.pos_ == "VERB":
        # "it could take up to five days to restore supplies", "plugging the well could take three weeks": the time
        # a task takes, named by the task ("time to restore supplies"), so two reports of it are one quantity
        take = root.head
        task = next((c for c in take.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None) \
            or next((c for c in take.children if c.dep_ == "csubj" and c.tag_ == "VBG"), None)
        doer = next((c for t in (take, take.head if take.dep_ == "xcomp" else take) for c in t.children
                     if c.dep_ in ("nsubj", "nsubjpass")), None)  # ("the trial is expected to take six weeks")
        if doer is not None and doer.lemma_.lower() in _CONVEYANCES:
            return "journey time"  # "trains take 38 minutes to reach Corbridge", "the journey takes two hours"
        if task is not None and (doer is None or doer.pos_ == "PRON"):  # ("the trial will take six weeks to hear")
            # the task with its particle and object: "time to put out blaze", not one "time to put" for every task
            words = [task.lemma_.lower(), *(c.lower_ for c in task.children if c.dep_ == "prt"),
                     *(c.lower_ for c in task.children if c.dep_ == "dobj" and c.pos_ == "NOUN")]
            return "time to " + " ".join(words)
    event = _joined_noun(doc, m)  # "a 28-day voyage"
    if event is None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        event = root.head.head  # "a journey of 95 minutes"
    if event is None:
        return None
    if event.lemma_.lower() in _HOLD_UPS:
        return event.lemma_.lower()  # "a 14-hour wait", "a wait of 14 hours"
    return _an_act(event.lemma_.lower())  # ("a 25-year investment", "a 3-year agreement" are terms of a deal)


def _joined_noun(doc: Doc, m: FigureMatch) -> Token | None:
    """The noun a duration is hyphened to before it: "a 48-hour strike", "a 28-day voyage"."""
    root = span_root(doc, m)
    if "-" in m.figure.text and root.dep_ in ("amod", "compound", "nummod", "nmod") and root.head.pos_ == "NOUN" \
            and root.head.i >= m.end:
        return root.head
    return None


#: what carries people on a journey, or the journey itself: how long it takes is the journey time
_CONVEYANCES = frozenset("train bus coach tram ferry flight service journey trip ride crossing".split())
#: what traffic or a journey is held up in: its hold-up is a delay
_HELD_UP = _CONVEYANCES | frozenset("traffic passenger traveller commuter ambulance vehicle lorry car delivery "
                                    "motorist driver".split())
#: nouns of a hold-up, whose length is its figure
_HOLD_UPS = frozenset("wait delay".split())
#: journeys, whose length in time is a figure of their own ("a 28-day voyage")
_JOURNEYS = frozenset("voyage journey flight trip crossing passage expedition mission".split())


def _a_person(noun: Token, is_people: Callable[[Token], bool] | None) -> bool:
    """People or a person, whose lasting is no event's length ("the new manager lasted 45 days")."""
    return noun.ent_type_ in ("PERSON", "NORP") or (is_people is not None and is_people(noun))


#: verbs that set or move a quantity to a level: "put the wait at 61 weeks", "cut the delay to ten days"
_TO_LEVEL = frozenset("put stand rise fall climb reach increase grow drop cut reduce extend lengthen shorten "
                      "estimate".split())
#: verbs and nouns that give a penalty its length, by the measure they name: "sentenced to 12 years",
#: "jailed for six years", "a sentence of nine years", "banned for four years", "a two-year suspension"
_PENALTY_VERBS: Mapping[str, str] = {
    "sentence": "sentence", "jail": "sentence", "imprison": "sentence", "incarcerate": "sentence",
    "ban": "ban", "bar": "ban", "disqualify": "ban", "suspend": "suspension",
}
_PENALTY_NOUNS: Mapping[str, str] = {
    "sentence": "sentence", "ban": "ban", "suspension": "suspension",
    # an agreement's length is as much its figure: "a five-year contract extension", "a 99-year lease"
    "contract": "contract length", "extension": "contract length", "deal": "contract length",
    "lease": "lease length", "mandate": "term", "term": "term",
}
#: where a term is served: "18 months in jail", "20 years behind bars"
_CUSTODY = frozenset("prison jail gaol custody detention bar".split())
#: verbs that give the most a court may impose, not what it did: "faces up to 20 years in prison"
_AT_STAKE = frozenset("face risk carry".split())
#: verbs of time spent in custody, which may differ from the sentence passed: "served 19 years in prison"
_SERVED = frozenset("serve spend".split())
#: verbs that hand a person a term ("was given 14 years", "was handed six years") and that receive one
_GIVING = frozenset("give hand".split())
_GETTING = frozenset("get receive".split())


#: personal pronouns of people ("they" may be trains: "They were suspended for a week")
PERSONAL = frozenset({"he", "she", "him", "her"})


def penalising(verb: Token) -> Token:
    """The verb that passes a penalty: "banned from driving for three years" is banned, not driving."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.pos_ in ("VERB", "AUX"):
        return verb.head.head
    return verb


def a_penalty_span(doc: Doc, start_char: int, is_people: Callable[[Token], bool] | None = None) -> bool:
    """The span that opens at ``start_char`` ("for three years") is how long a penalty lasts ("banned from
    driving for three years", "jailed for three years"): the penalty's figure, never a period of the
    sentence's other figures ("... and fined £1,200")."""
    opener = doc.char_span(start_char, start_char + 3, alignment_mode="expand")
    if opener is None or opener[0].lower_ != "for":
        return False
    gov = penalising(opener[0].head)
    # someone punished ("rail services were suspended for three days" punish no one: a period of the rest)
    return gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in _PENALTY_VERBS and any(
        c.dep_ in ("nsubjpass", "dobj") and (c.pos_ == "PROPN" or c.lower_ in PERSONAL or _a_person(c, is_people))
        for c in gov.children)


def penalty(doc: Doc, m: FigureMatch, is_person: Callable[[Token], bool] | None = None) -> str | None:
    """The penalty or agreement a duration is the length of, or None: a court's sentence, a sporting ban
    or a contract's length is the figure reported, not a time that places the event ("sentenced to 12
    years" -> "sentence"; "was given 18 months in jail" -> "sentence"; "a four-year ban" -> "ban"; "faces
    up to 20 years in prison" -> "maximum sentence"; "a five-year contract" -> "contract length")."""
    root = span_root(doc, m)
    head = root.head
    if unit_family(m.figure.unit) != "duration":  # "banned for six matches": a ban counted in matches
        thing = head if root.dep_ == "nummod" else root
        prep = thing.head
        name = _PENALTY_VERBS.get(prep.head.lemma_.lower()) if thing.dep_ == "pobj" and prep.lower_ == "for" else None
        return name if name in ("ban", "suspension") else None
    if root.dep_ == "pobj" and head.lower_ in ("to", "for", "of"):
        gov = penalising(head.head)  # "banned from driving for three years": the ban's length
        name = (_PENALTY_VERBS if gov.pos_ in ("VERB", "AUX") else _PENALTY_NOUNS).get(gov.lemma_.lower())
        if name is not None:
            return name
    if root.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN":
        name = _PENALTY_NOUNS.get(head.lemma_.lower())
        if head.lemma_.lower() == "term" and any(
                c.lemma_.lower() in _CUSTODY for c in head.children if c.dep_ in ("compound", "amod")):
            name = "sentence"  # "a 12-year prison term", not a term of office"
        if name is not None:
            return "maximum sentence" if head.head.lemma_.lower() in _AT_STAKE else name
    if root.dep_ in ("dobj", "attr", "nsubjpass", "ROOT", "pobj") and any(
            c.dep_ == "prep" and c.lower_ in ("in", "behind")
            and any(g.lemma_.lower() in _CUSTODY for g in c.children if g.dep_ == "pobj")
            for c in root.children):
        if head.lemma_.lower() in _SERVED:
            return "served"  # "served 19 years in prison": the time spent, not the sentence passed
        return "maximum sentence" if head.lemma_.lower() in _AT_STAKE else "sentence"
    if root.dep_ == "dobj" and head.pos_ == "VERB" and root.lemma_.lower() in ("year", "month") \
            and is_person is not None and any(
                c.dep_ == ("nsubjpass" if head.lemma_.lower() in _GIVING else "nsubj") and is_person(c)
                for c in head.children) and head.lemma_.lower() in _GIVING | _GETTING \
            and not any(c.dep_ in ("xcomp", "advcl", "prep") and c.i > root.i for c in head.children) \
            and not any(c.dep_ in ("relcl", "acl", "prep") for c in root.children):
        # "the ringleader was given 14 years", "his brother got nine years": years handed to a person are a
        # sentence ("was given two years to repay the money" is a deadline)
        return "sentence"
    if root.dep_ == "dobj" and head.lemma_.lower() in _SERVED and any(
            c.dep_ == "prep" and c.lower_ in ("in", "behind")
            and any(g.lemma_.lower() in _CUSTODY for g in c.children if g.dep_ == "pobj")
            for c in head.children):
        return "served"  # "a man who spent 19 years in prison"
    return None


_RELATIVE_YEAR = {"this": 0, "last": -1, "next": 1}
#: a year, or a season of it: "last year", "this summer" date a figure to the year
_YEAR_PARTS = frozenset("year summer winter spring autumn fall season".split())
#: the month each season ends in (winter: the year it ends in)
_SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str, ref: date, published: date | None, *, past: bool = False) -> date | None:
    words = [w.lower().strip(".").removesuffix("'s").removesuffix("’s")  # "last year's", "June's"
             for w in text.replace(",", " ").split()]
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    day = next((int(w.rstrip("stndrh")) for w in words
                if w.rstrip("stndrh").isdecimal() and 1 <= int(w.rstrip("stndrh")) <= 31 and len(w) <= 4), None)
    year = next((int(w) for w in words if w.isdecimal() and len(w) == 4 and 1900 <= int(w) <= 2100), None)
    if month:
        y = year or ref.year
        try:
            d = date(y, month, day or 1)
        except ValueError:
            return None
        if year is None:
            # no year written: the one that puts the date nearest the publication, future included
            # ("planned for March 24" is ahead; "killed on December 28", read on January 3, is behind)
            options = []
            for yy in (y - 1, y, y + 1):
                try:
                    options.append(date(yy, month, day or 1))
                except ValueError:
                    continue
            if past:  # a past tense tells of a date before its report ("averaged 5,400 a day in May", read in
                # December, is this year's May)
                options = [o for o in options if o <= ref + timedelta(days=7)] or options
            d = min(options, key=lambda o: abs((o - ref).days))
        return d
    if year and len(words) <= 3:
        return date(year, 1, 1)
    if published is not None and len(words) == 2 and words[1] in _SEASON_ENDS and words[0] == "last":
        # "last summer" read in November is this year's; read in May, last year's
        return date(published.year - (published.month <= _SEASON_ENDS[words[1]]), 1, 1)
    if published is not None and len(words) == 2 and words[1] in _YEAR_PARTS and words[0] in _RELATIVE_YEAR:
        return date(published.year + _RELATIVE_YEAR[words[0]], 1, 1)  # "this year", "last year", "this summer"
    if published is not None and len(words) == 2 and words[1] == "month" and words[0] in _RELATIVE_YEAR:
        month = published.month + _RELATIVE_YEAR[words[0]]  # "last month": that month's first day
        return date(published.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    wd = next((_WEEKDAYS[w] for w in words if w in _WEEKDAYS), None)
    if wd is not None and published is not None and len(words) <= 2:
        return published - timedelta(days=(published.weekday() - wd) % 7)
    return None




def _is_time_count(noun: Token | None) -> bool:
    return noun is not None and noun.lemma_.lower() in TIME_NOUNS and (
        noun.dep_ in ("pobj", "npadvmod")
        or noun.head.lower_ in ("for", "in", "within", "over", "during", "after", "before")
    )


# -- period keys: how verdicts compare periods -------------------------------------

#: period amounts that are not numbers: "half a day", "a couple of days", "a single night", "a hundred days"
_PERIOD_AMOUNTS: Mapping[str, float] = {"half": 0.5, "couple": 2, "single": 1, "hundred": 100}


def _period_amount(word: str) -> float | None:
    """The amount a word gives a period: a number word (numbers.word_value, the one home) or a fraction."""
    value = word_value(word)
    return float(value) if value is not None else _PERIOD_AMOUNTS.get(word)


_PERIOD_FILLER = frozenset(
    "the last past previous preceding first over in within during just only consecutive straight "
    "successive recent of".split()
)
_PERIOD_UNITS = frozenset(
    "minute minutes hour hours day days week weeks month months year years fortnight".split()
)
_DAY_NAMES = {"fortnight": ("weeks", 2.0)}


def normalise_period(period: str | None) -> str | None:
    """A period's comparison key (the one home of period words).

    "<hours>h" when it names a length of time, else its words:
    "24 hours", "a day", "the past day" -> "24h"; "three days" -> "72h";
    "this week" -> "this week"; None stays None (a running total).
    """
    if period is None:
        return None
    words = re.findall(r"[a-z0-9.\-]+", period.lower())
    if not words:
        return None
    core = [w for w in words if w not in _PERIOD_FILLER or _period_amount(w) is not None]
    if core and core[-1] in _PERIOD_UNITS and len(core) <= 2:
        unit, amount = core[-1], 1.0
        if unit in _DAY_NAMES:
            unit, amount = _DAY_NAMES[unit]
        if len(core) == 2:
            n = core[0]
            if re.fullmatch(r"\d+(?:\.\d+)?", n):
                amount *= float(n)
            elif (value := _period_amount(n)) is not None:
                amount *= value
            else:
                return " ".join(words)
        hours = convert(amount, unit, "hours")
        return f"{round(hours, 6):g}h"
    return " ".join(words)
