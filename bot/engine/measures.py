"""The measure vocabulary: data (``bot/data/measures.toml``), not code.

A newsroom extends it with a TOML file of the same shape (setting
``measures_file``); its word lists are appended to the built-in ones.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import InputError

#: heads that name things only by their kind ("animals", "vehicles"): they tell no things apart, so what
#: happened to them names a count of them ("nine animals were culled": culled)
GENERAL_THINGS = frozenset("animal creature vehicle item".split())


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    #: prepositional complements that name the state: "to hospital", "without power"
    complements: frozenset[str] = frozenset()
    #: the measure this one becomes when made fatal ("fatally shot", "stabbed to death")
    fatal: str | None = None
    #: named with what happened to the thing ("houses destroyed", "houses damaged")
    qualified: bool = False
    #: counts who does the act, so its event noun's "by" names them: "a strike by 350 bin workers"
    agentive: bool = False
    #: only people do it, whatever noun names them: "350 refuse collectors walked out"
    people_only: bool = False
    #: counts people held (prisoners, hostages), whom later events name: "90 prisoners were moved to other
    #: jails" are moved, "60 prisoners took part" took part; "the jail held 630 prisoners" counts prisoners
    held: bool = False
    rising: bool = False
    unit: str | None = None
    families: frozenset[str] = frozenset()
    #: a scale written right before its figure: "a magnitude 3.4 earthquake", "a category 4 storm"
    scale: bool = False


@dataclass(frozen=True)
class MeasureVocab:
    measures: dict[str, Measure]
    combinations: dict[str, str]
    people_nouns: frozenset[str]
    #: nouns that are sums of money themselves ("a $10bn deal"); any other thing an amount is written
    #: before is priced by it ("a $28 million museum" is what the museum costs)
    amount_nouns: frozenset[str] = frozenset()
    #: verbs that relate things to whoever holds, hosts, sends, makes or needs them: their things are counted
    #: as themselves ("140 films will be screened" are films); other verbs name what happened to them
    relation_verbs: frozenset[str] = frozenset()
    by_verb: dict[str, str] = field(default_factory=dict)
    by_noun: dict[str, str] = field(default_factory=dict)
    by_adjective: dict[str, str] = field(default_factory=dict)
    by_family: dict[str, str] = field(default_factory=dict)
    by_complement: dict[str, str] = field(default_factory=dict)
    fatal_if: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: str | Path | None = None) -> MeasureVocab:
        data = tomllib.loads(resources.files("bot.data").joinpath("measures.toml").read_text("utf-8"))
        if extra:
            path = Path(extra)
            try:
                more = tomllib.loads(path.read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise InputError(
                    f"Cannot read the measures file {path}: {exc}. Fix it or unset CROSSCHECK_MEASURES_FILE."
                ) from None
            data = _merge(data, more)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> MeasureVocab:
        measures: dict[str, Measure] = {}
        for name, spec in data.get("measure", {}).items():
            measures[name] = Measure(
                name=name,
                verbs=frozenset(w.lower() for w in spec.get("verbs", [])),
                nouns=frozenset(w.lower() for w in spec.get("nouns", [])),
                adjectives=frozenset(w.lower() for w in spec.get("adjectives", [])),
                complements=frozenset(w.lower() for w in spec.get("complements", [])),
                fatal=spec.get("fatal"),
                qualified=bool(spec.get("qualified", False)),
                agentive=bool(spec.get("agentive", False)),
                people_only=bool(spec.get("people_only", False)),
                held=bool(spec.get("held", False)),
                rising=bool(spec.get("rising", False)),
                unit=spec.get("unit"),
                families=frozenset(spec.get("families", [])),
                scale=bool(spec.get("scale", False)),
            )
        vocab = cls(
            measures=measures,
            combinations=dict(data.get("combinations", {})),
            people_nouns=frozenset(w.lower() for w in data.get("people", {}).get("nouns", [])),
            amount_nouns=frozenset(w.lower() for w in data.get("amounts", {}).get("nouns", [])),
            relation_verbs=frozenset(w.lower() for w in data.get("relations", {}).get("verbs", [])),
        )
        for m in measures.values():
            for w in m.verbs:
                vocab.by_verb.setdefault(w, m.name)
            for w in m.nouns:
                vocab.by_noun.setdefault(w, m.name)
                if " " in w:  # "murder suicide" is also written "murder-suicide", one token
                    vocab.by_noun.setdefault(w.replace(" ", "-"), m.name)
            for w in m.adjectives:
                vocab.by_adjective.setdefault(w, m.name)
            for f in m.families:
                vocab.by_family.setdefault(f, m.name)
            for w in m.complements:
                vocab.by_complement.setdefault(w, m.name)
            if m.fatal:
                vocab.fatal_if[m.name] = m.fatal
        return vocab

    @property
    def rising(self) -> frozenset[str]:
        return frozenset(n for n, m in self.measures.items() if m.rising) | frozenset(
            v
            for k, v in self.combinations.items()
            if all(self.measures.get(p, Measure(p)).rising for p in k.split("+"))
        )

    def combine(self, names: list[str]) -> str:
        """The measure for coordinated measures: "killed or wounded" is casualties."""
        uniq = sorted(set(names))
        if len(uniq) == 1:
            return uniq[0]
        key = "+".join(uniq)
        return self.combinations.get(key, key)

    def is_people(self, lemma: str) -> bool:
        return lemma.lower() in self.people_nouns


def _merge(base: dict, more: dict) -> dict:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = dict(out[key])
            for k2, v2 in value.items():
                if isinstance(v2, dict) and isinstance(merged.get(k2), dict):
                    inner = dict(merged[k2])
                    for k3, v3 in v2.items():
                        if isinstance(v3, list) and isinstance(inner.get(k3), list):
                            inner[k3] = inner[k3] + v3
                        else:
                            inner[k3] = v3
                    merged[k2] = inner
                elif isinstance(v2, list) and isinstance(merged.get(k2), list):
                    merged[k2] = merged[k2] + v2
                else:
                    merged[k2] = v2
            out[key] = merged
        else:
            out[key] = value
    return out
