"""The one place app-command errors become replies.

* A :class:`~bot.engine.errors.CrosscheckError` shows its own sentence.
* A failed check (missing permission, not in a server) gets a short refusal.
* Anything else is logged with its traceback under an 8-hex-digit incident id,
  and the user sees only the neutral message carrying that id.

Every reply is ephemeral and mentions nobody. :class:`CrosscheckTree` routes
``CommandTree.on_error`` here; views call :func:`report_error` from their own
``on_error``.
"""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.engine.errors import CrosscheckError
from bot.render.limits import ZWSP, escape, no_mentions

log = logging.getLogger(__name__)

INCIDENT_MESSAGE = (
    "Something went wrong on our side (incident {incident}). Try again later; "
    "if it keeps happening, give that id to the bot's operators."
)
#: key in ``interaction.extras`` a command sets once it has sent its real answer
ANSWERED = "crosscheck_answered"
#: key in ``interaction.extras`` set by :func:`defer` when the "thinking…" message is private
PRIVATE = "crosscheck_private"


class RateLimited(CrosscheckError):
    """Too many checks from one person or one server in the last minute."""

    def __init__(self, retry_after: float) -> None:
        seconds = max(1, round(retry_after))
        super().__init__(
            f"That is a lot of checks in a short time. Try again in {seconds} s."
        )
        self.retry_after = retry_after


def new_incident_id() -> str:
    return secrets.token_hex(4)


def _permission_names(perms: list[str]) -> str:
    return ", ".join(p.replace("_", " ").replace("guild", "server").title() for p in perms)


def error_text(error: CrosscheckError) -> str:
    """The sentence of ``error``, safe to post: markdown, masked links and mentions neutralised.

    Error sentences can quote what a user typed or what a remote server sent,
    so every one is escaped here, once: the places raising them put raw text
    in. :func:`~bot.render.limits.escape` backslashes only markdown
    characters (Discord hides those backslashes) and leaves URLs and ordinary
    punctuation alone.
    """
    return escape(str(error), single_line=False)


def user_message(error: BaseException, *, command: str | None = None) -> str:
    """The sentence the user sees for ``error``; unexpected errors are logged here with an incident id."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.TransformerError) and isinstance(error.__cause__, CrosscheckError):
        error = error.__cause__
    if isinstance(error, CrosscheckError):
        return error_text(error)
    if isinstance(error, app_commands.MissingPermissions):
        return f"You need the {_permission_names(error.missing_permissions)} permission to do that."
    if isinstance(error, app_commands.BotMissingPermissions):
        return (
            f"I need the {_permission_names(error.missing_permissions)} permission here. "
            "Ask a server admin to grant it."
        )
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in a server, not in direct messages."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {max(1, round(error.retry_after))} s."
    if isinstance(error, app_commands.CheckFailure):
        return "You are not allowed to use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"“{discord.utils.escape_markdown(str(error.value))[:100]}” is not a valid value for that option."
    incident = new_incident_id()
    log.error(
        "incident %s: unhandled error in %s",
        incident,
        f"/{command}" if command else "an interaction",
        exc_info=(type(error), error, error.__traceback__),
    )
    return INCIDENT_MESSAGE.format(incident=incident)


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Defer with "thinking…", remembering whether it is private (for :func:`send_ephemeral`)."""
    interaction.extras[PRIVATE] = ephemeral
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Send ``text`` privately, whatever state the interaction is in."""
    none = discord.AllowedMentions.none()
    # idempotent: an escaped error sentence already has its mentions broken
    text = no_mentions(text).replace(ZWSP + ZWSP, ZWSP)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=none)
            return
        if (
            interaction.response.type is discord.InteractionResponseType.deferred_channel_message
            and not interaction.extras.get(ANSWERED)
            and not interaction.extras.get(PRIVATE)
        ):
            # the public "thinking…" message would turn the first followup public: remove it first
            try:
                await interaction.delete_original_response()
            except discord.HTTPException as exc:
                log.info("could not remove the deferred response: %s", exc)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=none)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Turn ``error`` into an ephemeral reply (and a log line with an incident id when unexpected)."""
    command = interaction.command.qualified_name if interaction.command else None
    await send_ephemeral(interaction, user_message(error, command=command))


class CrosscheckTree(app_commands.CommandTree):
    """A command tree whose errors all go through :func:`report_error`."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
