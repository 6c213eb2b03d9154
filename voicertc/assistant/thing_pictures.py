"""The voice likened to a thing that sounds some way: "I sound like a chainsaw starting up",
"the top of my voice is like a dentist's drill", "it's like an old cassette left in a hot car",
"I want to sound even more like a gravel truck unloading". Said as a complaint, the fix (less
distortion, a low pass on, a low pass opened); wished for, the effect that makes it."""

from __future__ import annotations

from voicertc.assistant.lexicon import has_phrase, padded

DIRTY = ("chainsaw", "cheese grater", "gravel truck", "sandpaper", "crackle and spit", "lawnmower",
         "rusty gate", "angry wasp")  # fmt: skip
BRIGHT = ("broken glass", "dentists drill", "nails on a chalkboard", "tin foil", "a kettle")
DULL = ("old cassette", "worn tape", "tape thats been played", "velvet curtain", "top worn", "worn right off",
        "sparkles gone", "sparkle is gone")  # fmt: skip
# Said of the speaker's sound (not "my neighbour's chainsaw").
OF_ME = ("i sound", "im like", "my voice", "make me", "me sound", "to sound", "its like", "i come across",
         "less like")  # fmt: skip
WISHED = ("make me", "i want to sound", "i wanna sound", "could i sound", "can i sound", "id like to sound",
          "i would like to sound", "even more like")  # fmt: skip
MORE = ("even more", "more like")


def pictured(tokens: list[str]) -> dict[str, object] | None:
    """The change a likeness of the voice to a thing asks for, if one is said."""
    text = padded(tokens)
    if not has_phrase(text, OF_ME):
        return None
    wished = has_phrase(text, WISHED)
    if has_phrase(text, DIRTY):
        step = "increase" if has_phrase(text, MORE) else "add"
        return {"effect": "distortion", "action": step if wished else "decrease"}
    if has_phrase(text, BRIGHT) and not wished:
        return {"effect": "lowpass", "action": "add"}
    if has_phrase(text, DULL):
        return {"effect": "lowpass", "action": "add" if wished else "increase"}
    return None
