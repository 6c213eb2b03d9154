"""The default models are ones the installed SDK names and OpenAI has not scheduled to shut down."""

from __future__ import annotations

import typing

from openai.types.realtime.audio_transcription import AudioTranscription
from openai.types.realtime.realtime_session_create_request import RealtimeSessionCreateRequest

from voicertc.config import ServerConfig
from voicertc.upstream.realtime import UpstreamConfig

# OpenAI's deprecations page: gpt-realtime shuts down 2027-01-20, the gpt-4o-*-transcribe
# models 2027-02-26.
SHUTTING_DOWN = {"gpt-realtime", "gpt-4o-mini-transcribe", "gpt-4o-transcribe", "gpt-4o-transcribe-diarize"}


def _literals(annotation: object) -> set[str]:
    found: set[str] = set()
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Literal:
            found.update(typing.get_args(arg))
        else:
            found |= _literals(arg)
    return found


def test_default_realtime_model_is_current() -> None:
    models = _literals(RealtimeSessionCreateRequest.model_fields["model"].annotation)
    for default in (UpstreamConfig().model, ServerConfig().model):
        assert default in models
        assert default not in SHUTTING_DOWN


def test_default_transcription_model_is_current() -> None:
    models = _literals(AudioTranscription.model_fields["model"].annotation)
    default = UpstreamConfig().transcription_model
    assert default in models
    assert default not in SHUTTING_DOWN
    sent = UpstreamConfig().session_update()["session"]["audio"]["input"]["transcription"]
    assert sent == {"model": "gpt-live-transcribe"}
