"""The endpoint's item store: order, bounds, audio positions and what a response answers."""

from __future__ import annotations

from voicertc.assistant.endpoint.items import MAX_AUDIO_TURNS, ItemStore, ToolResult, UserTurn
from voicertc.protocol import realtime as rt


def user_text(item_id: str, text: str) -> dict:
    return {
        "id": item_id,
        "type": "message",
        "role": "user",
        "content": [{"type": "input_text", "text": text}],
    }


def test_add_returns_the_previous_item_in_order() -> None:
    store = ItemStore()
    assert store.add(user_text("a", "x")) is None
    assert store.add(user_text("b", "y")) == "a"
    assert store.last_id == "b" and "a" in store and len(store) == 2


def test_the_store_is_bounded_and_forgets_the_oldest_with_its_audio() -> None:
    store = ItemStore(max_items=3)
    store.add(rt.user_audio_item("u0"), pcm=b"\0\0")
    store.add(rt.assistant_audio_item("a0"))
    store.set_audio_ms("a0", 500)
    for k in range(1, 3):
        store.add(user_text(f"t{k}", "x"))
    assert "u0" not in store and "a0" in store and len(store) == 3
    store.add(user_text("t3", "x"))
    assert "a0" not in store and store.audio_ms("a0") is None


def test_audio_positions_only_for_known_items() -> None:
    store = ItemStore()
    store.set_audio_ms("nope", 10)
    assert store.audio_ms("nope") is None
    store.add(rt.assistant_audio_item("a"))
    store.set_audio_ms("a", 1200)
    assert store.audio_ms("a") == 1200


def test_the_last_turn_is_the_latest_user_message_or_tool_output() -> None:
    store = ItemStore()
    assert store.last_turn() is None
    store.add(rt.user_audio_item("u"), pcm=b"pcm")
    store.set_user_transcript("u", "add reverb")
    assert store.last_turn() == UserTurn("add reverb", b"pcm")
    store.record_call("call_1", "apply_audio_effect")
    store.add(rt.function_call_item("f", "call_1", "apply_audio_effect", "{}"))
    store.add({"id": "o", "type": "function_call_output", "call_id": "call_1", "output": '{"ok": true}'})
    assert store.last_turn() == ToolResult("apply_audio_effect", '{"ok": true}')
    store.add(rt.assistant_audio_item("a"))
    assert store.last_turn() == ToolResult("apply_audio_effect", '{"ok": true}')
    store.add(user_text("t", "louder"))
    assert store.last_turn() == UserTurn("louder", b"")


def test_tool_calls_are_remembered_and_bounded() -> None:
    store = ItemStore(max_items=2)
    for k in range(3):
        store.record_call(f"call_{k}", "tool")
    assert not store.has_call("call_0") and store.has_call("call_2")


def test_delete_removes_an_item_and_reports_unknown_ones() -> None:
    store = ItemStore()
    store.add(user_text("a", "x"))
    store.add(user_text("b", "y"))
    assert store.delete("a") and not store.delete("a")
    assert store.get("a") is None and store.last_id == "b"


def test_only_the_latest_turns_keep_their_audio() -> None:
    store = ItemStore()
    for k in range(MAX_AUDIO_TURNS + 2):
        store.add(rt.user_audio_item(f"u{k}"), pcm=bytes([k]) * 4)
    assert len(store) == MAX_AUDIO_TURNS + 2
    store.delete(f"u{MAX_AUDIO_TURNS + 1}")
    # The older turn is still in the conversation, its audio no longer held.
    assert store.last_turn() == UserTurn("", bytes([MAX_AUDIO_TURNS]) * 4)
    store.delete(f"u{MAX_AUDIO_TURNS}")
    store.delete(f"u{MAX_AUDIO_TURNS - 1}")
    assert store.last_turn() == UserTurn("", b"")
