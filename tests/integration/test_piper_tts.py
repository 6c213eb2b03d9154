"""--tts piper: the natural voice in its own process, streamed, cut off and served."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

import numpy as np
import pytest
from conftest import start_server
from support.sdk import embedded_client

from voicertc.assistant.asr import create_recognizer
from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.piper_tts import PiperProcess, packaged_voice, voice_path
from voicertc.config import ConfigError, ServerConfig

RATE = 24000


@pytest.fixture
async def piper():
    voice = PiperProcess(voice_path("piper"))
    yield voice
    await voice.close()


async def collect(voice: PiperProcess, text: str) -> bytes:
    return b"".join([chunk async for chunk in voice.synthesize(text)])


async def test_piper_speaks_words_a_recogniser_hears(piper: PiperProcess) -> None:
    pcm = await collect(piper, "Add some reverb.")
    seconds = len(pcm) / 2 / RATE
    assert 0.5 < seconds < 3.0
    samples = np.frombuffer(pcm, "<i2").astype(np.float64)
    assert np.sqrt(np.mean(samples**2)) > 300  # speech, not silence
    heard = create_recognizer("grammar").transcribe(bytes(RATE) + pcm + bytes(RATE), RATE)
    assert understand(heard) == ToolCall("apply_audio_effect", {"effect": "reverb", "action": "add"})


async def test_a_reply_cut_off_leaves_nothing_in_the_next(piper: PiperProcess) -> None:
    alone = await collect(piper, "Okay.")
    long = piper.synthesize("This is a long reply. It has three sentences. Barge-in cuts it off.")
    first = await anext(long)
    assert first
    await long.aclose()  # barge-in: the worker still finishes the long reply
    after = await collect(piper, "Okay.")
    leftover = await collect(piper, "It has three sentences.")
    # The cut reply's remaining sentences are skipped by id, not heard in the next one.
    # Piper's durations are noisy (the same "Okay." varies by ~20%), so the bound is
    # half of the shortest sentence that would leak, not the first "Okay."'s length.
    assert 0.5 * len(alone) < len(after) < len(alone) + 0.5 * len(leftover)


async def test_the_embedded_assistant_answers_in_piper_voice() -> None:
    running, runner = await start_server(tts="piper")
    client = embedded_client(running.url)
    try:
        async with client.realtime.connect(model="voicertc-embedded") as rt:
            await rt.conversation.item.create(
                item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hello"}]}
            )
            await rt.response.create()
            audio = b""

            async def until_done() -> None:
                nonlocal audio
                async for event in rt:
                    if event.type == "response.output_audio.delta":
                        audio += base64.b64decode(event.delta)
                    elif event.type == "response.done":
                        return

            await asyncio.wait_for(until_done(), 60)
        assert len(audio) / 2 / RATE > 1.0  # the greeting, spoken by piper
    finally:
        await client.close()
        await runner.cleanup()
    assert running.server.piper is not None and running.server.piper._proc is None  # closed


def test_bad_tts_settings_are_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--tts must be"):
        ServerConfig(tts="festival").validate()
    with pytest.raises(ConfigError, match="no piper voice"):
        ServerConfig(tts=f"piper:{tmp_path / 'missing.onnx'}").validate()
    assert packaged_voice() is not None  # the test extra installs the voice
    ServerConfig(tts="piper").validate()
