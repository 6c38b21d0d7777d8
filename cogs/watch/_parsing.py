"""Which messages in a watched channel are worth checking.

A message is checked when it holds a link (the first one is fetched), or when
it is long enough to be an article and may hold figures. Both tests are cheap
string work: the NLP worker only sees messages that pass them.
"""

from __future__ import annotations

import re

from bot.fetch import find_urls
from cogs._common import CheckRequest

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"dozens?|hundreds?|thousands?|millions?|billions?|trillions?|scores?|half|quarter|"
    r"single|double|triple|twice|once|several|a few|a handful"
)
#: a digit, a number word, or a casualty statement with an implicit one ("a soldier was killed")
_FIGURE_HINT = re.compile(
    rf"\d|\b(?:{_NUMBER_WORDS})\b"
    r"|\ban?\b[^.!?\n]{0,80}\b(?:killed|dead|died|injured|wounded|captured|arrested|detained|missing)\b",
    re.IGNORECASE,
)


def may_hold_figures(text: str) -> bool:
    """True when ``text`` has a digit, a number word or an implicit count (cheap pre-filter)."""
    return _FIGURE_HINT.search(text) is not None


def strip_urls(text: str, urls: list[str]) -> str:
    for url in urls:
        text = text.replace(url, " ")
    return " ".join(text.split())


def request_from_message(content: str, *, min_chars: int) -> CheckRequest | None:
    """What to check in a watched channel's message, or None to stay silent.

    A link is fetched; when the message also carries a pasted article (the
    text without its links is long enough), that text is the fallback if the
    fetch fails. Without a link, only text of at least ``min_chars`` that may
    hold figures is checked.
    """
    urls = find_urls(content)
    rest = strip_urls(content, urls) if urls else content.strip()
    long_enough = len(rest) >= min_chars and may_hold_figures(rest)
    if urls:
        return CheckRequest(url=urls[0], fallback_text=content.strip() if long_enough else None)
    if long_enough:
        return CheckRequest(text=content.strip())
    return None
