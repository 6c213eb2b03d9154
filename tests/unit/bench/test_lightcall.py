"""The light benchmark call: pre-encoded packets out, onsets found by decoding few packets in."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiortc.codecs.opus import OpusDecoder
from aiortc.jitterbuffer import JitterFrame

from voicertc.bench.lightcall import QUIET_MAX_BYTES, ArrivalLog, OnsetFinder, PrecodedTrack, precode
from voicertc.bench.load import BenchCall
from voicertc.bench.utterance import first_above, make_utterance

UTTERANCE = make_utterance(0.3, -12.0)
AUDIO = precode(UTTERANCE.pcm16)
THRESHOLD = 0.1 * UTTERANCE.peak


def stream(echoes: int) -> list[bytes]:
    """Quiet, then the utterance, `echoes` times, as a server's echo would send it."""
    quiet = [AUDIO.silence] * 20
    return [p for _ in range(echoes) for p in quiet + list(AUDIO.utterance)] + quiet


def full_decode_onsets(packets: list[bytes]) -> list[int]:
    """What the full client finds: every packet decoded in order, the first loud frame of a run."""
    decoder = OpusDecoder()
    out, loud_before = [], False
    for k, payload in enumerate(packets):
        frame = decoder.decode(JitterFrame(payload, k * 960))[0]
        hit = first_above(frame.to_ndarray().reshape(-1)[0::2], THRESHOLD)
        out.append(hit if hit is not None and not loud_before else -1)
        loud_before = hit is not None
    return out


def test_silence_is_a_small_packet_and_the_utterance_is_not() -> None:
    assert len(AUDIO.silence) <= QUIET_MAX_BYTES
    assert len(AUDIO.utterance) >= 15  # 300 ms and the encoder's tail
    assert len(AUDIO.utterance[0]) > QUIET_MAX_BYTES


def test_onsets_match_a_full_decode_while_decoding_a_few_packets() -> None:
    packets = stream(echoes=3)
    finder = OnsetFinder(THRESHOLD)
    ours = [finder.onset(p, k * 960) for k, p in enumerate(packets)]
    assert [k for k, x in enumerate(ours) if x >= 0] == [
        k for k, x in enumerate(full_decode_onsets(packets)) if x >= 0
    ]
    for mine, full in zip(ours, full_decode_onsets(packets), strict=True):
        assert abs(mine - full) <= 2  # samples at 48 kHz
    assert sum(x >= 0 for x in ours) == 3
    assert finder.decoded <= 3 * 3  # per echo: the quiet packet before, the onset, maybe one more
    assert finder.decoded < len(packets) / 8


def test_track_sends_silence_then_the_utterance_at_20_ms() -> None:
    async def run() -> tuple[list[bytes], list[float], list[float]]:
        track = PrecodedTrack(AUDIO)
        started: list[float] = []
        track.on_item_started = lambda item: started.append(time.monotonic())
        sent, times = [], []
        for k in range(30):
            if k == 5:
                track.say("turn1")
            packet = await track.recv()
            sent.append(bytes(packet))
            times.append(time.monotonic())
        track.stop()
        return sent, times, started

    sent, times, started = asyncio.run(run())
    assert sent[:5] == [AUDIO.silence] * 5
    assert sent[5 : 5 + len(AUDIO.utterance)] == list(AUDIO.utterance)
    assert sent[5 + len(AUDIO.utterance) :] == [AUDIO.silence] * (25 - len(AUDIO.utterance))
    assert len(started) == 1 and started[0] >= times[4]
    # Paced: never ahead of real time (a late wake-up on a busy machine only adds).
    assert 29 * 0.02 - 0.002 <= times[-1] - times[0] < 29 * 0.02 + 0.5


def test_sequence_numbers_unwrap_past_65535_and_reorders_step_back() -> None:
    log = ArrivalLog()
    for number in (65533, 65535, 65534, 0, 1):
        log.add_sequence(number)
    assert log.sequence == [65533, 65535, 65534, 65536, 65537]


def _analyse(arrivals: list[float], sequence: list[int]) -> dict[str, Any]:
    async def main() -> dict[str, Any]:
        call = BenchCall("http://127.0.0.1:9", UTTERANCE, 2.0, 0.0, 0.5, AUDIO)  # never connected
        assert call.light is not None
        call.light.log.arrival.extend(arrivals)
        call.light.log.sequence.extend(sequence)
        call.light.log.onset.extend([-1] * len(arrivals))
        result = call.analyse(-1.0, 10.0)
        await call.client.pc.close()
        return result

    return asyncio.run(main())


def test_a_late_frame_at_the_windows_edge_is_not_missing_but_a_gap_in_sequence_is() -> None:
    n = 100
    arrivals = [k * 0.02 for k in range(n)]
    arrivals[-1] += 0.012  # the last frame 12 ms late: the span reads one frame longer
    late = _analyse(arrivals, list(range(n)))
    assert late["span_shortfall"] == 1
    assert late["missing"] == 0

    del arrivals[40]  # frame 40 never came
    lost = _analyse(arrivals, [k for k in range(n) if k != 40])
    assert lost["missing"] == 1
