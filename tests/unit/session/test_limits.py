"""Call limits: which is due, the warning before it, the end; one dataclass for server and session."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from pyee import EventEmitter
from support.fakes import FakeChannel

from voicertc.config import ServerConfig
from voicertc.session import CallLimits, SessionOptions
from voicertc.session.events import CallEvents
from voicertc.session.limits import CallLimiter, ended_notice


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(**limits: float | None) -> tuple[CallLimiter, Clock, FakeChannel, list[str]]:
    clock = Clock()
    events = CallEvents(EventEmitter())
    channel = FakeChannel()
    events.channel = channel
    ended: list[str] = []
    settings = {"max_call_seconds": None, "idle_seconds": None, "media_timeout_seconds": None}
    settings.update(limits)
    return CallLimiter(CallLimits(**settings), events, ended.append, clock), clock, channel, ended


def test_the_limit_fields_are_declared_once() -> None:
    names = [f.name for f in dataclasses.fields(CallLimits)]
    assert names == [
        "max_call_seconds",
        "idle_seconds",
        "media_timeout_seconds",
        "reply_timeout_seconds",
        "warn_seconds",
        "resume_seconds",
    ]
    for holder in (ServerConfig, SessionOptions):
        assert issubclass(holder, CallLimits)


def test_server_limits_pass_on_to_session_options() -> None:
    config = ServerConfig(
        max_call_seconds=60, idle_seconds=None, media_timeout_seconds=5, reply_timeout_seconds=7
    )
    options = SessionOptions(**config.call_limits())
    assert (options.max_call_seconds, options.idle_seconds, options.media_timeout_seconds) == (60, None, 5)
    assert options.reply_timeout_seconds == 7 and options.warn_seconds == 30


def test_limits_are_keyword_only_so_positional_fields_keep_their_places() -> None:
    config = ServerConfig("0.0.0.0", 9000)
    assert (config.host, config.port) == ("0.0.0.0", 9000)
    with pytest.raises(TypeError):
        CallLimits(10)  # type: ignore[misc]


def test_defaults_are_an_hour_ten_minutes_and_twenty_seconds() -> None:
    limits = CallLimits()
    assert (limits.max_call_seconds, limits.idle_seconds, limits.media_timeout_seconds) == (3600, 600, 20)


def test_no_limits_no_watch() -> None:
    watch, _, _, ended = limiter()
    assert watch.next_limit() is None and watch.check() is None and ended == []


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        ({"max_call_seconds": 10, "idle_seconds": 20}, "max_duration"),
        ({"max_call_seconds": 30, "idle_seconds": 20}, "idle"),
        ({"max_call_seconds": 30, "media_timeout_seconds": 5}, "media_timeout"),
    ],
)
def test_the_nearest_limit_is_watched(limits: dict, reason: str) -> None:
    watch, _, _, _ = limiter(**limits)
    watch.frame()
    assert watch.next_limit()[0] == reason


def test_media_timeout_starts_with_the_first_frame_or_start() -> None:
    watch, _, _, _ = limiter(media_timeout_seconds=5)
    assert watch.next_limit() is None
    watch.frame()
    assert watch.next_limit() == ("media_timeout", 5)


def test_activity_moves_the_idle_limit() -> None:
    watch, clock, _, _ = limiter(idle_seconds=100)
    clock.now += 60
    assert watch.next_limit() == ("idle", 40)
    watch.activity()
    assert watch.next_limit() == ("idle", 100)


def test_frames_move_the_media_limit() -> None:
    watch, clock, _, ended = limiter(media_timeout_seconds=20)
    watch.frame()
    clock.now += 15
    watch.frame()
    clock.now += 15
    assert watch.check() is not None and ended == []


def test_a_limit_due_ends_the_call_with_its_reason() -> None:
    watch, clock, _, ended = limiter(max_call_seconds=60)
    clock.now += 60
    assert watch.check() is None
    assert ended == ["max_duration"]


def test_the_caller_is_warned_once_before_the_end() -> None:
    watch, clock, channel, ended = limiter(max_call_seconds=100)
    clock.now += 80
    watch.check()
    watch.check()
    notices = channel.of_type("notice")
    assert notices == [
        {
            "type": "notice",
            "code": "call_ending",
            "reason": "max_duration",
            "seconds": 20,
            "message": "This call is about to reach its time limit and will end soon.",
        }
    ]
    assert ended == []


def test_idle_is_warned_too() -> None:
    watch, clock, channel, _ = limiter(idle_seconds=40)
    clock.now += 15
    watch.check()
    assert channel.of_type("notice")[0]["reason"] == "idle"


def test_media_that_stopped_gets_no_warning() -> None:
    watch, clock, channel, ended = limiter(media_timeout_seconds=20)
    watch.frame()
    clock.now += 19
    watch.check()
    assert channel.of_type("notice") == [] and ended == []


def test_it_sleeps_until_the_warning_then_until_the_end() -> None:
    watch, clock, _, _ = limiter(max_call_seconds=33)
    assert watch.check() == 3  # until the warning, 30 s before
    clock.now += 3
    assert watch.check() == 5  # looks again at least every 5 s


def test_it_never_naps_less_than_fifty_milliseconds() -> None:
    watch, clock, _, _ = limiter(max_call_seconds=100)
    clock.now += 99.99
    assert watch.check() == 0.05


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("max_duration", "time limit"),
        ("idle", "silence"),
        ("media_timeout", "No audio"),
        ("upstream_unavailable", "could not be reached"),
        ("server_shutdown", "restarting"),
    ],
)
def test_each_ending_says_why(reason: str, words: str) -> None:
    notice = ended_notice(reason)
    assert notice["code"] == "call_ended" and notice["reason"] == reason and notice["seconds"] == 0
    assert words in notice["message"]


async def test_run_returns_once_it_has_ended_the_call() -> None:
    ended: list[str] = []
    limits = CallLimits(max_call_seconds=0.01, idle_seconds=None, media_timeout_seconds=None, warn_seconds=0)
    watch = CallLimiter(limits, CallEvents(EventEmitter()), ended.append)
    await asyncio.wait_for(watch.run(), 1)
    assert ended == ["max_duration"]
