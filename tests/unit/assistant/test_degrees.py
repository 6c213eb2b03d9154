"""How far a change goes, beside the words that say which way."""

from __future__ import annotations

from voicertc.assistant.degrees import further_down, only_lowered


def test_a_bit_more_after_a_lowering_word_is_dropped() -> None:
    assert further_down(" lower the gain a bit more ") == " lower the gain "
    assert further_down(" a bit more reverb ") == " a bit more reverb "  # nothing lowers


def test_a_removal_done_partly_or_of_a_setting_is_a_step_down() -> None:
    assert only_lowered(" cut the reverb a bit ")
    assert only_lowered(" drop the high pass frequency ")
    assert not only_lowered(" remove the reverb for a bit ")
    assert not only_lowered(" remove the reverb ")
