"""bands: a frequency band named instead of the filter that shapes it."""

from __future__ import annotations

from voicertc.assistant.bands import band, missing, more_band
from voicertc.assistant.words import tokens


def text(said: str) -> str:
    return " " + " ".join(tokens(said)) + " "


def test_a_band_to_lose_adds_the_filter_that_takes_it_away() -> None:
    assert band(tokens("tame the highs")) == {"effect": "lowpass", "action": "add"}
    assert band(tokens("clean up the low end")) == {"effect": "highpass", "action": "add"}
    assert band(tokens("I love the highs")) is None  # nothing to lose


def test_a_band_turned_down_is_lost() -> None:
    # session 26: "pull the top end down a hair" read as nothing ("take the highs down" did not)
    assert band(tokens("pull the top end down a hair")) == {"effect": "lowpass", "action": "add"}
    assert band(tokens("turn down the low end")) == {"effect": "highpass", "action": "add"}
    assert band(tokens("the low end is down")) is None  # missed, not lowered


def test_a_band_wanted_or_missed_eases_its_filter() -> None:
    assert more_band(tokens("more bass please")) == {"effect": "highpass", "action": "decrease"}
    assert more_band(tokens("boost the treble")) == {"effect": "lowpass", "action": "increase"}
    assert more_band(tokens("we need more bass players")) is None  # a band's word as a kind of thing
    assert missing(text("where did the bass go")) == {"effect": "highpass", "action": "decrease"}
    assert missing(text("I can't hear the highs")) == {"effect": "lowpass", "action": "increase"}
