"""What the Whisper adapter learns from never overlaps what the benchmark measures it on.

The training code needs torch and is not run here; its choice of sentences and voices is
plain Python, and it is what every spoken figure's honesty rests on (training/whisper_adapter
/README.md: "What it learns from, and what it never sees"). Only counts are asserted, so a
failure prints no measured sentence.
"""

from __future__ import annotations

from training.whisper_adapter import utterances
from voicertc.bench import heldout
from voicertc.bench.corpus import load


def _texts(split: str) -> set[str]:
    commands, off = load(split)
    return {case.text for case in commands + off}


ITEMS = utterances.train_items()


def test_the_adapter_learns_only_tune_sentences() -> None:
    heard = {item[0] for item in ITEMS}
    assert heard == set().union(*map(_texts, ("tune", "tune2", "tune3", "tune4", "tune5", "tune6")))
    for measured in ("test", *heldout.BLIND):
        assert len(heard & _texts(measured)) == 0, measured


def test_the_adapter_never_hears_a_benchmark_voice() -> None:
    benchmark = {(v.name, v.wpm) for v in heldout.voices()} | {(v.name, v.wpm) for v in heldout.BABBLE_VOICES}
    voices = {item[1] for item in ITEMS}
    assert all(v.engine == "espeak" for v in voices)  # no flite, no piper: the benchmark's alone
    assert not {(v.name, v.wpm) for v in voices} & benchmark
    assert not {v.name.split("+")[1] for v in voices} & set(heldout.ESPEAK_VARIANTS)
    assert not {v.wpm for v in voices} & set(heldout.SPEEDS)


def test_the_training_babble_is_not_the_benchmarks() -> None:
    assert not set(utterances.BABBLE_TEXT) & set(heldout.BABBLE_TEXT)
    assert not {v.name for v in utterances.BABBLE_VOICES} & {v.name for v in heldout.BABBLE_VOICES}


def test_transcript_targets_are_written_as_whisper_writes() -> None:
    assert utterances.target("turn the reverb up") == "Turn the reverb up."
    assert utterances.target("can you add a delay") == "Can you add a delay?"
    assert utterances.target("more echo!") == "More echo!"
