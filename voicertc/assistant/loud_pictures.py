"""The voice pictured as a loud thing or a quiet one: "I'm a murmur under the music", "I'm
coming across like a mouse behind the skirting board", "make me less of a mumble" ask for more
level; "I'm bellowing over the song like a football terrace", "make me less of a foghorn" for
less. Only said of the speaker ("my neighbour is a foghorn" is not this sound)."""

from __future__ import annotations

from voicertc.assistant.lexicon import has_phrase, padded

QUIET = frozenset("murmur murmuring mumble mumbling mouse whisper muttering mutter".split())
LOUD = frozenset("foghorn bellowing bellow siren klaxon foghorns megaphone blaring booming".split())
SHOUTS = frozenset("shout shouts shouting yell yelling scream screaming".split())
# The speaker as what is pictured: "I'm a ...", "make me less of a ...", "I sound like a ...".
OF_ME = ("im", "i sound", "make me", "i come across", "im coming across", "my voice", "i am", "from me")
# The picture wished for, not complained of: "make me more of a whisper".
MORE_OF = ("more of a", "more like a")


def pictured(tokens: list[str]) -> dict[str, object] | None:
    """The level change a picture of the speaker as loud or quiet asks for, if one is said."""
    text = padded(tokens)
    quiet, loud = QUIET.intersection(tokens), LOUD.intersection(tokens)
    swings = bool(SHOUTS.intersection(tokens))  # "between a whisper and a shout": a compressor's
    if bool(quiet) == bool(loud) or swings or not has_phrase(text, OF_ME):
        return None
    said = next(iter(quiet or loud))
    # ("less of a mumble", like "I'm a mumble", complains of the picture)
    wished = any(f" {more} {said} " in text for more in MORE_OF)
    return {"effect": "gain", "action": "decrease" if bool(loud) != wished else "increase"}
