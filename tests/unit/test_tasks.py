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
