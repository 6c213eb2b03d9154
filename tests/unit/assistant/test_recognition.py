"""The recognition queue: one at a time, the server's own callers first, fair between the rest."""

from __future__ import annotations

import asyncio

from voicertc.assistant.endpoint.recognition import ANONYMOUS, CALLER, RecognitionQueue


async def test_a_caller_is_served_before_anonymous_waiters_that_came_first() -> None:
    queue = RecognitionQueue(slots=1)
    order: list[str] = []
    release = asyncio.Event()

    async def turn(name: str, priority: int, hold: bool = False) -> None:
        async with queue.slot(priority):
            order.append(name)
            if hold:
                await release.wait()

    first = asyncio.create_task(turn("anon-0", ANONYMOUS, hold=True))
    await asyncio.sleep(0)
    others = [asyncio.create_task(turn(f"anon-{k}", ANONYMOUS)) for k in range(1, 4)]
    await asyncio.sleep(0)
    caller = asyncio.create_task(turn("caller", CALLER))
    await asyncio.sleep(0)
    assert queue.waiting == 4
    release.set()
    await asyncio.gather(first, caller, *others)
    assert order == ["anon-0", "caller", "anon-1", "anon-2", "anon-3"]
    assert queue.waiting == 0


async def test_slots_bound_how_many_run_at_once() -> None:
    queue = RecognitionQueue(slots=2)
    running = 0
    peak = 0

    async def turn() -> None:
        nonlocal running, peak
        async with queue.slot(ANONYMOUS):
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            running -= 1

    await asyncio.gather(*(turn() for _ in range(6)))
    assert peak == 2


async def test_a_cancelled_waiter_does_not_lose_the_slot() -> None:
    queue = RecognitionQueue(slots=1)
    release = asyncio.Event()

    async def hold() -> None:
        async with queue.slot(ANONYMOUS):
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    waiter = asyncio.create_task(hold())
    await asyncio.sleep(0)
    waiter.cancel()
    release.set()
    await asyncio.gather(holder, waiter, return_exceptions=True)

    async def use() -> None:
        async with queue.slot(CALLER):
            pass

    await asyncio.wait_for(use(), 1)
