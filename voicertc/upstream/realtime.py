"""One connection to a Realtime speech model, through the official `openai` SDK.

The same code talks to OpenAI's service and to voicertc's embedded endpoint: only the
SDK's `websocket_base_url` differs.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from openai import AsyncOpenAI

from ..metrics import METRICS
from ..protocol import realtime as rt
from ..protocol.tap import observe
from ..tasks import cancel_and_wait
from .base import EventHandler, UpstreamError
from .http_client import process_http_client
from .raw_send import DirectWrite, direct_writer, raw_sender
from .settings import SessionSettings

logger = logging.getLogger(__name__)
# websockets logs the handshake's headers at DEBUG, the Authorization header with the API
# key among them: keep that logger above DEBUG so no log ever holds the key.
logging.getLogger("websockets.client").setLevel(logging.INFO)

# 20 ms appends: 250 is five seconds of audio queued behind a stalled upstream.
_SEND_QUEUE_SIZE = 250
_CONFIGURE_TIMEOUT_S = 10.0
_CLOSE_TIMEOUT_S = 1.0


@dataclass
class UpstreamConfig(SessionSettings):
    """Where the session's model is and what it is told; the settings come from
    `SessionSettings`, so each is a field here too (``UpstreamConfig(speed=1.2)``)."""

    model: str = "gpt-realtime-2.1"
    voice: str = "marin"
    instructions: str = ""
    api_key: str = "local"
    #: None means OpenAI's service; otherwise e.g. ws://127.0.0.1:8080/v1
    base_url: str | None = None
    tools: list[dict[str, Any]] = field(default_factory=list)
    #: "realtime" (client.realtime.connect) or "live" (client.live.connect).
    protocol: str = "realtime"

    def session_update(self) -> dict[str, Any]:
        session = self.realtime_session()
        session["audio"]["input"]["format"] = rt.pcm_format()
        session["audio"]["output"].update(format=rt.pcm_format(), voice=self.voice)
        return rt.session_update(
            {
                "type": "realtime",
                "instructions": self.instructions,
                "output_modalities": ["audio"],
                **session,
                "tools": self.tools,
            }
        )


def message(role: str, text: str, item_id: str | None = None) -> dict[str, Any]:
    """A text message for the model's conversation (the assistant's own words are output)."""
    kind = "output_text" if role == "assistant" else "input_text"
    item: dict[str, Any] = {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}
    if item_id is not None:
        item["id"] = item_id
    return rt.item_create(item)


class Upstream:
    """A Realtime `UpstreamConnection`: owns the SDK connection, a bounded send queue
    and the receive task.

    Every server event is handed to `on_event` as a plain dict, in order. Appends go
    through a bounded queue so a stalled upstream drops old audio rather than growing
    memory or blocking the media path.
    """

    def __init__(self, config: UpstreamConfig, on_event: EventHandler) -> None:
        self.config = config
        self._on_event = on_event
        self._client = AsyncOpenAI(
            api_key=config.api_key,
            websocket_base_url=config.base_url,
            max_retries=0,
            http_client=process_http_client(),
        )
        self._connection: Any = None
        # Appends written straight onto the socket while nothing waits in the queue.
        self._write_now: DirectWrite | None = None
        # (message, monotonic time it was queued)
        self._queue: asyncio.Queue[tuple[str, float]] = asyncio.Queue(_SEND_QUEUE_SIZE)
        #: Seconds from queueing to sent of recent appends (the session reports their median).
        self.append_delays: deque[float] = deque(maxlen=_SEND_QUEUE_SIZE * 4)
        self._tasks: list[asyncio.Task[None]] = []
        #: Server events read while the session was being configured, not yet handed on.
        self._early: list[dict[str, Any]] = []
        self.dropped_appends = 0
        self.closed = asyncio.Event()

    #: The protocol's audio append as JSON text, from base64 audio.
    _append_json = staticmethod(rt.append_json)
    #: Which protocol's messages this connection's tap reports.
    _protocol = "realtime"

    async def connect(self) -> None:
        try:
            self._connection = await self._open()
        except UpstreamError:
            raise
        except Exception as exc:
            raise UpstreamError(f"cannot reach the speech model: {exc}") from exc
        self._write_now = direct_writer(self._connection)
        self._tasks = [
            asyncio.create_task(self._receive(), name="voicertc-upstream-recv"),
            asyncio.create_task(self._send_loop(), name="voicertc-upstream-send"),
        ]

    async def _open(self) -> Any:
        """Connects and configures the model's session; returns the SDK connection once
        the model has answered the configuration."""
        connection = await self._client.realtime.connect(model=self.config.model).enter()
        try:
            update = self.config.session_update()
            observe(self._protocol, "upstream", "client", update)
            await connection.send(update)
            # A refusal (`error`) is the session's to report, as any error the model sends.
            self._early = await self._answered(connection, (rt.SESSION_UPDATED, rt.ERROR))
        except BaseException:
            await connection.close()
            raise
        return connection

    async def _answered(self, connection: Any, answers: tuple[str, ...]) -> list[dict[str, Any]]:
        """Reads the server's events up to its answer to the session's configuration (the
        first of the `answers` types) and returns them in order, the answer last; they go
        to the session once connected. UpstreamError if none comes in time.

        The caller is told the assistant is listening only once the model has answered:
        audio sent before the model applied the session meets the old turn detection (the
        embedded endpoint swaps in a new detector, and an onset said meanwhile is lost);
        held in the send queue until then, it meets the new one."""

        async def read() -> list[dict[str, Any]]:
            early: list[dict[str, Any]] = []
            while True:
                event = self._decode(await connection.recv_bytes())
                if event is None:
                    continue
                early.append(event)
                if event.get("type") in answers:
                    return early

        # asyncio.timeout, not wait_for: on Python 3.11 wait_for drops a cancellation that
        # arrives as read() finishes (cpython gh-86296), and the hang-up then waits forever.
        try:
            async with asyncio.timeout(_CONFIGURE_TIMEOUT_S):
                return await read()
        except TimeoutError:
            raise UpstreamError("the speech model did not answer the session's configuration") from None

    def _decode(self, raw: bytes) -> dict[str, Any] | None:
        try:
            event = json.loads(raw)
        except ValueError:
            logger.warning("upstream sent a non-JSON message")
            return None
        if not isinstance(event, dict):
            return None
        observe(self._protocol, "upstream", "server", event)
        return event

    def append_audio(self, pcm16: bytes) -> None:
        """Queue 24 kHz PCM16 for `input_audio_buffer.append`; never blocks. With nothing
        queued before it and a socket that takes it at once, it is written now (as the send
        task would, one loop iteration and a queue hop later)."""
        message = self._append_json(base64.b64encode(pcm16).decode("ascii"))
        write_now = self._write_now
        if write_now is not None and self._queue.empty() and write_now(message):
            observe(self._protocol, "upstream", "client", message)
            self.append_delays.append(0.0)
            METRICS.inbound_to_append.observe(0.0)
            return
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped_appends += 1
        self._queue.put_nowait((message, time.monotonic()))

    async def send(self, event: dict[str, Any]) -> None:
        """Send a client event now (control events bypass the audio queue)."""
        if self._connection is None or self.closed.is_set():
            raise UpstreamError("the speech model connection is closed")
        observe(self._protocol, "upstream", "client", event)
        await self._connection.send_raw(json.dumps(event))

    async def _send_loop(self) -> None:
        send = raw_sender(self._connection)
        while True:
            message, queued_at = await self._queue.get()
            observe(self._protocol, "upstream", "client", message)
            await send(message)
            delay = time.monotonic() - queued_at
            self.append_delays.append(delay)
            METRICS.inbound_to_append.observe(delay)

    async def _receive(self) -> None:
        try:
            early, self._early = self._early, []
            for event in early:
                await self._on_event(event)
            while True:
                event = self._decode(await self._connection.recv_bytes())
                if event is not None:
                    await self._on_event(event)
                # A model sends a response's first second of audio at once; read from the
                # socket's buffer without a pause, those ten deltas were one 3-6 ms step of
                # this task, holding up every call's frame timers (40 calls: the largest
                # callbacks on the loop). One turn of the loop between events bounds it.
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            logger.info("upstream connection ended: %s", exc)
        finally:
            self.closed.set()

    @property
    def connected(self) -> bool:
        return self._connection is not None and not self.closed.is_set()

    def abandon(self) -> None:
        """Declares this connection dead (it stopped answering): ``closed`` is set, and
        its owner closes it and connects anew as after any lost connection."""
        self.closed.set()

    async def close(self) -> None:
        """Releases the socket and the client even when the closer is cancelled midway
        (its ``CancelledError`` goes on after them); closing twice is harmless."""
        self._write_now = None
        try:
            await cancel_and_wait(self._tasks)
        finally:
            self._tasks = []
            try:
                await self._close_connection()
            finally:
                self.closed.set()
                await self._client.close()

    async def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            # A polite close waits for the peer's close frame; a dying or shutting-down
            # upstream may never send one, and a hang-up must not wait on it.
            try:
                async with asyncio.timeout(_CLOSE_TIMEOUT_S):
                    await connection.close()
            except Exception:
                pass
