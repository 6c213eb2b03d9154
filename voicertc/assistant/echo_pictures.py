"""The echo pictured as the voice coming back after itself: "I'd like each line to come back
once after me", "nothing coming back after", "a longer pause before my voice comes back",
"the copies of my voice softer", "I can hardly tell there's anything coming back after me".
Each is the delay: on, off, later, louder or softer."""

from __future__ import annotations

from voicertc.assistant.lexicon import find_phrase, has_phrase, padded

COMING_BACK = ("comes back", "come back", "coming back", "bounce back", "bounced back", "bounces back",
               "copies of my voice", "copies of me", "copies trailing", "trailing after me",
               "answer bounce", "answer that comes back", "words return", "words returning",
               "voice return")  # fmt: skip
NONE = ("nothing", "no", "none of", "without")
LATER = ("longer pause", "longer gap", "bigger gap", "wider gap", "more of a pause", "more of a gap")
# How loud the echo is heard: its mix.
MORE = ("louder", "more obvious", "stronger", "hardly tell", "barely tell", "so faint", "too faint",
        "clearer")  # fmt: skip
LESS = ("softer", "quieter", "further back", "less of", "more like a whisper", "too loud",
        "too much")  # fmt: skip
# Said of the voice coming back ("can you come back to me on that" is not).
OF_VOICE = ("after me", "after each", "after every", "my voice", "my words", "after i", "each line", "copies",
            "every phrase", "each phrase", "every word", "each word", "the words")  # fmt: skip
WISH = ("id like", "i would like", "i want", "could", "can", "give me", "please", "let")


def pictured(tokens: list[str]) -> dict[str, object] | None:
    """The delay change a picture of the voice coming back asks for, if one is said."""
    text = padded(tokens)
    at = find_phrase(text, COMING_BACK)
    if at < 0 or not has_phrase(text, OF_VOICE):
        return None
    if has_phrase(text[max(0, at - 12) : at + 1], NONE):  # said just before it
        return {"effect": "delay", "action": "remove"}  # "nothing coming back after"
    if has_phrase(text, LATER):
        return {"effect": "delay", "action": "increase"}  # its time
    for phrases, action in ((LESS, "decrease"), (MORE, "increase")):
        if has_phrase(text, phrases):
            return {"effect": "delay", "action": action, "param": "mix"}
    return {"effect": "delay", "action": "add"} if has_phrase(text, WISH) else None
