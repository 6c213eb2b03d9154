"""Calls that survive the network: a caller whose connection dropped comes back on a new
peer connection with its resume token, into the same session (conversation, chain,
upstream connection). Tokens are single-use, bound to their session, and expire."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from conftest import start_server

from voicertc.client import CallClient, CallError
from voicertc.edge.resume import ResumeTokens
from voicertc.edge.signalling import SignallingError
from voicertc.metrics import METRICS


def test_tokens_are_single_use_bound_and_expiring() -> None:
    now = [0.0]
    tokens = ResumeTokens(ttl_seconds=60, clock=lambda: now[0])
    first = tokens.issue("s1")
    other = tokens.issue("s2")
    assert tokens.redeem(first) == "s1"
    with pytest.raises(SignallingError) as used:
        tokens.redeem(first)
    assert (used.value.status, used.value.code) == (409, "resume_token_used")
    with pytest.raises(SignallingError) as unknown:
        tokens.redeem("made-up")
    assert (unknown.value.status, unknown.value.code) == (404, "unknown_resume_token")
    # A newer token makes the one before stale.
    second = tokens.issue("s1")
    third = tokens.issue("s1")
    with pytest.raises(SignallingError) as superseded:
        tokens.redeem(second)
    assert superseded.value.status == 409
    # A failed resume gives its token back.
    assert tokens.redeem(third) == "s1"
    tokens.give_back(third, "s1")
    assert tokens.redeem(third) == "s1"
    # Expired, and ended.
    now[0] = 61.0
    with pytest.raises(SignallingError) as expired:
        tokens.redeem(other)
    assert (expired.value.status, expired.value.code) == (409, "resume_token_expired")
    fourth = tokens.issue("s1")
    tokens.ended("s1")
    with pytest.raises(SignallingError) as ended:
        tokens.redeem(fourth)
    assert (ended.value.status, ended.value.code) == (409, "resume_token_ended")


async def test_a_dropped_caller_resumes_the_same_conversation(server) -> None:
    first = CallClient(server.url)
    await first.connect()
    await first.wait_type("state", state="listening", timeout=20)
    session = server.server.sessions[first.session_id]
    first.send({"type": "text", "text": "add some reverb"})
    await first.wait_for(lambda m: m.get("type") == "effects" and m["chain"], timeout=15)
    await first.wait_type("state", state="listening", since=len(first.messages) - 1, timeout=20)
    reconnects = METRICS.upstream_reconnects.value()
    token = first.resume_token
    assert token

    # The connection drops (the caller's side vanishes: no DELETE).
    await first.close()
    await asyncio.wait_for(_until(lambda: session.detached), 10)
    assert first.session_id in server.server.sessions

    second = CallClient(server.url)
    try:
        await second.connect(resume=token)
        assert second.session_id == first.session_id
        assert second.resume_token and second.resume_token != token
        greeting = await second.wait_type("effects", timeout=10)
        assert [e["effect"] for e in greeting["chain"]] == ["reverb"]
        assert not session.detached
        # Same upstream conversation: no new upstream connection, and the model has the
        # earlier turn (the embedded assistant answers from the chain it was told about).
        second.send({"type": "text", "text": "what effects are on?"})
        reply = await second.wait_for(
            lambda m: m.get("type") == "transcript" and m["role"] == "assistant" and m["final"], timeout=20
        )
        assert "reverb" in reply["text"].lower()
        assert METRICS.upstream_reconnects.value() == reconnects
        assert ("user", "add some reverb") in session.link.history  # the turn from before the drop is kept

        # The old token is used up; a made-up one is unknown.
        refusals = ((token, 409, "resume_token_used"), ("nope", 404, "unknown_resume_token"))
        for resume, status, code in refusals:
            probe = CallClient(server.url)
            with pytest.raises(CallError) as refused:
                await probe.connect(resume=resume)
            await probe.close()
            assert (refused.value.status, refused.value.code) == (status, code)
        assert list(server.server.sessions) == [first.session_id]
    finally:
        await second.hang_up()


async def test_a_call_nobody_resumes_ends_after_resume_seconds() -> None:
    running, runner = await start_server(resume_seconds=1.0)
    try:
        client = CallClient(running.url)
        await client.connect()
        await client.wait_type("state", state="listening", timeout=20)
        session = running.server.sessions[client.session_id]
        token = client.resume_token
        await client.close()
        await asyncio.wait_for(session.wait_closed(), 10)
        assert client.session_id not in running.server.sessions
        late = CallClient(running.url)
        with pytest.raises(CallError) as refused:
            await late.connect(resume=token)
        await late.close()
        assert refused.value.status == 409
    finally:
        await runner.cleanup()


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():  # noqa: ASYNC110 (a session attribute, no event to wait on)
        await asyncio.sleep(0.02)
