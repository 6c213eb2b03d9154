"""The learned intent layer measured in session 9 (not kept): it is asked only where the
rules read no command, and its slots come from the rules."""

from __future__ import annotations

from voicertc.assistant import dialogue
from voicertc.bench import intent_fit
from voicertc.bench.heldout import Case


def _case(text: str, *calls: dict[str, object]) -> Case:
    return Case("f.x.imp" if calls else "off-topic", text, tuple(calls))


def test_numbers_are_one_token_and_lexicon_classes_are_features() -> None:
    feats = intent_fit.features(dialogue.tokens("boost the echo by 300 ms"), {"lex"})
    assert "w:#" in feats and "w:300" not in feats
    assert {"lx:act=increase", "lx:eff=delay"} <= set(feats)


def test_the_model_reads_only_what_the_rules_do_not() -> None:
    cases = [
        _case("zap the wobble thing", {"effect": "delay", "action": "add"}),
        _case("zap the wobble", {"effect": "delay", "action": "add"}),
        _case("zap some wobble", {"effect": "delay", "action": "add"}),
        _case("what a lovely day"),
        _case("the weather is lovely"),
    ]
    model = intent_fit.fit(cases, {"lex"}, None)
    assert model.guess(dialogue.tokens("zap the wobble please"))[0] == "delay"
    said = intent_fit.read("zap the wobble at 300 ms", model, 0.5)  # the value and unit: the rules
    assert said == dialogue.ToolCall(
        dialogue.APPLY, {"effect": "delay", "action": "add", "value": 300, "unit": "ms"}
    )
    # the rules' own reading stands, whatever the model thinks
    assert intent_fit.read("add some reverb", model, 0.0) == dialogue.understand("add some reverb")
    assert intent_fit.read("zap the wobble", None, 0.5) == dialogue.understand("zap the wobble")
