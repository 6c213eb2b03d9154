"""Task ownership helpers."""

from __future__ import annotations

import asyncio

from voicertc.tasks import TaskSet, cancel_and_wait


async def test_cancel_and_wait_cancels_and_swallows() -> None:
    async def forever() -> None:
        await asyncio.Event().wait()

    async def broken() -> None:
        raise ValueError("x")

    tasks = [asyncio.ensure_future(forever()), asyncio.ensure_future(broken())]
    await asyncio.sleep(0)
    await cancel_and_wait(tasks)
    assert tasks[0].cancelled() and isinstance(tasks[1].exception(), ValueError)


async def test_cancel_and_wait_skips_the_calling_task() -> None:
    async def closer() -> str:
        await cancel_and_wait([asyncio.current_task()])  # type: ignore[list-item]
        return "still here"

    assert await closer() == "still here"


async def test_a_task_set_forgets_finished_tasks() -> None:
    tasks = TaskSet()
    done = tasks.spawn(asyncio.sleep(0))
    await done
    await asyncio.sleep(0)
    assert len(tasks) == 0


async def test_cancel_all_leaves_nothing_running() -> None:
    tasks = TaskSet()
    running = [tasks.spawn(asyncio.Event().wait()) for _ in range(3)]
    await tasks.cancel_all()
    assert len(tasks) == 0 and all(task.cancelled() for task in running)


async def test_cancel_all_from_an_owned_task_keeps_that_task() -> None:
    tasks = TaskSet()

    async def close_from_inside() -> bool:
        await tasks.cancel_all()
        return True

    other = tasks.spawn(asyncio.Event().wait())
    inside = tasks.spawn(close_from_inside())
    assert await inside is True and other.cancelled()


async def test_a_task_that_swallows_one_cancel_is_cancelled_again(monkeypatch) -> None:
    monkeypatch.setattr("voicertc.tasks.RECANCEL_S", 0.05)
    cancels = 0

    async def stubborn() -> None:
        nonlocal cancels
        while True:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancels += 1
                if cancels >= 2:
                    raise

    task = asyncio.ensure_future(stubborn())
    await asyncio.sleep(0)
    await cancel_and_wait([task])
    assert task.cancelled() and cancels == 2


async def test_a_task_that_never_ends_is_logged_and_left(monkeypatch, caplog) -> None:
    monkeypatch.setattr("voicertc.tasks.RECANCEL_S", 0.01)
    release = asyncio.Event()

    async def deaf() -> None:
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                pass

    task = asyncio.ensure_future(deaf(), loop=None)
    task.set_name("deaf")
    await asyncio.sleep(0)
    await cancel_and_wait([task])
    assert not task.done() and "task deaf ignored 3 cancellations" in caplog.text
    release.set()
    await task


async def test_a_cancelled_closer_waits_for_its_tasks_then_is_cancelled() -> None:
    ending = asyncio.Event()
    finish = asyncio.Event()

    async def slow_to_end() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            ending.set()
            await finish.wait()  # cleanup that takes a while

    owned = asyncio.ensure_future(slow_to_end())
    await asyncio.sleep(0)
    closer = asyncio.ensure_future(cancel_and_wait([owned]))
    await ending.wait()
    closer.cancel()
    await asyncio.sleep(0)
    assert not closer.done()  # the owned task has not ended: the closer still waits
    finish.set()
    await asyncio.wait({closer}, timeout=5)
    assert owned.cancelled() and closer.cancelled()
