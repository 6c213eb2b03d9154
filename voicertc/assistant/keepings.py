"""Effects kept as they are, said before what is to change: "keep the reverb, it's lovely, and
keep the compressor, but the echo is too distracting, so please remove only the delay"; "the
compressor stays and the delay stays, I like both of them, but the reverb has to go".

A long turn often says first what is to stay, and why, and only then the one change. Read as
requests, "keep the reverb" would put a reverb on; the turn's leading parts that keep or praise
what is there are left out, so that only what follows is read. A turn that only keeps is left as
it is (the rules read "keep the reverb on" alone). Corpus26's tune side (session 46) is where
these were read.
"""

from __future__ import annotations

import re

from voicertc.assistant import named_params
from voicertc.assistant.addressee import ORDERS, after_opening
from voicertc.assistant.lexicon import EFFECT_NAMES, padded
from voicertc.assistant.referents import named_effect, named_effects, said_before
from voicertc.assistant.remarks import RESULTS
from voicertc.assistant.words import tokens

_OPEN = r"^(?:(?:and|so|ok|okay|please|honestly|now|also|but|look|right) )*"
# What a kept thing is said to stay as: not "keep it down", "keep the reverb short", a change.
# ... nor "keep the compressor as is except the attack" (``contrasts.EXCEPT`` reads those).
_CHANGE_AFTER = (
    r"(?!.*\b(?:down|up|low|lower|higher|quiet|quieter|louder|off|out|short|shorter|longer)$)"
    r"(?!.*\b(?:except|apart from|other than|besides|but for)\b)"
)
# "keep the reverb", "I want to keep the high-pass and the gain exactly where they are", "leave every
# other effect where it sits", "I don't want to lose the other effects".
KEEP = re.compile(
    _OPEN + r"(?:i (?:want|would like|wanna|need) to |id like to |lets |you can |please )?"
    r"(?:keep|leave|(?:i (?:dont|do not) want to |dont |do not )lose) "
    r"(?:the|my|every|everything|all|both|those|these|other|each|your)\b" + _CHANGE_AFTER
)
# "the compressor stays and the delay stays", "the filters can stay", "the compressor and the filters
# are all where I want them".
STAYS = re.compile(
    _OPEN + r"(?:the|my|your) (?:(?:\w+ ){0,3}(?:stays|stay|can stay|remains|is staying|should stay)\b"
    r"|(?:\w+ ){0,5}(?:is|s|are|re) (?:all |both )?(?:exactly |just )?(?:where|how) (?:i|we) "
    r"(?:want|like|need))"
)
# What is there praised: "the echo's volume is good", "the compressor's fine too", "the delay is doing
# everything I need", "the filter you put on is great".
PRAISED = re.compile(
    _OPEN + r"(?:the|my|your) (?:\w+ ){0,5}(?:(?:is|s|are|re|was|sounds|sound) )?(?:\w+ )?"
    r"(?:fine|good|great|perfect|lovely|spot on|just right|ok|okay|brilliant|nice|gorgeous"
    r"|doing (?:a|everything|its|their))\b"
)
# Said of what was just kept: "it's lovely", "I like both of them", "they're both exactly how I want them".
OF_THE_KEPT = re.compile(
    _OPEN + r"(?:(?:its|it is|thats|theyre|they are|those are)(?: both| all)? (?:\w+ )?"
    r"(?:lovely|perfect|great|fine|good|gorgeous|how i want|where i want|just right)"
    r"|i (?:like|love) (?:both|them|it|those|these|that)"
    r"|(?:dont|do not) (?:touch|change) (?:those|them|it|these)"
    r"|i (?:spent|worked) )"
)
# Names alone, after what was kept: "..., the reverb especially, ..."
NAMES_ONLY = frozenset("the my and or too especially as well also both of them those everything else all "
                       "every other effects effect filters filter".split())  # fmt: skip
_NAME_WORDS = frozenset(w for names in EFFECT_NAMES.values() for n in names for w in n.split())


# What in the change stands for what was kept: "the hall sound is lovely, but maybe a little less of
# it", "the high cut stays, but at two thousand five hundred hertz".
POINTERS = frozenset("it its them".split())


def rest(parts: list[str], starts: list[int], transcript: str) -> str | None:
    """What of ``transcript`` (its ``parts``, starting at ``starts``) is read past what it keeps,
    the kept effect named where the change points at it; None when it keeps nothing first."""
    first = first_change(parts)
    if not first:
        return None
    left = re.sub(r"^(?:but|and|so)\b\s*", "", transcript[starts[first] :], flags=re.IGNORECASE)
    words = tokens(left)
    kept = {e for part in parts[:first] for e in named_effects(tokens(part))}
    named = named_effect(words)
    unnamed = named is None and named_params.owner(words) is None
    pointed = unnamed and (POINTERS & set(words) or words[:1] in (["at"], ["to"]))
    # ("the echo is lovely, bring its volume up": "its" is the echo's, though "volume" names the gain)
    if len(kept) == 1 and (pointed or (named == "gain" and "its" in words)):
        return said_before(kept.pop(), left)
    return left


def first_change(parts: list[str]) -> int:
    """How many of ``parts`` (a turn's, in order) keep or praise what is there before the first
    that may ask for a change; 0 when the turn opens otherwise or only keeps."""
    i = _chatter(parts)
    named = False  # what is kept was named: "leave it" alone keeps nothing said
    for part in parts[i:]:
        said = " ".join(tokens(part))
        if KEEP.match(said) or STAYS.match(said) or PRAISED.match(said):
            named = named or _names(said)
        elif i and _names_only(said):
            named = named or _names(said)
        elif not (i and (OF_THE_KEPT.match(said) or _brought(said))):
            break
        i += 1
    return i if named and i < len(parts) else 0


def _chatter(parts: list[str]) -> int:
    """How many of ``parts`` open the turn with talk that names nothing and orders nothing, before
    a part that keeps: "I'm an engineer by trade so forgive the precision, but the compressor and the
    filters are all where I want them, ..."."""
    for i, part in enumerate(parts[:2]):
        said = " ".join(tokens(part))
        if KEEP.match(said) or STAYS.match(said):
            return i
        words = said.split()
        if len(words) < 3 or _names(said) or after_opening(words)[:1] in ([w] for w in ORDERS):
            return 0  # (nor a word alone: "nah, leave the reverb, it's doing its thing" refuses)
    return 0


def _brought(said: str) -> bool:
    """What the kept setting brought: "..., no more hiss", "..., no pumping at all"."""
    return RESULTS.fullmatch(f" {said} ") is not None and named_effect(said.split()) is None


def _names(said: str) -> bool:
    words = said.split()
    return (
        named_effect(words) is not None
        or named_params.owner(words) is not None
        or bool({"everything", "every", "all", "other", "effects", "filter", "filters"} & set(words))
        or " mix " in padded(words)
    )


def _names_only(said: str) -> bool:
    words = said.split()
    return bool(words) and all(w in NAMES_ONLY or w in _NAME_WORDS for w in words)
