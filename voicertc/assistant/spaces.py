"""Spaces and distances the voice is put in or heard from: "make it sound like a church",
"like a giant stone cathedral please" (reverb put on), "it sounds like a bathroom" (a
complaint: less), "I sound like I'm in a closet" (a dry space: some), "push my voice back in
the mix" (farther: more), "bring me forward" (less).

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

from voicertc.assistant.lexicon import has_phrase, padded

Change = dict[str, object]


# Spaces a voice can be put in: asked for ("make it sound like a church") or complained
# of ("it sounds like a bathroom").
SPACES = ("cathedral", "church", "hall", "concert hall", "bathroom", "cave", "canyon",
          "stadium", "arena", "tunnel", "gym", "warehouse", "empty room", "big room", "concert", "auditorium",
          "theatre", "theater", "chapel", "shower", "stairwell", "parking garage", "tiles",
          "tiled", "swimming pool", "pool", "basement", "garage", "hallway", "corridor", "well",
          "barn", "subway station", "train station", "airport", "castle", "dungeon", "cavern", "crypt",
          "temple", "mosque")  # fmt: skip
PLACE_ASKED = ("make it sound like", "make me sound like", "put me in", "make it sound as if",
               "i want it to sound like", "i want to sound like", "give me that", "gimme that", "i want the",
               "i want that", "give me the",
               "id like it to sound", "i would like it to sound", "the way it does in",
               "the way it sounds in",
               # asked as a question or as what listeners love: "can my voice sound like it's echoing
               # round a castle?", "the little ones love it when I sound like I'm in a cave"
               "can my voice sound like", "could my voice sound like", "can i sound like",
               "could i sound like", "can it sound like", "love it when i sound like")  # fmt: skip
# Spaces with no reverb at all: sounding as if in one of them wants some.
DRY_SPACES = ("closet", "cupboard", "wardrobe", "vocal booth", "padded room", "a box")
LIKE = ("sounds like", "sound like", "feels like", "sounds as if", "like were in", "like we are in",
        "like youre in", "like im in")  # fmt: skip


# Where the voice sits, asked for: "push my voice back in the mix", "make me sound distant"
# want more reverb, as a farther source has; "bring me forward" less ("closer" is read so
# too). Complained of, the same words want the other way ("it sounds far away": ``quality``).
FAR = ("far away", "distant", "further back", "farther back", "further away", "in the distance",
       "back in the mix", "far off", "a long way off", "a long way away", "miles away")  # fmt: skip
NEAR = ("forward", "in front", "up front", "upfront", "front of the mix", "closer", "nearer")
PLACING = ("make me sound", "make it sound", "make my voice sound", "i want to sound", "i want it to sound",
           "push", "put me", "put my voice", "sit", "move me", "move my voice", "bring me", "bring my voice",
           "place me", "want me", "i want to be", "need the vocals", "need my voice")  # fmt: skip


def placed(text: str) -> Change | None:
    """ "push my voice back in the mix": more reverb; "bring me forward a bit": less."""
    at = max(text.rfind(f" {p} ") for p in PLACING)
    if at < 0:
        return None
    # where the placing verb puts it: "I sound far away, bring me closer" wants less
    text = text[at:] if has_phrase(text[at:], FAR + NEAR) else text
    if has_phrase(text, FAR):
        return {"effect": "reverb", "action": "increase"}
    if has_phrase(text, NEAR):
        return {"effect": "reverb", "action": "decrease"}
    return None


def asks_space(tokens: list[str]) -> bool:
    """A space asked for by name, with a verb or alone: "make it sound like a church", "like
    a giant stone cathedral please", "a cathedral please". The sentence reader, fitted on
    stories about rooms as much as on requests, takes the verbless ones for no command; the
    rules' reading of them stands (``followups``)."""
    text = padded(tokens)
    return has_phrase(text, SPACES) and placed(text) is None and _asked(tokens, text)


def _asked(tokens: list[str], text: str) -> bool:
    """How a named space is asked for (a verb, "like a ...", or alone with "please")."""
    alone = tokens[-1:] == ["please"] and len(tokens) <= 6  # "a cathedral please"
    return has_phrase(text, PLACE_ASKED) or tokens[:2] in (["like", "a"], ["like", "an"]) or alone


# A space as an amount of itself: "more cave please", "a bit less cathedral" (not "less well").
_AMOUNTS = tuple(s for s in SPACES if s not in ("well", "tiled", "concert"))
MORE_SPACE = tuple(f"more {s}" for s in _AMOUNTS)
LESS_SPACE = tuple(f"less {s}" for s in _AMOUNTS)


def space(tokens: list[str]) -> Change | None:
    text = padded(tokens)
    change = placed(text)
    if change is not None:
        return change
    if has_phrase(text, DRY_SPACES) and has_phrase(text, LIKE):
        return {"effect": "reverb", "action": "add"}  # "I sound like I'm in a closet"
    if not has_phrase(text, SPACES):
        if has_phrase(text, ("close and dry", "bring it closer", "closer", "more intimate")):
            return {"effect": "reverb", "action": "decrease"}
        return None
    if has_phrase(text, MORE_SPACE):
        return {"effect": "reverb", "action": "increase"}  # "more cave please"
    if has_phrase(text, LESS_SPACE):
        return {"effect": "reverb", "action": "decrease"}
    # ("I sound like I'm in a cave" complains; "make me sound like I'm in a cave" asks.)
    if _asked(tokens, text):  # (not placed, a space named: asks_space without asking again)
        return {"effect": "reverb", "action": "add"}
    if has_phrase(text, LIKE):
        return {"effect": "reverb", "action": "decrease"}
    return None
