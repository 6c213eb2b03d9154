"""preferences.swapped: one effect asked for in place of another."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import APPLY, ToolCall
from voicertc.assistant.preferences import bare, swapped
from voicertc.assistant.words import tokens


def _calls(*changes: tuple[str, str]) -> list[ToolCall]:
    return [ToolCall(APPLY, {"effect": effect, "action": action}) for effect, action in changes]


@pytest.mark.parametrize(
    ("said", "given_up", "put"),
    [
        ("replace the distortion with some reverb", "distortion", "reverb"),
        ("switch from reverb to delay", "reverb", "delay"),
        ("let's go from delay to reverb", "delay", "reverb"),
        ("change the echo into reverb", "delay", "reverb"),
        ("reverb instead of delay", "delay", "reverb"),
        ("can we have echo instead of the reverb", "reverb", "delay"),
        ("I'd rather have delay than reverb", "reverb", "delay"),
        ("I'd prefer a high pass to a low pass", "lowpass", "highpass"),
    ],
)
def test_the_one_given_up_goes_and_the_one_preferred_comes(said: str, given_up: str, put: str) -> None:
    assert understand_all(said) == _calls((given_up, "remove"), (put, "add"))


def test_a_side_given_up_that_is_no_bare_name_is_left() -> None:
    assert swapped(tokens("rather than more gain, use a compressor")) == _calls(("compressor", "add"))
    assert swapped(tokens("give me a compressor instead of the gain boost")) == _calls(("compressor", "add"))


def test_the_one_preferred_is_put_on_as_asked() -> None:
    (out, put) = swapped(tokens("a delay at 300 ms instead of the reverb")) or []
    assert out == _calls(("reverb", "remove"))[0]
    assert put.arguments["value"] == 300


@pytest.mark.parametrize(
    "said",
    ["I prefer reverb over delay", "I used reverb instead of delay on my last record",
     "my band uses delay rather than reverb", "change the delay to 300 ms"],
)  # fmt: skip
def test_preferences_in_general_or_told_or_a_setting_are_no_swap(said: str) -> None:
    assert swapped(tokens(said)) is None


def test_bare() -> None:
    assert bare(tokens("some of the delay"), "delay")
    assert not bare(tokens("more delay"), "delay")
    assert not bare(tokens("the delay"), None)
