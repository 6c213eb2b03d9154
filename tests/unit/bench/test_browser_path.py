"""The browser benchmark's sampling and report, on made-up utterances (no browser)."""

from __future__ import annotations

from voicertc.bench import browser_path
from voicertc.bench.browser_path import Utterance, report, sample
from voicertc.bench.corpus import Case, load, parse_call

REVERB = (parse_call("reverb add"),)


def utterance(n: int, text: str, direct: str, *calls: str, expected: tuple = REVERB) -> Utterance:
    u = Utterance(n, Case("fam", text, expected), "espeak:en-us+m1", [direct], [[c] for c in calls])
    u.mic = {"echoCancellation": True, "noiseSuppression": True, "autoGainControl": True}
    return u


def test_a_sample_spreads_over_commands_and_off_topic_in_proportion() -> None:
    commands, off = load("tune2")
    picked = sample("tune2", 20)
    places = [n for n, _ in picked]
    assert len(picked) == 20 and len(set(places)) == 20
    n_off = sum(1 for n in places if n >= len(commands))
    assert n_off == round(20 * len(off) / (len(commands) + len(off)))
    # Spread, not the first twenty: the last commands and families are in it too.
    assert max(n for n in places if n < len(commands)) > len(commands) * 0.9
    assert all((commands + off)[n] == case for n, case in picked)


def test_the_report_judges_each_call_and_compares_what_was_heard() -> None:
    utterances = [
        utterance(0, "add reverb", "Add reverb.", "Add reverb.", "What time is it?"),
        utterance(1, "nice weather", "Nice weather.", "Nice weather.", "Nice weather.", expected=()),
    ]
    result = report("tune2", utterances, 1.0)
    figures = result["figures"]
    assert figures["direct"]["commands"] == {"pct": 100.0, "n": 1}
    assert figures["browser call 1"]["commands"]["pct"] == 100.0
    assert figures["browser call 2"]["commands"]["pct"] == 0.0
    assert figures["browser call 2"]["off_topic_declined"]["pct"] == 100.0
    assert figures["browser heard what direct heard"]["pct"] == 100.0
    assert figures["two calls heard the same"]["pct"] == 50.0
    assert result["mic_settings"]["noiseSuppression"] is True
    assert result["utterances"][0]["browser"] == [["Add reverb."], ["What time is it?"]]


def test_the_blind_split_report_keeps_no_sentence_or_transcript() -> None:
    assert "test2" in browser_path.BLIND
    result = report("test2", [utterance(0, "add reverb", "Add reverb.", "Add reverb.")], 1.0)
    row = result["utterances"][0]
    assert row["browser_right"] == [True] and row["direct_right"] is True
    assert not {"text", "direct", "browser"} & row.keys()
