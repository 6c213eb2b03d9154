"""Schema-exact both ways: every Realtime and Live message of the whole suite, checked strictly.

The upstream clients and the embedded endpoints report each message they send or take
(`voicertc.protocol.tap`); each is validated with pydantic in strict mode against the
SDK's own model for its type (`openai.types.realtime` RealtimeClientEvent /
RealtimeServerEvent, `openai.types.live` ClientEvent / ServerEvent), fields the model
does not define count as failures too, and the suite fails at its end with the list.
Live client events are checked as the upstream sends them (the Live endpoint's refused
ones are the suite's deliberate bad input). Client events the endpoint refused are not
recorded: the suite sends those on purpose. A test that feeds the bridge bad server
events on purpose is marked `realtime_garbage`: the server events the upstream client
receives during it are not checked.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from openai.types.live import ClientEvent as LiveClientEvent
from openai.types.live import ServerEvent as LiveServerEvent
from openai.types.realtime import RealtimeClientEvent, RealtimeServerEvent
from pydantic import ValidationError

from voicertc.protocol import tap
from voicertc.protocol.schema import adapters_by_type, unknown_field

_ADAPTERS = {
    ("realtime", "client"): adapters_by_type(RealtimeClientEvent),
    ("realtime", "server"): adapters_by_type(RealtimeServerEvent),
    ("live", "client"): adapters_by_type(LiveClientEvent),
    ("live", "server"): adapters_by_type(LiveServerEvent),
}
_MAX_REPORTED = 50


class Conformance:
    def __init__(self) -> None:
        self.checked = 0
        self.failures: list[str] = []
        self._lock = threading.Lock()
        self.garbage_expected = False

    def problem(self, protocol: str, kind: str, message: Any) -> str | None:
        event = json.loads(message) if isinstance(message, str) else message
        if not isinstance(event, dict):
            return "not a JSON object"
        adapter = _ADAPTERS[protocol, kind].get(event.get("type"))  # type: ignore[arg-type]
        if adapter is None:
            return f"no {protocol} {kind} event of type {event.get('type')!r} in the SDK"
        try:
            model = adapter.validate_python(event, strict=True)
        except ValidationError as exc:
            return "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)
            )
        unknown = unknown_field(model)
        return f"{unknown}: not in the SDK's model" if unknown else None

    def __call__(self, protocol: str, who: str, kind: str, message: Any) -> None:
        if self.garbage_expected and (who, kind) == ("upstream", "server"):
            return
        problem = self.problem(protocol, kind, message)
        with self._lock:
            self.checked += 1
            if problem is not None:
                test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
                text = message if isinstance(message, str) else json.dumps(message)
                self.failures.append(f"{test}: {protocol} {who} {kind} event {text[:300]}: {problem}")


@pytest.fixture(scope="session", autouse=True)
def realtime_conformance() -> Iterator[Conformance]:
    check = Conformance()
    tap.add_observer(check)
    yield check
    tap.remove_observer(check)
    if check.failures:
        listed = "\n".join(check.failures[:_MAX_REPORTED])
        more = len(check.failures) - _MAX_REPORTED
        pytest.fail(
            f"{len(check.failures)} of {check.checked} Realtime/Live messages do not match the SDK's types:\n"
            + listed
            + (f"\n... and {more} more" if more > 0 else ""),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _realtime_garbage(request: pytest.FixtureRequest, realtime_conformance: Conformance) -> Iterator[None]:
    realtime_conformance.garbage_expected = request.node.get_closest_marker("realtime_garbage") is not None
    yield
    realtime_conformance.garbage_expected = False
