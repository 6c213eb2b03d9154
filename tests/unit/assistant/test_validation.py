"""Client events checked before the endpoint acts: the SDK's models, then what it honours."""

from __future__ import annotations

import math

import pytest

from voicertc.assistant.endpoint.validation import (
    MAX_DEPTH,
    ProtocolError,
    check_append,
    check_event,
    updated_session,
)
from voicertc.protocol import realtime as rt
from voicertc.upstream.realtime import UpstreamConfig


def refused(check, *args: object) -> ProtocolError:  # type: ignore[no-untyped-def]
    with pytest.raises(ProtocolError) as caught:
        check(*args)
    return caught.value


def test_what_the_bridge_sends_is_accepted() -> None:
    check_event(UpstreamConfig(tools=[{"type": "function", "name": "f", "parameters": {}}]).session_update())
    check_event(rt.item_truncate("item_1", 20))
    check_event(rt.response_create())
    check_append({"type": rt.INPUT_AUDIO_APPEND, "audio": "AAAA", "event_id": "e"})


def test_a_session_announced_can_be_sent_back_whole() -> None:
    check_event(rt.session_update({**rt.default_session("m"), "id": "sess_1", "object": "realtime.session"}))


@pytest.mark.parametrize(
    ("event", "code", "param"),
    [
        ({"type": "conversation.item.delete", "item_id": ["a"]}, "invalid_value", "item_id"),
        ({"type": "response.cancel", "surprise": 1}, "unknown_parameter", "surprise"),
        (
            {"type": "session.update", "session": {"type": "realtime", "audio": "x"}},
            "invalid_value",
            "session.audio",
        ),
        ({"type": "no.such"}, "unknown_event", "type"),
    ],
)
def test_events_the_sdk_would_not_build_are_refused(event: dict, code: str, param: str) -> None:
    error = refused(check_event, event)
    assert (error.code, error.param) == (code, param)


def test_nesting_is_bounded() -> None:
    deep: dict = {}
    node = deep
    for _ in range(MAX_DEPTH):
        node["a"] = {}
        node = node["a"]
    tool = {"type": "function", "name": "f", "parameters": deep}
    error = refused(check_event, {"type": "session.update", "session": {"type": "realtime", "tools": [tool]}})
    assert "deep" in str(error)


@pytest.mark.parametrize(
    ("event", "param"),
    [
        ({"type": rt.INPUT_AUDIO_APPEND}, "audio"),
        ({"type": rt.INPUT_AUDIO_APPEND, "audio": 1}, "audio"),
        ({"type": rt.INPUT_AUDIO_APPEND, "audio": "", "item_id": "x"}, "item_id"),
        ({"type": rt.INPUT_AUDIO_APPEND, "audio": "", "event_id": 3}, "event_id"),
    ],
)
def test_appends_are_checked_by_hand(event: dict, param: str) -> None:
    assert refused(check_append, event).param == param


@pytest.mark.parametrize("threshold", [math.nan, math.inf, -0.1, 1.5, True])
def test_vad_numbers_must_be_finite_and_in_range(threshold: float) -> None:
    session = rt.default_session("m")
    update = {"audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": threshold}}}}
    error = refused(updated_session, session, update)
    assert error.param == "session.audio.input.turn_detection.threshold"
    assert session == {**rt.default_session("m")}  # untouched


def test_an_update_merges_into_a_copy() -> None:
    session = rt.default_session("m")
    merged = updated_session(session, {"instructions": "hi", "audio": {"output": {"voice": "cedar"}}})
    assert merged["instructions"] == "hi" and merged["audio"]["output"]["voice"] == "cedar"
    assert merged["audio"]["input"]["turn_detection"] == rt.server_vad()
    assert session["instructions"] == "" and session["audio"]["output"]["voice"] == "marin"
    assert refused(updated_session, session, {"audio": {"output": {"voice": "nobody"}}}).param == (
        "session.audio.output.voice"
    )


def test_usage_follows_openais_published_rates() -> None:
    usage = rt.usage("add reverb", 2050, "Reverb added.", 1000)
    assert usage["input_token_details"] == {"text_tokens": 3, "audio_tokens": 21, "cached_tokens": 0}
    assert usage["output_token_details"] == {"text_tokens": 4, "audio_tokens": 20}
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"] == 48


def test_another_kind_of_turn_detection_starts_from_its_own_fields() -> None:
    session = rt.default_session("m")
    semantic = updated_session(session, {"audio": {"input": {"turn_detection": {"type": "semantic_vad"}}}})
    assert semantic["audio"]["input"]["turn_detection"] == {"type": "semantic_vad"}
    tuned = updated_session(session, {"audio": {"input": {"turn_detection": {"silence_duration_ms": 800}}}})
    assert tuned["audio"]["input"]["turn_detection"] == {**rt.server_vad(), "silence_duration_ms": 800}
