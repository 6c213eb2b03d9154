"""The upstream link on fakes: reconnect and backoff, history replay, the reply watchdog."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pyee import EventEmitter
from support.fakes import FakeChannel, FakeUpstreams, until

from voicertc.metrics import METRICS
from voicertc.session.events import CallEvents
from voicertc.session.upstream_link import HISTORY_TURNS, UpstreamLink, backoff_seconds


class Harness:
    def __init__(self, failures: int = 0, attempts: int = 3, reply_timeout: float | None = None) -> None:
        self.upstreams = FakeUpstreams(failures)
        self.events = CallEvents(EventEmitter())
        self.channel = FakeChannel()
        self.events.channel = self.channel
        self.received: list[dict[str, Any]] = []
        self.connected = 0
        self.unavailable = 0
        self.context: list[dict[str, Any]] = []
        self.waits: list[int] = []

        async def on_event(event: dict[str, Any]) -> None:
            self.received.append(event)

        def backoff(attempt: int) -> float:
            self.waits.append(attempt)
            return 0.0

        self.link = UpstreamLink(
            self.upstreams,
            on_event,
            self.events,
            session_id="s1",
            reply_timeout=reply_timeout,
            attempts=attempts,
            on_connected=self._connected,
            on_unavailable=self._unavailable,
            context=lambda: list(self.context),
            backoff=backoff,
        )
        self.task: asyncio.Task[None] | None = None

    def _connected(self) -> None:
        self.connected += 1

    def _unavailable(self) -> None:
        self.unavailable += 1

    def start(self) -> None:
        self.task = asyncio.ensure_future(self.link.run())

    async def stop(self) -> None:
        await self.link.close()
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except asyncio.CancelledError:
                pass

    def errors(self) -> list[str]:
        return [m["code"] for m in self.channel.of_type("error")]


@pytest.fixture
async def harness() -> Any:
    made = Harness()
    made.start()
    await made.upstreams.connected()
    yield made
    await made.stop()


@pytest.mark.parametrize(
    ("attempt", "seconds"), [(1, 0.25), (2, 0.5), (3, 1.0), (4, 2.0), (5, 4.0), (6, 8.0), (7, 8.0), (20, 8.0)]
)
def test_backoff_doubles_from_a_quarter_second_up_to_eight(attempt: int, seconds: float) -> None:
    assert backoff_seconds(attempt) == seconds


async def test_the_first_connection_is_not_a_reconnect(harness: Harness) -> None:
    assert harness.connected == 1
    assert harness.upstreams.current.sent == []
    assert harness.link.connected


async def test_failed_connects_back_off_then_succeed() -> None:
    made = Harness(failures=2)
    made.start()
    await made.upstreams.connected()
    assert made.waits == [1, 2]
    assert len(made.upstreams.made) == 3
    assert [m["state"] for m in made.channel.of_type("state")] == ["reconnecting"]
    assert made.connected == 1
    await made.stop()


async def test_too_many_failed_connects_give_up_and_say_so() -> None:
    made = Harness(failures=100, attempts=2)
    made.start()
    await asyncio.wait_for(made.task, 2)
    assert made.waits == [1, 2]
    assert made.unavailable == 1
    assert made.errors() == ["upstream_unavailable"]
    assert "unavailable" in made.channel.of_type("error")[0]["message"]
    await made.stop()


async def test_a_dropped_connection_is_replaced(harness: Harness) -> None:
    first = harness.upstreams.current
    before = METRICS.upstream_reconnects.value()
    first.drop()
    second = await harness.upstreams.connected(2)
    assert second is not first and first.was_closed
    assert harness.connected == 2
    assert METRICS.upstream_reconnects.value() == before + 1
    assert "reconnecting" in [m["state"] for m in harness.channel.of_type("state")]


async def test_a_new_connection_hears_the_conversation_then_the_context(harness: Harness) -> None:
    harness.link.remember("user", "add reverb")
    harness.link.remember("assistant", "Reverb is on.")
    harness.context = [{"type": "conversation.item.create", "item": {"note": "chain"}}]
    harness.upstreams.current.drop()
    second = await harness.upstreams.connected(2)
    texts = [(e["item"]["role"], e["item"]["content"][0]) for e in second.sent[:2]]
    assert texts == [
        ("user", {"type": "input_text", "text": "add reverb"}),
        ("assistant", {"type": "output_text", "text": "Reverb is on."}),
    ]
    assert second.sent[2] == {"type": "conversation.item.create", "item": {"note": "chain"}}
    assert len(second.sent) == 3


async def test_history_keeps_the_last_turns_only(harness: Harness) -> None:
    for k in range(HISTORY_TURNS + 10):
        harness.link.remember("user", f"turn {k}")
    assert len(harness.link.history) == HISTORY_TURNS
    assert harness.link.history[0] == ("user", "turn 10")


async def test_blank_turns_are_not_remembered(harness: Harness) -> None:
    harness.link.remember("user", "   ")
    harness.link.remember("assistant", "")
    assert list(harness.link.history) == []


async def test_events_of_the_current_connection_reach_the_handler(harness: Harness) -> None:
    await harness.upstreams.current.push({"type": "session.updated"})
    assert harness.received == [{"type": "session.updated"}]


async def test_appends_go_to_the_current_connection(harness: Harness) -> None:
    harness.link.append_audio(b"ab")
    assert harness.upstreams.current.appended == [b"ab"]


async def test_send_on_a_closed_connection_is_reported_not_raised(harness: Harness) -> None:
    harness.upstreams.current.closed.set()
    await harness.link.send({"type": "response.create"})
    assert harness.errors() == ["upstream_unavailable"]


async def test_send_that_fails_otherwise_is_only_logged(harness: Harness) -> None:
    async def broken(event: dict[str, Any]) -> None:
        raise ConnectionResetError("gone")

    harness.upstreams.current.send = broken  # type: ignore[method-assign]
    await harness.link.send({"type": "response.create"})
    assert harness.errors() == []


async def test_close_stops_reconnecting_and_counts_dropped_appends() -> None:
    made = Harness()
    made.start()
    upstream = await made.upstreams.connected()
    upstream.dropped_appends = 3
    before = METRICS.dropped_appends.value()
    await made.link.close()
    await asyncio.wait_for(made.task, 1)
    assert upstream.was_closed and len(made.upstreams.made) == 1
    assert METRICS.dropped_appends.value() == before + 3


# -- the reply watchdog -------------------------------------------------------------------------


async def watched(timeout: float = 0.05) -> Harness:
    made = Harness(reply_timeout=timeout)
    made.start()
    await made.upstreams.connected()
    return made


async def test_no_reply_in_time_is_a_stall_and_the_connection_is_replaced() -> None:
    made = await watched()
    first = made.upstreams.current
    made.link.expect_reply()
    await made.upstreams.connected(2)
    assert first.abandoned
    assert made.errors() == ["upstream_stalled"]
    assert "did not answer in 0.05 seconds" in made.channel.of_type("error")[0]["message"]
    await made.stop()


@pytest.mark.parametrize("answer", ["response.done", "error"])
async def test_an_answer_or_a_refusal_stops_the_watchdog(answer: str) -> None:
    made = await watched()
    made.link.expect_reply()
    await made.upstreams.current.push({"type": answer})
    assert not made.link.reply_owed
    await made.stop()


async def test_each_response_event_rearms_the_watchdog() -> None:
    made = await watched(timeout=5)
    assert not made.link.reply_owed
    await made.upstreams.current.push({"type": "response.output_audio.delta"})
    assert made.link.reply_owed
    await made.stop()


async def test_other_events_leave_the_watchdog_alone() -> None:
    made = await watched(timeout=5)
    await made.upstreams.current.push({"type": "input_audio_buffer.speech_started"})
    assert not made.link.reply_owed
    await made.stop()


async def test_nothing_is_owed_by_a_connection_that_is_not_there() -> None:
    made = await watched(timeout=5)
    made.upstreams.current.closed.set()
    made.link.expect_reply()
    assert not made.link.reply_owed
    await made.stop()


async def test_no_watchdog_without_a_timeout(harness: Harness) -> None:
    harness.link.expect_reply()
    assert not harness.link.reply_owed


async def test_a_lost_connection_owes_nothing_any_more() -> None:
    made = await watched(timeout=5)
    made.link.expect_reply()
    made.upstreams.current.drop()
    await made.upstreams.connected(2)
    assert not made.link.reply_owed
    await made.stop()


async def test_after_close_no_reply_is_expected() -> None:
    made = await watched(timeout=5)
    made.link.expect_reply()
    await made.stop()
    assert not made.link.reply_owed
    made.link.expect_reply()
    assert not made.link.reply_owed


async def test_a_stalled_session_reconnects_end_to_end() -> None:
    from .conftest import open_call

    opened = await open_call(reply_timeout_seconds=0.05)
    await opened.session.send_text("hello?")
    await opened.upstreams.connected(2)
    await until(lambda: opened.session.state == "listening")
    assert [m["code"] for m in opened.channel.of_type("error")] == ["upstream_stalled"]
    replay = opened.upstream.sent[0]
    assert replay["item"]["content"][0]["text"] == "hello?"
    await opened.session.close()


async def test_later_response_events_move_the_deadline_on_one_timer() -> None:
    made = await watched(timeout=5)
    made.link.expect_reply()
    timer, due = made.link._reply_timer, made.link._reply_due
    await made.upstreams.current.push({"type": "response.output_audio.delta"})
    assert made.link._reply_timer is timer and made.link._reply_due > due
    made.link._reply_check()  # the first deadline's timer: the reply is not overdue yet
    assert made.link.reply_owed and made.errors() == []
    made.link._reply_due = asyncio.get_running_loop().time()  # the latest deadline passes
    made.link._reply_check()
    assert made.errors() == ["upstream_stalled"]
    await made.stop()
