"""Rule-based understanding of effect commands, questions and small talk.

The input is either a recogniser transcript (lower case words, numbers spelled out,
sometimes wrong words) or typed text (digits, symbols, typos), so both are normalised
to one token list first and effect words are matched loosely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicertc.assistant import (
    addressee,
    bands,
    colloquial,
    complaints,
    declined,
    degrees,
    descriptions,
    dynamics,
    enough,
    extremes,
    filters,
    hedges,
    knowledge,
    multiples,
    musings,
    named_params,
    nuisances,
    opposites,
    other_times,
    param_complaints,
    phrasing,
    pictures,
    rambles,
    relative,
    remarks,
    repeats,
    resets,
    senses,
    small_talk,
    spaces,
    speeds,
    statements,
    theirs,
    unsupported,
    values,
    wrappings,
)
from voicertc.assistant import lexicon as lx
from voicertc.assistant.numbers import as_said, find_numbers, ranges_as_either
from voicertc.assistant.replies import GET, reply_after_tool  # noqa: F401 (dialogue's API)
from voicertc.assistant.words import blank, normalize, tokens  # noqa: F401 (dialogue's API)
from voicertc.effects.chain import param_for_unit
from voicertc.effects.specs import EFFECT_SPECS

APPLY = "apply_audio_effect"

HELP_TEXT = (
    "I can add, remove or adjust seven effects: reverb, delay, low pass, high pass, gain, "
    "compression and distortion. Try saying: add some reverb, set the delay to three hundred "
    "milliseconds, cut the lows, make it louder, or ask what effects are on."
)
FALLBACK_TEXT = (
    "Sorry, I can only help with audio effects. Try saying: add some reverb, cut the "
    "lows, or what effects are on. Say help to hear more."
)
NOT_HEARD_TEXT, LEFT_OFF = "Sorry, I didn't catch that.", "All right, I'll leave the {} off."


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: dict[str, object]


@dataclass(frozen=True)
class Say:
    text: str


Intent = ToolCall | Say


def _action(text: str) -> str | None:
    for verb, particle, word in lx.PARTICLE_VERBS:
        text = re.sub(rf" {verb}((?: \S+){{0,3}}) {particle} ", rf" {word}\1 ", text)
    for phrase, word in lx.REWRITES:
        text = text.replace(f" {phrase} ", f" {word} ")
    text = lx.pulled(degrees.further_down(text))
    for action, words in lx.ACTION_WORDS:
        if lx.find_phrase(text, words) >= 0:
            return action
    return None


def _described(tokens: list[str], text: str, effect: str | None) -> dict[str, object] | None:
    """A change asked for by describing the sound, a frequency region or an amount."""
    change = (
        dynamics.described(tokens, effect) or enough.not_enough(tokens, effect) or descriptions.region(tokens)
    )
    change = change or complaints.standalone(text, effect)
    if change is not None:
        step = _action(text) if change["effect"] == effect and change["action"] == "add" else None
        if step in ("increase", "decrease"):
            # "compress it more, I sound all over the place", "raise the threshold, it's jumping"
            return {**change, "action": step} | named_params.stepped(tokens, effect)
        return change
    if colloquial.swings(tokens):  # "I go from whispering to shouting"
        return {"effect": "compressor", "action": "add"}
    owner = effect or named_params.owner(tokens)
    if (
        owner
        and named_params.named(tokens, owner)
        and _action(blank(text, lx.EFFECT_NAMES[owner])) in lx.STEPS
    ):
        return None  # "the release should hang on longer, it's pumping": the step said, then why
    if effect is None:
        if colloquial.ears(text):  # "you're blowing out their ears"
            return {"effect": "gain", "action": "decrease"}
        return colloquial.slang(text) or spaces.space(tokens) or descriptions.quality(tokens, None)
    if descriptions.unwanted(text) and not _removing_is_its_use(text):
        return {"effect": effect, "action": "remove"}
    amount = descriptions.amount(text, effect)
    if amount is None and nuisances.nuisance(text) and _action(nuisances.without_nuisance(text)) is None:
        amount = "decrease"  # "the reverb is drowning my voice" (not "..., take it away")
    if amount is not None:
        # (its param only as described: "the repeats come back too quick" is the delay's time)
        param = colloquial.step_param(text, effect) if amount in lx.STEPS else None
        return {"effect": effect, "action": amount} | ({"param": param} if param else {})
    change = descriptions.quality(tokens, effect)
    # "the level is so uneven": the level's words name the sound, which the compressor evens out
    evened = change is not None and effect == "gain" and change["effect"] == "compressor"
    if change is not None and (change["effect"] == effect or evened):
        return change
    made = descriptions.made_too(text, effect)  # "the distortion is too harsh"
    return None if made is None else {"effect": effect, "action": made}


def _removing_is_its_use(text: str) -> bool:
    """ "a low cut to get rid of the rumble": put on to take something away (nothing before removes it)."""
    for names in lx.EFFECT_NAMES.values():
        text = blank(text, names)
    at = pictures.for_removing(text)
    return at >= 0 and _action(text[: at + 1]) != "remove"


def _effect_arguments(tokens: list[str], last_filter: str | None = None) -> dict[str, object] | None:
    tokens = values.on_as_at(tokens)
    said = text = " " + " ".join(tokens) + " "
    effect, _ = phrasing.first_effect(text)
    question = tokens[0] in lx.QUESTION_WORDS and tokens[:2] != ["how", "about"]
    if phrasing.not_this_sound(text) or knowledge.in_general(tokens, text):
        return None  # "the battery level is low", "why does a bathroom sound so echoey"
    if statements.of_the_world(tokens) or theirs.others(tokens) or phrasing.a_place(said):
        return None  # "the sound is far away from the station", "delay the meeting"
    if statements.exclamation(tokens) or addressee.not_for_us(tokens) or hedges.helps_elsewhere(tokens):
        return None  # "what a lovely room", "shout louder", "turn up for what", "help us finish it"
    if hedges.but_liked(tokens) or other_times.another_time(tokens) or remarks.approval(tokens):
        return None  # "it picks up a little room sound, but I like it", "last stream I was quiet"
    if senses.borrowed(tokens) or musings.musing(tokens):
        return None  # "compression socks", "reset the score", "the echo made my cat jump"
    knee = None if question or effect not in (None, "compressor") else colloquial.knee_feel(tokens)
    if knee is not None:
        return _arguments(tokens, "compressor", knee)  # "a softer knee": not a softer sound
    if effect in (None, "gain") and not question and colloquial.breaks_up(tokens):
        return {"effect": "gain", "action": "decrease"}  # "when I sing louder it distorts"
    # (a time said stepped, after a complaint: "..., faster attack")
    stepped = question or (effect is not None and speeds.speed(text, effect) is not None)
    stepped = stepped or (effect and _action(text) in lx.STEPS) or values.value(tokens, find_numbers(tokens))
    pictured = None if stepped else pictures.pictured(tokens)
    if pictured is not None and (effect in (None, "gain") or pictured.get("effect") in (None, effect)):
        return pictured  # "make my voice all muffly", "my shouting jumps out more than my talking"
    compared = statements.level_compared(tokens)
    if compared is not None:  # "my voice is quieter than the music": more gain
        param = colloquial.step_param(text, compared[0])  # "the echo is louder than me": its mix
        return {"effect": compared[0], "action": compared[1]} | ({"param": param} if param else {})
    if statements.compares_other_things(tokens):
        return None  # "that song is way louder than the last one"
    if effect == "gain" and statements.verb_use(tokens, "gain"):
        return None  # "we need to gain the trust of the customers"
    wished = None if question else hedges.wished(tokens)
    if wished is not None:
        return {"effect": wished, "action": "add"}  # "perhaps a compressor would tame my shouty bits"
    if not question:
        described = colloquial.spacing(tokens) or repeats.lasting(tokens)
        described = (
            described or param_complaints.complaint(tokens, effect) or _described(tokens, text, effect)
        )
        if described is not None:
            return described
    if effect is None:
        effect = phrasing.implied_effect(tokens, text)  # "knee at zero", "up three db"
    if effect is None:
        effect = filters.unnamed(tokens, text, last_filter)  # "lower the cutoff": the filter that is on
    idiom_action: str | None = None
    text = degrees.further_down(text)  # (before idioms are blanked: "turn it down more")
    # "What's the warmer like to me?": a question, not "make it warmer".
    for phrase, (idiom_effect, act) in () if question else lx.IDIOMS.items():
        if f" {phrase} " in text and (effect is None or effect == idiom_effect):
            effect, idiom_action = idiom_effect, act
            text = blank(text, (phrase,))  # its verb ("cut the lows") is not the action
            break
    text = statements.gone_as_state(text)  # "the echo's gone, put it back": no removal asked
    for names in lx.EFFECT_NAMES.values():
        text = blank(text, names)  # "low cut" names a filter, it does not remove one
    text = blank(text, statements.NOT_ACTIONS)  # "down the road", "worth more than my car"
    action = _action(text)
    if action == "remove" and _removing_is_its_use(text):
        action = "add"  # "I need the high pass for remove the low noise": what it is for
    # "the distortion on that old record": "on" before its object asks for nothing
    asked = idiom_action is not None or (
        action is not None
        and (" on " not in text or _action(re.sub(r" on (?=(?:the|that|this|his|her|their|a) )", " ", text)))
    )
    if asked and idiom_action is None and lx.has_phrase(text, phrasing.NARRATIVE):
        asked = _action(phrasing.nouns_blanked(text)) is not None  # "the reverb in that cut was amazing"
    if phrasing.not_a_command(tokens, said, bool(asked)):
        return None
    if effect is None:
        # "take out all my bass": all of a band, not every effect
        everything = lx.find_phrase(text, lx.EVERYTHING) >= 0 and bands.band(tokens) is None
        everything = everything and not (resets.all_as_very(tokens) and "everything" not in tokens)
        if action == "reset" or (everything and action == "remove") or resets.whole_reset(text):
            value = values.value(tokens, find_numbers(tokens))
            if value is not None and value[1] in ("hz", "khz"):
                return None  # "cut everything at 1,200 hertz": about a filter, not the chain cleared
            return {"action": "reset"}
        if question:
            return None
        if colloquial.level_scaled(text) and lx.has_phrase(text, ("as loud",)):
            return _arguments(tokens, "gain", None)  # "make it half as loud"
        # "crank it", "tame the highs", "more bass"
        return colloquial.level(tokens) or bands.band(tokens) or bands.more_band(tokens)
    one_reset = resets.one_reset(text)  # that effect's defaults, not the chain's, or one setting's:
    setting = resets.of_a_setting(tokens, effect) if one_reset or action == "reset" else None
    if one_reset or setting is not None:  # ("reverb length back to normal")
        return setting or {"effect": effect, "action": "reset"}
    if action == "reset" and effect != "gain":  # (session 49: "volume back to normal" is its level)
        action = "remove"  # "the reverb back to normal": the chain-wide reset would clear the rest
    action = colloquial.filter_motion(text, effect) or action  # "close the low pass a bit"
    if action in (None, "add") and idiom_action is None and remarks.remark(tokens):
        return None  # "okay, I can hear the reverb now": named, not asked for
    return _arguments(tokens, effect, action, idiom_action)


def _arguments(
    tokens: list[str], effect: str, action: str | None, idiom_action: str | None = None
) -> dict[str, object] | None:
    """The call for ``effect``: the action settled against the number said, its value, unit, param."""
    scaled = colloquial.level_scaled(" " + " ".join(tokens) + " ") if effect == "gain" else None
    if scaled is not None:  # "cut the volume in half": its amplitude halved, not the gain stage gone
        return {"effect": "gain", "action": scaled, "value": colloquial.HALF_LEVEL_DB, "unit": "db"}
    numbers = find_numbers(tokens)
    value = values.value(tokens, numbers)
    spec = EFFECT_SPECS[effect]
    if action is None and idiom_action is None and any(values.other_unit(tokens, s) for s in numbers):
        # No verb, and a number of no sound: "what's the volume of a cube with sides of 2 meters"
        return None
    text = " " + " ".join(tokens) + " "
    stage = phrasing.stage_step(tokens, value) if effect == "gain" and value is not None else None
    if stage is not None:
        action = "set"  # "insert a volume boost of ten dB": a gain stage at +10 dB
    elif action is None:
        action = idiom_action or ("set" if value else "add")
        if idiom_action == "add" and "still" in tokens:  # "thinner still": further than it is
            action = degrees.more_of(effect)
    elif action == "set" and value is None:
        action = idiom_action or "add"  # "make it darker", "set up a reverb"
    elif action in ("set", "add") and idiom_action in ("increase", "decrease"):
        action = idiom_action  # "make it five decibels louder", "I'd like it louder": a change
    elif action == "increase" and (effect, idiom_action) == ("lowpass", "add"):
        action = "decrease"  # "darker still", "a bit more muffled": the cutoff further down
    elif (
        action == "add"
        and value is not None
        and (
            (effect == "gain" and value[1] == "db" and not phrasing.inserted(tokens, value))
            or phrasing.onto(tokens, value)
        )
    ):
        # "add two dB of gain", "add 100 ms to the delay": by ("put minus 6 dB on the gain": less)
        action = "decrease" if value[0].value < 0 else "increase"
    elif action == "remove" and (
        (value is not None and relative.a_step(tokens, value)) or degrees.only_lowered(text)
    ):
        action = "decrease"  # "take 6 dB off the gain", "drop the high pass frequency", "cut it a bit"
    if (
        action == "set"
        and value
        and relative.below_its_floor(spec, named_params.named(tokens, effect), value)
    ):
        action = "decrease"  # "low pass cutoff minus five hundred": 500 Hz less
    if action in ("increase", "decrease", "remove") and relative.a_target(tokens, value):
        action = "set"
    timed = speeds.speed(text, effect)
    if timed is not None and (
        value is None or (action in ("set", "add") and speeds.by_amount(tokens, phrasing.past(value)))
    ):
        action = timed[0]  # "speed up the echo": a shorter delay; "one millisecond faster": 1 ms less
    unit_of = spec.param(named_params.named(tokens, effect) or spec.primary).unit
    octave = phrasing.octaves(tokens, action) or multiples.multiple(tokens, unit_of, action)
    if octave is not None:
        return _scaled(tokens, effect, octave)
    if effect == "gain" and value is None and action == "increase" and phrasing.boost_added(tokens):
        action = "add"  # "add a gain boost": the gain stage put in
    if effect == "gain" and "unity" in tokens:
        return {"effect": "gain", "action": "set", "value": 0, "unit": "db"}  # "back to unity gain"
    args: dict[str, object] = {"effect": effect, "action": action}
    if value is None and action in ("increase", "decrease"):
        # the parameter named, even by a word that also names the effect ("more repeats": its feedback)
        return args | named_params.stepped(tokens, effect, timed and timed[1])  # "longer reverb tail"
    if value is None or action == "remove":
        return args
    span, unit = value
    number = abs(span.value) if args["action"] in ("increase", "decrease") else span.value
    if stage is not None:
        number = stage * abs(span.value)  # "a cut of 3 dB" is -3 dB however it was said
    args["value"] = as_said(number)
    param = named_params.named(tokens, effect) or (
        "ratio" if effect == "compressor" and colloquial.ratio(tokens) else None
    )
    implied = param_for_unit(spec, unit, action in ("increase", "decrease")) if unit else None
    if param and implied and spec.param(param).unit == "percent" and unit in ("s", "ms"):
        param = None  # "set the echo to repeat every quarter of a second": its time, not its repeats
    if param is None and (action, unit, implied) == ("set", "percent", None) and "mix" in spec.defaults():
        param = "mix"  # "the delay at 40 percent": how much of it is heard (time is no percent)
    named = param is not None and (param != (implied or spec.param(spec.primary)).name or spec.primary_falls)
    if named:
        args["param"] = param  # only where the unit alone would point elsewhere (or turns)
    measured = spec.param(param or spec.primary)
    if unit is None:  # "reverb mix at half" is 50 %, "the high cut down by a third" 33.3 % of it
        unit, args["value"] = values.share_unit(tokens, span, measured, args["action"], args["value"])
    unit = unit or values.larger_unit(measured, span.value)
    if unit:
        args["unit"] = unit
    return args


def _scaled(tokens: list[str], effect: str, change: tuple[float, str]) -> dict[str, object]:
    """A change by a share of what is there ("double the delay", "halve the reverb tail"):
    in percent on a time or frequency, as a fraction on a percentage (the chain reads percent
    there as points); the parameter named, where the chain would step another ("the reverb
    decay in half" is its decay, not its mix)."""
    timed = effect == "reverb" and not {"long", "short"}.isdisjoint(tokens)  # "twice as long": its decay
    param = named_params.named(tokens, effect) or ("decay_s" if timed else EFFECT_SPECS[effect].primary)
    return values.scaled(effect, param, change)


def _asks_about_chain(tokens: list[str], text: str) -> bool:
    if statements.exclamation(tokens) or knowledge.in_general(tokens, text):
        return False  # (nor "which effect makes people sound like a robot": asked of effects in general)
    if addressee.addressed_elsewhere(tokens) or phrasing.not_this_sound(text):
        return False  # "hey Siri, what's on my calendar today", "set my status to away"
    if lx.find_phrase(text, lx.ASK_CHAIN) >= 0:
        # "on" in "what effects are on" is not "turn on"
        return _action(blank(text, (*lx.ASK_CHAIN, "on"))) not in lx.CHANGING
    # "what is the delay set to", "is the reverb on": a question about one effect
    if (
        tokens[0] not in lx.QUESTION_WORDS
        or phrasing.first_effect(text)[0] is None
        or knowledge.knowledge(tokens, text)
        or senses.about_the_craft(tokens)  # "which delay pedal do guitarists buy?"
    ):
        return False
    return _action(blank(text, ("on",))) in (None, "set") and not find_numbers(tokens)


def understand(transcript: str, last_filter: str | None = None) -> Intent:
    """Maps one user utterance to a tool call or to something to say. ``last_filter``: the
    filter the session last put on or changed, which "lower the cutoff" is about
    (``filters.LastFilter``); the low pass when None."""
    words = tokens(transcript)
    if not words:
        return Say(NOT_HEARD_TEXT)
    words = ranges_as_either(hedges.limit_dropped(wrappings.as_request(words)) or words)  # ", not too much"
    reason = hedges.reason_at(words) or hedges.purpose_at(words) or lx.section_at(words)
    reason = reason or hedges.so_purpose_at(words)  # "turn down the reverb so it's more natural"
    if reason is not None and dynamics.described(words) is None:  # "down because I end up shouting"
        asked = understand(" ".join(words[:reason]), last_filter)
        if isinstance(asked, ToolCall) and asked.name == APPLY:
            return asked
    text = " " + " ".join(words) + " "
    against = hedges.against(words)
    if against is not None:  # "a compressor would be overkill": none is put on
        return Say(LEFT_OFF.format(lx.SPOKEN_EFFECT.get(against, against)))
    if _asks_about_chain(words, text):
        return ToolCall(GET, {})
    last = rambles.last_request(transcript)  # "..., bring the reverb down a bit"
    said_last = _effect_arguments(last, last_filter) if last else None
    args = extremes.pushed(words, rambles.kept(_effect_arguments(words, last_filter), said_last))
    args = opposites.undone(words, lambda said: _effect_arguments(said, last_filter)) or args
    if args is not None:
        return ToolCall(APPLY, args)
    helped = hedges.helps_elsewhere(words) or lx.find_phrase(text, lx.HELPED) >= 0
    if (lx.find_phrase(text, lx.HELP) >= 0 or knowledge.catalogue(text)) and not helped:
        return Say(HELP_TEXT)  # (not "a delay would help us finish the project", "thanks for the help")
    said = small_talk.reply(transcript, text) or unsupported.decline(words) or declined.reply(words, text)
    return Say(said or FALLBACK_TEXT)
