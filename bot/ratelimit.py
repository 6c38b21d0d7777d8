"""Sliding-window rate limits per user and per guild.

``check(user_id, guild_id)`` answers ``None`` and counts the request when both
the user and the guild are under their limit for the last ``window`` seconds;
otherwise it counts nothing and answers how many seconds to wait. The bot uses
one limiter for checks and fetches, built with :meth:`RateLimiter.from_settings`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

from bot.settings import Settings

__all__ = ["RateLimiter", "SlidingWindow"]


class SlidingWindow:
    """At most ``limit`` events per key in any ``window`` seconds (a log of event times)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float]) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}

    def _prune(self, key: Hashable, now: float) -> deque[float] | None:
        events = self._events.get(key)
        if events is None:
            return None
        while events and events[0] <= now - self.window:
            events.popleft()
        if not events:
            del self._events[key]
            return None
        return events

    def retry_after(self, key: Hashable, now: float) -> float | None:
        """Seconds until ``key`` may act again, or ``None`` if it may act now."""
        events = self._prune(key, now)
        if events is None or len(events) < self.limit:
            return None
        # the oldest event that must leave the window before one more fits
        oldest = events[len(events) - self.limit]
        return max(oldest + self.window - now, 0.0) or None

    def record(self, key: Hashable, now: float) -> None:
        self._events.setdefault(key, deque()).append(now)

    def remaining(self, key: Hashable, now: float) -> int:
        events = self._prune(key, now)
        return self.limit - (len(events) if events else 0)

    def sweep(self, now: float) -> None:
        """Forget keys with no event in the window (bounded memory)."""
        for key in list(self._events):
            self._prune(key, now)

    def __len__(self) -> int:
        return len(self._events)


class RateLimiter:
    """Per-user and per-guild sliding windows, checked together."""

    #: sweep idle keys after this many checks
    SWEEP_EVERY = 1024

    def __init__(
        self,
        per_user: int,
        per_guild: int,
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self.users = SlidingWindow(per_user, window, clock)
        self.guilds = SlidingWindow(per_guild, window, clock)
        self._checks = 0

    @classmethod
    def from_settings(
        cls, settings: Settings, *, clock: Callable[[], float] = time.monotonic
    ) -> RateLimiter:
        return cls(settings.rate_user_per_minute, settings.rate_guild_per_minute, clock=clock)

    def check(self, user_id: int, guild_id: int | None = None) -> float | None:
        """``None`` (and the request is counted) if allowed, else seconds to wait.

        A refused request is not counted, so retrying too early does not
        push the wait further out. ``guild_id`` is ``None`` in direct messages.
        """
        now = self._clock()
        self._checks += 1
        if self._checks % self.SWEEP_EVERY == 0:
            self.users.sweep(now)
            self.guilds.sweep(now)
        waits = [self.users.retry_after(user_id, now)]
        if guild_id is not None:
            waits.append(self.guilds.retry_after(guild_id, now))
        wait = max((w for w in waits if w is not None), default=None)
        if wait is not None:
            return wait
        self.users.record(user_id, now)
        if guild_id is not None:
            self.guilds.record(guild_id, now)
        return None

    def remaining(self, user_id: int, guild_id: int | None = None) -> int:
        """Requests left now for this user in this guild."""
        now = self._clock()
        left = self.users.remaining(user_id, now)
        if guild_id is not None:
            left = min(left, self.guilds.remaining(guild_id, now))
        return left
