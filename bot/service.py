"""The check service: one path from a request (a text or a link) to a report.

The bot's cogs, the command line's ``check`` and ``ingest`` and the tests all
check through :class:`CheckService`, so an article is read, checked and stored
the same way wherever it comes from:

1. a link is fetched and its metadata merged into the source in one place
   (:func:`merge_fetched`); pasted text is read as it is;
2. the text becomes an :class:`~bot.engine.types.Article` (validated and hashed
   on a plain thread) and its claims are extracted in **one** trip to the NLP
   worker (:meth:`bot.engine.worker.NlpWorker.extract`);
3. :meth:`bot.engine.checker.Checker.run` reads what the check needs in **one**
   store read and, when asked to store, writes the article, its claims and its
   story in **one** transaction.

What is stored follows one rule, :func:`bot.engine.checker.worth_storing`: an
article is stored when it holds at least one claim, from the bot and from the
command line alike.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from .engine.checker import Checker, CheckOutcome
from .engine.errors import FetchError
from .engine.types import Article, Claim, SourceInfo

log = logging.getLogger(__name__)

#: fetches a link for a workspace: ``fetch(url, workspace)``
Fetch = Callable[[str, str], Awaitable[Article]]


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What to check: a link to fetch, or pasted text (exactly one)."""

    url: str | None = None
    text: str | None = None
    #: pasted text to fall back to when the link cannot be fetched
    fallback_text: str | None = None

    def __post_init__(self) -> None:
        if (self.url is None) == (self.text is None):
            raise ValueError("a CheckRequest holds a url or a text, not both or neither")


def merge_fetched(source: SourceInfo, fetched: SourceInfo, requested_url: str) -> SourceInfo:
    """The source of a fetched article: what the caller knows wins, the page fills the rest.

    ``source`` holds what the caller knows (the Discord message it was posted
    in; the command line's ``--outlet`` and ``--published``); ``fetched`` what
    the page says. The URL is the page's own (after redirects), else the one
    asked for.
    """
    return replace(
        source,
        url=fetched.url or requested_url,
        title=source.title or fetched.title,
        outlet=source.outlet or fetched.outlet,
        author=source.author or fetched.author,
        published=source.published or fetched.published,
    )


class CheckService:
    """Read, check and (when asked) store one article; see the module docstring."""

    def __init__(self, checker: Checker, fetch: Fetch | None = None) -> None:
        self.checker = checker
        self._fetch = fetch

    async def read(self, request: CheckRequest, source: SourceInfo) -> Article:
        """The article to check: fetched from the link (its URL, title, outlet... kept) or the text.

        When the link cannot be fetched and the request carries pasted text,
        that text is read instead; otherwise the fetch error (a sentence for
        the reporter) propagates.
        """
        if request.url is not None:
            if self._fetch is None:
                raise FetchError("Links cannot be fetched here. Paste the article's text instead.")
            try:
                fetched = await self._fetch(request.url, source.workspace)
            except FetchError:
                if request.fallback_text is None:
                    raise
                log.info("link %s not fetched; checking the pasted text instead", request.url)
                return await self.checker.read(request.fallback_text, source)
            return await self.checker.read(fetched.text, merge_fetched(source, fetched.source, request.url))
        if request.text is None:
            raise ValueError("a check request needs a text or a link")
        return await self.checker.read(request.text, source)

    async def check(self, request: CheckRequest, source: SourceInfo, *, save: bool) -> CheckOutcome:
        """Verdicts for the request's article; with ``save``, stored by the one rule."""
        return await self.check_article(await self.read(request, source), save=save)

    async def check_article(self, article: Article, *, save: bool,
                            claims: Sequence[Claim] | None = None) -> CheckOutcome:
        """Verdicts for an article already read (its claims extracted unless given)."""
        if claims is None:
            claims = await self.checker.worker.extract(article)
        return await self.checker.run(article, claims, save=save)
