"""The benchmark load: what each call says, and how its echoes are matched."""

from __future__ import annotations

import numpy as np
from support.serverproc import ANSWER

from voicertc.bench.load import mouth_to_ear
from voicertc.bench.point import PointConfig
from voicertc.bench.utterance import make_syllables


def test_the_load_says_what_the_endpoint_hears_at_every_phase() -> None:
    # The tests' callers' two syllables: tests/unit/assistant/test_spoken_answer.py hears
    # them at every onset position, where a lone vowel is missed at some.
    assert PointConfig(calls=1, seconds=1).utterance().pcm16 == ANSWER.pcm16


def test_an_utterance_with_no_echo_is_counted_not_dropped() -> None:
    utterance = make_syllables()
    silence_s, period_s = 0.5, 2.0
    arrival = 9.0 + 0.02 * np.arange(500)  # 10 s of inbound frames from t=9
    onset = np.full(arrival.size, -1)
    spoken = [10.0, 12.0, 14.0]
    # The first and last come back 0.3 s after the utterance and the VAD's wait (the
    # prefix); the second never does.
    for said in (10.0, 14.0):
        frame = int(np.searchsorted(arrival, said + utterance.duration_s + silence_s + 0.3))
        onset[frame : frame + 40] = 0
        onset[frame] = 480  # 10 ms into its frame
    delays, unheard = mouth_to_ear(spoken, arrival, onset, utterance, silence_s, period_s)
    assert unheard == 1
    assert len(delays) == 2
    for delay in delays:
        assert abs(delay - (utterance.duration_s + silence_s + 0.3 + 0.01 - utterance.onset_s)) < 0.021
