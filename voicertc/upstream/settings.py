"""The speech model's session settings: turn detection, noise reduction, transcription,
output speed and length, reasoning, tool choice.

One dataclass, validated once (at start for `voicertc serve`, per call for the embed
API), rendered as the Realtime `session` object. Shapes follow the installed SDK's
`openai/types/realtime/realtime_session_create_request_param.py` and what it imports.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..protocol import realtime as rt

TURN_DETECTIONS = ("server_vad", "semantic_vad", "none")
EAGERNESS = ("low", "medium", "high", "auto")
NOISE_REDUCTIONS = ("near_field", "far_field")
REASONING_EFFORTS = ("minimal", "low", "medium", "high", "xhigh")
TOOL_CHOICE_MODES = ("auto", "none", "required")
_TOOL_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


_S = TypeVar("_S", bound="SessionSettings")


class SettingsError(ValueError):
    """A session setting is invalid; the message names it and its flag."""


def _one_of(value: object, allowed: tuple[str, ...], name: str, flag: str) -> None:
    if value not in allowed:
        raise SettingsError(f"{name} ({flag}) must be one of {', '.join(allowed)}; got {value!r}")


def _within(value: float, low: float, high: float, name: str, flag: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SettingsError(f"{name} ({flag}) must be between {low:g} and {high:g}; got {value!r}")


@dataclass
class SessionSettings:
    """What the model's session is set to. None leaves a setting to the service's default."""

    #: server_vad (volume), semantic_vad (a model judges the end of the turn) or none
    #: (push-to-talk: the client commits each turn).
    turn_detection: str = "server_vad"
    #: semantic_vad only: how soon to answer; low waits up to 8 s, high up to 2 s.
    vad_eagerness: str = "auto"
    #: server_vad only.
    vad_threshold: float = rt.VAD_THRESHOLD
    silence_duration_ms: int = rt.SILENCE_DURATION_MS
    prefix_padding_ms: int = rt.PREFIX_PADDING_MS
    #: server_vad only: answer on its own after this long without speech.
    idle_timeout_ms: int | None = None
    #: near_field (headset) or far_field (laptop, room microphone); None is off.
    noise_reduction: str | None = None
    #: User captions; None turns transcription off.
    transcription_model: str | None = "gpt-live-transcribe"
    transcription_language: str | None = None
    transcription_prompt: str | None = None
    #: Output speech speed, 0.25 to 1.5.
    speed: float = 1.0
    #: 1 to 4096 tokens per response; None is the model's maximum ("inf").
    max_output_tokens: int | None = None
    #: Reasoning models (gpt-realtime-2.x) only.
    reasoning_effort: str | None = None
    #: auto, none, required, or the name of a function the model must call.
    tool_choice: str = "auto"

    def validate(self) -> None:
        """Raises SettingsError naming the first bad setting."""
        _one_of(self.turn_detection, TURN_DETECTIONS, "turn_detection", "--turn-detection")
        _one_of(self.vad_eagerness, EAGERNESS, "vad_eagerness", "--vad-eagerness")
        _within(self.vad_threshold, 0.0, 1.0, "vad_threshold", "--vad-threshold")
        _within(self.silence_duration_ms, 0, 10_000, "silence_duration_ms", "--vad-silence-ms")
        _within(self.prefix_padding_ms, 0, 10_000, "prefix_padding_ms", "--vad-prefix-ms")
        if self.idle_timeout_ms is not None:
            _within(self.idle_timeout_ms, 5_000, 30_000, "idle_timeout_ms", "--idle-timeout-ms")
            if self.turn_detection != "server_vad":
                raise SettingsError(
                    "idle_timeout_ms (--idle-timeout-ms) works only with server_vad turn detection"
                )
        if self.noise_reduction is not None:
            _one_of(self.noise_reduction, NOISE_REDUCTIONS, "noise_reduction", "--noise-reduction")
        if self.transcription_model is not None and not self.transcription_model.strip():
            raise SettingsError(
                "transcription_model (--transcription-model) must not be empty; use 'none' to turn it off"
            )
        if self.transcription_language is not None and not _LANGUAGE.match(self.transcription_language):
            raise SettingsError(
                "transcription_language (--transcription-language) must be an ISO-639-1 code "
                f"such as en; got {self.transcription_language!r}"
            )
        if self.transcription_model is None and (self.transcription_language or self.transcription_prompt):
            raise SettingsError("a transcription language or prompt needs a transcription model")
        _within(self.speed, 0.25, 1.5, "speed", "--speed")
        if self.max_output_tokens is not None:
            _within(self.max_output_tokens, 1, 4096, "max_output_tokens", "--max-output-tokens")
            if not isinstance(self.max_output_tokens, int):
                raise SettingsError(
                    f"max_output_tokens (--max-output-tokens) must be whole; got {self.max_output_tokens!r}"
                )
        if self.reasoning_effort is not None:
            _one_of(self.reasoning_effort, REASONING_EFFORTS, "reasoning_effort", "--reasoning-effort")
        if self.tool_choice not in TOOL_CHOICE_MODES and not _TOOL_NAME.match(self.tool_choice or ""):
            raise SettingsError(
                "tool_choice (--tool-choice) must be auto, none, required or a function's name; "
                f"got {self.tool_choice!r}"
            )

    def with_changes(self: _S, changes: Mapping[str, Any]) -> _S:
        """A validated copy with `changes` (setting name -> value) applied: the per-call
        override of the embed API."""
        names = {f.name for f in dataclasses.fields(SessionSettings)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise SettingsError(f"unknown session setting {unknown[0]!r}; known: {', '.join(sorted(names))}")
        changed = dataclasses.replace(self, **changes)
        changed.validate()
        return changed

    def settings(self) -> SessionSettings:
        """Just the session settings (of an UpstreamConfig, say), as their own object."""
        return SessionSettings(**{f.name: getattr(self, f.name) for f in dataclasses.fields(SessionSettings)})

    @property
    def push_to_talk(self) -> bool:
        """With no turn detection the client ends each turn (commit, then response.create)."""
        return self.turn_detection == "none"

    # -- Realtime rendering -----------------------------------------------------------

    def turn_detection_config(self) -> dict[str, Any] | None:
        if self.turn_detection == "none":
            return None
        if self.turn_detection == "semantic_vad":
            return {
                "type": "semantic_vad",
                "eagerness": self.vad_eagerness,
                "create_response": True,
                "interrupt_response": True,
            }
        config = rt.server_vad(self.vad_threshold, self.prefix_padding_ms, self.silence_duration_ms)
        if self.idle_timeout_ms is not None:
            config["idle_timeout_ms"] = self.idle_timeout_ms
        return config

    def transcription_config(self) -> dict[str, Any] | None:
        if self.transcription_model is None:
            return None
        config: dict[str, Any] = {"model": self.transcription_model}
        if self.transcription_language:
            config["language"] = self.transcription_language
        if self.transcription_prompt:
            config["prompt"] = self.transcription_prompt
        return config

    def realtime_session(self) -> dict[str, Any]:
        """The settings' part of a Realtime `session.update`'s session (without the
        audio formats, voice, instructions and tools, which the caller adds)."""
        audio_input: dict[str, Any] = {
            "transcription": self.transcription_config(),
            "turn_detection": self.turn_detection_config(),
        }
        if self.noise_reduction is not None:
            audio_input["noise_reduction"] = {"type": self.noise_reduction}
        session: dict[str, Any] = {
            "audio": {"input": audio_input, "output": {"speed": self.speed}},
            "tool_choice": (
                self.tool_choice
                if self.tool_choice in TOOL_CHOICE_MODES
                else {"type": "function", "name": self.tool_choice}
            ),
        }
        if self.max_output_tokens is not None:
            session["max_output_tokens"] = self.max_output_tokens
        if self.reasoning_effort is not None:
            session["reasoning"] = {"effort": self.reasoning_effort}
        return session
