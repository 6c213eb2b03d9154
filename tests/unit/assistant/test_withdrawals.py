"""A change asked for and taken back whole in the same breath asks nothing; one taken back
for another change, or one whose taking back runs on into an order, still asks."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.withdrawals import taken_back


@pytest.mark.parametrize(
    "said",
    [
        "turn the delay up, actually, no, it can stay as it is",
        "lengthen the reverb, wait, no, I've changed my mind, leave the reverb alone",
        "more high cut, no, no, sorry, I was reading from my notes",
        "let's add a compressor, actually no, I've calmed down, no need",
        "make the echo louder, oh, never mind, I misheard it, it's fine",
        "take off the distortion, no, cancel that, no changes",
        "change the attack to, um, oh, forget it",
        "turn me down a bit, actually no, don't, I'll just sing softer",
        # (session 46, tune26) decided against at a long turn's end
        "I wanted more echo for the chorus, but my teacher says I lean on it, so forget it",
        "I fancied some fuzz on the vocal, but the venue says no effects tonight, so I'll behave",
        "maybe the reverb could be longer, I keep thinking it, but it sounds natural, so I'll stop fiddling",
    ],
)
def test_a_change_taken_back(said: str) -> None:
    assert taken_back(said)
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make it louder, no, don't make it louder, make it quieter", call("gain", "decrease")),
        ("raise the low cut, actually never mind, just switch it off", call("highpass", "remove")),
        ("turn the reverb up, that's fine", call("reverb", "increase")),  # no break that turns away
    ],
)
def test_a_change_kept_or_replaced(said: str, expected: object) -> None:
    assert not taken_back(said)
    assert read(said) == [expected]
