"""The `events` data channel protocol: which channel, the greeting, each message's effect."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pyee import EventEmitter
from support.fakes import FakeChannel

from voicertc.edge.channel import MAX_MESSAGE_BYTES, EffectMessage
from voicertc.session.datachannel import DataChannelProtocol
from voicertc.session.events import CallEvents


class Controls:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def send_text(self, text: str) -> None:
        self.calls.append(("text", text))

    async def interrupt(self) -> None:
        self.calls.append(("interrupt", None))

    async def apply_client_effect(self, change: EffectMessage) -> None:
        self.calls.append(("effect", change))

    def set_monitor(self, enabled: bool) -> None:
        self.calls.append(("monitor", enabled))


class Harness:
    def __init__(self) -> None:
        self.events = CallEvents(EventEmitter())
        self.controls = Controls()
        self.activity = 0
        self.spawned: list[Any] = []
        self.protocol = DataChannelProtocol(
            self.events,
            self.controls,
            lambda: [{"type": "hello"}],
            spawn=self._spawn,
            on_activity=self._active,
        )

    def _spawn(self, coro: Any) -> None:
        self.spawned.append(coro)

    def _active(self) -> None:
        self.activity += 1

    async def drain(self) -> None:
        for coro in self.spawned:
            await coro
        self.spawned.clear()


@pytest.fixture
def harness() -> Harness:
    return Harness()


def opened(harness: Harness) -> FakeChannel:
    channel = FakeChannel()
    harness.protocol.attach(channel)
    return channel


def test_only_the_events_label_is_spoken_on(harness: Harness) -> None:
    other = FakeChannel(label="chat")
    harness.protocol.attach(other)
    assert harness.events.channel is None and other.messages == []


def test_any_label_when_the_host_says_so(harness: Harness) -> None:
    other = FakeChannel(label="host")
    harness.protocol.attach(other, any_label=True)
    assert harness.events.channel is other and other.messages == [{"type": "hello"}]


def test_a_second_events_channel_is_ignored(harness: Harness) -> None:
    first = opened(harness)
    second = FakeChannel()
    harness.protocol.attach(second)
    assert harness.events.channel is first and second.messages == []


def test_greeted_when_it_opens(harness: Harness) -> None:
    channel = FakeChannel(state="connecting")
    harness.protocol.attach(channel)
    assert channel.messages == []
    channel.open()
    assert channel.messages == [{"type": "hello"}]


async def test_ping_gets_pong_with_its_id(harness: Harness) -> None:
    channel = opened(harness)
    channel.receive({"type": "ping", "id": 7})
    assert channel.messages[-1] == {"type": "pong", "id": 7}


async def test_text_is_sent_as_a_user_turn(harness: Harness) -> None:
    opened(harness).receive({"type": "text", "text": "  add reverb  "})
    await harness.drain()
    assert harness.controls.calls == [("text", "add reverb")]


async def test_effect_messages_reach_the_chain(harness: Harness) -> None:
    opened(harness).receive(
        {"type": "effect", "action": "set", "effect": "gain", "param": "gain_db", "value": 3}
    )
    await harness.drain()
    [(kind, change)] = harness.controls.calls
    assert kind == "effect" and change == EffectMessage("set", "gain", 3, None, "gain_db")


async def test_interrupt_interrupts(harness: Harness) -> None:
    opened(harness).receive({"type": "interrupt"})
    await harness.drain()
    assert harness.controls.calls == [("interrupt", None)]


def test_monitor_switches_at_once(harness: Harness) -> None:
    opened(harness).receive({"type": "monitor", "enabled": True})
    assert harness.controls.calls == [("monitor", True)]


def test_every_message_is_activity(harness: Harness) -> None:
    channel = opened(harness)
    channel.receive({"type": "ping"})
    channel.receive("not json")
    assert harness.activity == 2


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_message"),
        (b"\x00binary", "bad_message"),
        ("[1, 2]", "bad_message"),
        ('{"type": 5}', "bad_message"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "text", "text": ""}', "bad_message"),
        ('{"type": "text", "text": "' + "a" * 5000 + '"}', "too_large"),
        ('{"type": "effect"}', "bad_message"),
        ('{"type": "effect", "action": "add", "value": "loud"}', "bad_message"),
        ('{"type": "monitor", "enabled": "yes"}', "bad_message"),
        ('{"type": "ping", "id": [1]}', "bad_message"),
        ("x" * (MAX_MESSAGE_BYTES + 1), "too_large"),
    ],
)
def test_bad_messages_are_errors_and_the_call_goes_on(harness: Harness, raw: str | bytes, code: str) -> None:
    channel = opened(harness)
    channel.receive(raw)
    error = channel.messages[-1]
    assert error["type"] == "error" and error["code"] == code and error["message"]
    channel.receive(json.dumps({"type": "ping", "id": "after"}))
    assert channel.messages[-1] == {"type": "pong", "id": "after"}
    assert harness.controls.calls == []
