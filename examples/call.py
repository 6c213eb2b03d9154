#!/usr/bin/env python3
"""Call a voicertc server from the command line.

A WAV file is the microphone, typed text can follow it, the captions and effect changes
are printed as they arrive, and the assistant's voice is recorded to a WAV:

    python examples/call.py http://127.0.0.1:8080 --mic command.wav --out reply.wav
    python examples/call.py http://127.0.0.1:8080 --text "what effects are on" --out reply.wav

URL is where the signalling lives (`POST URL/offer`): a voicertc server, voicertc
mounted under a prefix (`http://host/voice`), or examples/embed_aiortc.py's route
(`http://host/assistant`).

Exit status: 0 once every turn got its whole reply; 1 when the call could not be made
(server unreachable, refused, no network path) or was ended by the server; 2 for bad
arguments or an unreadable WAV; 3 when --seconds ran out before the reply finished.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import aiohttp
import aioice.ice
import numpy as np
import soxr

from voicertc.client import CallClient, CallError
from voicertc.patches import use_host_addresses

Message = dict[str, Any]
MIC_RATE = 24000  # what CallClient.say() takes
OUT_RATE = 48000  # what WebRTC delivers


class Failed(Exception):
    """The call failed; the message is for the user, the code for the shell."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def read_mic(path: Path) -> bytes:
    """Any 16-bit PCM WAV -> 24 kHz mono PCM16."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise Failed(f"{path}: only 16-bit PCM WAV is supported (try: sox IN -b 16 OUT.wav)", 2)
            channels, rate = wav.getnchannels(), wav.getframerate()
            raw = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise Failed(f"cannot read {path}: {exc}", 2) from None
    samples = np.frombuffer(raw, dtype="<i2").reshape(-1, channels).astype(np.float32).mean(axis=1)
    if rate != MIC_RATE:
        samples = soxr.resample(samples, rate, MIC_RATE)
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()


def write_wav(out: BinaryIO, samples: np.ndarray) -> None:
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(OUT_RATE)
        wav.writeframes(samples.astype("<i2").tobytes())


def ice_hosts(url: str, chosen: list[str] | None) -> list[str] | None:
    """The local addresses to offer as ICE host candidates."""
    if chosen:
        return chosen
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return None  # aioice's own choice: every interface but loopback
    # aioice never offers loopback, yet a server on this machine may only be reachable
    # there (a loopback-only namespace, or `voicertc serve --ice-host 127.0.0.1`).
    return [*aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=True), "127.0.0.1"]


def describe_chain(chain: list[dict[str, Any]]) -> str:
    if not chain:
        return "(none)"
    parts = []
    for entry in chain:
        params = ", ".join(f"{name}={value:g}" for name, value in entry["params"].items())
        parts.append(f"{entry['effect']}({params})")
    return " -> ".join(parts)


class Conversation:
    """Prints what the server says, each message once and in order, and spots turn ends."""

    def __init__(self, client: CallClient) -> None:
        self.client = client
        self.shown = 0  # messages printed so far, an index into client.messages
        self.spoke = False
        self.ended = False
        self.notice = ""

    def show(self, message: Message) -> None:
        kind = message.get("type")
        if kind == "session":
            upstream, voice = message.get("upstream"), message.get("voice")
            print(f"connected: session {message.get('session_id')} (upstream {upstream}, voice {voice})")
        elif kind == "transcript" and message.get("final"):
            print(f"{message.get('role')}: {message.get('text')}")
        elif kind == "effects":
            print(f"effects: {describe_chain(message.get('chain', []))}")
        elif kind == "state":
            self.spoke = self.spoke or message.get("state") == "speaking"
            self.ended = message.get("state") == "ended"
        elif kind == "error":
            print(f"server error ({message.get('code')}): {message.get('message')}", file=sys.stderr)
        elif kind == "notice":
            self.notice = str(message.get("message", ""))
            print(f"notice: {self.notice}")

    async def until(self, done: Callable[[Message], bool], deadline: float) -> None:
        """Shows messages until `done` (or the end of the call) is seen, or the deadline."""

        def check(message: Message) -> bool:
            # CallClient hands each message from `since` on to the predicate exactly once.
            self.shown += 1
            self.show(message)
            return self.ended or done(message)

        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise asyncio.TimeoutError
        # The outer wait_for gives a plain TimeoutError rather than CallClient's AssertionError.
        await asyncio.wait_for(self.client.wait_for(check, remaining + 1, since=self.shown), remaining)
        if self.ended:
            raise Failed(f"the server ended the call. {self.notice}".strip())

    async def turn(self, deadline: float) -> None:
        """Waits for the assistant to answer and finish speaking (back to listening)."""
        self.spoke = False
        await self.until(
            lambda m: m.get("type") == "state" and m["state"] == "listening" and self.spoke, deadline
        )


async def connect(client: CallClient, url: str) -> None:
    try:
        await asyncio.wait_for(client.connect(timeout=10), 20)
    except CallError as exc:
        hint = {401: " (pass --token)", 404: " (is the URL right? it must serve POST URL/offer)"}
        raise Failed(f"the server refused the call: {exc}{hint.get(exc.status, '')}") from None
    except aiohttp.ClientConnectorError as exc:
        raise Failed(f"cannot reach {url}: {exc.os_error.strerror or exc}") from None
    except aiohttp.ClientError as exc:
        raise Failed(f"HTTP request to {url}/offer failed: {exc}") from None
    except ValueError:
        raise Failed(f"{url}/offer did not answer with JSON; is this a voicertc server?") from None
    except asyncio.TimeoutError:
        if client.session_id is None:
            raise Failed(f"{url}/offer did not answer in time") from None
        raise Failed(
            "the offer was answered but no WebRTC connection came up (ICE failed): no network "
            "path to the server; it may need --ice-host or a TURN relay"
        ) from None


async def run(args: argparse.Namespace, out: BinaryIO) -> int:
    mic = read_mic(args.mic) if args.mic else None
    use_host_addresses(ice_hosts(args.url, args.ice_host))
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    client = CallClient(args.url, headers=headers)
    talk = Conversation(client)
    code = 0
    try:
        await connect(client, args.url)
        deadline = asyncio.get_running_loop().time() + args.seconds
        try:
            # The assistant hears nothing until its upstream is connected.
            await talk.until(lambda m: m.get("type") == "state" and m["state"] == "listening", deadline)
            if mic is not None:
                client.say(mic)
                await talk.turn(deadline)
            if args.text:
                client.send({"type": "text", "text": args.text})
                await talk.turn(deadline)
        except asyncio.TimeoutError:
            print(
                f"call.py: the assistant did not finish replying within {args.seconds:g} s", file=sys.stderr
            )
            code = 3
    finally:
        await client.hang_up()
    audio = client.received_audio()
    write_wav(out, audio)
    print(f"wrote {args.out} ({len(audio) / OUT_RATE:.1f} s of assistant audio, 48 kHz mono)")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description="Call a voicertc server with a WAV file as the mic.")
    parser.add_argument("url", help="signalling base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--mic", type=Path, help="16-bit PCM WAV to say (any rate, any channels)")
    parser.add_argument("--text", help="a typed message, sent after the --mic turn")
    parser.add_argument("--out", type=Path, default=Path("reply.wav"), help="WAV for the assistant audio")
    parser.add_argument("--seconds", type=float, default=15.0, help="give up after this long (15)")
    parser.add_argument("--token", help="bearer token, for servers started with --auth-token")
    parser.add_argument(
        "--ice-host", action="append", metavar="ADDR", help="local address to offer as an ICE host candidate"
    )
    args = parser.parse_args()
    if not args.mic and not args.text:
        parser.error("give --mic, --text, or both")
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # show lines as they come
    try:
        out = args.out.open("wb")  # opened first: a bad path fails before the call, not after
    except OSError as exc:
        print(f"call.py: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    try:
        with out:
            return asyncio.run(run(args, out))
    except Failed as exc:
        args.out.unlink(missing_ok=True)  # no empty WAV left to mistake for a reply
        print(f"call.py: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
