"""An effect asked for by another's name and described by what it does.

"add the compressor, the one that makes me sound fuzzy like a broken amp" and "turn on the
reverb, the crunchy kind like a guitar pedal" want the distortion; "put the high pass on so
the hiss goes away" wants the low-pass, the filter that takes hiss away. Callers who mix up
the names know the sound they want, so what the description or the purpose reads as wins
over the name, with the action asked of the name. Only a description that reads as another
effect outright changes anything; a purpose changes a filter into the other filter only."""

from __future__ import annotations

import re
from collections.abc import Callable

from voicertc.assistant.dialogue import APPLY, Intent, ToolCall, tokens
from voicertc.assistant.referents import named_effect

# "the one that ...", "the crunchy dirty kind like ...", "the effect where ...": which effect
# is meant, said by what it does. "not the repeating one" says which is not.
# Said as a clause of its own, after a comma or "I mean" ("is reverb the same thing as echo"
# describes nothing).
WHICH = re.compile(
    r"(?:[,;.]|\bi mean|\byou know) (?:i mean |you know )?the ((?:[a-z-]+ ){0,3}?)"
    r"(?:one|kind|sort|type|effect|thing)\b(?: (?:that|which|where|with))?(.*)$"
)
# "... so the hiss goes away", "... to get rid of the fizzy top end"
PURPOSE = re.compile(r"\b(?:so that|so|to|in order to) (.+)$")
GOING = re.compile(
    r"^(?:the |that |this )?(.+?) (?:goes away|go away|disappears|disappear|is gone|are gone)\b"
)
FILTERS = ("lowpass", "highpass")
# A band-limited sound either filter (or a distortion) makes: the name said decides.
EITHER = frozenset("phone telephone radio walkie megaphone tannoy intercom".split())
ACTIONS = ("add", "remove", "increase", "decrease")


def meant(text: str, understand: Callable[[str], Intent]) -> ToolCall | None:
    """The call the part before a description or a purpose asks for by an effect's name,
    on the effect that description or purpose reads as, where that is another; None where
    it is not."""
    said = text.lower()
    which = _last(WHICH, said)
    purpose = PURPOSE.search(said)
    cut = which or purpose
    if cut is None:
        return None
    head = said[: cut.start()]
    named = understand(head)
    if not isinstance(named, ToolCall) or named.name != APPLY or set(named.arguments) != {"effect", "action"}:
        return None
    effect, action = named.arguments["effect"], named.arguments["action"]
    if action not in ACTIONS or named_effect(tokens(head)) != effect:
        return None
    described = _described(which, understand) if which else None
    if described is None and purpose and effect in FILTERS:
        described = _purpose(purpose, understand)
        described = described if described in FILTERS else None
    if described is None or described in (effect, "gain") or (described in FILTERS) != (effect in FILTERS):
        return None  # a filter's description of a distortion ("crushed, like a cheap radio") is one too
    return ToolCall(APPLY, {"effect": described, "action": action})


def _last(pattern: re.Pattern[str], said: str) -> re.Match[str] | None:
    found = list(pattern.finditer(said))
    return found[-1] if found else None


def _call_effect(reading: Intent) -> str | None:
    # (a chain-wide call names no effect: "... the kind that says everything back to me" once
    # read as a reset gave the effect "None")
    effect = (
        reading.arguments.get("effect") if isinstance(reading, ToolCall) and reading.name == APPLY else None
    )
    return effect if isinstance(effect, str) else None


def _described(which: re.Match[str], understand: Callable[[str], Intent]) -> str | None:
    description = f"{which.group(1)}{which.group(2)}".strip(" ,.!?")
    if EITHER.intersection(tokens(description)):
        return None
    for attempt in (description, f"make me sound {description}"):
        effect = _call_effect(understand(attempt))
        if effect is not None:
            return effect
    return None


def _purpose(purpose: re.Match[str], understand: Callable[[str], Intent]) -> str | None:
    wanted = purpose.group(1).strip(" ,.!?")
    going = GOING.match(wanted)
    return _call_effect(understand(f"get rid of the {going.group(1)}" if going else wanted))
