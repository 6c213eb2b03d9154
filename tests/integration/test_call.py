"""Whole calls from a real aiortc client: speech in, captions, effects and audio out."""

from __future__ import annotations

import asyncio

import pytest
from conftest import listening_call

from voicertc.metrics import METRICS


def is_final(role: str):
    return lambda m: m.get("type") == "transcript" and m["role"] == role and m["final"]


@pytest.fixture
async def call(server):
    async with listening_call(server.url) as client:
        yield client


async def test_spoken_command_round_trip(server, call, speech) -> None:
    counts = (METRICS.inbound_to_append.count, METRICS.delta_to_frame.count)
    mark = len(call.received)
    call.say(speech("add some reverb"))
    user = await call.wait_for(is_final("user"), timeout=20)
    assert "reverb" in user["text"].lower()
    effects = await call.wait_for(
        lambda m: m.get("type") == "effects" and any(e["effect"] == "reverb" for e in m["chain"]),
        timeout=20,
    )
    assert effects["chain"][0]["params"]["mix"] > 0
    assistant = await call.wait_for(is_final("assistant"), timeout=20)
    assert "reverb" in assistant["text"].lower()
    metrics = await call.wait_for(lambda m: m.get("type") == "metrics" and "turn" in m, timeout=20)
    assert metrics["turn"]["total_ms"] >= metrics["turn"]["upstream_ms"] >= 0
    # The caller's frames reach the upstream socket within a few ms of being decoded.
    assert 0 <= metrics["turn"]["append_ms"] < 50
    # Both per-frame timings are exported, and this call added to them.
    assert METRICS.inbound_to_append.count > counts[0] and METRICS.delta_to_frame.count > counts[1]
    assert "voicertc_delta_to_frame_seconds_count" in METRICS.render()
    # Assistant audio with real energy reached the client's inbound track.
    await call.wait_for(lambda m: m.get("type") == "state" and m["state"] == "speaking", timeout=20)
    await call.wait_for(
        lambda m: m.get("type") == "state" and m["state"] == "listening",
        timeout=30,
        since=call.messages.index(
            next(m for m in call.messages if m.get("type") == "state" and m["state"] == "speaking")
        ),
    )
    assert call.loud_frames(mark) >= 25  # at least half a second of spoken reply


async def test_typed_text_and_data_channel_errors(server, call) -> None:
    call.send({"type": "ping", "id": 7})
    assert (await call.wait_type("pong"))["id"] == 7
    for bad, code in [
        ("not json", "bad_message"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "text", "text": 5}', "bad_message"),
        ('{"type": "effect", "action": "add", "effect": "flanger"}', "bad_effect"),
        ('{"type": "effect", "action": "set", "effect": "delay", "value": "loud"}', "bad_message"),
        ("x" * 20000, "too_large"),
    ]:
        since = len(call.messages)
        call.send(bad)
        error = await call.wait_type("error", since=since)
        assert error["code"] == code, (bad, error)
        assert error["message"]
    since = len(call.messages)
    call.send({"type": "effect", "action": "set", "effect": "delay", "value": 250, "unit": "ms"})
    effects = await call.wait_type("effects", since=since)
    assert effects["chain"] == [
        {"effect": "delay", "params": {**effects["chain"][0]["params"], "time_ms": 250.0}}
    ]
    since = len(call.messages)
    call.send({"type": "text", "text": "what effects are on"})
    await call.wait_for(lambda m: is_final("user")(m) and m["text"] == "what effects are on", since=since)
    answer = await call.wait_for(is_final("assistant"), since=since, timeout=20)
    assert "delay" in answer["text"].lower()


async def test_barge_in_cuts_the_assistant_off(server, call, speech) -> None:
    session = server.server.sessions[call.session_id]
    truncates: list[dict] = []
    truncated = asyncio.Event()

    def watch(event: dict) -> None:
        if event.get("type") == "conversation.item.truncated":
            truncates.append(event)
            truncated.set()

    session.on("upstream_event", watch)
    call.send({"type": "text", "text": "help"})
    await call.wait_type("state", state="speaking", timeout=20)
    # Let some of the answer play, then talk over it.
    item = session.track.playing_item
    assert item is not None
    await asyncio.wait_for(_frames_until(session.track, lambda: session.track.sent_ms(item) >= 400), 10)
    since = len(call.messages)
    call.say(speech("stop"))
    interrupted = await call.wait_type("interrupted", since=since, timeout=10)
    barge = await call.wait_for(lambda m: m.get("type") == "metrics" and "barge_in_ms" in m, since=since)
    assert barge["barge_in_ms"] < 100
    assert interrupted["item_id"] == item
    assert 400 <= interrupted["audio_end_ms"] <= session.track.sent_ms(item)
    await asyncio.wait_for(truncated.wait(), 10)
    assert truncates[0]["item_id"] == item
    assert truncates[0]["audio_end_ms"] == interrupted["audio_end_ms"]


async def _frames_until(track, condition) -> None:
    while not condition():
        await track.next_frame()


async def test_two_requests_typed_in_one_turn_both_reach_the_chain(server, call) -> None:
    since = len(call.messages)
    call.send({"type": "text", "text": "add reverb and a delay"})
    effects = await call.wait_for(
        lambda m: m.get("type") == "effects" and len(m["chain"]) == 2, since=since, timeout=20
    )
    assert [e["effect"] for e in effects["chain"]] == ["reverb", "delay"]
    answer = await call.wait_for(is_final("assistant"), since=since, timeout=20)
    assert "reverb" in answer["text"].lower() and "delay" in answer["text"].lower()


async def test_small_talk_over_a_real_call(server, call) -> None:
    """Typed turns a caller says to the assistant itself get their own answers, through the
    real session, upstream and data channel: the line checked, the last answer again, approval."""

    async def ask(text: str) -> str:
        since = len(call.messages)
        call.send({"type": "text", "text": text})
        answer = await call.wait_for(is_final("assistant"), since=since, timeout=20)
        # The answer is spoken before the next turn: it ends when the call listens again.
        await call.wait_type("state", state="listening", since=call.messages.index(answer), timeout=20)
        return answer["text"]

    assert (await ask("can you hear me?")).startswith("Yes, I can hear you")
    added = await ask("add some reverb")
    assert "reverb" in added.lower()
    assert await ask("sorry, what did you say?") == added
    assert await ask("that's much better") == "Good, I'll leave it like that."
    assert "my own voice" in await ask("you're too quiet")
    assert [e["effect"] for e in server.server.sessions[call.session_id].chain.to_list()] == ["reverb"]
