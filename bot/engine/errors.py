"""Domain exceptions. Each carries the sentence a user sees.

The central error handlers (CLI and Discord) show ``str(exc)`` for these and
nothing else; any other exception is logged with an incident id and the user
sees a neutral message carrying that id.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class: the message is short, user-facing and names what to do next."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(CrosscheckError):
    """The text, file or option given cannot be used (empty, binary, too big...)."""

    exit_code = 2


class NotFound(CrosscheckError):
    """An id or name that is not in this workspace."""


class PermissionDenied(CrosscheckError):
    """A curation action by someone who is not a moderator."""


class StoreUnavailable(CrosscheckError):
    """The claim store cannot be reached or written."""


class FetchError(CrosscheckError):
    """A link could not be fetched or holds no article."""


class Busy(CrosscheckError):
    """Too much work queued; try again shortly."""


class TimeLimit(InputError):
    """One article took longer to read than the per-article limit; nothing of it is used."""
