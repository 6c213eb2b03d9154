"""The held-out benchmark's judge: a call is right only if it does to every judged chain
what the expected call does, and no expected call in the corpus is one nothing takes."""

from __future__ import annotations

from voicertc.assistant import dialogue
from voicertc.bench.heldout import (
    CORPUS,
    Case,
    judge,
    moved_chain,
    parse_call,
    refused_everywhere,
    same_change,
)
from voicertc.effects import EFFECT_SPECS


def _apply(spec: str) -> dialogue.ToolCall:
    return dialogue.ToolCall(dialogue.APPLY, parse_call(spec))


def test_resetting_another_effect_is_not_the_reset_asked_for():
    # On an empty chain both are refused, on one at defaults both change nothing.
    assert not same_change(parse_call("delay reset"), parse_call("reverb reset"))
    assert same_change(parse_call("reverb reset"), parse_call("reverb reset"))


def test_a_step_is_not_the_set_it_equals_from_the_defaults():
    # reverb mix 30 + 10 = 40 from the defaults, but not from anywhere else.
    assert not same_change(parse_call("reverb increase"), parse_call("reverb set 40 percent"))
    assert same_change(parse_call("reverb increase"), parse_call("reverb increase 10 percent"))


def test_the_moved_chain_differs_from_the_defaults_in_every_parameter():
    for item in moved_chain().to_list():
        spec = EFFECT_SPECS[item["effect"]]
        for p in spec.params:
            assert item["params"][p.name] != p.default, (spec.name, p.name)


def test_judge_wants_every_call_right_and_nothing_else():
    case = Case("x", "add some reverb", (parse_call("reverb add"),))
    assert judge([_apply("reverb add")], case)
    assert not judge([_apply("reverb add"), _apply("delay add")], case)
    assert not judge([], case)
    off = Case("off-topic", "nice weather", ())
    assert judge([dialogue.Say("Sorry?")], off)
    assert not judge([_apply("reverb add")], off)


def test_no_expected_call_in_the_first_corpus_is_refused_everywhere():
    bad = []
    for line in (CORPUS / "commands.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            expected = line.split("\t")[2]
            bad += [alt for alt in expected.split("|") if refused_everywhere(parse_call(alt.strip()))]
    assert bad == []
