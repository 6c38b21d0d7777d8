"""Places: country names, demonyms, capitals and aliases (``bot/data/places.toml``).

Used to write subjects one way: "troops from Pyongyang", "North Korea's troops"
and "North Korean troops" all become "North Korean troops", and "Kyiv" in
"Kyiv controlled ..." becomes "Ukrainian".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

#: a capitalised word right before a place name: "Cyclo" in "Cyclo UK"
_NAME_BEFORE = re.compile(r"\b([A-Z][\w&.-]*)\s+$")


@dataclass(frozen=True)
class Places:
    #: any name, alias, capital or demonym (lower-case) -> demonym
    demonyms: dict[str, str]
    _pattern: re.Pattern[str]

    @classmethod
    def load(cls) -> Places:
        data = tomllib.loads(resources.files("bot.data").joinpath("places.toml").read_text("utf-8"))
        demonyms: dict[str, str] = {}
        written: set[str] = set()
        for p in data.get("place", []):
            dem = p["demonym"]
            for name in [p["name"], dem, p.get("capital", ""), *p.get("aliases", [])]:
                if name:
                    demonyms.setdefault(name.lower(), dem)
                    written.add(name)
        # Case-sensitive on purpose: "US" is a country, "us" is not.
        names = sorted(written, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w.])(?:[Tt]he\s+)?(" + "|".join(re.escape(n) for n in names) + r")(?:'s|’s)?(?![\w])"
        )
        return cls(demonyms, pattern)

    def demonym(self, name: str) -> str | None:
        key = re.sub(r"(?:'s|’s)$", "", re.sub(r"^the\s+", "", name.strip(), flags=re.I)).lower()
        return self.demonyms.get(key) or self.demonyms.get(name.strip().lower())

    def normalise(self, phrase: str) -> str:
        """Replace place names in a phrase by their demonyms ("North Korea's troops" -> "North Korean troops")."""

        def repl(m: re.Match[str]) -> str:
            before = _NAME_BEFORE.search(phrase, 0, m.start())
            if before is not None and before.group(1).lower() not in self.demonyms \
                    and before.group(1) not in ("The", "In", "From", "To", "And", "Of"):
                return m.group(0)  # "Cyclo UK", "BP America": a country inside a company's name is the name
            return self.demonyms.get(m.group(1).lower(), m.group(1))

        out = self._pattern.sub(repl, phrase)
        return re.sub(r"\s+", " ", out).strip()
