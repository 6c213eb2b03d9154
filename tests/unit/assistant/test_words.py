"""words: transcripts and typed text to the one token list the rules read."""

from __future__ import annotations

import pytest

from voicertc.assistant.words import correct, near_keyword, normalize, tokens


@pytest.mark.parametrize(
    ("said", "want"),
    [
        ("Set the delay to 300ms.", "set the delay to 300 ms"),
        ("Mix at 40%", "mix at 40 percent"),
        ("Low pass at 2,500 hertz", "low pass at 2500 hertz"),
        ("Raise the low pass cut off.", "raise the low pass cutoff"),
        ("What's on?", "whats on"),
        ("Gain to -6 dB", "gain to minus 6 db"),
        ("An L.P.F. please", "an lpf please"),
        ("Make it .5 seconds", "make it 0.5 seconds"),
    ],
)
def test_normalize_writes_what_recognisers_and_typists_write_one_way(said: str, want: str) -> None:
    assert " ".join(normalize(said)) == want


def test_a_misspelt_keyword_is_corrected_and_a_real_word_is_not() -> None:
    assert near_keyword("reverbb") == "reverb"
    assert near_keyword("echo") is None  # known already
    assert correct(["add", "some", "reverbb"]) == ["add", "some", "reverb"]
    assert correct(["leave", "it"]) == ["leave", "it"]  # "leave" is a word, not a "level"


def test_tokens_is_normalised_then_corrected() -> None:
    assert tokens("Add some REVERBB!") == ["add", "some", "reverb"]
    assert tokens("turn it up by for decibels") == ["turn", "it", "up", "by", "four", "decibels"]
