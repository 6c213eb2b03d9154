"""The call's effect chain owner: changes broadcast whole, told to the model, the monitor kept in step."""

from __future__ import annotations

from typing import Any

import pytest
from pyee import EventEmitter
from support.fakes import FakeChannel

from voicertc.audio.outbound import AssistantTrack
from voicertc.edge.channel import EffectMessage
from voicertc.effects import EffectError
from voicertc.session.chain import CallEffects
from voicertc.session.events import CallEvents


def owner() -> tuple[CallEffects, FakeChannel, list[dict[str, Any]]]:
    events = CallEvents(EventEmitter())
    channel = FakeChannel()
    events.channel = channel
    sent: list[dict[str, Any]] = []

    async def send(event: dict[str, Any]) -> None:
        sent.append(event)

    return CallEffects(events, AssistantTrack(), send), channel, sent


async def test_a_host_change_is_broadcast_and_told_to_the_model() -> None:
    effects, channel, sent = owner()
    await effects.apply("add", "reverb")
    assert channel.of_type("effects")[-1]["chain"][0]["effect"] == "reverb"
    note = sent[-1]["item"]
    assert note["role"] == "system" and "set by the host application" in note["content"][0]["text"]
    assert "reverb" in note["content"][0]["text"].lower()


async def test_a_bad_host_change_raises() -> None:
    effects, channel, sent = owner()
    with pytest.raises(EffectError):
        await effects.apply("add", "kazoo")
    assert sent == [] and channel.of_type("effects") == []


async def test_a_client_change_names_the_on_screen_controls() -> None:
    effects, _, sent = owner()
    await effects.apply_client(EffectMessage(action="add", effect="lowpass"))
    assert "on-screen controls" in sent[-1]["item"]["content"][0]["text"]


async def test_a_bad_client_change_is_a_bad_effect_error() -> None:
    effects, channel, sent = owner()
    await effects.apply_client(EffectMessage(action="add", effect="kazoo"))
    assert channel.of_type("error")[0]["code"] == "bad_effect" and sent == []


async def test_increase_and_decrease_move_a_parameter() -> None:
    effects, channel, _ = owner()
    await effects.apply("add", "gain")
    start = effects.chain.to_list()[0]["params"]["gain_db"]
    await effects.apply_client(EffectMessage(action="increase", effect="gain"))
    up = effects.chain.to_list()[0]["params"]["gain_db"]
    await effects.apply_client(EffectMessage(action="decrease", effect="gain"))
    down = effects.chain.to_list()[0]["params"]["gain_db"]
    assert up > start and down < up
    assert len(channel.of_type("effects")) == 3


def test_an_empty_chain_tells_a_new_connection_nothing() -> None:
    effects, _, _ = owner()
    assert effects.context() == []


async def test_a_chain_is_told_to_a_new_connection() -> None:
    effects, _, _ = owner()
    await effects.apply("add", "delay")
    [note] = effects.context()
    assert "the previous connection" in note["item"]["content"][0]["text"]


def test_the_monitor_switches_and_says_so() -> None:
    effects, channel, _ = owner()
    effects.set_monitor(True)
    first = effects.monitor
    effects.set_monitor(True)
    assert effects.monitor is first
    effects.set_monitor(False)
    assert effects.monitor is None
    assert [m["enabled"] for m in channel.of_type("monitor")] == [True, True, False]


async def test_the_monitor_follows_chain_changes() -> None:
    effects, _, _ = owner()
    effects.set_monitor(True)
    updates = []
    assert effects.monitor is not None
    effects.monitor.update = updates.append  # type: ignore[method-assign]
    await effects.apply("add", "reverb")
    assert updates == [effects.chain]


def test_monitor_off_feeds_nothing() -> None:
    effects, _, _ = owner()
    effects.feed_monitor(b"\0\1" * 480)
    assert effects.monitor is None
