"""What /story does, without discord: find the dossier, draw the chart of a measure."""

from __future__ import annotations

import asyncio

from bot.cli_story import chart_png
from bot.engine.errors import NotFound
from bot.engine.protocol import ClaimStore
from bot.engine.types import StoryDossier

CHART_NAME = "story.png"


async def dossier_and_chart(checker, workspace: str, query: str,  # noqa: ANN001 - bot.engine.checker.Checker
                            measure: str | None) -> tuple[StoryDossier, bytes | None]:
    """The dossier, and its chart when the story has a figure to draw (a named measure must exist)."""
    dossier = await checker.dossier(workspace, query)
    if not dossier.rows:
        return dossier, None
    try:
        png, _title = await asyncio.to_thread(chart_png, dossier, measure)
    except NotFound:
        return dossier, None
    return dossier, png


def parse_ids(text: str) -> list[int]:
    """Article ids from "12, 14 #15" (commas, spaces, # allowed)."""
    from bot.engine.errors import InputError

    parts = [p.strip().lstrip("#") for p in text.replace(",", " ").split()]
    if not parts or not all(p.isdigit() for p in parts):
        raise InputError("Give article ids as numbers, e.g. “12, 14” (the dossier lists them).")
    return [int(p) for p in parts]


async def curate(store: ClaimStore, workspace: str, action: str, actor, *,  # noqa: ANN001
                 story: int | None, other: int | None, articles: str | None, reason: str) -> str:
    """Run one curation action and say what happened, in one sentence."""
    from bot.engine.errors import InputError

    if action == "move":
        ids = parse_ids(articles or "")
        if len(ids) != 1:
            raise InputError("Move one article at a time: give its id in “articles”.")
        st = await store.move_article(workspace, ids[0], story, actor, reason)
        return f"Article #{ids[0]} is now in story #{st.id}: {st.name}"
    if action == "merge":
        if story is None or other is None:
            raise InputError("Give the story to keep in “story” and the one to merge into it in “other”.")
        st = await store.merge_stories(workspace, story, other, actor, reason)
        return f"Story #{other} merged into story #{st.id} ({st.n_articles} articles): {st.name}"
    if action == "split":
        if story is None:
            raise InputError("Give the story to split in “story” and the articles that leave it in “articles”.")
        st = await store.split_story(workspace, story, parse_ids(articles or ""), actor, reason)
        return f"New story #{st.id} ({st.n_articles} articles): {st.name}"
    raise InputError(f"Unknown action {action!r}: use move, merge or split.")
