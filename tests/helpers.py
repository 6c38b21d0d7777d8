"""Mocks of discord objects that cannot grow attributes discord does not have.

Each mock is a ``MagicMock`` with ``spec_set`` set to the discord class (the
python-discord/bot way): reading or setting an attribute the class lacks
raises, coroutine methods are ``AsyncMock`` s, and tests assert what the code
sent. :class:`MockInteractionResponse` keeps the state a real one has
(``is_done``, ``type``) so the error handler's paths can be exercised.

Also here: the fixture articles of the bot tests (written for these tests)
and :func:`make_engine`, which builds the real engine around the session's
spaCy pipeline.
"""

from __future__ import annotations

import asyncio
import itertools
import unittest.mock
from datetime import UTC, datetime
from typing import Any

import discord

_ids = itertools.count(100_000_000_000_000_000)


def next_id() -> int:
    """A fresh snowflake-sized id."""
    return next(_ids)


class CustomMockMixin:
    """``spec_set`` from the class attribute; child mocks are plain mocks (async where the spec's are)."""

    spec_set: Any = None
    child_mock_type = unittest.mock.MagicMock

    def __init__(self, **kwargs: Any) -> None:
        name = kwargs.pop("name", None)  # "name" means something else to Mock
        super().__init__(spec_set=self.spec_set, **kwargs)  # type: ignore[call-arg]
        if name is not None:
            self.name = name

    def _get_child_mock(self, **kw: Any) -> unittest.mock.NonCallableMock:
        new_name = kw.get("_new_name")
        spec = self.__dict__.get("_spec_class")
        target = getattr(spec, new_name, None) if spec is not None and new_name else None
        if target is not None and asyncio.iscoroutinefunction(target):
            return unittest.mock.AsyncMock(**kw)
        if new_name in unittest.mock._async_method_magics:  # type: ignore[attr-defined]
            return unittest.mock.AsyncMock(**kw)
        return self.child_mock_type(**kw)


class MockRole(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Role

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        kwargs.setdefault("name", "role")
        super().__init__(**kwargs)
        self.mention = f"<@&{self.id}>"


class MockGuild(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Guild

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        kwargs.setdefault("name", "Newsroom")
        super().__init__(**kwargs)
        self.me = MockMember(guild=self, bot=True, name="crosscheck")


class MockMember(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Member

    def __init__(self, *, display: str | None = None, permissions: discord.Permissions | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        kwargs.setdefault("name", "reporter")
        kwargs.setdefault("bot", False)
        super().__init__(**kwargs)
        self.mention = f"<@{self.id}>"
        self.display_name = display or self.name
        self.guild_permissions = permissions or discord.Permissions.none()
        self.__str__.return_value = self.name


class MockTextChannel(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.TextChannel

    def __init__(self, *, guild: MockGuild | None = None, permissions: discord.Permissions | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        kwargs.setdefault("name", "news-desk")
        super().__init__(**kwargs)
        self.guild = guild or MockGuild()
        self.mention = f"<#{self.id}>"
        self.permissions_for.return_value = permissions or discord.Permissions.text()


class MockThread(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Thread

    def __init__(self, *, parent: MockTextChannel, **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        kwargs.setdefault("name", "thread")
        super().__init__(**kwargs)
        self.parent_id = parent.id
        self.parent = parent
        self.guild = parent.guild


class MockMessage(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Message

    def __init__(self, *, content: str = "", author: MockMember | None = None,
                 channel: MockTextChannel | MockThread | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        super().__init__(**kwargs)
        self.channel = channel or MockTextChannel()
        self.guild = self.channel.guild
        self.author = author or MockMember()
        self.content = content
        self.webhook_id = None
        self.type = discord.MessageType.default
        self.created_at = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
        self.edited_at = None
        self.jump_url = f"https://discord.com/channels/{self.guild.id}/{self.channel.id}/{self.id}"
        self.reply.return_value = unittest.mock.MagicMock(spec_set=discord.Message, id=next_id())


class MockWebhook(CustomMockMixin, unittest.mock.MagicMock):
    """``interaction.followup``."""

    spec_set = discord.Webhook

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.send.return_value = unittest.mock.MagicMock(spec_set=discord.WebhookMessage, id=next_id())


class MockInteractionResponse(CustomMockMixin, unittest.mock.MagicMock):
    """``interaction.response`` that remembers whether and how it was answered."""

    spec_set = discord.InteractionResponse

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind: discord.InteractionResponseType | None = None
        self.is_done.side_effect = lambda: self.kind is not None
        self.defer.side_effect = self._deferred
        self.send_message.side_effect = self._answered(discord.InteractionResponseType.channel_message)
        self.edit_message.side_effect = self._answered(discord.InteractionResponseType.message_update)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "kind":  # test-side state, not a discord attribute
            object.__setattr__(self, name, value)
            return
        super().__setattr__(name, value)

    async def _deferred(self, *args: Any, **kwargs: Any) -> None:
        self._check_once()
        self.kind = discord.InteractionResponseType.deferred_channel_message

    def _answered(self, kind: discord.InteractionResponseType):
        async def answer(*args: Any, **kwargs: Any) -> None:
            self._check_once()
            self.kind = kind

        return answer

    def _check_once(self) -> None:
        if self.kind is not None:
            raise discord.InteractionResponded(unittest.mock.MagicMock())

    @property
    def type(self) -> discord.InteractionResponseType | None:  # type: ignore[override]
        return self.kind


class MockInteraction(CustomMockMixin, unittest.mock.MagicMock):
    spec_set = discord.Interaction

    def __init__(self, *, user: MockMember | None = None, guild: MockGuild | None = None,
                 channel: MockTextChannel | None = None, permissions: discord.Permissions | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("id", next_id())
        super().__init__(**kwargs)
        self.guild = guild or (channel.guild if channel else MockGuild())
        self.guild_id = self.guild.id if self.guild is not None else None
        self.channel = channel or MockTextChannel(guild=self.guild)
        self.channel_id = self.channel.id
        self.user = user or MockMember()
        self.permissions = permissions or discord.Permissions.none()
        self.created_at = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
        self.extras = {}
        self.command = None
        self.response = MockInteractionResponse()
        self.followup = MockWebhook()


# -- what was sent -----------------------------------------------------------------


def calls_of(*mocks: unittest.mock.Mock) -> list[unittest.mock._Call]:
    """Every call made to these send-like mocks, in order."""
    out = []
    for m in mocks:
        out.extend(m.call_args_list)
    return out


def all_sends(interaction: MockInteraction) -> list[unittest.mock._Call]:
    """Every message the code sent or edited through an interaction."""
    r = interaction.response
    return calls_of(r.send_message, r.edit_message, interaction.followup.send)


def text_of(call: unittest.mock._Call) -> str:
    """All text a call would show: content, embed titles, descriptions, fields, footers, authors."""
    parts: list[str] = []
    content = call.kwargs.get("content", call.args[0] if call.args else None)
    if content:
        parts.append(str(content))
    embeds = list(call.kwargs.get("embeds") or [])
    if call.kwargs.get("embed") is not None:
        embeds.append(call.kwargs["embed"])
    for e in embeds:
        parts.extend(x for x in (e.title, e.description, e.footer.text, e.author.name) if x)
        for f in e.fields:
            parts.extend((f.name, f.value))
    return "\n".join(parts)


# -- the engine and fixture articles -------------------------------------------------


def make_engine(nlp):
    """The real engine around an already-loaded spaCy pipeline (the session ``nlp`` fixture)."""
    from bot.engine.measures import MeasureVocab
    from bot.engine.pipeline import Engine
    from bot.engine.places import Places

    return Engine(nlp, MeasureVocab.load(), Places.load())


#: A council approves a flood barrier: a cost and a head count, both attributed.
BARRIER = (
    "The Marrow Valley council approved a new flood barrier on Monday. The barrier will cost 40 million euros, "
    "the council's finance director said. Work is due to start in the spring and last two years, and about 150 "
    "workers will be hired, the mayor said. Residents have campaigned for flood defences for a decade."
)
#: A later report: the cost conflicts, the head count matches.
BARRIER_CRITICS = (
    "Critics of the Marrow Valley flood barrier questioned its price on Thursday. The barrier will cost 65 million "
    "euros, an opposition councillor said, citing internal documents. The council has said 150 workers will be "
    "hired for the project, which is due to start in the spring and has divided the valley's residents."
)
#: Long enough to be an article, with no figure in it.
NO_FIGURES = (
    "The editors met this morning to talk about the layout of the weekend edition. Everyone agreed that the "
    "photographs from the valley should run large on the front page, and that the opinion section needs a "
    "fresh design before the autumn. The meeting ended with coffee and a promise to keep the next meeting short."
)
