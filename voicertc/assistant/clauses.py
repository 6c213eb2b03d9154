"""Several requests in one turn: "add reverb and delay", "cut the lows, then add a compressor".

``dialogue.understand`` reads a turn as one request. Here a turn is cut where a comma, a full
stop or a conjunction ("and", "then", "plus") joins parts that each name an effect, and each
part is read by ``understand`` itself:

- a part that names only an effect ("... and the distortion", "... and a bit of delay")
  takes the action of the request before it: "take off the echo and the distortion"
  removes both; and a verb or particle said after the last of several bare names is
  every one's: "echo and reverb off" removes both;
- a part that names a parameter but no effect ("set the delay to 300 ms and the mix to 40
  percent") is about the effect of the request before it, and so is "it" ("add reverb and turn
  it up"), unless the part is about loudness ("add reverb and make it louder": the volume);
- a part that reads as no request ("the reverb is fine, add delay") asks for nothing.

A turn not cut (one request, or parts that do not each name an effect) reads as ``understand`` reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from voicertc.assistant import (
    contrasts,
    corrections,
    instruments,
    knowledge,
    mixups,
    preferences,
    reasons,
    referents,
    remarks,
    scenes,
    similes,
    statements,
    unsupported,
)
from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressed import addressed, one_clause_asks
from voicertc.assistant.addressee import COURTESY
from voicertc.assistant.counted import PARAMS, VERBS, counted, stepped, thanks_only, told_apart
from voicertc.assistant.declined import LEFT_AS_IS_TEXT, NOT_FOR_SOUND_TEXT
from voicertc.assistant.dialogue import APPLY, Intent, Say, ToolCall, tokens, understand
from voicertc.assistant.numbers import find_numbers, number_across
from voicertc.assistant.preferences import bare
from voicertc.assistant.referents import named_effect
from voicertc.assistant.scenes import is_change

# Where one request may end and the next begin. A comma between digits is a thousands
# separator ("1,200 hertz") and a full stop before one a decimal point, so neither cuts.
JOINT = re.compile(
    r"(\s*[,;.!?](?!\d)\s*(?:(?:and then|and also|and|then|also|plus)\b\s*)?"
    # ("up and down", "ups and downs": one thing, not two requests)
    r"|(?:(?<!\bup)(?<!\bups)|(?!\s+and\s+downs?\b))\s+(?:and then|and also|and|then|plus|as well as|&)\s+)",
    re.IGNORECASE,
)
# Where an effect left alone may stand beside a request for another: "don't touch the delay
# and add reverb", "leave the delay alone but add some reverb". "But" joins no other parts:
# "more reverb later, but not now" is one wish put off.
BESIDE = re.compile(r"\s*[,;.]?\s+(?:but|and)\s+|\s*[,;.]\s*")
# A clause boundary proper: a part that asks for nothing may stand beside a request only
# across one ("the reverb is fine, add delay"), not across "and" ("a video on compression
# and reverb tutorials" is one sentence about something else).
PUNCTUATION = re.compile(r"[,;.!?]")
# What joins a part said again for emphasis ("low cut, low cut!"; not the joke's "echo who? echo who?")
EMPHASIS = re.compile(r"[,;!]")
# Actions a bare effect shares: "turn up the reverb and the delay" raises both; a setting's
# value ("set the delay to 300 ms and the reverb") is not the reverb's.
SHARED = ("add", "remove", "increase", "decrease")
# ... and those said after the last effect only, which the bare names before it take too
# ("echo and reverb off"); an add is what a bare name asks for anyway.
BACK = ("remove", "increase", "decrease")
# "the reverb, turn it up": "it" is the effect just named, not the overall volume.
PRONOUNS = frozenset("it that this them".split())
SAID_AGAIN = frozenset("a bit little please more even much still just".split())
SUBJECTS = frozenset("im we were weve they theyre".split())  # "we're" is "were" in tokens
LONG_TURN = 18  # words: "halve the distortion please, it's fun but the radio station likes it clearer"


@dataclass
class _Request:
    joint: str  # what joined it to the request before ("" for the first)
    text: str
    reading: Intent


def understand_all(transcript: str, last_filter: str | None = None) -> list[Intent]:
    """Every request of ``transcript``: its tool calls in the order said, or the one thing
    ``understand`` reads in it when it holds no more than one request. A picture of the sound
    beside an order ("roll off the top like an old telephone") only says why (``similes``), and a
    filter named as the tool a band is cut with only which control (``instruments``)."""
    read = partial(understand_all, last_filter=last_filter)
    whole = similes.unpictured(transcript, _requests_of(transcript, last_filter), read)
    return instruments.untooled(transcript, whole, read)


def _requests_of(transcript: str, last_filter: str | None) -> list[Intent]:
    turn = addressed(transcript)
    if turn.text is None:
        return [Say(NOT_FOR_SOUND_TEXT)]  # "Nina, you're clipping, turn your gain down"
    transcript = contrasts.kept(turn.text)  # ("not louder, clearer": only what is wanted is read)
    if transcript is None:
        return [Say(LEFT_AS_IS_TEXT)]  # "please don't put any fuzz on me, I've got a ballad next"
    transcript = corrections.corrected(transcript)  # "add delay, no wait, the reverb": the reverb
    swapped = preferences.swapped(tokens(transcript))
    if swapped is not None:
        return list(swapped)  # "replace the reverb with a delay", "a delay instead of the reverb"
    beside = _beside_hands_off(transcript, last_filter)
    if beside is not None:
        return beside
    said = tokens(transcript)
    # "I meant to ask for a low cut, but ...", "you raised it, I wanted the opposite": no clause asks alone
    if remarks.read_whole(said):
        return [understand(transcript, last_filter)]
    mixed = mixups.meant(transcript, lambda part: understand(part, last_filter))
    if mixed is not None:
        return [mixed]  # "add the compressor, the one that makes me sound fuzzy"
    reset = referents.its_reset(said)
    if reset is not None:
        return [reset]  # "the delay's gone weird, restore its factory settings"
    pairs = _split(transcript)
    transcript = "".join(joint + part for joint, part in pairs)  # (less what was said again)
    asked = knowledge.asked_first([part for _, part in pairs], VERBS)
    if asked is not None:
        return [understand(asked, last_filter)]
    if knowledge.asked_only([part for _, part in pairs]):
        return [understand(pairs[0][1], last_filter)]  # "what does gain mean, is it just volume?"
    calls = _requests(pairs, transcript, last_filter)
    parts, read = [p for _, p in pairs], partial(understand, last_filter=last_filter)
    # "it" may be an effect the turn described: "the echo is on my words, I'd like it quieter"
    calls = referents.pointed(parts, calls, read)
    calls = referents.pointed_reset(parts, calls)  # "I messed up the delay, reset it"
    # ... or that a question named: "why does the reverb ring on so long? cut it shorter"
    calls = referents.asked_then_ordered(parts, calls, read)
    calls = scenes.order_in_scene(transcript, calls, lambda said: understand_all(said, last_filter))
    if not (turn.by_name or len(said) >= LONG_TURN):  # (a long turn may ask in one part only)
        return calls
    return one_clause_asks(pairs, calls, lambda said: understand_all(said, last_filter), turn.by_name)


def _requests(pairs: list[tuple[str, str]], transcript: str, last_filter: str | None) -> list[Intent]:
    requests: list[_Request] = []
    for joint, part in pairs:
        request = _request(requests[-1] if requests else None, joint, part, last_filter)
        while request is None:  # the part belongs to the request before: read them as one
            last = requests.pop()
            joint, part = last.joint, last.text + joint + part
            request = _request(requests[-1] if requests else None, joint, part, last_filter)
        requests.append(request)
    if len(requests) < 2:
        return [understand(transcript, last_filter)]
    _lend_back(requests)
    calls: list[Intent] = []
    for r in requests:
        if isinstance(r.reading, ToolCall) and r.reading not in calls:
            calls.append(r.reading)
    return calls or [understand(transcript, last_filter)]


def _beside_hands_off(transcript: str, last_filter: str | None) -> list[Intent] | None:
    """The requests said beside an effect left alone ("add reverb but leave the delay
    alone"): None unless one side of a joint leaves a named effect alone and the other asks
    for changes to other effects only."""
    if not statements.hands_off(lx.padded(tokens(transcript))):
        return None
    for joint in BESIDE.finditer(transcript):
        # (the right side with its joint: "..., and keep the reverb" keeps it, said last)
        for kept, asked in ((transcript[: joint.start()], transcript[joint.end() :]),
                            (transcript[joint.start() :], transcript[: joint.start()])):  # fmt: skip
            left = named_effect(tokens(kept))
            if left is None or not statements.hands_off(lx.padded(tokens(kept))):
                continue
            if statements.hands_off(lx.padded(tokens(asked))):
                return None
            calls = [c for c in understand_all(asked, last_filter) if is_change(c)]
            if calls and all(isinstance(c, ToolCall) and c.arguments.get("effect") != left for c in calls):
                return calls
    return None


def declined(transcript: str) -> str | None:
    """The decline of the parts of a turn that ask for what the chain cannot do ("add reverb
    and chorus": chorus), said beside the calls the other parts make; None where none do.
    A part is declined only where it is read alone as that decline ("add reverb to the
    chorus" is one request, for the reverb)."""
    said: list[str] = []
    for _, part in _split(corrections.corrected(transcript)):
        reading = understand(part)
        name = unsupported.asked(tokens(part))
        if isinstance(reading, Say) and unsupported.declines(reading.text) and name and name not in said:
            said.append(name)
    return unsupported.declining(*said) if said else None


def _split(text: str) -> list[tuple[str, str]]:
    """``text`` as (joint before it, part) pairs, the first with joint ""; a joint with
    nothing after it ("add reverb, please") is not one."""
    pieces = JOINT.split(text)
    pairs = [("", pieces[0])]
    for i in range(1, len(pieces) - 1, 2):
        said = tokens(pieces[i + 1])
        again = said and said == tokens(pairs[-1][1]) and EMPHASIS.search(pieces[i]) is not None
        if again and is_change(understand(pieces[i + 1])):
            continue  # an order said again for emphasis: "low cut, low cut!" (not "one two, one two")
        if said:
            pairs.append((pieces[i], pieces[i + 1]))
        else:
            joint, part = pairs[-1]
            pairs[-1] = (joint, part + pieces[i] + pieces[i + 1])
    return pairs


def _request(before: _Request | None, joint: str, part: str, last_filter: str | None) -> _Request | None:
    """``part`` as a request of its own, or None when it belongs to the one before."""
    words = tokens(part)
    if before is None:
        return _Request(joint, part, counted(words, understand(part, last_filter)))
    said = tokens(before.text)
    if number_across(said, tokens(joint), words):
        return None  # "five hundred and twenty milliseconds", "two and a half to one"
    if thanks_only(words):
        return _Request(joint, part, Say(""))  # "..., so add a delay on me, thanks so much"
    if not is_change(before.reading) and named_effect(said) is None:
        # (a remark or a reason before it: across a clause boundary, "great, switch the comp off")
        bounded = before.reading == Say("") or PUNCTUATION.search(joint) is not None
        alone = understand(part, last_filter) if bounded else None
        if alone is not None and reasons.ordered(words, alone, len(said) >= 3):
            return _Request(joint, part, alone)  # "dead and boxy, give it a bit of air around it"
        return None  # "if it's not too much trouble, add reverb": one request
    effect = named_effect(words)
    if effect is not None and bare(words, effect):
        shared = _shared(before.reading, effect)
        return None if shared is None or _same_effect(before, shared) else _Request(joint, part, shared)
    if effect is None:
        param = _param_of(before.reading, words, last_filter)
        if param is not None:  # "... and the mix to 40 percent", not "smooth the peak, less Q"
            return None if _same_effect(before, param) else _Request(joint, part, param)
    if bare(said, named_effect(said)):
        reading = understand(part, last_filter)
        lent = effect is not None and (
            _shared_back(reading, effect) is not None
            or _setting_on(reading, words, effect, named_effect(said)) is not None
        )
        if lent and not _same_effect(before, reading):
            return _Request(joint, part, reading)  # "echo and reverb off": both off (``_lend_back``)
        return None  # "compression and reverb are overrated": one sentence
    reading = counted(words, understand(part, last_filter))
    same = _same_effect(before, reading)
    if (effect is None and _remark(before, joint, words, reading)) or (
        same and reasons.removal_explained(before.reading, words, reading)
    ):  # its reason: "make me louder, the people at the back can't hear", "comp off, I sound flat"
        return _Request(joint, part, Say(""))
    if (effect is None or same) and reasons.order_after_description(
        said, before.reading, words, reading, same
    ):
        before.reading = Say("")  # "the repeats drown my words, bring the echo level down": its mix
        return _Request(joint, part, reading)
    if effect is None and not (is_change(reading) and _own(before, words, reading)):
        return None  # "add reverb and make it louder": "it" is the reverb; "... and more": no request
    if reasons.of_a_setting(before.reading, words, reading, same) and (same or named_effect(words) is None):
        return _Request(joint, part, Say(""))  # "low cut at 75 Hz, there's a fridge hum": its reason
    if same:
        return None  # "the echoes go on forever, cut the feedback": one request, its reason given
    if not is_change(reading) and not PUNCTUATION.search(joint):
        return None  # "the delay in the reverb tutorial and the echo chamber" is one sentence
    if not is_change(before.reading) and not PUNCTUATION.search(joint):
        return None
    return _Request(joint, part, reading)


def _remark(before: _Request, joint: str, words: list[str], reading: Intent) -> bool:
    """A clause of its own after a request, naming no effect and asking nothing: its reason
    or a remark ("make me louder, the people in the back row can't hear a word"), which read
    with the request would hide it."""
    return (
        is_change(before.reading)
        and PUNCTUATION.search(joint) is not None
        and not is_change(reading)
        # (short: "slower release, it's pumping"; but "down four dB, too loud": its value kept)
        and (len(words) >= 4 or stepped(tokens(before.text)) or "value" in before.reading.arguments)
        # (a clause with a subject of its own holds its own numbers: "..., we're delivering to minus 23")
        and (not find_numbers(words) or words[0] in SUBJECTS)
        # ("drive to fifteen, just a bit of colour": but "..., just turn it up" asks)
        and (
            words[0] not in COURTESY
            or (words[0] == "just" and words[1:2] != [] and words[1] not in lx.IMPERATIVES)
        )
        # "why is there an echo, get rid of it": it is the echo (but "..., I broke it": its story)
        and (
            not PRONOUNS.intersection(words)
            or reasons.done_to_it(words, before.reading)
            or reasons.must_be(words)
            or reasons.behaves(words)
            or told_apart(joint, words)
        )
    )


def _own(before: _Request, words: list[str], reading: Intent) -> bool:
    """A part naming no effect that still asks for its own change ("cut the lows", "make it
    brighter", "add reverb and make it louder": the volume, as ``followups`` reads "make it
    louder" after a change), not for one to the effect before it ("turn it up" after "add
    reverb", "make it louder" after "the reverb")."""
    before_words = tokens(before.text)
    if set(words) - SAID_AGAIN <= set(before_words):
        return False  # "louder echo, louder, bit louder": the request before, said again
    if not PRONOUNS.intersection(words):
        return True
    assert isinstance(reading, ToolCall)
    loudness = reading.arguments.get("effect") != "gain" or bool(lx.LOUDNESS.intersection(words))
    return loudness and not bare(before_words, named_effect(before_words))


def _shared_back(reading: Intent, effect: str) -> ToolCall | None:
    """The bare step or removal of ``reading`` on ``effect``: "reverb off", "reverb up a bit"
    (not a value, nor a parameter: "the delay and the reverb mix to 50" sets the mix alone)."""
    if not isinstance(reading, ToolCall) or reading.name != APPLY:
        return None
    args = reading.arguments
    if args.get("effect") != effect or args.get("action") not in BACK or "value" in args or "param" in args:
        return None
    return ToolCall(APPLY, {"effect": effect, "action": args["action"]})


def _lend_back(requests: list[_Request]) -> None:
    """A bare effect's name before a request that says its verb or particle after its own
    effect ("echo and reverb off", "the delay, the reverb and the fuzz down a bit") takes
    that action, as "switch off the echo and the reverb" gives its verb forward."""
    for before, after in reversed(list(pairwise(requests))):
        said, later = tokens(before.text), tokens(after.text)
        effect, later_effect = named_effect(said), named_effect(later)
        if effect is None or later_effect is None or not bare(said, effect):
            continue
        lent = _shared_back(after.reading, later_effect)
        if lent is not None:
            before.reading = ToolCall(APPLY, {"effect": effect, "action": lent.arguments["action"]})
        else:
            before.reading = _setting_on(after.reading, later, later_effect, effect) or before.reading


def _setting_on(reading: Intent, words: list[str], effect: str, other: str | None) -> ToolCall | None:
    """The value ``reading`` sets on ``effect``, said of ``other`` instead ("delay and reverb to
    50 percent": each named takes the value), as the part read with ``other``'s name would set it."""
    if other is None or not isinstance(reading, ToolCall) or reading.arguments.get("action") != "set":
        return None
    text = " " + " ".join(words) + " "
    name = next((n for n in lx.EFFECT_NAMES[effect] if f" {n} " in text), None)
    if name is None:
        return None
    own = understand(text.replace(f" {name} ", f" {lx.SPOKEN_EFFECT.get(other, other)} ", 1))
    said = (own.arguments.get("effect"), own.arguments.get("action")) if isinstance(own, ToolCall) else None
    return own if said == (other, "set") and isinstance(own, ToolCall) else None


def _shared(before: Intent, effect: str) -> ToolCall | None:
    """The action of the request before, on a part that names only ``effect``."""
    if not is_change(before):
        return None  # "I love the reverb and the delay": nothing asked of either
    assert isinstance(before, ToolCall)
    action = before.arguments.get("action")
    if "value" in before.arguments or action == "set":
        # "add two dB of gain and some reverb": reverb added, not more of it
        action = "add" if action in ("add", "increase", "set") else None
    return ToolCall(APPLY, {"effect": effect, "action": action}) if action in SHARED else None


def _param_of(before: Intent, words: list[str], last_filter: str | None) -> ToolCall | None:
    """ "... and the mix to 40 percent": the call on the effect of the request before."""
    if not is_change(before) or not PARAMS.intersection(words):
        return None
    assert isinstance(before, ToolCall)
    effect = str(before.arguments.get("effect"))
    if effect not in lx.EFFECT_NAMES:
        return None
    name = "the " + lx.SPOKEN_EFFECT.get(effect, effect)
    rest = " ".join(words[1:] if words[0] in ("the", "its") else words)
    for attempt in (f"{name} {rest}", f"{rest} on {name}"):
        reading = understand(attempt, last_filter)
        if is_change(reading) and isinstance(reading, ToolCall) and reading.arguments.get("effect") == effect:
            if "param" in reading.arguments or "value" in reading.arguments:
                return reading
    return None


def _same_effect(before: _Request, reading: Intent) -> bool:
    """Both requests change one effect, and not both to a value said ("set the delay to 300
    ms, feedback 40 percent" sets two of its parameters)."""
    if not isinstance(reading, ToolCall):
        return False
    first = before.reading
    if isinstance(first, ToolCall):
        effect = first.arguments.get("effect")
        valued = "value" in first.arguments and "value" in reading.arguments
    else:
        effect, valued = named_effect(tokens(before.text)), False
    return effect == reading.arguments.get("effect") and not valued
