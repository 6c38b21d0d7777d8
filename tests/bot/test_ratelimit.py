"""Sliding-window rate limits per user and per guild, on an injected clock."""

from __future__ import annotations

import pytest

from bot.ratelimit import RateLimiter, SlidingWindow


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_user_limit_and_wait(clock: Clock) -> None:
    limiter = RateLimiter(per_user=3, per_guild=100, clock=clock)
    for _ in range(3):
        assert limiter.check(1, 10) is None
        clock.advance(10)
    # events at 1000, 1010, 1020; now 1030: the oldest leaves the window at 1060
    assert limiter.check(1, 10) == pytest.approx(30.0)
    assert limiter.check(2, 10) is None  # another user is not held back


def test_window_slides_rather_than_resets(clock: Clock) -> None:
    limiter = RateLimiter(per_user=2, per_guild=100, clock=clock)
    assert limiter.check(1, 10) is None  # t=1000
    clock.advance(50)
    assert limiter.check(1, 10) is None  # t=1050
    clock.advance(5)
    assert limiter.check(1, 10) == pytest.approx(5.0)  # t=1055, first leaves at 1060
    clock.advance(5)
    assert limiter.check(1, 10) is None  # t=1060: the first has left the window
    assert limiter.check(1, 10) == pytest.approx(50.0)  # the one at 1050 leaves at 1110


def test_refused_requests_are_not_counted(clock: Clock) -> None:
    limiter = RateLimiter(per_user=1, per_guild=100, clock=clock)
    assert limiter.check(1, 10) is None
    for _ in range(5):
        clock.advance(10)
        assert limiter.check(1, 10) is not None
    clock.advance(10.5)  # t=1060.5
    assert limiter.check(1, 10) is None


def test_guild_limit_spans_users(clock: Clock) -> None:
    limiter = RateLimiter(per_user=5, per_guild=3, clock=clock)
    assert [limiter.check(user, 10) for user in (1, 2, 3)] == [None, None, None]
    clock.advance(15)
    assert limiter.check(4, 10) == pytest.approx(45.0)
    assert limiter.check(4, 11) is None  # another guild has its own budget


def test_guild_refusal_does_not_spend_the_users_budget(clock: Clock) -> None:
    limiter = RateLimiter(per_user=2, per_guild=1, clock=clock)
    assert limiter.check(1, 10) is None
    assert limiter.check(1, 10) is not None  # guild 10 is full
    assert limiter.check(1, 11) is None  # the refusal above did not count for user 1
    assert limiter.check(1, 12) is not None  # now user 1 is at 2


def test_direct_messages_have_no_guild(clock: Clock) -> None:
    limiter = RateLimiter(per_user=2, per_guild=1, clock=clock)
    assert limiter.check(1, None) is None
    assert limiter.check(1) is None
    assert limiter.check(1) == pytest.approx(60.0)
    assert len(limiter.guilds) == 0


def test_longest_wait_wins(clock: Clock) -> None:
    limiter = RateLimiter(per_user=1, per_guild=2, clock=clock)
    assert limiter.check(1, 11) is None  # t=1000: user 1 full until 1060
    clock.advance(10)
    assert limiter.check(2, 10) is None  # t=1010
    clock.advance(10)
    assert limiter.check(3, 10) is None  # t=1020: guild 10 full until 1070
    clock.advance(10)
    assert limiter.check(1, 10) == pytest.approx(40.0)  # user: 30 s, guild: 40 s
    assert limiter.check(1, 12) == pytest.approx(30.0)  # user only


def test_remaining(clock: Clock) -> None:
    limiter = RateLimiter(per_user=3, per_guild=5, clock=clock)
    assert limiter.remaining(1, 10) == 3
    limiter.check(1, 10)
    limiter.check(2, 10)
    assert limiter.remaining(1, 10) == 2
    assert limiter.remaining(3, 10) == 3
    limiter.check(3, 10)
    limiter.check(4, 10)
    assert limiter.remaining(5, 10) == 1


def test_idle_keys_are_forgotten(clock: Clock) -> None:
    limiter = RateLimiter(per_user=1, per_guild=10_000, clock=clock)
    for user in range(RateLimiter.SWEEP_EVERY - 1):
        limiter.check(user, 10)
    assert len(limiter.users) == RateLimiter.SWEEP_EVERY - 1
    clock.advance(61)
    limiter.check(99_999, 10)  # the sweeping check
    assert len(limiter.users) == 1
    assert len(limiter.guilds) == 1


def test_from_settings(settings, clock: Clock) -> None:
    limiter = RateLimiter.from_settings(settings, clock=clock)
    assert settings.rate_user_per_minute == 6
    results = [limiter.check(1, 10) for _ in range(7)]
    assert results[:6] == [None] * 6
    assert results[6] == pytest.approx(60.0)


@pytest.mark.parametrize(("limit", "window"), [(0, 60.0), (1, 0.0)])
def test_bad_windows_are_refused(limit: int, window: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        SlidingWindow(limit, window, Clock())
