"""One connection to a Live speech model (`client.live.connect()`), behind the same
interface as the Realtime one.

The session speaks Realtime events both ways; this module translates at the edge:

- Live's output audio and transcript deltas become a Realtime response (created, audio
  and transcript deltas, transcript done, done). Live marks no end of a turn: a response
  ends after `QUIET_MS` without output, or when the user is heard.
- Input transcript deltas become the user's caption, and the first of a turn a
  `speech_started`: Live decides barge-in itself and this is the one sign it gives, so
  the session flushes its queued audio on it.
- A `session.delegation.created` (client delegation) becomes the function calls of the
  effect tools read from what the user said since the last one (one per request: "add
  reverb and delay" is two); the session applies them and their `function_call_output`s
  go back as one commentary for that delegation, with what no call could do ("add reverb
  and chorus": the chorus, as "declined"), or that decline alone when nothing was made.
- Typed text goes as commentary (the model says something about it); the effect chain
  note and replayed history as silent thinking. Response create/cancel and truncation
  have no Live counterpart: Live is server-driven.
- A delegation does not end what the model is saying (Live goes on speaking while the
  application works); the acknowledgement of its result does: what Live says after it is
  the answer to the result, a response of its own. So each answer ends once, whole, and
  the answers end in the order they were spoken.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from ..assistant.clauses import declined
from ..assistant.dialogue import Say, ToolCall
from ..assistant.followups import FollowUps
from ..assistant.reader import Guesser
from ..assistant.unsupported import declines
from ..protocol import live as lv
from ..protocol import realtime as rt
from ..protocol.tap import observe
from .realtime import EventHandler, Upstream, UpstreamConfig, UpstreamError

logger = logging.getLogger(__name__)

#: Output silence after which a Live answer counts as finished.
QUIET_MS = 700
_DELEGATE = (
    "\n\nWhen the user asks to change, add, remove or list audio effects, delegate the task to "
    "the application: it applies the change to the effect chain and tells you the result, "
    "which you then say in a few words."
)


def _text_of(item: dict[str, Any]) -> str:
    parts = item.get("content") or []
    return " ".join(str(p.get("text") or p.get("transcript") or "") for p in parts if isinstance(p, dict))


def _parsed(output: str) -> Any:
    try:
        return json.loads(output)
    except ValueError:
        return output


def _noted(output: Any, note: str) -> dict[str, Any]:
    """A call's output with what the turn asked for that no call could do ("declined")."""
    return {**output, "declined": note} if isinstance(output, dict) else {"output": output, "declined": note}


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("ending a Live answer failed", exc_info=task.exception())


class LiveTranslator:
    """Live server events in, Realtime server events out (to `on_event`), and Realtime
    client events in, Live client events out (through `send_live`)."""

    def __init__(self, on_event: EventHandler, quiet_ms: int = QUIET_MS, read: Guesser | None = None) -> None:
        self._on_event = on_event
        # The sentence reader's guess at what a delegation is about (off the event loop).
        self._read = read
        self._quiet_s = quiet_ms / 1000
        self.send_live: Any = None  # async (dict) -> None, set by the connection
        self._user_item: str | None = None
        self._user_text = ""
        self._heard_since_delegation: list[str] = []
        # A delegation for "a bit more" is about the effect this call last changed.
        self._follow_ups = FollowUps()
        # A delegation of several requests ("add reverb and delay"): each call's output,
        # by call id, until all are in; they go back together under the delegation's id.
        self._outputs: dict[str, dict[str, str | None]] = {}
        # "add reverb and chorus": what a delegation's calls could not do, said with their outputs.
        self._declined: dict[str, str] = {}
        self._response_id: str | None = None
        self._item_id: str | None = None
        self._output_text = ""
        self._quiet: asyncio.Task[None] | None = None
        self._pending_user_text: str | None = None
        # The event ids of delegation results sent and not yet acknowledged: the answer
        # under way when one is acknowledged is over (``_result_heard``).
        self._results_sent: set[str] = set()

    # -- server side: Live -> Realtime ----------------------------------------------

    async def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == lv.OUTPUT_AUDIO_DELTA:
            await self._open_response()
            await self._emit(rt.AUDIO_DELTA, delta=event.get("delta", ""), **self._where())
            self._restart_quiet()
        elif kind == lv.OUTPUT_TRANSCRIPT_DELTA:
            await self._open_response()
            delta = str(event.get("delta", ""))
            self._output_text += delta
            await self._emit(rt.TRANSCRIPT_DELTA, delta=delta, **self._where())
            self._restart_quiet()
        elif kind == lv.INPUT_TRANSCRIPT_DELTA:
            await self._heard(str(event.get("delta", "")), int(event.get("start_ms", 0)))
        elif kind == lv.DELEGATION_CREATED:
            delegation = event.get("delegation") or {}
            await self._delegated(str(delegation.get("id", "")))
        elif kind == lv.COMMENTARY_APPENDED:
            await self._result_heard(event.get("client_event_id"))
        elif kind == lv.ERROR:
            error = event.get("error") or {}
            self._results_sent.discard(str(error.get("client_event_id")))  # refused: no answer to come
            await self._on_event({"type": rt.ERROR, "error": error})
        elif kind == lv.USAGE_UPDATED:
            # No Realtime counterpart: passed on as it is, for the call's usage (ops/usage.py).
            await self._on_event(event)
        elif kind == lv.SESSION_CLOSED:
            raise UpstreamError(f"the Live session closed ({event.get('reason')})")

    async def _emit(self, kind: str, **fields: Any) -> None:
        await self._on_event({"type": kind, **fields})

    def _where(self) -> dict[str, Any]:
        return {
            "response_id": self._response_id,
            "item_id": self._item_id,
            "output_index": 0,
            "content_index": 0,
        }

    async def _heard(self, delta: str, start_ms: int) -> None:
        if self._user_item is None:
            # The user is speaking: whatever the model was saying, Live has stopped it.
            await self.finish_response()
            self._user_item = rt.new_id("item")
            await self._emit(rt.SPEECH_STARTED, item_id=self._user_item, audio_start_ms=start_ms)
        if delta:
            self._user_text += delta
            self._heard_since_delegation.append(delta)
            await self._emit(rt.USER_TRANSCRIPT_DELTA, item_id=self._user_item, content_index=0, delta=delta)

    async def _finish_user_turn(self) -> None:
        if self._user_item is None:
            return
        item_id, text = self._user_item, self._user_text.strip()
        self._user_item, self._user_text = None, ""
        await self._emit(rt.SPEECH_STOPPED, item_id=item_id, audio_end_ms=0)
        await self._emit(rt.USER_TRANSCRIPT_DONE, item_id=item_id, content_index=0, transcript=text)

    async def _open_response(self) -> None:
        if self._response_id is not None:
            return
        await self._finish_user_turn()
        self._response_id, self._item_id, self._output_text = rt.new_id("resp"), rt.new_id("item"), ""
        await self._emit(
            rt.RESPONSE_CREATED,
            response={
                "object": "realtime.response",
                "id": self._response_id,
                "status": "in_progress",
                "output": [],
            },
        )

    def _restart_quiet(self) -> None:
        if self._quiet is not None:
            self._quiet.cancel()
        self._quiet = asyncio.create_task(self._end_when_quiet(), name="voicertc-live-quiet")
        self._quiet.add_done_callback(_log_failure)

    async def _end_when_quiet(self) -> None:
        await asyncio.sleep(self._quiet_s)
        self._quiet = None  # finishing must not cancel this very task
        await self.finish_response()

    async def finish_response(self, status: str = "completed") -> None:
        if self._quiet is not None:
            self._quiet.cancel()
            self._quiet = None
        if self._response_id is None:
            return
        where, text = self._where(), self._output_text
        self._response_id = self._item_id = None
        await self._emit(rt.TRANSCRIPT_DONE, transcript=text, **where)
        await self._emit(
            rt.RESPONSE_DONE, response={"id": where["response_id"], "status": status, "output": []}
        )

    async def _result_heard(self, client_event_id: Any) -> None:
        """Live has a delegation's result: whatever it says from here answers it, so the
        answer it was giving (if any) is over."""
        if client_event_id in self._results_sent:
            self._results_sent.discard(client_event_id)
            await self.finish_response()

    async def _delegated(self, delegation_id: str) -> None:
        # Not the answer being spoken: Live goes on with it, and it ends whole (when the
        # result is heard, or goes quiet). Ending it here made its rest a second answer.
        await self._finish_user_turn()
        heard = " ".join(self._heard_since_delegation).strip()
        self._heard_since_delegation.clear()
        guess = await self._read(heard) if heard and self._read is not None else None
        intents = self._follow_ups.understand_all(heard, guess) if heard else []
        calls = [i for i in intents if isinstance(i, ToolCall)]
        if not calls:
            said = next((i.text for i in intents if isinstance(i, Say) and declines(i.text)), None)
            nothing = f"No change to the audio effects could be read from what the user said: {heard!r}."
            await self._send_result(said or nothing, delegation_id)
            return
        note = declined(heard)
        if note is not None:
            self._declined[delegation_id] = note
        # The first call answers to the delegation's own id; the others to ids of their own,
        # whose outputs are held until every one is in (``_output``).
        call_ids = [delegation_id, *(f"{delegation_id}.{n}" for n in range(1, len(calls)))]
        if len(calls) > 1:
            self._outputs[delegation_id] = dict.fromkeys(call_ids)
        response_id = rt.new_id("resp")
        response = {"object": "realtime.response", "id": response_id, "status": "in_progress", "output": []}
        await self._emit(rt.RESPONSE_CREATED, response=response)
        for index, (call, call_id) in enumerate(zip(calls, call_ids, strict=True)):
            await self._emit(
                rt.ARGUMENTS_DONE,
                response_id=response_id,
                item_id=rt.new_id("item"),
                output_index=index,
                call_id=call_id,
                name=call.name,
                arguments=json.dumps(call.arguments),
            )
        await self._emit(rt.RESPONSE_DONE, response={"id": response_id, "status": "completed", "output": []})

    async def _output(self, call_id: str, output: str) -> None:
        """A call's output back to Live as the commentary of its delegation: at once for a
        delegation of one call; for several, once all are in, as a JSON list in call order."""
        parsed = _parsed(output)
        if isinstance(parsed, dict):
            self._follow_ups.saw(parsed)  # the chain it reports: what an undo of a setting restores
        delegation_id = next((d for d, calls in self._outputs.items() if call_id in calls), None)
        if delegation_id is None:
            note = self._declined.pop(call_id, None)
            content = output if note is None else json.dumps(_noted(parsed, note))
            await self._send_result(content, call_id)
            return
        waiting = self._outputs[delegation_id]
        waiting[call_id] = output
        if any(o is None for o in waiting.values()):
            return
        del self._outputs[delegation_id]
        together = [_parsed(str(o)) for o in waiting.values()]
        note = self._declined.pop(delegation_id, None)
        if note is not None:
            together[-1] = _noted(together[-1], note)
        await self._send_result(json.dumps(together), delegation_id)

    async def _send_result(self, content: str, delegation_id: str) -> None:
        event_id = lv.new_id("event")
        self._results_sent.add(event_id)
        await self._send(lv.append(lv.COMMENTARY_APPEND, content, delegation_id, event_id))

    # -- client side: Realtime -> Live ----------------------------------------------

    async def send(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == rt.RESPONSE_CREATE and self._pending_user_text is not None:
            text, self._pending_user_text = self._pending_user_text, None
            self._heard_since_delegation.append(text)  # what a delegation may be about
            await self._send(lv.append(lv.COMMENTARY_APPEND, f"The user typed: {text}"))
            return
        await self._flush_pending_text()
        if kind != rt.ITEM_CREATE:
            # response.create/cancel, truncate, commit: Live decides turns and responses itself.
            return
        item = event.get("item") or {}
        if item.get("type") == "function_call_output":
            await self._output(str(item.get("call_id")), str(item.get("output", "")))
        elif item.get("type") == "message":
            text = _text_of(item)
            if item.get("role") == "user":
                self._pending_user_text = text
            elif item.get("role") == "assistant":
                await self._send(lv.append(lv.THINKING_APPEND, f"Earlier in this call you said: {text}"))
            else:
                await self._send(lv.append(lv.THINKING_APPEND, text))

    async def _flush_pending_text(self) -> None:
        if self._pending_user_text is not None:
            text, self._pending_user_text = self._pending_user_text, None
            await self._send(lv.append(lv.THINKING_APPEND, f"Earlier in this call the user said: {text}"))

    async def _send(self, event: dict[str, Any]) -> None:
        await self.send_live(event)

    async def close(self) -> None:
        if self._quiet is not None:
            self._quiet.cancel()
            await asyncio.gather(self._quiet, return_exceptions=True)
            self._quiet = None


class LiveUpstream(Upstream):
    """`Upstream` over Live: the same queue, tasks and close; a Live session start, and
    every event translated by a `LiveTranslator`."""

    _append_json = staticmethod(lv.input_audio_append_json)
    _protocol = "live"

    def __init__(self, config: UpstreamConfig, on_event: EventHandler, read: Guesser | None = None) -> None:
        self._translator = LiveTranslator(on_event, read=read)
        super().__init__(config, self._translator.handle)
        self._translator.send_live = self._send_live

    async def _open(self) -> Any:
        # max_retries=0: the session owns reconnecting, for both protocols alike.
        connection = await self._client.live.connect(max_retries=0).enter()
        try:
            config = self.config
            start = lv.session_start(config.model, config.voice, config.instructions + _DELEGATE)
            await self._send_live(start, connection)
            early = await self._answered(connection, (lv.SESSION_STARTED, lv.ERROR))
            # No session at all: nothing to carry on with, unlike a refused Realtime update.
            if early[-1].get("type") == lv.ERROR:
                raise UpstreamError(
                    f"the Live session did not start: {(early[-1].get('error') or {}).get('message')}"
                )
            self._early = early
        except BaseException:
            await connection.close()
            raise
        return connection

    async def send(self, event: dict[str, Any]) -> None:
        if self._connection is None or self.closed.is_set():
            raise UpstreamError("the speech model connection is closed")
        await self._translator.send(event)

    async def _send_live(self, event: dict[str, Any], connection: Any = None) -> None:
        connection = connection or self._connection
        if connection is None or self.closed.is_set():
            raise UpstreamError("the speech model connection is closed")
        observe(self._protocol, "upstream", "client", event)
        await connection.send_raw(json.dumps(event))

    async def close(self) -> None:
        try:
            await self._translator.close()
        finally:
            await super().close()
