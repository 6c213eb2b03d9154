"""endpoint.honoured: settings the embedded assistant cannot honour are refused by name."""

from __future__ import annotations

from voicertc.assistant.endpoint.honoured import honour


def _session() -> dict:
    return {
        "audio": {
            "input": {"turn_detection": {"type": "server_vad"}, "transcription": {"model": "x"}},
            "output": {"speed": 1.0},
        },
        "tool_choice": "auto",
    }


def test_each_refused_setting_is_named_and_reset_to_its_default() -> None:
    session = _session()
    session["audio"]["input"]["turn_detection"]["idle_timeout_ms"] = 6000
    session["audio"]["input"]["transcription"]["prompt"] = "reverb"
    session["max_output_tokens"] = 100
    refused = dict(honour(session, {}))
    assert set(refused) == {
        "session.audio.input.turn_detection.idle_timeout_ms",
        "session.audio.input.transcription.prompt",
        "session.max_output_tokens",
    }
    assert "(6000)" in refused["session.audio.input.turn_detection.idle_timeout_ms"]
    assert session == _session()


def test_what_it_honours_is_left_alone_and_turn_detection_off_is_no_error() -> None:
    session = _session()
    session["audio"]["input"]["transcription"]["language"] = "en"
    session["max_output_tokens"] = "inf"
    update = {"audio": {"input": {"turn_detection": None}}}
    assert honour(session, update) == []
    assert session["audio"]["input"]["turn_detection"] is None
    assert session["max_output_tokens"] == "inf"
