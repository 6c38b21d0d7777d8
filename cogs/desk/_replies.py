"""What a verdict reply shows besides the report: outlet grades and the verdict controls."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.engine.types import ArticleReport

from ._buttons import verdict_items

if TYPE_CHECKING:
    from bot.client import CrosscheckBot


@dataclass(frozen=True, slots=True)
class ReplyExtras:
    """The newsroom's outlet grades (outlet, lower-cased -> grade) and the controls to attach."""

    grades: Mapping[str, str] = field(default_factory=dict)
    items: tuple[discord.ui.Item[Any], ...] = ()


async def reply_extras(bot: CrosscheckBot, report: ArticleReport, *, save: bool) -> ReplyExtras:
    """The workspace's outlet grades, and the verdict controls when the article is in the store.

    Only stored articles get controls (their claims have ids): the one stored
    now, or, when storing was asked for, the earlier copy already stored.
    """
    grades = await bot.store.grades(report.source.workspace)
    source = report.stored or (report.seen_before if save else None)
    if source is None:
        return ReplyExtras(grades=grades)
    claims = await bot.store.claims_of_source(source.info.workspace, source.id)
    return ReplyExtras(grades=grades, items=tuple(verdict_items(claims)))
