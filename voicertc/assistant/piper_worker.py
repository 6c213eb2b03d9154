"""The piper speech synthesiser as a separate process: `python -m voicertc.assistant.piper_worker MODEL`.

piper-tts is GPL-3.0 and loads a 60 MB ONNX voice: it runs in a process of its own, like
espeak-ng, never in the server. It loads the voice once, then reads requests as JSON
lines on stdin ({"id": n, "text": "..."}) and writes frames on stdout: a header of id and
length (two little-endian uint32) and that many bytes of 22.05 kHz mono PCM16, one frame
per sentence as piper finishes it, and a frame of length 0 when the request is done.
"""

from __future__ import annotations

import json
import struct
import sys


def main(argv: list[str]) -> int:
    from piper import PiperVoice  # type: ignore[import-not-found]  # only here: GPL, optional

    voice = PiperVoice.load(argv[0])
    out = sys.stdout.buffer
    out.write(struct.pack("<II", 0, voice.config.sample_rate))  # hello: the sample rate
    out.flush()
    for line in sys.stdin:
        try:
            request = json.loads(line)
            ident, text = int(request["id"]), str(request["text"])
        except (ValueError, KeyError, TypeError):
            continue
        for chunk in voice.synthesize(text):
            pcm = chunk.audio_int16_bytes
            out.write(struct.pack("<II", ident, len(pcm)) + pcm)
            out.flush()
        out.write(struct.pack("<II", ident, 0))
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
