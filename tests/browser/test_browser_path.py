"""The browser benchmark's call: a spoken file through Chromium's capture path to the
server, what the server heard read back from the page."""

from __future__ import annotations

import pytest
from conftest import start_server

from voicertc.bench.browser_path import Utterance, call_once, wav_for
from voicertc.bench.corpus import Case, parse_call
from voicertc.bench.heldout import speak
from voicertc.bench.speech import Voice


@pytest.mark.parametrize("text", ["add some reverb"])
async def test_a_command_through_chromium_is_heard_and_judged(tmp_path, text: str) -> None:
    running, runner = await start_server()
    try:
        clean = speak(text, Voice("espeak", "en-us+m3", 160, "corpus"))
        wav = tmp_path / "mic.wav"
        seconds = wav_for(clean, wav)
        heard, mic = await call_once(running.url, wav, seconds)
    finally:
        await runner.cleanup()
    # The page asked for the browser's whole capture processing, and got it.
    assert mic["echoCancellation"] and mic["noiseSuppression"] and mic["autoGainControl"]
    assert len(heard) == 1 and "reverb" in heard[0].lower()
    u = Utterance(0, Case("fam", text, (parse_call("reverb add"),)), "espeak:en-us+m3", browser=[heard])
    assert u.right(heard)
    assert not u.right(["What time is it?"])
