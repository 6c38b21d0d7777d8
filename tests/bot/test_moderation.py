"""Who is a moderator: permissions, the server's moderator role, and the refusal sentence."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.engine.errors import CrosscheckError, PermissionDenied
from bot.errorhandler import user_message
from bot.moderation import (
    NOT_MODERATOR,
    actor_for,
    describe_rule,
    is_moderator,
    member_role_ids,
    role_id_of,
)
from cogs._moderators import CheckUnavailable, NotModerator
from tests.helpers import MockMember, MockRole

NOBODY = discord.Permissions.none()
MESSAGES = discord.Permissions(manage_messages=True)
ADMIN = discord.Permissions(administrator=True)
DESK_ROLE = 5550001
OTHER_ROLE = 5550002


@pytest.mark.parametrize(
    ("permissions", "roles", "setting", "expected"),
    [
        # no role set: Manage Messages decides
        (NOBODY, [], None, False),
        (MESSAGES, [], None, True),
        (NOBODY, [DESK_ROLE], None, False),
        # a role set: the role decides, Manage Messages alone no longer does
        (MESSAGES, [], str(DESK_ROLE), False),
        (NOBODY, [DESK_ROLE], str(DESK_ROLE), True),
        (NOBODY, [OTHER_ROLE], str(DESK_ROLE), False),
        (MESSAGES, [OTHER_ROLE, DESK_ROLE], str(DESK_ROLE), True),
        # administrators always moderate (a server cannot lock itself out)
        (ADMIN, [], None, True),
        (ADMIN, [], str(DESK_ROLE), True),
        # an unreadable setting falls back to the default rule
        (MESSAGES, [], "not-a-role", True),
        (NOBODY, [], "", False),
    ],
)
def test_is_moderator(permissions, roles, setting, expected):
    assert is_moderator(permissions, roles, setting) is expected


def test_role_id_of():
    assert role_id_of(None) is None
    assert role_id_of(" 123 ") == 123
    assert role_id_of("abc") is None


def test_actor_for_a_member_with_the_role():
    desk = MockRole(id=DESK_ROLE, name="desk")
    member = MockMember(name="maria", roles=[desk])
    actor = actor_for(member, NOBODY, str(DESK_ROLE))
    assert (actor.name, actor.user_id, actor.is_moderator) == ("maria", member.id, True)
    assert member_role_ids(member) == [DESK_ROLE]
    assert actor_for(MockMember(name="tom", roles=[]), NOBODY, str(DESK_ROLE)).is_moderator is False


def test_rule_is_described_for_replies():
    assert "Manage Messages" in describe_rule(None)
    assert f"<@&{DESK_ROLE}>" in describe_rule(str(DESK_ROLE))


def test_refusal_is_a_check_failure_that_shows_its_own_sentence():
    exc = NotModerator()
    # the command tree routes it (an AppCommandError), the error handler shows its sentence
    assert isinstance(exc, app_commands.CheckFailure)
    assert isinstance(exc, PermissionDenied)
    assert user_message(exc) == NOT_MODERATOR
    assert str(exc) == NOT_MODERATOR
    down = CheckUnavailable("The claim store cannot be reached.")
    assert isinstance(down, app_commands.CheckFailure)
    assert isinstance(down, CrosscheckError)
    assert user_message(down) == "The claim store cannot be reached."


def test_error_sentences_are_escaped_once_for_discord():
    """Text quoted in an error (a server's words, a user's query) cannot post links, mentions or markdown."""
    exc = CrosscheckError("No stored claims about “[Log in](https://phish.example) **now** @everyone <@123>”.")
    shown = user_message(exc)
    assert "[Log in](" not in shown
    assert r"\[Log in\](https://phish.example)" in shown
    assert r"\*\*now\*\*" in shown
    assert "@everyone" not in shown
    assert "<@123>" not in shown
    # our own punctuation is left alone: no visible backslashes
    plain = CrosscheckError("That page answered with an error (404 Not Found). Check the link, or paste it.")
    assert user_message(plain) == str(plain)
    assert user_message(CrosscheckError("It's done: see https://example.org/a_b.")) == (
        "It's done: see https://example.org/a_b."
    )
