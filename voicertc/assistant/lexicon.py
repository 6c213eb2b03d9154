"""Words and phrases the dialogue understands, in one place so the grammar can share them.

Phrases are space-separated token sequences as produced by ``dialogue.normalize``
(lower case, no apostrophes: "whats", "dont").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from voicertc.assistant.rewrites import REWRITES, pulled  # noqa: F401 (dialogue's, with the table)

EFFECTS = ("reverb", "delay", "lowpass", "highpass", "gain", "compressor", "distortion")

EFFECT_NAMES: dict[str, tuple[str, ...]] = {
    "reverb": ("reverb", "reverbs", "verb", "reverberation", "room", "hall", "ambience",
               "ambiance", "space", "spacious", "decay",
               "rt60", "rt 60", "rt sixty"),  # the decay time's engineering name, "RT60 one point two"
    "delay": ("delay", "delays", "echo", "echoes", "echos", "slapback", "feedback", "repeats"),
    "lowpass": ("low pass", "lowpass", "lo pass", "high cut", "hi cut", "treble cut",
                "highcut", "lpf"),
    "highpass": ("high pass", "highpass", "hi pass", "low cut", "lo cut", "bass cut",
                 "lowcut", "rumble filter", "hpf"),
    "gain": ("gain", "volume", "level", "loudness", "vol", "amplifier", "amp"),
    "compressor": ("compressor", "compression", "compress", "compressed", "squash",
                   "limiter", "threshold", "ratio", "comp", "limit it", "clamp down", "squeeze", "squeezing"),
    # "drive" alone is too common a word ("drive to work"): only in these phrases.
    "distortion": ("distortion", "overdrive", "fuzz", "saturation", "crunch", "the drive", "drive it",
                   "drive at", "grit", "dirt", "grime", "saturate", "saturated"),
}  # fmt: skip

# Every name of every effect, as phrases a padded text may be checked against.
ALL_NAMES = tuple(name for names in EFFECT_NAMES.values() for name in names)
# Names of one word ("reverb", "echo", "comp"), as a single token may be checked against.
ONE_WORD_NAMES = frozenset(name for names in EFFECT_NAMES.values() for name in names if " " not in name)
# Every word of every name ("low" and "pass" of "low pass"): a word that may be an effect's.
EFFECT_WORDS = frozenset(w for names in EFFECT_NAMES.values() for name in names for w in name.split())
# Those that say something alone ("the", "it", "at", "down" of longer names do not).
NAMING_WORDS = EFFECT_WORDS - frozenset("the it at down cut high low hi lo 60 pass".split())

SPOKEN_EFFECT = {"lowpass": "low pass", "highpass": "high pass"}

# Phrases that name an effect and an action at once. Matched before action words so
# that "cut" in "cut the lows" does not read as "remove".
IDIOMS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("cut the lows", "cut the low end", "cut the low", "cut lows", "cut the bass",
         "cut the loss", "less bass", "remove the lows", "remove the bass",
         "reduce the bass", "roll off the lows", "roll off the bass", "remove the rumble",
         "get rid of the rumble", "cut the rumble", "thinner", "thin it out", "thin me out",
         "thin my voice out", "thin out my voice", "take away the chest",
         "less chest", "cut the chest", "filter the low", "filter the lows", "filter the rumble"),
        ("highpass", "add"),
    ),
    **dict.fromkeys(
        ("cut the highs", "cut the high end", "cut the high", "cut highs", "cut the treble",
         "less treble", "remove the highs", "remove the treble", "reduce the treble",
         "roll off the highs", "roll off the treble", "roll off the top", "roll off more of the top",
         "cut the top", "trim the top", "shave the top", "take the top off", "tame the top",
         "shave off the air", "less air", "darker", "darken", "muffle", "muffled", "off the top of my voice",
         "muffled", "warmer", "duller", "filter the high", "filter the highs", "soften the high",
         # soft said of the top, not of the level: "softer on the top end", "smoother on top"
         *(f"{soft} {top}" for soft in ("softer", "smoother", "gentler")
           for top in ("on top", "on the top", "up top", "at the top", "in the highs", "on the highs"))),
        ("lowpass", "add"),
    ),
    **dict.fromkeys(("louder", "turn it up", "turn up", "boost it", "hotter"), ("gain", "increase")),
    **dict.fromkeys(("distort it", "distort the", "distort my", "distort me", "make it dirty", "sound dirty",
                     "crunchy", "gritty", "sound distorted", "voice distorted", "me distorted",
                     "it distorted", "dirty it up", "rough it up", "dirty up", "rough up", "grit it up",
                     "dirty my voice up", "rough my voice up", "dirty me up", "rough me up"),
                    ("distortion", "add")),
    **dict.fromkeys(("dirtier", "filthier", "grittier", "crunchier", "fuzzier", "rougher", "nastier"),
                    ("distortion", "increase")),
    **dict.fromkeys(
        ("quieter", "softer", "turn it down", "turn down", "less loud"), ("gain", "decrease")
    ),
    **dict.fromkeys(("brighter", "brighten", "add some air", "more air", "more sparkle", "sparkle back",
                     "more open"), ("lowpass", "increase")),
    # what a thin voice lacks, wished back: "make me sound fuller", "more weight in the low end",
    # "let some more of the bass back in" (its "more" is the band's)
    # ("fuller and deeper": deeper beside it is more of the same, not a step up of the cutoff)
    **dict.fromkeys(("fuller and deeper", "deeper and fuller", "fuller", "more weight", "more body",
                     "some body back", "more of the bass back", "some bass back", "bass back in",
                     "weight again", "weight back", "warmth back"), ("highpass", "decrease")),
    # what a compressor is said to do: "glue my voice together"
    **dict.fromkeys(("glue my voice", "glue it together", "glue me together"), ("compressor", "add")),
    "cleaner": ("distortion", "decrease"),
    **dict.fromkeys(("wetter", "more wet", "less dry"), ("reverb", "increase")),
    **dict.fromkeys(("less wet", "more dry"), ("reverb", "decrease")),
}  # fmt: skip

# Verbs whose particle comes after their object: "back the reverb off", "pull the verb
# back", "tuck the reverb in a bit". (verb, particle, action word); up to 3 words between.
PARTICLE_VERBS: tuple[tuple[str, str, str], ...] = (
    # (session 49, tune29) put on, then taken "back off": "the echo you added, take it back off"
    # (read before "back off", which eases an effect)
    ("take", "back off", "remove"), ("turn", "back off", "remove"), ("switch", "back off", "remove"),
    ("back", "off", "decrease"), ("pull", "back", "decrease"), ("tuck", "in", "decrease"),
    ("tuck", "under", "decrease"),
    ("ease", "off", "decrease"), ("bring", "down", "decrease"), ("bring", "up", "increase"),
    ("take", "down", "decrease"), ("take", "out", "remove"), ("take", "away", "remove"),
    ("pull", "out", "remove"), ("chill", "out", "decrease"), ("zero", "out", "reset"),
    ("get", "out", "remove"), ("ease", "in", "add"),  # "get the compressor out", "ease the reverb in"
    ("knock", "back", "decrease"),  # "knock the volume back a touch"
    ("cut", "down", "decrease"), ("open", "out", "increase"),  # "cut down the repeats", "open the room out"
    ("dry", "up", "decrease"), ("dry", "out", "decrease"),  # "dry it up a little", "dry the reverb out"
    ("push", "back", "decrease"), ("push", "down", "decrease"),  # ("push the echo": more of it)
    ("roll", "back", "decrease"),  # (session 48, tune28) "roll the volume knob back a bit"
    ("cut", "back", "decrease"),  # (session 50, tune30) "where reverb turns to soup, cut it back"
)  # fmt: skip

# Checked in this order: the first action with a word present wins.
ACTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("remove", ("remove", "delete", "off", "kill", "drop", "without", "bypass", "disable",
                "clear", "cut", "stop", "lose", "eliminate", "removed", "deactivate", "ditch",
                "strip", "cancel", "mute", "nix", "scrap", "axe", "gone", "removing", "deleting",
                "clearing", "disabling", "bypassing", "bin", "unplug", "empty", "yank", "dump",
                "undo", "yeet", "disengage", "disengaged")),
    ("reset", ("reset", "restart", "resetting", "revert")),
    ("increase", ("more", "increase", "raise", "boost", "up", "higher", "longer", "bigger",
                  "louder", "crank", "extra", "heavier", "stronger", "wetter", "increased", "intensify",
                  "amplify", "raising", "increasing", "boosting", "further", "juice", "upward",
                  "upwards", "peakier", "heighten", "lift", "enlarge", "expand", "steeper", "larger")),
    ("decrease", ("less", "decrease", "lower", "reduce", "down", "shorter", "smaller",
                  "quieter", "softer", "lighter", "weaker", "drier", "dryer", "decreased",
                  "reduced", "minimize", "attenuate", "lowering", "reducing", "decreasing", "fewer",
                  "downward", "downwards", "gentler", "flatten", "lessen", "trim", "shrink", "ease")),
    ("set", ("set", "change", "adjust", "make", "put")),
    ("add", ("add", "apply", "insert", "enable", "on", "give", "want", "like", "need",
             "use", "some", "try", "activate", "added", "engage", "include", "introduce",
             "slap", "chuck", "throw", "gimme", "adding", "applying", "enabling", "splash")),
)  # fmt: skip
CHANGING = frozenset({"remove", "reset", "increase", "decrease", "add"})
STEPS = ("increase", "decrease")  # ("reverb up, I want it dreamy": a step, whatever it is pictured as)
# Words about loudness itself: "make it louder" is the volume whatever "it" was just now.
LOUDNESS = frozenset("louder quieter softer loud quiet volume level gain".split())

# Words that name a parameter rather than an effect ("delay" names both: it is left out).
PARAM_WORDS = frozenset("mix wet feedback repeats decay size length threshold ratio knee "
                        "attack release cutoff corner drive resonance q time".split())  # fmt: skip
PARAM_SYNONYMS = {"tail": "decay", "regeneration": "repeats", "ring": "decay", "rings": "decay",
                  "resonant": "resonance", "repeat": "repeats", "rt60": "decay", "regen": "repeats",
                  # homophones Whisper may write for them: a reverb's "tale", a filter's "queue"
                  "tale": "decay", "queue": "q",
                  "peak": "resonance", "peakier": "resonance",
                  # a compressor recovering after the loud bits is its release
                  "recover": "release", "recovers": "release", "recovery": "release",
                  "level": "mix", "volume": "mix"}  # "echo level": its mix (the gain has none)  # fmt: skip

# Nouns of a parameter: "drop the high pass frequency" lowers it, it does not remove the filter
# ("drop the ratio" lowers the ratio: a setting cannot be taken off).
PARAM_NOUNS = ("frequency", "cutoff", "corner", "time", "mix", "feedback", "ratio", "threshold", "attack",
               "release", "knee", "resonance", "q")  # fmt: skip

EVERYTHING = ("everything", "all", "all effects", "all the effects", "the chain",
              "the whole chain", "the entire chain", "the full chain", "my whole chain", "my entire chain",
              "every effect", "them all", "all of them", "all effect",
              "the effect chain", "the effects chain", "every single effect", "each effect",
              "every last effect", "the effects", "my effects", "these effects", "those effects",
              "all my effects", "every plug", "every plugin", "all the plugs", "all the plugins")  # fmt: skip

UNIT_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("milli", "seconds"), "ms"), (("milli", "second"), "ms"),
    (("kilo", "hertz"), "khz"), (("per", "cent"), "percent"),
    (("d", "b"), "db"), (("dee", "bee"), "db"),
    (("ms",), "ms"), (("millisecond",), "ms"), (("milliseconds",), "ms"),
    (("msec",), "ms"), (("millis",), "ms"), (("mils",), "ms"),
    (("s",), "s"), (("sec",), "s"), (("secs",), "s"), (("second",), "s"),
    (("seconds",), "s"),
    (("hz",), "hz"), (("hertz",), "hz"), (("herz",), "hz"),
    (("khz",), "khz"), (("kilohertz",), "khz"), (("k",), "khz"), (("kay",), "khz"),
    (("kilo",), "khz"), (("khz",), "khz"),
    (("db",), "db"), (("dbs",), "db"), (("decibel",), "db"), (("decibels",), "db"),
    (("percent",), "percent"), (("percentage",), "percent"), (("pct",), "percent"),
)  # fmt: skip

# Units of things that are not sound: a number with one of these ("a cube with sides of
# 2 meters") is about something else, never an effect's value.
OTHER_UNITS = frozenset("""
    meter meters metre metres centimeters feet foot inches inch mile miles kilometers km
    grams gram kilograms kg pounds pound ounces liters litres gallons minutes minute
    hours hour days day weeks week months month years year oclock am pm dollars dollar
    euros cents people persons degrees calories points goals votes seats followers
    subscribers kilos laps bars beats counts takes songs verses step notch notches click clicks
""".split())  # fmt: skip

ASK_CHAIN = ("is it on", "is that on", "what effects are on", "which effects are on", "any effects on",
             "what effects are active", "are there any effects", "what effects do i have on",
             "what effects", "which effects", "whats on", "what is on", "what are on",
             "whats active", "what is active", "whats applied", "what is applied",
             "list the effects", "list effects", "list my effects", "show me the effects",
             "show the effects", "show effects", "the current effects", "current effects",
             "what do i have", "what have i got", "what have you added", "what is running",
             "whats running", "what effects are", "which effect", "what effect",
             "effects are on", "effects on", "whats the chain", "what is the chain", "my current chain",
             "the current chain",
             "what is in the chain", "whats in the chain", "status", "what did you do",
             "what did you just do", "what did you change", "what did you just change")  # fmt: skip

# The verbs a request to the mixer starts with ("bring the reverb down", "knock the gain back").
IMPERATIVES = frozenset(
    "add bring set turn take make put cut lower raise drop boost remove give pull push knock reduce increase "
    "decrease bump nudge dial kill switch clear".split()
)

QUESTION_WORDS = frozenset({"what", "whats", "which", "how", "hows", "is", "are"})

HELP = ("help", "what can you do", "what can i say", "what can i ask", "what do you do",
        "how does this work", "how do i use", "what are your commands", "commands",
        "options", "who are you", "what are you", "instructions")  # fmt: skip
# Help had, not help asked for: "thanks for the help today" is thanks.
HELPED = ("for the help", "for your help", "for all the help", "for all your help", "appreciate the help",
          "appreciate your help", "appreciate all the help", "appreciate all your help",
          # ... or what something would do: "the producer said it might help the chorus"
          "might help", "would help", "should help", "will help", "may help", "it helps", "that helps",
          "would really help", "might really help")  # fmt: skip

HEARD = "Yes, I can hear you. Ask me for an effect, like some reverb, or say help."
GREETING = "Hello! I'm your audio assistant. Ask me to add an effect, like some reverb, or say help."
WELCOME = "You're welcome."
# (phrases, reply, whole): with whole, the utterance must be just the phrase, because
# words like "no" or "fine" inside a longer sentence say nothing about what is wanted.
CHAT: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("thank you", "thanks", "thank", "cheers", "appreciate", "great job"),
     WELCOME, False),
    (("perfect", "awesome", "nice", "cool", "great", "sounds good", "sounds great",
      "that sounds good", "good job", "well done", "excellent"), "Glad you like it.", True),
    (("can you hear me", "can anybody hear me", "can anyone hear me", "is this working", "are you there",
      "are you listening", "is this thing on", "mic check", "testing testing", "is anyone there",
      "testing one two", "testing 1 2", "check check", "check one two", "check 1 2",
      "one two one two", "1 2 1 2"),
     HEARD, False),  # a caller checking the line: an answer tells them they are heard
    (("hello", "hi", "hey", "hiya", "howdy", "good morning", "good afternoon",
      "good evening", "greetings", "how are you", "hows it going"), GREETING, False),
    (("goodbye", "bye", "see you", "good night"), "Goodbye!", False),
    (("stop", "never mind", "nevermind", "cancel", "shut up", "be quiet", "quiet",
      "stop talking", "enough", "thats enough"), "Okay.", True),
    (("okay", "ok", "yes", "no", "sure", "alright", "fine", "yeah", "nope"), "Okay.", True),
)  # fmt: skip
FILLER = ("please", "now", "just", "oh", "um", "uh", "well", "okay then", "thanks")

# Words "2" (typed) or "two" (heard) stands for "too" before: "the reverb is 2 loud".
TOO_WORDS = frozenset("loud quiet much long short bright dark harsh soft big small fast slow little muddy "
                      "boomy wet dry strong weak noisy thin subtle heavy obvious intense thick sharp tinny "
                      "bassy".split())  # fmt: skip
# Recognisers write a number as its homophone ("up by for decibels") where a unit follows.
HOMOPHONE_NUMBERS = {"for": "four", "to": "two", "too": "two", "won": "one", "ate": "eight"}
UNIT_HEADS = frozenset("ms millisecond milliseconds second seconds hertz hz khz kilohertz db dbs "
                       "decibel decibels percent".split())  # fmt: skip
# Words recognisers or typists get wrong in known ways; checked before fuzzy matching.
MISHEARD: dict[str, str] = {
    "reverbe": "reverb", "river": "reverb", "rever": "reverb", "revurb": "reverb",
    "reverp": "reverb", "relay": "delay", "dilay": "delay", "deelay": "delay",
    "lopass": "low pass", "hipass": "high pass", "lowpas": "low pass",
    "highpas": "high pass", "compresser": "compressor", "kompressor": "compressor",
    "gane": "gain", "echoe": "echo", "verve": "verb",
}  # fmt: skip


def _words(*groups: object) -> frozenset[str]:
    out: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, str):
            out.update(x.split())
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, tuple | list | frozenset | set):
            for y in x:
                walk(y)

    for g in groups:
        walk(g)
    return frozenset(out)


KNOWN = _words(EFFECT_NAMES, IDIOMS, REWRITES, ACTION_WORDS, EVERYTHING, UNIT_WORDS,
               ASK_CHAIN, HELP, [c[0] for c in CHAT],
               "the a an it to at by of and please can you could would me my some bit "
               "little touch with this that is are be go do for from in out up down "
               "sound voice mic music track signal filter frequency frequencies "
               "value amount mix wet dry decay time size cutoff")  # fmt: skip
# Fuzzy targets: long enough that a near miss is unlikely to be another real word.
KEYWORDS = sorted(w for w in _words(EFFECT_NAMES, ACTION_WORDS, UNIT_WORDS) if len(w) >= 4)
# ... and the real words that are near misses all the same ("leave" is not "level"):
# never corrected. Written by scripts/real_words.py from pocketsphinx's CMU dictionary.
REAL_WORDS = frozenset((Path(__file__).parent / "real_words.txt").read_text(encoding="utf-8").split())


# Where in a song a change is asked for: "reverb on the chorus", "turn me up in the last
# verse". The change is the chain's, whole; the part says only when the user wants it.
# (and stretches of the session said as such: "turn me up for this next bit", "... for the take")
SONG_PARTS = frozenset("chorus choruses verse verses bridge intro outro hook drop solo breakdown song tune "
                       "ballad bit part section take track segment episode recording".split())  # fmt: skip
SECTION_AT = frozenset("on in for during through into before after until till at from".split())
SECTION_WORDS = frozenset("the this that each every last first second third final next big my our".split())


def section_at(words: list[str]) -> int | None:
    """Token index of the preposition of a song part said at the end ("add reverb | in the
    last chorus", "... | for the slow song"), or None."""
    end = len(words) - 1
    while end > 0 and words[end] in ("please", "too", "only", "again", "thanks"):
        end -= 1
    if end < 0 or words[end] not in SONG_PARTS:
        return None
    for at in range(end - 1, max(end - 4, 0), -1):  # "for the slow song": one word may describe it
        if words[at] in SECTION_AT and words[at + 1] in SECTION_WORDS:
            return at
    return None


def positions(text: str, phrase: str) -> list[int]:
    """Where ``phrase`` is said in ``text`` (padded), every time."""
    found, at = [], text.find(f" {phrase} ")
    while at >= 0:
        found.append(at)
        at = text.find(f" {phrase} ", at + 1)
    return found


def find_phrase(text: str, phrases: Iterable[str]) -> int:
    """Character position of the earliest of `phrases` as whole words in `text` (padded
    with a space at each end, so every phrase is found between spaces), or -1."""
    found = [at for at in (text.find(f" {p} ") for p in phrases) if at >= 0]
    return min(found) if found else -1


def word_index(words: list[str], phrase: list[str]) -> int:
    """Token index of the first ``phrase`` (its words) in ``words``, or -1: ``find_phrase``
    for a caller that needs the words around it."""
    for i in range(len(words) - len(phrase) + 1):
        if words[i : i + len(phrase)] == phrase:
            return i
    return -1


def padded(words: list[str]) -> str:
    """``words`` joined as ``find_phrase`` and ``has_phrase`` read them: a space at each end."""
    return " " + " ".join(words) + " "


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    return any(f" {p} " in text for p in phrases)  # find_phrase >= 0, stopping at the first
