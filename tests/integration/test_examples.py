"""The examples run as real processes: call.py against a voicertc server, and against
embed_aiortc.py's own signalling route, where the host app's event log is checked."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
from conftest import start_server, synthesize_wav
from support.serve_process import free_port

from voicertc.edge.access import AccessPolicy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOKEN = "examples-token"


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("OPENAI_API_KEY", None)  # the embedded assistant, always
    return env


class Child:
    """A child process whose stdout+stderr is always drained into `lines`: an unread pipe
    can block the child and make `wait()` hang."""

    def __init__(self, name: str, proc: asyncio.subprocess.Process) -> None:
        self.name = name
        self.proc = proc
        self.lines: list[str] = []
        self._new_line = asyncio.Event()
        self._eof = False
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, name: str, *args: str) -> Child:
        # A process group of its own, so that stop() can end whatever the child started too.
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *args, cwd=ROOT, env=_env(), start_new_session=True,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        return cls(name, proc)

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        try:
            async for raw in self.proc.stdout:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._new_line.set()
        finally:
            self._eof = True
            self._new_line.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    async def wait_line(self, match: Callable[[str], bool], timeout: float) -> str:
        """The first output line for which `match` is true, waiting for it if need be."""

        async def find() -> str | None:
            while True:
                line = next((line for line in self.lines if match(line)), None)
                if line is not None or self._eof:
                    return line
                self._new_line.clear()
                await self._new_line.wait()

        try:
            line = await asyncio.wait_for(find(), timeout)
        except asyncio.TimeoutError:
            line = None
        assert line is not None, f"{self.name}: no such line within {timeout} s; output:\n{self.output}"
        return line

    async def finish(self, timeout: float) -> int:
        """Waits for the child to exit by itself; returns its exit status."""
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        await asyncio.wait_for(self._reader, 5)
        return code

    async def stop(self) -> None:
        """Ends the child, gracefully first, then its whole process group.

        A server's speech worker processes inherit its stdout; one that outlives the server
        keeps the pipe open, and on Python 3.11 `wait()` then never returns.
        """
        if self.proc.returncode is None:
            self.proc.terminate()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.proc.wait(), 5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        try:
            await asyncio.wait_for(asyncio.gather(self.proc.wait(), self._reader), 5)
        except asyncio.TimeoutError:
            self._reader.cancel()


def _stereo_44k(path: Path) -> Path:
    """The command as a 44.1 kHz stereo WAV, so call.py has to convert it."""
    mono = synthesize_wav("add some reverb", rate=44100, lead_s=0.3, tail_s=0.3)
    with wave.open(str(mono), "rb") as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(44100)
        wav.writeframes(np.repeat(samples, 2).tobytes())
    return path


def _loud_frames(path: Path, threshold_dbfs: float = -40.0) -> int:
    """20 ms frames of a 48 kHz mono WAV louder than the threshold (RMS)."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (48000, 1, 2)
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64)
    frames = samples[: len(samples) // 960 * 960].reshape(-1, 960)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return int(np.sum(rms > 32768.0 * 10 ** (threshold_dbfs / 20)))


async def test_call_py_calls_a_server(tmp_path: Path) -> None:
    mic = _stereo_44k(tmp_path / "command.wav")
    out = tmp_path / "reply.wav"
    call_py = str(EXAMPLES / "call.py")
    # Nothing listens on that port: started first, as it needs no server.
    nobody = f"http://127.0.0.1:{free_port()}"
    unreachable = await Child.start(
        "call.py", call_py, nobody, "--text", "hi", "--out", str(tmp_path / "u.wav")
    )
    children = [unreachable]
    # In-process, so the test does not wait for a second interpreter to start; test_cli
    # covers `voicertc serve` as a process.
    running, runner = await start_server(access=AccessPolicy(auth_token=TOKEN, calls_per_minute=None))
    try:
        call = await Child.start(
            "call.py", call_py, running.url, "--mic", str(mic), "--out", str(out),
            "--seconds", "25", "--token", TOKEN,
        )  # fmt: skip
        no_token = await Child.start(
            "call.py", call_py, running.url, "--text", "hi", "--out", str(tmp_path / "n.wav")
        )
        children += [call, no_token]

        assert await call.finish(40) == 0, call.output
        user = await call.wait_line(lambda line: line.startswith("user:"), 1)
        assert "reverb" in user.lower(), call.output
        await call.wait_line(lambda line: line.startswith("effects: reverb("), 1)
        assistant = await call.wait_line(lambda line: line.startswith("assistant:"), 1)
        assert "reverb" in assistant.lower(), call.output
        assert _loud_frames(out) >= 25, "under half a second of audible reply in the WAV"

        assert await no_token.finish(20) == 1
        assert "401" in no_token.output and "--token" in no_token.output, no_token.output
        assert await unreachable.finish(20) == 1
        assert "cannot reach" in unreachable.output, unreachable.output
        assert not (tmp_path / "u.wav").exists() and not (tmp_path / "n.wav").exists()
        for child in children:
            assert "Traceback" not in child.output, child.output
    finally:
        for child in children:
            await child.stop()
        await runner.cleanup()


async def test_embed_example_hosts_a_call(tmp_path: Path) -> None:
    port = free_port()
    host = await Child.start("embed_aiortc.py", str(EXAMPLES / "embed_aiortc.py"), "--port", str(port))
    children = [host]
    try:
        await host.wait_line(lambda line: "serving on http" in line, 30)
        # The host's own route, which call.py can use: it speaks the same offer JSON.
        call = await Child.start(
            "call.py", str(EXAMPLES / "call.py"), f"http://127.0.0.1:{port}/assistant",
            "--text", "add some reverb", "--out", str(tmp_path / "reply.wav"), "--seconds", "20",
        )  # fmt: skip
        children.append(call)
        assert await call.finish(30) == 0, call.output
        assert "voice cedar" in call.output  # chosen by the host per session

        # What the host app heard through the session's pyee events.
        await host.wait_line(lambda line: "transcript user: add some reverb" in line, 10)
        await host.wait_line(lambda line: "effects reverb(" in line, 10)
        await host.wait_line(lambda line: "transcript assistant:" in line and "reverb" in line.lower(), 10)
        await host.wait_line(lambda line: "state speaking" in line, 10)
        await host.wait_line(lambda line: "metrics" in line and "total_ms" in line, 10)
        await host.wait_line(lambda line: line.endswith(" closed"), 10)
        assert "Traceback" not in host.output, host.output
    finally:
        for child in children:
            await child.stop()
