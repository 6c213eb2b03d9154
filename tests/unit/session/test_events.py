"""The call's event sink: channel and host listeners, states, errors."""

from __future__ import annotations

from pyee import EventEmitter
from support.fakes import FakeChannel

from voicertc.metrics import METRICS
from voicertc.session.events import CallEvents


def sink() -> tuple[CallEvents, EventEmitter, FakeChannel]:
    emitter = EventEmitter()
    events = CallEvents(emitter)
    channel = FakeChannel()
    events.channel = channel
    return events, emitter, channel


def test_publish_reaches_channel_and_host() -> None:
    events, emitter, channel = sink()
    seen = []
    emitter.on("effects", seen.append)
    events.publish("effects", {"chain": []})
    assert channel.messages == [{"type": "effects", "chain": []}] and seen == [{"chain": []}]


def test_nothing_is_sent_before_the_channel_opens() -> None:
    events, _, channel = sink()
    channel.readyState = "connecting"
    events.publish("state", {"state": "listening"})
    assert channel.messages == []


def test_without_a_channel_the_host_still_hears() -> None:
    emitter = EventEmitter()
    events = CallEvents(emitter)
    seen = []
    emitter.on("transcript", seen.append)
    events.publish("transcript", {"text": "hi"})
    assert seen == [{"text": "hi"}]


def test_states_are_published_on_change_only() -> None:
    events, _, channel = sink()
    assert events.state == "connecting"
    events.set_state("listening")
    events.set_state("listening")
    events.set_state("thinking")
    assert [m["state"] for m in channel.messages] == ["listening", "thinking"]


def test_an_error_with_no_host_listener_does_not_raise() -> None:
    events, _, channel = sink()
    events.error("bad_message", "nope")
    assert channel.messages == [{"type": "error", "code": "bad_message", "message": "nope"}]


def test_errors_reach_host_listeners_and_are_counted() -> None:
    events, emitter, _ = sink()
    seen = []
    emitter.on("error", seen.append)
    before = METRICS.errors.value(code="unit_test_code")
    events.error("unit_test_code", "x")
    assert seen == [{"code": "unit_test_code", "message": "x"}]
    assert METRICS.errors.value(code="unit_test_code") == before + 1


def test_send_is_for_the_caller_only() -> None:
    events, emitter, channel = sink()
    seen = []
    emitter.on("pong", seen.append)
    events.send({"type": "pong", "id": 1})
    assert channel.messages == [{"type": "pong", "id": 1}] and seen == []
