"""The moderator check every curation command and button shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import discord
from discord import app_commands

from bot.engine.errors import CrosscheckError, PermissionDenied
from bot.engine.protocol import Actor
from bot.moderation import NOT_MODERATOR, interaction_actor

if TYPE_CHECKING:
    from bot.client import CrosscheckBot

#: key in ``interaction.extras`` holding the actor the check judged
ACTOR = "crosscheck_actor"


class NotModerator(app_commands.CheckFailure, PermissionDenied):
    """A curation command used by someone who is not a moderator (its sentence is shown as is)."""

    def __init__(self, message: str = NOT_MODERATOR) -> None:
        PermissionDenied.__init__(self, message)


class CheckUnavailable(app_commands.CheckFailure, CrosscheckError):
    """The moderator check could not ask the store (its sentence is the store's)."""

    def __init__(self, message: str) -> None:
        CrosscheckError.__init__(self, message)


async def actor_of(bot: CrosscheckBot, interaction: discord.Interaction) -> Actor:
    """The actor behind ``interaction`` (cached in its extras once judged)."""
    cached = interaction.extras.get(ACTOR)
    if isinstance(cached, Actor):
        return cached
    actor = await interaction_actor(bot.store, interaction)
    interaction.extras[ACTOR] = actor
    return actor


async def require_moderator(bot: CrosscheckBot, interaction: discord.Interaction) -> Actor:
    """The actor when a moderator; raises :class:`NotModerator` otherwise."""
    try:
        actor = await actor_of(bot, interaction)
    except CrosscheckError as exc:
        raise CheckUnavailable(str(exc)) from exc
    if not actor.is_moderator:
        raise NotModerator
    return actor


T = TypeVar("T")


def moderator_only() -> Callable[[T], T]:
    """An app-command check: moderators only, with a short refusal for the rest."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage
        await require_moderator(interaction.client, interaction)  # type: ignore[arg-type]
        return True

    return app_commands.check(predicate)
