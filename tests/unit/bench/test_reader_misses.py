"""The kinds of the sentence reader's remaining misses across writers, and the override
measured beside fill and veto (session 17): fakes only, the rules' arguments as a dict."""

from __future__ import annotations

from voicertc.assistant import dialogue
from voicertc.assistant.reader.head import Guess
from voicertc.bench.heldout import Case
from voicertc.bench.reader_misses import action_overridden, kind, overridden

NOTHING = [dialogue.Say(dialogue.FALLBACK_TEXT)]
REVERB = {"effect": "reverb", "action": "add"}
DELAY = {"effect": "delay", "action": "add"}
READ_REVERB = [dialogue.ToolCall(dialogue.APPLY, REVERB)]
MORE_REVERB = {"effect": "reverb", "action": "increase"}
ARGUMENTS = {"delay add": DELAY, "reverb add": REVERB, "reverb increase": MORE_REVERB}


def args(effect: str, action: str) -> dict[str, object] | None:
    return ARGUMENTS.get(f"{effect} {action}")


def test_a_sure_guess_of_another_effect_replaces_the_rules_command() -> None:
    sure_delay = Guess("delay", 0.96, "add", 0.01)
    assert overridden(READ_REVERB, sure_delay, args, 0.95) == [dialogue.ToolCall(dialogue.APPLY, DELAY)]
    assert overridden(READ_REVERB, sure_delay, args, 0.99) == READ_REVERB  # not sure enough
    assert overridden(READ_REVERB, sure_delay, args, None) == READ_REVERB  # off


def test_the_override_leaves_agreement_nothing_none_and_reset_alone() -> None:
    assert overridden(READ_REVERB, Guess("reverb", 0.99, "add", 0.0), args, 0.5) == READ_REVERB
    assert overridden(NOTHING, Guess("delay", 0.99, "add", 0.0), args, 0.5) == NOTHING  # that is a fill
    assert overridden(READ_REVERB, Guess("none", 0.99, "add", 0.99), args, 0.5) == READ_REVERB
    assert overridden(READ_REVERB, Guess("reset", 0.99, "add", 0.0), args, 0.5) == READ_REVERB
    # no call the rules could make for the guess: their reading stands
    assert overridden(READ_REVERB, Guess("gain", 0.99, "add", 0.0), args, 0.5) == READ_REVERB


def test_each_miss_gets_one_kind() -> None:
    wants_delay = Case("f.delay.add.imp", "the wobble thing", (DELAY,))
    off = Case("off", "lovely weather", ())
    delay_sure, none_sure = Guess("delay", 0.95, "add", 0.01), Guess("none", 0.95, "add", 0.95)
    assert kind(wants_delay, NOTHING, none_sure, NOTHING) == "unread: head says none"
    assert (
        kind(wants_delay, NOTHING, Guess("delay", 0.6, "add", 0.1), NOTHING)
        == "unread: right effect below fill"
    )
    assert (
        kind(wants_delay, NOTHING, Guess("gain", 0.6, "add", 0.1), NOTHING)
        == "unread: head names another effect"
    )
    assert (
        kind(wants_delay, NOTHING, Guess("reverb", 0.8, "add", 0.1), READ_REVERB)
        == "unread: filled, another effect"
    )
    assert (
        kind(wants_delay, READ_REVERB, delay_sure, READ_REVERB)
        == "rules: wrong effect, head sure of a right one"
    )
    read_delay = [dialogue.ToolCall(dialogue.APPLY, DELAY)]
    assert kind(wants_delay, read_delay, none_sure, NOTHING) == "command: rules right, vetoed"
    set_delay = [dialogue.ToolCall(dialogue.APPLY, {**DELAY, "action": "set", "value": 9.0})]
    assert (
        kind(wants_delay, set_delay, delay_sure, set_delay) == "rules: right effect, wrong action/value/param"
    )
    assert kind(off, READ_REVERB, none_sure, READ_REVERB) == "off-topic: rules read a command, not vetoed"
    assert kind(off, NOTHING, delay_sure, read_delay) == "off-topic: filled"


def test_a_sure_action_on_the_rules_effect_replaces_their_action_only() -> None:
    more = Guess("reverb", 0.9, "increase", 0.01)
    assert action_overridden(READ_REVERB, more, 0.97, args, 0.95) == [
        dialogue.ToolCall(dialogue.APPLY, MORE_REVERB)
    ]
    assert action_overridden(READ_REVERB, more, 0.9, args, 0.95) == READ_REVERB  # not sure enough
    assert action_overridden(READ_REVERB, more, 0.97, args, None) == READ_REVERB  # off
    # another effect guessed, two commands read, or the same action: the rules' reading stands
    assert (
        action_overridden(READ_REVERB, Guess("delay", 0.9, "increase", 0.0), 0.99, args, 0.5) == READ_REVERB
    )
    both = [*READ_REVERB, dialogue.ToolCall(dialogue.APPLY, DELAY)]
    assert action_overridden(both, more, 0.99, args, 0.5) == both
    assert action_overridden(READ_REVERB, Guess("reverb", 0.9, "add", 0.0), 0.99, args, 0.5) == READ_REVERB
