"""remarks.remark: a statement that names an effect and asks nothing of it."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import tokens
from voicertc.assistant.remarks import remark


@pytest.mark.parametrize(
    "said",
    [
        "okay I can hear the reverb now",
        "so that's what a compressor does",
        "that's exactly the amount of reverb I wanted",
        "we tried the delay on the last song",
        "it is a very nice echo",
    ],
)
def test_remarks(said: str) -> None:
    assert remark(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "I need reverb",
        "I'd like a bit of echo",
        "I can't hear the delay",
        "can I get a delay",
        "I want the reverb at 30 percent",
        "it needs more compression",
        "that's a lot of reverb",  # an amount complained of
        "reverb please",
        "I sound boomy",  # no effect named
    ],
)
def test_not_remarks(said: str) -> None:
    assert not remark(tokens(said))
