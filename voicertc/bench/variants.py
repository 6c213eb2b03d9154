"""Named settings of the speech path to compare on the held-out tune split, one at a time.

``heldout --variant NAME`` and ``candidates_dump --variant NAME`` run the same audio
through the VAD, the denoiser and the recogniser with one thing changed: Whisper's two
prompts, the denoiser's constants (``denoise.py``), the VAD's thresholds and the lead-in
the endpoint keeps before speech, or the combined recogniser's rule. Defaults are
swapped for the run and put back after, so nothing outside the benchmark changes. The
rule's variants (``rule=``) change only ``--asr combined``: the default recogniser since
session 13 (``denoised_whisper.py``) has no rule.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..assistant import asr, denoise, vad, whisper

# Sessions 2-4's prompts, replaced in session 6 (1f8b981): the first held only orders,
# the second was a list of commands. Kept to measure what the new ones cost in noise.
PROMPT_S4 = (
    "Add some reverb. Set the delay to 300 milliseconds. Low pass at 2 kilohertz. "
    "High pass at 100 hertz. Cut the lows. Turn it down 6 dB. More echo, less compression, "
    "remove the compressor, set the gain to minus 6 decibels, reverb mix 40 percent. "
    "What effects are on? Clear everything."
)
COMMANDS_PROMPT_S4 = (
    "Voice commands for an audio effects chain: add, remove, more, less, increase, decrease or "
    "set the reverb, delay, echo, low pass filter, high pass filter, gain, volume or compressor. "
    "Cut the highs, cut the lows, turn it up, turn it down, make it louder, quieter or darker. "
    "Set the delay to 400 milliseconds. Reverb mix 20 percent. High pass at 1 kilohertz. "
    "Gain minus 12 dB. What effects are on? Help. Reset, start over, clear everything."
)


@dataclass(frozen=True)
class Variant:
    whisper: dict[str, Any] = field(default_factory=dict)  # WhisperRecognizer keywords
    rule: dict[str, Any] = field(default_factory=dict)  # CombinedRecognizer keywords
    denoise: dict[str, float] = field(default_factory=dict)  # denoise.py's constants
    vad: dict[str, Any] = field(default_factory=dict)  # VoiceActivityDetector keywords
    prefix_ms: int = 300  # lead-in kept before speech_started (the endpoint's default)


# Session 16: the first prompt with the parameters the rules know and it never names. The
# adapter was trained after the prompt as it is; Whisper already wrote Q, knee and ratio
# right in most of tune3's sentences that hold them (docs/speech.md).
PROMPT_PARAMS = (
    whisper.PROMPT + " The Q, the knee, the ratio, the threshold, the attack, the release, the feedback."
)
OLD_PROMPTS = {"prompt": PROMPT_S4, "second_prompt": COMMANDS_PROMPT_S4}
OLD_OVERRULE = {"switch_margin": float("-inf")}  # before session 6: -1.5 alone decided
# Whisper listening once on the denoised turn: no grammar, no second or third listen.
WHISPER_ONLY = {"cross_check": False, "rescue": False, "listen_again": False, "noisy_snr_db": float("-inf")}

VARIANTS: dict[str, Variant] = {
    "default": Variant(),
    # Session 6's white-noise loss, taken apart.
    "prompts-s4": Variant(whisper=OLD_PROMPTS),
    "first-prompt-s4": Variant(whisper={"prompt": PROMPT_S4}),
    "second-prompt-s4": Variant(whisper={"second_prompt": COMMANDS_PROMPT_S4}),
    "overrule-s4": Variant(rule=OLD_OVERRULE),
    "prompts-overrule-s4": Variant(whisper=OLD_PROMPTS, rule=OLD_OVERRULE),
    "prompt-params": Variant(whisper={"prompt": PROMPT_PARAMS}),
    # The denoiser (applied once a turn, before Whisper and the grammar both).
    "no-denoise": Variant(denoise={"GAIN_FLOOR": 1.0}),
    "floor-0.35": Variant(denoise={"GAIN_FLOOR": 0.35}),
    "floor-0.7": Variant(denoise={"GAIN_FLOOR": 0.7}),
    "over-1.5": Variant(denoise={"OVER_SUBTRACTION": 1.5}),
    "quiet-0.1": Variant(denoise={"QUIET_FRACTION": 0.1}),
    # The VAD that cuts the turns, and the lead-in the denoiser estimates noise from.
    "vad-0.35": Variant(vad={"threshold": 0.35}),
    "vad-0.65": Variant(vad={"threshold": 0.65}),
    "silence-700": Variant(vad={"silence_duration_ms": 700}),
    "min-speech-250": Variant(vad={"min_speech_ms": 250}),
    "prefix-500": Variant(prefix_ms=500),
    # Session 16: flite's voices lost first words in white noise with 300 ms before speech
    # and kept some with 800 (the input buffer keeps 1000 ms while idle). On tune3 it fixed 12
    # utterances (7 flite, white10) and broke 20 (9 clean): not kept (docs/speech.md).
    "prefix-800": Variant(prefix_ms=800),
    # Session 12: the rule's extra listens were chosen for the plain Whisper; with the
    # adapter they may cost more than they find (measured on tune3, which it never heard).
    "no-third-listen": Variant(rule={"noisy_snr_db": float("-inf")}),
    "no-cross-check": Variant(rule={"cross_check": False}),
    # Session 13: off-topic speech declined more often by Whisper alone than by the rule
    # (tune3, session 12). The denoised audio with less and less of the rule around it:
    # Whisper's best transcript only (no grammar, no second or third listen), the first
    # understood of its beam; and the rule without one part: the grammar's rescue, the
    # runner-up, the second listen (no-third-listen and no-cross-check above).
    "whisper-best": Variant(rule=WHISPER_ONLY | {"runner_up": False}),
    "whisper-beam": Variant(rule=WHISPER_ONLY),
    "no-rescue": Variant(rule={"rescue": False}),
    "no-runner-up": Variant(rule={"runner_up": False}),
    "no-second-listen": Variant(rule={"listen_again": False}),
}


@contextlib.contextmanager
def _defaults(cls: type, values: dict[str, Any]) -> Iterator[None]:
    """``cls(...)``'s keyword-only defaults replaced by ``values`` for the block."""
    init = cls.__init__  # type: ignore[misc]
    saved = dict(init.__kwdefaults__ or {})
    unknown = set(values) - set(saved)
    if unknown:
        raise KeyError(f"{cls.__name__} has no keyword-only {sorted(unknown)}")
    init.__kwdefaults__ = saved | values
    try:
        yield
    finally:
        init.__kwdefaults__ = saved


@contextlib.contextmanager
def applied(name: str) -> Iterator[Variant]:
    v = VARIANTS[name]
    saved = {k: getattr(denoise, k) for k in v.denoise}
    with (
        _defaults(whisper.WhisperRecognizer, v.whisper),
        _defaults(asr.CombinedRecognizer, v.rule),
        _defaults(vad.VoiceActivityDetector, v.vad),
    ):
        for k, value in v.denoise.items():
            setattr(denoise, k, value)
        try:
            yield v
        finally:
            for k, value in saved.items():
                setattr(denoise, k, value)
