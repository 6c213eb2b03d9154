"""A runner-up of Whisper's beam, read by the rules and the sentence reader, taken where
the best transcript reads as nothing (``reader.beam``), with a stand-in reader."""

from __future__ import annotations

from voicertc.assistant import dialogue
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.reader.beam import BEST_NONE, RUNNER_UP_NONE, runner_up
from voicertc.assistant.reader.head import Guess
from voicertc.assistant.speechpool import SpeechPool


class Reads:
    """Guesses as told; counts the guesses asked for."""

    def __init__(self, guesses: dict[str, Guess]) -> None:
        self.guesses, self.asked = guesses, 0

    def guess(self, text: str, heard: float | None = None) -> Guess | None:
        self.asked += 1
        return self.guesses.get(text)


SURE = Guess("distortion", 0.95, "remove", 0.01)
UNSURE_BEST = Guess("distortion", 0.6, "remove", BEST_NONE - 0.2, heard=-0.3)
BEAM = [
    ("Ease off the open sky.", -0.3),
    ("Ease off. The overdrive.", -0.35),
    ("Ease off the overdrive.", -0.4),
]


def test_a_runner_up_read_as_a_command_the_reader_is_sure_of_is_taken() -> None:
    reader = Reads({"Ease off the overdrive.": SURE})
    assert runner_up(reader, BEAM[0][0], UNSURE_BEST, BEAM) == ("Ease off the overdrive.", SURE)
    assert reader.asked == 1  # the two-sentence runner-up is passed over unread


def test_no_runner_up_for_small_talk_a_command_or_an_unsure_runner_up() -> None:
    reader = Reads({"Ease off the overdrive.": SURE})
    small_talk = Guess("none", 0.9, "add", BEST_NONE)
    assert runner_up(reader, BEAM[0][0], small_talk, BEAM) is None
    assert runner_up(reader, "Add reverb.", UNSURE_BEST, [("Add reverb.", -0.1), *BEAM]) is None
    assert reader.asked == 0  # neither needed a guess
    unsure = Reads({"Ease off the overdrive.": Guess("distortion", 0.5, "remove", RUNNER_UP_NONE)})
    assert runner_up(unsure, BEAM[0][0], UNSURE_BEST, BEAM) is None
    assert runner_up(reader, BEAM[0][0], None, BEAM) is None  # no reader's guess: the rules alone


def test_a_filled_turn_keeps_its_own_transcript() -> None:
    filled = Guess("distortion", 0.99, "remove", 0.0)
    assert runner_up(Reads({"Ease off the overdrive.": SURE}), BEAM[0][0], filled, BEAM) is None


def test_the_brain_reads_the_runner_up_only_where_the_turn_asks_for_nothing_in_context() -> None:
    brain = AssistantBrain(SpeechPool())  # no process starts: only text is read
    brain.heard("Ease off the open sky.", UNSURE_BEST, ("Ease off the overdrive.", SURE))
    eased = brain.understand("Ease off the open sky.", b"")
    assert isinstance(eased, dialogue.ToolCall) and eased.arguments["effect"] == "distortion"
    # a follow-up read in context stands: "more" after a command is that command again
    brain.heard("add some reverb", None)
    brain.understand("add some reverb", b"")
    brain.heard("a bit more", UNSURE_BEST, ("Ease off the overdrive.", SURE))
    more = brain.understand("a bit more", b"")
    assert isinstance(more, dialogue.ToolCall) and more.arguments["effect"] == "reverb"
