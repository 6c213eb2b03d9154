"""The effect model: specs, chain actions, units, validation, restore, and the tools."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicertc.effects import (
    APPLY_EFFECT_TOOL,
    EFFECT_SPECS,
    GET_EFFECTS_TOOL,
    EffectChain,
    EffectError,
    handle_tool_call,
)

BRIEF: dict[str, tuple[str, dict[str, tuple[str, float, float, float]]]] = {
    "reverb": ("mix", {"decay_s": ("s", 0.1, 10, 2.0), "mix": ("percent", 0, 100, 30)}),
    "delay": (
        "time_ms",
        {
            "time_ms": ("ms", 1, 2000, 300),
            "feedback": ("percent", 0, 95, 35),
            "mix": ("percent", 0, 100, 30),
        },
    ),
    "lowpass": ("cutoff_hz", {"cutoff_hz": ("hz", 20, 20000, 2000), "q": ("", 0.1, 20, 0.707)}),
    "highpass": ("cutoff_hz", {"cutoff_hz": ("hz", 20, 20000, 200), "q": ("", 0.1, 20, 0.707)}),
    "gain": ("gain_db", {"gain_db": ("db", -60, 24, 6)}),
    "compressor": (
        "threshold_db",
        {
            "threshold_db": ("db", -100, 0, -24),
            "ratio": ("", 1, 20, 4),
            "knee_db": ("db", 0, 40, 30),
            "attack_ms": ("ms", 0, 1000, 3),
            "release_ms": ("ms", 0, 1000, 250),
        },
    ),
}
ALL_PARAMS = [(e, p.name) for e, spec in EFFECT_SPECS.items() for p in spec.params]


def chain_with(*effects: str) -> EffectChain:
    chain = EffectChain()
    for effect in effects:
        chain.apply("add", effect)
    return chain


def params(chain: EffectChain, effect: str) -> dict[str, float]:
    return next(item["params"] for item in chain.to_list() if item["effect"] == effect)


# The table


def test_specs_match_the_contract_the_web_client_renders() -> None:
    assert list(EFFECT_SPECS)[:6] == list(BRIEF)
    for name, (primary, table) in BRIEF.items():
        spec = EFFECT_SPECS[name]
        assert spec.primary == primary
        got = {p.name: (p.unit, p.min, p.max, p.default) for p in spec.params}
        assert got == table


def test_extra_distortion_spec() -> None:
    drive = EFFECT_SPECS["distortion"].param("drive")
    assert (drive.unit, drive.min, drive.max, drive.default) == ("percent", 0, 100, 50)


@pytest.mark.parametrize(("effect", "param"), ALL_PARAMS)
def test_every_param_is_coherent(effect: str, param: str) -> None:
    p = EFFECT_SPECS[effect].param(param)
    assert p.min < p.max and p.min <= p.default <= p.max
    assert p.step > (1 if p.step_mode == "mul" else 0)
    json.dumps(EFFECT_SPECS[effect].to_dict())


# Actions


@pytest.mark.parametrize("effect", list(EFFECT_SPECS))
def test_add_uses_defaults_and_says_so(effect: str) -> None:
    chain = EffectChain()
    message = chain.apply("add", effect)
    assert message.startswith(f"Added {EFFECT_SPECS[effect].title}")
    assert chain.to_list() == [{"effect": effect, "params": EFFECT_SPECS[effect].defaults()}]


def test_add_message_example() -> None:
    assert EffectChain().apply("add", "reverb") == "Added reverb: decay 2 s, mix 30%."


def test_add_with_value_sets_primary_or_named_param() -> None:
    chain = EffectChain()
    chain.apply("add", "delay", 500)
    assert params(chain, "delay")["time_ms"] == 500
    chain.apply("add", "reverb", 4, "s", "decay_s")
    assert params(chain, "reverb") == {"decay_s": 4.0, "mix": 30.0}


def test_add_existing_updates_and_says_so() -> None:
    chain = chain_with("reverb")
    message = chain.apply("add", "reverb", 55)
    assert "already on" in message and "updated" in message
    assert params(chain, "reverb")["mix"] == 55 and len(chain) == 1
    assert "unchanged" in chain.apply("add", "reverb")


def test_set_adds_absent_effect() -> None:
    chain = EffectChain()
    chain.apply("set", "delay", 300, "ms")
    assert chain.to_list() == [
        {"effect": "delay", "params": {"time_ms": 300.0, "feedback": 35.0, "mix": 30.0}}
    ]


@pytest.mark.parametrize(("effect", "param"), ALL_PARAMS)
def test_set_every_param(effect: str, param: str) -> None:
    p = EFFECT_SPECS[effect].param(param)
    middle = round((p.min + p.max) / 2, p.decimals)
    if middle == p.default:
        middle = round((p.default + p.max) / 2, p.decimals)
    chain = chain_with(effect)
    message = chain.apply("set", effect, middle, None, param)
    assert params(chain, effect)[param] == middle
    assert message.startswith("Set ")


def test_set_needs_a_value() -> None:
    with pytest.raises(EffectError, match="needs a value"):
        EffectChain().apply("set", "delay")


@pytest.mark.parametrize(("effect", "param"), ALL_PARAMS)
def test_values_are_clamped_and_the_message_says_so(effect: str, param: str) -> None:
    p = EFFECT_SPECS[effect].param(param)
    chain = chain_with(effect)
    high = chain.apply("set", effect, p.max + 1000, None, param)
    assert params(chain, effect)[param] == p.max
    assert "only goes from" in high and "instead of" in high
    chain.apply("set", effect, p.min - 1000, None, param)
    assert params(chain, effect)[param] == p.min


def test_clamp_message_example() -> None:
    message = EffectChain().apply("set", "delay", 5000)
    assert "2000 ms" in message and "5000 ms" in message


@pytest.mark.parametrize(("effect", "param"), ALL_PARAMS)
def test_increase_and_decrease_every_param(effect: str, param: str) -> None:
    p = EFFECT_SPECS[effect].param(param)
    chain = chain_with(effect)
    chain.apply("increase", effect, param=param)
    up = params(chain, effect)[param]
    assert up > p.default or up == p.max
    chain.apply("set", effect, p.default, param=param)
    chain.apply("decrease", effect, param=param)
    down = params(chain, effect)[param]
    assert down < p.default or down == p.min


@pytest.mark.parametrize(
    ("effect", "param", "start", "up"),
    [
        ("lowpass", "cutoff_hz", 2000, 2828.4),  # half an octave
        ("gain", "gain_db", 6, 9),
        ("delay", "time_ms", 300, 375),
        ("reverb", "decay_s", 2, 2.5),
        ("reverb", "mix", 30, 40),
        ("compressor", "ratio", 4, 5),
        ("compressor", "attack_ms", 0, 1),  # a multiplicative step still leaves zero
    ],
)
def test_musical_steps(effect: str, param: str, start: float, up: float) -> None:
    chain = EffectChain()
    chain.apply("set", effect, start, param=param)
    message = chain.apply("increase", effect, param=param)
    assert params(chain, effect)[param] == up
    assert message.startswith("Raised")


def test_increase_without_param_moves_primary() -> None:
    chain = chain_with("highpass")
    chain.apply("decrease", "highpass")
    assert params(chain, "highpass")["cutoff_hz"] == pytest.approx(200 / 2**0.5, abs=0.1)


@pytest.mark.parametrize(
    ("effect", "param", "amount", "unit", "start", "result"),
    [
        ("gain", "gain_db", 6, "db", 0, -6),  # "turn it down 6 dB"
        ("gain", "gain_db", -6, "db", 0, -6),  # the action gives the direction
        ("lowpass", "cutoff_hz", 1, "khz", 2000, 1000),
        ("delay", "time_ms", 0.1, "s", 300, 200),
        ("delay", "mix", 0.2, "fraction", 30, 24),  # a fraction is a share of what is there
        ("reverb", "mix", 0.5, "fraction", 30, 15),  # "cut the reverb in half"
        ("delay", "mix", 20, "percent", 30, 10),  # percent on a percentage: points
        ("delay", "time_ms", 50, "percent", 300, 150),  # relative on a non-percent value
        ("reverb", "mix", 25, None, 30, 5),
    ],
)
def test_decrease_by_an_amount(
    effect: str, param: str, amount: float, unit: str | None, start: float, result: float
) -> None:
    chain = EffectChain()
    chain.apply("set", effect, start, param=param)
    chain.apply("decrease", effect, amount, unit, param)
    assert params(chain, effect)[param] == pytest.approx(result)


def test_increase_by_an_amount() -> None:
    chain = chain_with("lowpass")
    chain.apply("increase", "lowpass", 50, "percent")
    assert params(chain, "lowpass")["cutoff_hz"] == 3000
    chain.apply("increase", "lowpass", 500, "hz")
    assert params(chain, "lowpass")["cutoff_hz"] == 3500


def test_step_at_the_limit_says_so_and_changes_nothing() -> None:
    chain = EffectChain()
    chain.apply("set", "gain", 24)
    version = chain.version
    assert "already at its maximum of 24 dB" in chain.apply("increase", "gain")
    assert chain.version == version
    chain.apply("set", "gain", 22)
    assert chain.apply("increase", "gain").endswith("its maximum.")


def test_more_compressor_means_more_compression() -> None:
    # Its primary parameter is the threshold, which compresses more as it falls; a named
    # threshold moves the way it is told.
    chain = chain_with("compressor")
    assert chain.apply("increase", "compressor") == "Lowered compressor threshold from -24 dB to -27 dB."
    chain.apply("decrease", "compressor", 6, "db")
    assert params(chain, "compressor")["threshold_db"] == -21
    chain.apply("increase", "compressor", param="threshold_db")
    assert params(chain, "compressor")["threshold_db"] == -18
    chain.apply("set", "compressor", 0)
    assert "already at its maximum of 0 dB" in chain.apply("decrease", "compressor")
    with pytest.raises(EffectError, match="no compressor in the chain to turn down"):
        EffectChain().apply("decrease", "compressor")


def test_increase_absent_adds_defaults() -> None:
    chain = EffectChain()
    assert "so I added it" in chain.apply("increase", "reverb")
    assert params(chain, "reverb") == EFFECT_SPECS["reverb"].defaults()


def test_absent_gain_steps_from_zero_db() -> None:
    chain = EffectChain()
    chain.apply("decrease", "volume")
    assert params(chain, "gain")["gain_db"] == -3
    chain = EffectChain()
    chain.apply("increase", "gain", 10, "db")
    assert params(chain, "gain")["gain_db"] == 10


def test_decrease_absent_effect_is_an_error() -> None:
    with pytest.raises(EffectError, match="no delay in the chain"):
        EffectChain().apply("decrease", "delay")


def test_remove() -> None:
    chain = chain_with("reverb", "delay")
    assert chain.apply("remove", "reverb") == "Removed reverb."
    assert chain.effects == ["delay"]
    with pytest.raises(EffectError, match=r"^There is no reverb in the chain to remove\.$"):
        chain.apply("remove", "reverb")


def test_reset() -> None:
    chain = chain_with("reverb", "delay")
    chain.apply("set", "delay", 900)
    assert "defaults" in chain.apply("reset", "delay")
    assert params(chain, "delay")["time_ms"] == 300
    assert chain.apply("reset") == "Cleared all effects."
    assert chain.to_list() == []
    assert chain.apply("reset") == "There were no effects to clear."
    with pytest.raises(EffectError):
        chain.apply("reset", "reverb")


def test_reset_gain_is_unchanged_level() -> None:
    # Not the +6 dB that adding a gain starts at: "reset the volume" must not make it louder.
    chain = chain_with("gain")
    chain.apply("set", "gain", -12)
    assert "0" in chain.apply("reset", "gain")
    assert params(chain, "gain")["gain_db"] == 0


def test_move() -> None:
    chain = chain_with("reverb", "delay", "gain")
    message = chain.apply("move", index=2, to=0)
    assert chain.effects == ["gain", "reverb", "delay"]
    assert "first" in message and "gain, reverb and delay" in message
    chain.apply("move", "gain", to=-1)
    assert chain.effects == ["reverb", "delay", "gain"]
    chain.apply("move", "delay", to=99)  # past the end means the end
    assert chain.effects == ["reverb", "gain", "delay"]
    assert "already" in chain.apply("move", "reverb", to=0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"index": 5, "to": 0}, "no effect at index 5"),
        ({"index": 0}, "Say where"),
        ({"to": 0}, "Say which effect"),
        ({"effect": "lowpass", "to": 0}, "no low-pass filter"),
        ({"effect": "delay", "index": 0, "to": 1}, "holds reverb, not delay"),
        ({"index": True, "to": 0}, "whole number"),
        ({"index": 0.5, "to": 0}, "whole number"),
    ],
)
def test_bad_moves(kwargs: dict[str, Any], match: str) -> None:
    chain = chain_with("reverb", "delay")
    with pytest.raises(EffectError, match=match):
        chain.apply("move", **kwargs)
    assert chain.effects == ["reverb", "delay"]


def test_move_on_empty_chain() -> None:
    with pytest.raises(EffectError, match="no effects to move"):
        EffectChain().apply("move", index=0, to=1)


# Units


@pytest.mark.parametrize(
    ("effect", "param", "value", "unit", "expected"),
    [
        ("lowpass", "cutoff_hz", 2, "khz", 2000),
        ("lowpass", "cutoff_hz", 2, "kHz", 2000),
        ("highpass", "cutoff_hz", 150, "Hz", 150),
        ("delay", "time_ms", 0.3, "s", 300),
        ("delay", "time_ms", 0.3, "seconds", 300),
        ("reverb", "decay_s", 300, "ms", 0.3),
        ("reverb", "mix", 40, "percent", 40),
        ("reverb", "mix", 40, "%", 40),
        ("delay", "feedback", 0.5, "fraction", 50),
        ("gain", "gain_db", -3, "dB", -3),
        ("compressor", "attack_ms", 0.01, "s", 10),
        ("lowpass", "q", 2, None, 2),
    ],
)
def test_units_convert_to_canonical(
    effect: str, param: str, value: float, unit: str | None, expected: float
) -> None:
    chain = EffectChain()
    chain.apply("set", effect, value, unit, param)
    assert params(chain, effect)[param] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("effect", "param", "unit", "match"),
    [
        ("delay", "time_ms", "hz", "Delay time is in milliseconds"),
        ("lowpass", "cutoff_hz", "db", "is in hertz"),
        ("gain", "gain_db", "percent", "is in decibels"),
        ("lowpass", "q", "hz", "no unit"),
        ("compressor", "ratio", "db", "no unit"),
        ("delay", "time_ms", "furlongs", "Unknown unit 'furlongs'"),
        ("delay", "time_ms", 5, "unit must be text"),
    ],
)
def test_units_that_do_not_fit(effect: str, param: str, unit: Any, match: str) -> None:
    chain = chain_with(effect)
    before = chain.to_list()
    with pytest.raises(EffectError, match=match):
        chain.apply("set", effect, 1, unit, param)
    assert chain.to_list() == before


@pytest.mark.parametrize(
    ("action", "effect", "value", "unit", "param", "expected"),
    [
        ("set", "reverb", 3, "s", "decay_s", 3),  # the primary (mix) is not in seconds
        ("add", "reverb", 800, "ms", "decay_s", 0.8),
        ("increase", "reverb", 1, "s", "decay_s", 3),
        ("set", "compressor", 10, "ms", "threshold_db", None),  # attack or release?
    ],
)
def test_unit_picks_the_param_when_none_is_named(
    action: str, effect: str, value: float, unit: str, param: str, expected: float | None
) -> None:
    chain = chain_with(effect)
    if expected is None:
        with pytest.raises(EffectError, match="is in decibels"):
            chain.apply(action, effect, value, unit)
    else:
        chain.apply(action, effect, value, unit)
        assert params(chain, effect)[param] == pytest.approx(expected)


# Bad input


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        ("300", "must be a number"),
        (True, "must be a number"),
        ([300], "must be a number"),
    ],
)
def test_bad_values(value: Any, match: str) -> None:
    chain = chain_with("delay")
    with pytest.raises(EffectError, match=match):
        chain.apply("set", "delay", value)
    assert params(chain, "delay")["time_ms"] == 300


def test_unknown_effect_lists_the_available_ones() -> None:
    with pytest.raises(EffectError) as info:
        EffectChain().apply("add", "flanger")
    assert str(info.value).startswith("Unknown effect 'flanger'. Available: reverb, delay,")


def test_unknown_param_says_whose_it_is() -> None:
    with pytest.raises(EffectError, match=r"has no parameter 'cutoff_hz'.*belongs to lowpass"):
        EffectChain().apply("set", "reverb", 1, param="cutoff_hz")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("flip", "reverb"), "Unknown action 'flip'"),
        ((3, "reverb"), "action must be text"),
        (("add", None), "Say which effect"),
        (("add", 7), "effect name must be text"),
    ],
)
def test_bad_actions(args: tuple[Any, ...], match: str) -> None:
    with pytest.raises(EffectError, match=match):
        EffectChain().apply(*args)


def test_effect_error_is_a_value_error() -> None:
    assert issubclass(EffectError, ValueError)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("echo", "delay"),
        ("low pass", "lowpass"),
        ("Low-Pass", "lowpass"),
        ("LPF", "lowpass"),
        ("high pass", "highpass"),
        ("hpf", "highpass"),
        ("volume", "gain"),
        ("Level", "gain"),
        ("compression", "compressor"),
        ("reverberation", "reverb"),
        ("overdrive", "distortion"),
    ],
)
def test_effect_aliases(alias: str, name: str) -> None:
    chain = EffectChain()
    chain.apply("add", alias)
    assert chain.effects == [name]


def test_param_aliases() -> None:
    chain = EffectChain()
    chain.apply("set", "lowpass", 900, "hz", "cutoff")
    chain.apply("set", "reverb", 3, "s", "decay")
    assert params(chain, "lowpass")["cutoff_hz"] == 900
    assert params(chain, "reverb")["decay_s"] == 3


# State


def test_version_counts_changes_only() -> None:
    chain = EffectChain()
    assert chain.version == 0
    chain.apply("add", "reverb")
    assert chain.version == 1
    chain.apply("set", "reverb", 30)  # already 30
    assert chain.version == 1
    with pytest.raises(EffectError):
        chain.apply("set", "reverb", float("nan"))
    assert chain.version == 1
    chain.apply("increase", "reverb")
    chain.apply("reset")
    assert chain.version == 3


def test_to_list_is_json_ready_plain_floats() -> None:
    chain = chain_with(*EFFECT_SPECS)
    chain.apply("increase", "lowpass")
    items = chain.to_list()
    assert json.loads(json.dumps(items)) == items
    for item in items:
        assert all(type(v) is float for v in item["params"].values())
    assert params(chain, "lowpass")["cutoff_hz"] == 2828.4  # rounded to 0.1 Hz


def test_round_trip() -> None:
    chain = chain_with("compressor", "delay", "lowpass")
    chain.apply("set", "delay", 123.4)
    chain.apply("move", "lowpass", to=0)
    copy = EffectChain.from_list(json.loads(json.dumps(chain.to_list())))
    assert copy.to_list() == chain.to_list()
    assert copy.describe() == chain.describe()


def test_load_fills_defaults_and_accepts_aliases() -> None:
    chain = EffectChain.from_list([{"effect": "echo", "params": {"time_ms": 400}}, {"effect": "gain"}])
    assert chain.to_list() == [
        {"effect": "delay", "params": {"time_ms": 400.0, "feedback": 35.0, "mix": 30.0}},
        {"effect": "gain", "params": {"gain_db": 6.0}},
    ]


@pytest.mark.parametrize(
    ("items", "match"),
    [
        (
            [{"effect": "delay", "params": {"time_ms": 5000}}],
            r"^Delay time must be between 1 and 2000 ms; got 5000\.$",
        ),
        ([{"effect": "reverb"}, {"effect": "reverb"}], "twice"),
        ([{"effect": "flanger"}], "Unknown effect"),
        ([{"effect": "gain", "params": {"gain_db": "loud"}}], "must be a number"),
        ([{"effect": "gain", "params": {"q": 1}}], "no parameter"),
        ([{"effect": "gain", "params": [1]}], "must be an object"),
        (["gain"], "must be an object"),
        ({"effect": "gain"}, "must be a list"),
        ("gain", "must be a list"),
    ],
)
def test_load_rejects_bad_lists_atomically(items: Any, match: str) -> None:
    chain = chain_with("reverb")
    before = (chain.to_list(), chain.version)
    with pytest.raises(EffectError, match=match):
        chain.load(items)
    assert (chain.to_list(), chain.version) == before


def test_describe_speaks_words() -> None:
    assert EffectChain().describe() == "No effects are on."
    chain = chain_with(*EFFECT_SPECS)
    chain.apply("set", "gain", -6)
    text = chain.describe()
    assert text.startswith("Reverb with decay 2 seconds and mix 30 percent, then delay with time")
    assert "300 milliseconds" in text and "2 kilohertz" in text and "minus 6 decibels" in text
    assert "4 to 1" in text
    for symbol in ("%", " ms", " dB", " Hz", ":", "_"):
        assert symbol not in text


# Tools


def test_apply_tool_schema_is_in_sync_with_specs() -> None:
    tool = APPLY_EFFECT_TOOL
    assert tool["type"] == "function" and tool["name"] == "apply_audio_effect"
    schema = tool["parameters"]
    assert schema["type"] == "object" and schema["required"] == ["action"]
    props = schema["properties"]
    assert set(props["action"]["enum"]) >= {"add", "remove", "set", "increase", "decrease", "reset"}
    assert props["effect"]["enum"] == list(EFFECT_SPECS)
    all_params = {p.name for spec in EFFECT_SPECS.values() for p in spec.params}
    assert set(props["param"]["enum"]) == all_params
    assert set(props["unit"]["enum"]) == {"ms", "s", "hz", "khz", "db", "percent", "fraction"}
    assert props["value"]["type"] == "number"
    for name, spec in EFFECT_SPECS.items():
        assert name in tool["description"]
        for p in spec.params:
            assert p.name in tool["description"] and p.name in props["param"]["description"]
    json.dumps(tool)


def test_tool_schemas_are_valid_json_schema() -> None:
    import jsonschema

    for tool in (APPLY_EFFECT_TOOL, GET_EFFECTS_TOOL):
        jsonschema.Draft202012Validator.check_schema(tool["parameters"])
    validator = jsonschema.Draft202012Validator(APPLY_EFFECT_TOOL["parameters"])
    assert validator.is_valid({"action": "set", "effect": "delay", "value": 300, "unit": "ms"})
    assert not validator.is_valid({"action": "set", "effect": "flanger"})
    assert GET_EFFECTS_TOOL["name"] == "get_effects"
    assert GET_EFFECTS_TOOL["parameters"]["properties"] == {}


def test_handle_tool_call_success() -> None:
    chain = EffectChain()
    args = '{"action": "set", "effect": "delay", "value": 0.25, "unit": "s"}'
    result = handle_tool_call(chain, "apply_audio_effect", args)
    assert result["ok"] is True and "250 ms" in result["message"]
    assert result["chain"] == chain.to_list() and result["summary"] == chain.describe()
    result = handle_tool_call(
        chain, "apply_audio_effect", {"action": "add", "effect": "reverb", "param": None}
    )
    assert result["ok"] and chain.effects == ["delay", "reverb"]
    listed = handle_tool_call(chain, "get_effects", "")
    assert listed["ok"] and listed["chain"] == chain.to_list()
    json.dumps(listed)


@pytest.mark.parametrize(
    ("name", "arguments", "match"),
    [
        ("apply_audio_effect", "{not json", "not valid JSON"),
        ("apply_audio_effect", "[1, 2]", "JSON object"),
        (
            "apply_audio_effect",
            '{"action": "set", "effect": "delay", "value": "300"}',
            "wrong type",
        ),
        ("apply_audio_effect", '{"action": "set", "effect": "delay", "value": true}', "wrong type"),
        ("apply_audio_effect", '{"effect": "delay"}', "action is required"),
        (
            "apply_audio_effect",
            '{"action": "add", "effect": "delay", "speed": 3}',
            "Unknown argument",
        ),
        ("apply_audio_effect", '{"action": "remove", "effect": "reverb"}', "no reverb"),
        ("apply_audio_effect", '{"action": "set", "effect": "delay", "value": NaN}', "finite"),
        ("delete_everything", "{}", "Unknown tool"),
    ],
)
def test_handle_tool_call_errors_never_raise(name: str, arguments: str, match: str) -> None:
    chain = chain_with("delay")
    result = handle_tool_call(chain, name, arguments)
    assert result["ok"] is False and match in result["error"]
    assert result["chain"] == chain.to_list() and chain.effects == ["delay"]
    json.dumps(result, allow_nan=False)


_json = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
_args = st.fixed_dictionaries(
    {},
    optional={
        "action": st.sampled_from(["add", "remove", "set", "increase", "decrease", "reset", "move", "x"])
        | _json,
        "effect": st.sampled_from([*EFFECT_SPECS, "echo", "nope"]) | _json,
        "value": st.floats() | st.integers() | _json,
        "unit": st.sampled_from(["ms", "s", "hz", "khz", "db", "percent", "fraction", "?"]) | _json,
        "param": st.sampled_from([p for _, p in ALL_PARAMS]) | _json,
        "to": st.integers(-3, 9) | _json,
    },
)


@settings(max_examples=300, deadline=None)
@given(args=_args, as_text=st.booleans())
def test_handle_tool_call_fuzz(args: dict[str, Any], as_text: bool) -> None:
    chain = chain_with("reverb", "gain")
    payload: Any = json.dumps(args) if as_text else args
    result = handle_tool_call(chain, "apply_audio_effect", payload)
    assert result["ok"] in (True, False)
    assert result["chain"] == chain.to_list()
    for item in chain.to_list():
        spec = EFFECT_SPECS[item["effect"]]
        for key, value in item["params"].items():
            p = spec.param(key)
            assert math.isfinite(value) and p.min <= value <= p.max


def test_docs_table_lists_every_effect_and_param() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "effects.md").read_text()
    for name, spec in EFFECT_SPECS.items():
        assert f"| {name} |" in doc
        for p in spec.params:
            assert f"`{p.name}`" in doc
