"""Who is a moderator of the verification desk.

The rule, per workspace (a Discord server):

* Members with **Administrator** are always moderators, so a server cannot lock
  itself out of its own desk.
* When the server has set a moderator role (``/settings moderator-role``,
  stored as the workspace setting ``moderator_role``), members holding that
  role are moderators, and nobody else is.
* Otherwise members who may **Manage Messages** are moderators.

The decision is pure (:func:`is_moderator`, :func:`actor_for`): it reads the
member's permissions and role ids and the stored setting, nothing else. The
store checks ``Actor.is_moderator`` again on every curation write.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.engine.protocol import Actor, ClaimStore

#: the workspace setting that names the moderator role (a role id, as text)
MODERATOR_ROLE = "moderator_role"

NOT_MODERATOR = (
    "Only moderators can do that. Moderators are members with the server's moderator role "
    "(set with /settings moderator-role) or, when none is set, members who may Manage Messages."
)


def role_id_of(setting: str | None) -> int | None:
    """The role id stored in the ``moderator_role`` setting, or None when unset or unreadable."""
    if setting is None:
        return None
    text = setting.strip()
    return int(text) if text.isdigit() else None


def is_moderator(permissions: discord.Permissions, role_ids: Iterable[int], moderator_role: str | None) -> bool:
    """Whether a member with these permissions and roles moderates a server with this setting."""
    if permissions.administrator:
        return True
    role = role_id_of(moderator_role)
    if role is not None:
        return role in set(role_ids)
    return permissions.manage_messages


def member_role_ids(user: discord.abc.User) -> list[int]:
    """The role ids of a guild member (none for a plain user, e.g. in direct messages)."""
    roles = getattr(user, "roles", None) or ()
    return [r.id for r in roles]


def actor_for(user: discord.abc.User, permissions: discord.Permissions, moderator_role: str | None) -> Actor:
    """The :class:`Actor` the store sees for this member."""
    return Actor(
        name=str(user),
        user_id=user.id,
        is_moderator=is_moderator(permissions, member_role_ids(user), moderator_role),
    )


async def interaction_actor(store: ClaimStore, interaction: discord.Interaction) -> Actor:
    """The actor behind an interaction in a server, judged with the server's stored setting."""
    if interaction.guild_id is None:
        return Actor(name=str(interaction.user), user_id=interaction.user.id, is_moderator=False)
    setting = await store.get_setting(str(interaction.guild_id), MODERATOR_ROLE)
    return actor_for(interaction.user, interaction.permissions, setting)


def describe_rule(moderator_role: str | None) -> str:
    """One sentence saying who moderates, for replies."""
    role = role_id_of(moderator_role)
    if role is None:
        return "Moderators are members who may Manage Messages (and administrators)."
    return f"Moderators are members with the <@&{role}> role (and administrators)."
