"""What callers do themselves, with their own gear or their place at the mic: no request.

"I'm turning my headphones down a bit", "I just turned the gain knob on my interface up",
"hold on, I need to turn my speakers down", "I'll move closer to the mic", "let me try a
high note": the caller tells what they do or will do; the assistant changes nothing. Their
own gear is what the call cannot reach (the interface, the speakers, a knob); the mic is the
call's input, so "turn my mic up" stays a request for more volume.
"""

from __future__ import annotations

from voicertc.assistant.lexicon import NAMING_WORDS, has_phrase, padded

# The caller as the one acting ("I'm turning", "I just turned", "let me try", "I need to
# turn"): one of these, then a verb of doing within three words.
ME = frozenset("i im ill ive me".split())
DOING = frozenset("turn turning turned move moving moved put putting set setting plug plugging plugged "
                  "unplug switch switching switched bring bringing pull pulling push pushing lower lowering "
                  "raise raising adjust adjusting adjusted change changing changed try trying sing singing "
                  "step lean sit get got crank cranking cranked".split())  # fmt: skip
# Gear the call cannot reach: the caller's own.
GEAR = frozenset("interface speakers speaker headphones headphone headset earphones earbuds mixer "
                 "preamp knob knobs fader faders amp amplifier monitors soundcard stereo laptop"
                 .split())  # fmt: skip
OWNED = frozenset("my the our".split())
# Moving at the mic, or trying a sound of one's own: "I'll move closer to the mic".
MOVING = ("move closer", "move back", "move away", "step back", "step closer", "lean in", "back off from",
          "sit closer", "get closer", "try a high note", "try a low note", "try singing", "try shouting",
          "try whispering", "sing the", "sing a", "moving closer", "moving back", "moving away",
          "stepping back", "stepping closer", "leaning in", "getting closer", "sitting closer")  # fmt: skip
# Asked of the assistant before the caller's part: "can you turn my headphones down".
ASKED = frozenset("can could would will please you".split())


def done_myself(tokens: list[str]) -> bool:
    """The caller tells of a thing they do themselves; nothing is asked of the assistant."""
    moving = has_phrase(padded(tokens), MOVING) and NAMING_WORDS.isdisjoint(tokens)
    if moving and has_phrase(padded(tokens[:2]), MOVING):
        return True  # (said as it is done: "moving closer to the mic now")
    at = next((i for i, w in enumerate(tokens) if w in ME and DOING & set(tokens[i + 1 : i + 4])), None)
    if at is None or ASKED & set(tokens[:at]):
        return False
    owned = any(w in GEAR and OWNED & set(tokens[max(0, i - 3) : i]) for i, w in enumerate(tokens))
    # ("I'm going to sing the chorus, so add reverb": the move told, the effect asked)
    return owned or moving
