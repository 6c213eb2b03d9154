"""The recording's caller clock: where each caller frame goes on the call's timeline."""

from __future__ import annotations

import itertools

from voicertc.ops.recording import _JITTER, _RESYNC, _CallerClock

FRAME = 960  # 20 ms at 48 kHz


def test_frames_stay_contiguous_when_arrival_varies_by_less_than_the_jitter() -> None:
    clock = _CallerClock()
    # the first frames came a little later than the ones after them (17 samples)
    starts = [clock.start(i * FRAME, 5000 + i * FRAME + (17 if i < 3 else 0)) for i in range(6)]
    assert [b - a for a, b in itertools.pairwise(starts)] == [FRAME] * 5


def test_a_frame_much_less_delayed_moves_the_anchor_earlier() -> None:
    clock = _CallerClock()
    assert clock.start(0, 5000 + 2 * _JITTER) == 5000 + 2 * _JITTER  # a slow first frame
    assert clock.start(FRAME, 5000 + FRAME) == 5000 + FRAME  # then the true delay


def test_a_late_frame_lands_where_its_timestamp_says() -> None:
    clock = _CallerClock()
    clock.start(0, 5000)
    assert clock.start(FRAME, 5000 + FRAME + 3000) == 5000 + FRAME


def test_a_jump_beyond_resync_starts_a_new_anchor_and_no_pts_is_where_it_arrived() -> None:
    clock = _CallerClock()
    clock.start(0, 5000)
    assert clock.start(FRAME, 5000 + FRAME + _RESYNC + 1) == 5000 + FRAME + _RESYNC + 1
    assert clock.start(None, 123) == 123
