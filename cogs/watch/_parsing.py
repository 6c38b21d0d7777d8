"""Which messages in a watched channel are worth checking.

A message is checked when it holds a link (the first one is fetched), or when
it is long enough to be an article and may hold figures by the engine's own
line gate (:func:`bot.engine.pipeline.may_hold_figure`: a digit, a currency
sign, a number word or a casualty trigger). Both tests are cheap string work:
the NLP worker only sees messages that pass them.
"""

from __future__ import annotations

from bot.engine.pipeline import may_hold_figure
from bot.fetch import find_urls
from bot.service import CheckRequest


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
    long_enough = len(rest) >= min_chars and may_hold_figure(rest)
    if urls:
        return CheckRequest(url=urls[0], fallback_text=content.strip() if long_enough else None)
    if long_enough:
        return CheckRequest(text=content.strip())
    return None
