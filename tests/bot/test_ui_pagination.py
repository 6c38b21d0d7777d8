"""The page buttons (:mod:`bot.ui.pagination`), with mock interactions: only the asker turns pages,
nothing pings, and a timeout disables the buttons."""

from __future__ import annotations

from unittest.mock import AsyncMock, MagicMock

import discord

from bot.render.limits import Page
from bot.ui.pagination import Paginator, page_kwargs
from tests.helpers import MockInteraction, MockMember


def _pages(n: int) -> list[Page]:
    return [Page(embeds=[discord.Embed(description=f"page {i}")]) for i in range(n)]


async def test_paginator_only_the_owner_turns_pages():
    owner, other = MockMember(), MockMember()
    view = Paginator(_pages(3), owner_id=owner.id)
    assert view.previous.disabled
    assert not view.next.disabled
    assert view.position.label == "1/3"

    stranger = MockInteraction(user=other)
    assert await view.interaction_check(stranger) is False
    stranger.response.send_message.assert_awaited_once()
    assert stranger.response.send_message.call_args.kwargs["ephemeral"] is True

    mine = MockInteraction(user=owner)
    assert await view.interaction_check(mine) is True
    await view.next.callback(mine)
    kwargs = mine.response.edit_message.call_args.kwargs
    assert kwargs["embeds"][0].description == "page 1"
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}
    assert view.position.label == "2/3"
    assert not view.previous.disabled


async def test_paginator_timeout_disables_buttons():
    view = Paginator(_pages(2), owner_id=1, timeout=60)
    message = MagicMock(spec_set=discord.Message)
    message.edit = AsyncMock()
    view.message = message
    await view.on_timeout()
    assert all(b.disabled for b in view.children)
    assert message.edit.call_args.kwargs["view"] is view


def test_page_kwargs_adds_the_buttons_only_for_several_pages():
    single, none = page_kwargs(_pages(1), owner_id=1)
    assert none is None
    assert "view" not in single
    assert single["allowed_mentions"].to_dict() == {"parse": []}
    extra = discord.ui.Button(label="Confirm")
    single_with_extra, _ = page_kwargs(_pages(1), owner_id=1, extra_items=[extra])
    assert single_with_extra["view"].children == [extra]
    assert single_with_extra["view"].timeout is None
    several, view = page_kwargs(_pages(3), owner_id=7, refusal="Not yours.", extra_items=[extra])
    assert isinstance(view, Paginator)
    assert several["view"] is view
    assert view.owner_id == 7
    assert view.refusal == "Not yours."
    assert view.children[-1] is extra
    assert several["embeds"][0].description == "page 0"
    assert several["allowed_mentions"].to_dict() == {"parse": []}
