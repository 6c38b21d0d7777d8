"""Attribution: who says a figure, read from the words around it.

The parse gives most claimants (``ClaimExtractor``); these read the forms the
parser often misses: a postposed "..., a local paper reported on Wednesday,
citing hospital staff." and a following "This information was reported by the
BBC, citing ...".
"""

from __future__ import annotations

import re

#: what follows the name of someone who speaks: "Vos said", "Ms Reyes, told"
SPEAKS_AFTER = re.compile(r",?\s+(?:said|says|told|tells|added|confirmed|announced|urged|asked|warned)\b")
REPORT_VERBS = frozenset(
    """say tell report claim state announce estimate confirm reveal disclose add continue note
    warn allege assert insist write tweet post indicate show suggest acknowledge admit put give
    publish testify brief explain believe think assess calculate count record register document
    cite quote according find conclude declare""".split()
)


_ATTRIBUTION_AFTER = re.compile(
    r"^(?:this|the|that|these)\s+(?:information|figure|figures|number|numbers|estimate|estimates|toll|report|data|claim|claims)\s+"
    r"(?:was|were|is|are|has been|have been|came)\s+(?:\w+\s+)?"
    r"(?:reported|provided|released|published|given|confirmed|announced|shared|cited)\s+by\s+"
    r"(?P<who>[^,.;]+?)(?:,\s*citing\s+(?P<cited>[^,.;]+))?[.;,]?\s*$",
    re.IGNORECASE,
)


_POSTPOSED = re.compile(
    r",\s+(?P<who>(?:the|a|an)\s+[^,;]{2,60}?|[A-Z][^,;]{1,60}?)\s+(?:said|says|reported|reports|told|added|claimed|estimated|announced|confirmed)"
    r"\b[^,;]*?(?:,\s*citing\s+(?P<cited>[^,;.]+))?[.!]?\s*$"
)


def _postposed_attribution(sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """ "..., a local paper reported on Wednesday, citing hospital staff." read from the words."""
    return _attribution(_POSTPOSED.search(sentence.strip()))


def _attribution(m: re.Match[str] | None) -> tuple[str, tuple[str, ...]] | None:
    """The claimant and chain named by a match with groups ``who`` and, optionally, ``cited``."""
    if not m:
        return None
    who = m.group("who").strip()
    if m.group("cited"):
        chain = (who, m.group("cited").strip())
        return _display_chain(chain), chain
    return who, (who,)


def _display_chain(chain: tuple[str, ...]) -> str:
    if len(chain) <= 1:
        return chain[0] if chain else ""
    return ", citing ".join(chain)
