"""VoiceSession composed on fakes: lifecycle, greeting, media and what it releases."""

from __future__ import annotations

import asyncio

import pytest
from support.fakes import FakeChannel, FakeMedia, FakeUpstreams

from voicertc.session import SessionOptions, VoiceSession
from voicertc.upstream.realtime import UpstreamConfig

from .conftest import Call, open_call

HOST_TOOL = {"type": "function", "name": "get_time", "parameters": {"type": "object"}}


def test_the_callers_upstream_config_is_not_changed() -> None:
    config = UpstreamConfig(tools=[])
    options = SessionOptions(upstream=config, tools={"get_time": (HOST_TOOL, lambda args: "noon")})
    session = VoiceSession(FakeMedia(), options, upstream=FakeUpstreams())
    assert config.tools == []
    names = [tool["name"] for tool in session.upstream_config.tools]
    assert names == ["apply_audio_effect", "get_effects", "get_time"]


def test_one_options_object_serves_two_sessions_alike() -> None:
    options = SessionOptions()
    first = VoiceSession(FakeMedia(), options, upstream=FakeUpstreams())
    second = VoiceSession(FakeMedia(), options, upstream=FakeUpstreams())
    assert first.upstream_config.tools == second.upstream_config.tools
    assert len(second.upstream_config.tools) == 2


def test_a_session_without_a_peer_connection_has_no_pc() -> None:
    session = VoiceSession(FakeMedia(), upstream=FakeUpstreams())
    with pytest.raises(AttributeError):
        session.pc  # noqa: B018


def test_the_upstream_label_follows_the_base_url() -> None:
    assert VoiceSession(FakeMedia(), upstream=FakeUpstreams()).upstream_label == "openai"
    options = SessionOptions(upstream=UpstreamConfig(base_url="ws://127.0.0.1:1/v1"))
    assert VoiceSession(FakeMedia(), options, upstream=FakeUpstreams()).upstream_label == "custom"
    labelled = VoiceSession(FakeMedia(), upstream=FakeUpstreams(), upstream_label="embedded")
    assert labelled.upstream_label == "embedded"


async def test_a_new_session_is_connecting_then_listening(call: Call) -> None:
    assert call.states() == ["connecting", "listening"]
    assert call.session.state == "listening"


async def test_the_greeting_names_session_model_state_and_chain(call: Call) -> None:
    greeting = call.channel.messages[0]
    assert greeting == {
        "type": "session",
        "session_id": "s1",
        "upstream": "openai",
        "model": call.session.upstream_config.model,
        "voice": call.session.upstream_config.voice,
        "turn_detection": "server_vad",
    }
    assert call.channel.messages[1]["type"] == "state"
    assert call.channel.messages[2] == {"type": "effects", "chain": []}


async def test_a_channel_that_opens_later_is_greeted_on_open() -> None:
    media = FakeMedia()
    session = VoiceSession(media, upstream=FakeUpstreams())
    channel = media.open_channel(FakeChannel(state="connecting"))
    assert channel.messages == []
    channel.open()
    assert [m["type"] for m in channel.messages] == ["session", "state", "effects"]
    await session.close()


async def test_caller_audio_goes_upstream(call: Call) -> None:
    call.media.speak(b"\1\0" * 480)
    call.media.speak(b"\2\0" * 480)
    assert call.upstream.appended == [b"\1\0" * 480, b"\2\0" * 480]


async def test_add_outbound_track_hands_the_assistant_track_to_the_media(call: Call) -> None:
    call.session.add_outbound_track()
    assert call.media.outbound == [call.session.track]


async def test_on_remote_track_is_the_medias_listen(call: Call) -> None:
    call.session.on_remote_track(call.session.track)
    assert call.media.listening == [call.session.track]


async def test_close_releases_media_upstream_and_track() -> None:
    opened = await open_call()
    closed = []
    opened.session.on("closed", lambda: closed.append(True))
    await opened.session.close()
    assert opened.media.stopped_listening and opened.media.closed
    assert opened.upstream.was_closed
    assert opened.session.track.readyState == "ended"
    assert opened.session.closed and closed == [True]
    assert opened.states()[-1] == "ended"


async def test_close_twice_waits_for_the_first() -> None:
    opened = await open_call()
    await opened.session.close()
    await opened.session.close()
    await opened.session.wait_closed()
    assert opened.states().count("ended") == 1


async def test_a_close_whose_caller_is_cancelled_still_finishes() -> None:
    opened = await open_call()
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow_stop() -> None:
        entered.set()
        await release.wait()
        opened.media.stopped_listening = True

    opened.media.stop_listening = slow_stop  # type: ignore[method-assign]
    first = asyncio.ensure_future(opened.session.close())
    await asyncio.wait_for(entered.wait(), 5)
    first.cancel()
    await asyncio.wait({first}, timeout=5)
    assert first.cancelled() and not opened.session.closed
    second = asyncio.ensure_future(opened.session.close())
    release.set()
    await asyncio.wait_for(second, 5)
    assert opened.media.stopped_listening and opened.media.closed and opened.upstream.was_closed
    assert opened.session.closed and opened.states().count("ended") == 1


async def test_a_failing_step_still_ends_the_session() -> None:
    opened = await open_call()

    async def broken() -> None:
        raise RuntimeError("media went away")

    opened.media.stop_listening = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await opened.session.close()
    assert opened.session.closed
    await asyncio.wait_for(opened.session.wait_closed(), 5)


async def test_close_cancels_the_link_and_the_limiter() -> None:
    opened = await open_call()
    assert len(opened.session._tasks) == 2
    await opened.session.close()
    assert len(opened.session._tasks) == 0


async def test_end_tells_the_caller_why() -> None:
    opened = await open_call()
    await opened.session.end("server_shutdown")
    notice = opened.channel.of_type("notice")[-1]
    assert notice["code"] == "call_ended" and notice["reason"] == "server_shutdown"
    assert "restarting" in notice["message"]
    assert opened.session.closed


async def test_an_unknown_end_reason_has_a_plain_message() -> None:
    opened = await open_call()
    await opened.session.end("whatever")
    assert opened.channel.of_type("notice")[-1]["message"] == "The call has ended."


async def test_ice_failure_after_the_channel_opened_is_a_lost_connection() -> None:
    opened = await open_call()  # not resumable: an attached session ends at once
    opened.media.set_state("failed")
    error = opened.channel.of_type("error")[-1]
    assert error["code"] == "ice_failed" and "was lost" in error["message"]
    await opened.session.wait_closed()


async def test_a_dropped_call_waits_for_its_caller_then_ends() -> None:
    opened = await open_call(resume_seconds=0.05)
    opened.session.resumable = True  # the server's sessions are; an attached one is not
    opened.media.set_state("failed")
    assert opened.session.detached and not opened.session.closed
    await opened.session.wait_closed()
    assert opened.channel.of_type("notice")[-1]["reason"] == "connection_lost"


async def test_a_caller_back_on_new_media_carries_on() -> None:
    opened = await open_call(resume_seconds=5)
    opened.session.resumable = True
    opened.media.set_state("failed")
    media = FakeMedia()
    await opened.session.release_media()
    opened.session.resume(media)
    assert not opened.session.detached and opened.media.closed
    channel = media.open_channel(FakeChannel())
    assert [m["type"] for m in channel.messages] == ["session", "state", "effects"]
    media.speak(b"\3\0" * 480)
    assert opened.upstream.appended[-1] == b"\3\0" * 480
    await opened.session.close()


async def test_ice_failure_before_any_channel_points_at_turn() -> None:
    media, upstreams = FakeMedia(), FakeUpstreams()
    session = VoiceSession(media, upstream=upstreams)
    errors = []
    session.on("error", errors.append)
    await session.start()
    media.set_state("failed")
    assert errors[-1]["code"] == "ice_failed" and "TURN" in errors[-1]["message"]
    await session.wait_closed()


async def test_a_closed_connection_closes_the_session_without_error(call: Call) -> None:
    call.media.set_state("closed")
    await call.session.wait_closed()
    assert call.channel.of_type("error") == []


async def test_connected_state_changes_do_nothing(call: Call) -> None:
    call.media.set_state("connected")
    assert not call.session.closed


async def test_an_upstream_that_never_connects_ends_the_call() -> None:
    opened = await open_call(failures=100, reconnect_attempts=0)
    await opened.session.wait_closed()
    assert opened.channel.of_type("error")[-1]["code"] == "upstream_unavailable"
    assert opened.channel.of_type("notice")[-1]["reason"] == "upstream_unavailable"


async def test_raw_upstream_events_reach_the_host(call: Call) -> None:
    seen = []
    call.session.on("upstream_event", seen.append)
    await call.push({"type": "session.updated", "session": {}})
    assert seen == [{"type": "session.updated", "session": {}}]


async def test_monitor_on_renders_the_callers_audio_into_the_track(call: Call) -> None:
    call.session.set_monitor(True)
    assert call.channel.of_type("monitor")[-1] == {"type": "monitor", "enabled": True}
    call.media.speak(b"\x00\x10" * 480)
    assert len(call.session.track._monitor) > 0
    call.session.set_monitor(False)
    assert call.channel.of_type("monitor")[-1]["enabled"] is False


async def test_media_silence_ends_the_call() -> None:
    opened = await open_call(media_timeout_seconds=0.05)
    await opened.session.wait_closed()
    assert opened.channel.of_type("notice")[-1]["reason"] == "media_timeout"
