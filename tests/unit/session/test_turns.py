"""Turn metrics arithmetic, on a clock the test moves."""

from __future__ import annotations

from collections import deque

from voicertc.session.turns import TurnClock


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_total_is_split_into_upstream_and_server() -> None:
    clock = Clock()
    turns = TurnClock(clock)
    turns.turn_ended()
    clock.now += 0.300
    turns.delta()
    clock.now += 0.050
    turn = turns.answer_started("a1", deque())
    assert turn == {"item_id": "a1", "total_ms": 350.0, "upstream_ms": 300.0, "server_ms": 50.0}


def test_only_the_first_delta_counts() -> None:
    clock = Clock()
    turns = TurnClock(clock)
    turns.turn_ended()
    clock.now += 0.2
    turns.delta()
    clock.now += 0.2
    turns.delta()
    turn = turns.answer_started("a1", deque())
    assert turn["upstream_ms"] == 200.0 and turn["total_ms"] == 400.0


def test_without_a_delta_all_the_wait_is_upstream() -> None:
    clock = Clock()
    turns = TurnClock(clock)
    turns.turn_ended()
    clock.now += 0.1
    turn = turns.answer_started("a1", deque())
    assert turn["upstream_ms"] == turn["total_ms"] == 100.0 and turn["server_ms"] == 0.0


def test_one_figure_per_turn_and_item() -> None:
    turns = TurnClock(Clock())
    turns.turn_ended()
    assert turns.answer_started("a1", deque()) is not None
    assert turns.answer_started("a1", deque()) is None
    assert turns.answer_started("a2", deque()) is None  # no turn ended since


def test_an_answer_nobody_asked_for_is_not_a_turn() -> None:
    assert TurnClock(Clock()).answer_started("a1", deque()) is None


def test_append_delay_median_in_ms_and_the_delays_are_consumed() -> None:
    turns = TurnClock(Clock())
    turns.turn_ended()
    delays = deque([0.004, 0.001, 0.002])
    assert turns.answer_started("a1", delays)["append_ms"] == 2.0
    assert not delays


def test_a_new_turn_restarts_the_delta_clock() -> None:
    clock = Clock()
    turns = TurnClock(clock)
    turns.turn_ended()
    turns.delta()
    turns.answer_started("a1", deque())
    clock.now += 5
    turns.turn_ended()
    clock.now += 0.1
    turns.delta()
    assert turns.answer_started("a2", deque())["upstream_ms"] == 100.0
