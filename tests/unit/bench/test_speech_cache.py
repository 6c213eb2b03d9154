"""The benchmark's synthesis cache: two runs side by side share it."""

import os

import numpy as np

from voicertc.bench import speech
from voicertc.bench.speech_sets import Voice


def test_a_cached_utterance_appears_whole_under_its_name(tmp_path, monkeypatch):
    monkeypatch.setattr(speech, "CACHE", tmp_path)
    seen = []
    real_replace = os.replace

    def replace(src, dst):
        # At the moment the name appears, the file behind it is complete.
        seen.append((np.load(src).size, os.path.exists(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(speech.os, "replace", replace)
    pcm = speech.synth("add some reverb", Voice("espeak", "en-us", 175, "dev"))
    assert pcm.size > speech.RATE // 4
    assert seen == [(pcm.size, False)]
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]  # nothing left aside
    assert np.array_equal(speech.synth("add some reverb", Voice("espeak", "en-us", 175, "dev")), pcm)
