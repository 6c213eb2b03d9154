"""The multi-turn bench: conversations load per split, each gets a fresh session, and turns
are judged by the call they cause, per kind and per whole conversation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.bench import conversations

APPLY = "apply_audio_effect"

TSV = (
    "# conversation\tturn\tkind\ttext\texpected\n"
    "a\t1\tcommand\tplease add reverb\treverb add\n"
    "a\t2\toff\tmy tea went cold\t-\n"
    "a\t3\tfollowup\ta touch more\treverb increase | reverb increase 5 percent\n"
    "b\t1\tdecline\tgive me a sitar\t-\n"
    "b\t2\tcommand\techo at 200 ms\tdelay set 200 ms\n"
    "b\t3\tfollowup\tmake that 250\tdelay set 250 ms param=time_ms\n"
    "c\t1\tcommand\tturn it all off\treset\n"
)


def _folder(root: Path) -> Path:
    (root / "conversations.tsv").write_text(TSV)
    (root / "split.tsv").write_text("# made by hand\na\ttune\nb\ttune\nc\ttest\n")
    return root


def _call(**arguments: object) -> ToolCall:
    return ToolCall(APPLY, dict(arguments))


def test_a_split_holds_its_conversations_with_turns_in_order(tmp_path: Path) -> None:
    tune = conversations.load("tune", _folder(tmp_path))
    assert [c.name for c in tune] == ["a", "b"]
    assert [t.kind for t in tune[0].turns] == ["command", "off", "followup"]
    assert tune[0].turns[1].case.expected == ()
    assert len(tune[0].turns[2].case.expected) == 2
    assert tune[1].turns[2].case.expected == (
        {"effect": "delay", "action": "set", "value": 250.0, "unit": "ms", "param": "time_ms"},
    )
    assert [c.name for c in conversations.load("test", _folder(tmp_path))] == ["c"]
    with pytest.raises(ValueError):
        conversations.load("tune3", _folder(tmp_path))


@pytest.mark.parametrize(
    "row",
    [
        "a\t1\toff\tnice one\treverb add\n",  # a must-decline turn with a call
        "a\t1\tfollowup\tmore\t-\n",  # a follow-up with none
        "a\t2\tcommand\tadd reverb\treverb add\n",  # turn 1 missing
        "a\t1\taside\thello\t-\n",  # unknown kind
    ],
)
def test_malformed_rows_are_refused(row: str) -> None:
    with pytest.raises(ValueError):
        conversations.parse(row)


def test_turns_are_judged_per_kind_in_fresh_sessions(tmp_path: Path) -> None:
    """A fake session that remembers its last effect: 'a touch more' is right in a, and
    'make that 250' is missed in b (it stays at 200), so b is not whole."""
    sessions: list[list[str]] = []

    def session() -> conversations.Session:
        heard: list[str] = []
        sessions.append(heard)
        reads = {
            "please add reverb": _call(effect="reverb", action="add"),
            "echo at 200 ms": _call(effect="delay", action="set", value=200, unit="ms"),
            "make that 250": _call(effect="delay", action="set", value=200, unit="ms"),
            "my tea went cold": Say("Sorry to hear it."),
            "give me a sitar": Say("I have no sitar."),
        }

        def understand(text: str) -> object:
            heard.append(text)
            if text == "a touch more":  # a follow-up: only right after this session's reverb
                said = "please add reverb" in heard
                return _call(effect="reverb", action="increase") if said else Say("More of what?")
            return reads[text]

        return understand

    report = conversations.figures(conversations.load("tune", _folder(tmp_path)), session=session)
    table = report["figures"]
    assert len(sessions) == 2 and sessions[1][0] == "give me a sitar"
    assert table["turns"] == {"pct": 83.3, "n": 6}
    assert table["command"] == {"pct": 100.0, "n": 2}
    assert table["followup"] == {"pct": 50.0, "n": 2}
    assert table["followup_after_right"] == {"pct": 50.0, "n": 2}
    assert table["must_decline"] == {"pct": 100.0, "n": 2}
    assert table["must_decline:off"] == {"pct": 100.0, "n": 1}
    assert table["must_decline:decline"] == {"pct": 100.0, "n": 1}
    assert table["conversations"] == {"pct": 50.0, "n": 2}
    assert [(m["conversation"], m["turn"], m["kind"]) for m in report["misses"]] == [("b", 3, "followup")]


def test_a_call_on_an_off_topic_turn_is_a_miss_and_later_follow_ups_are_not_after_right(
    tmp_path: Path,
) -> None:
    reads = {
        "please add reverb": _call(effect="reverb", action="add"),
        "my tea went cold": _call(effect="gain", action="decrease"),
        "a touch more": _call(effect="reverb", action="increase"),
    }
    (conversation,) = [c for c in conversations.load("tune", _folder(tmp_path)) if c.name == "a"]
    table = conversations.figures([conversation], session=lambda: reads.__getitem__)["figures"]
    assert table["must_decline"] == {"pct": 0.0, "n": 1}
    assert table["followup"] == {"pct": 100.0, "n": 1}
    assert "followup_after_right" not in table
    assert table["conversations"] == {"pct": 0.0, "n": 1}


def test_the_default_session_is_the_assistant_text_path_and_starts_no_process() -> None:
    understand = conversations.fresh_session()
    reply = understand("please put some reverb on")
    assert isinstance(reply, ToolCall) and reply.arguments == {"effect": "reverb", "action": "add"}


def test_main_writes_the_json_and_keeps_no_misses_for_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(conversations, "FOLDER", _folder(tmp_path))
    monkeypatch.setattr(conversations, "fresh_session", lambda: lambda text: Say("Pardon?"))
    out = tmp_path / "out.json"
    conversations.main(["--split", "test", "--out", str(out), "--errors"])
    report = json.loads(out.read_text())
    assert report["split"] == "test" and "misses" not in report
    assert report["figures"]["command"] == {"pct": 0.0, "n": 1}
    assert "miss" not in capsys.readouterr().out
