"""Multi-word expressions rewritten to one canonical action word before the action words are
matched (``dialogue._action``), so that "set up" is not "set" and "add more" is not "add".
Kept apart from ``lexicon`` (which re-exports ``REWRITES``) for size: each session's readings
add to this table. Phrases are ``dialogue.normalize`` tokens joined by spaces; "_" stands
where an effect's name was blanked out.
"""

from __future__ import annotations

import re

_DYING = ("die away", "dies away", "fade away", "fades away")
_SOONER = ("sooner", "quicker", "faster")
_LATER = ("slower",)
# Two of the effect's dismissals below, which the sentence reader's veto also takes for orders
# (``reader.head``, session 40: "the fuzz can leave now"); the others it leaves to its guess.
DISMISSALS = ("youre fired", "can leave now")

REWRITES: tuple[tuple[str, str], ...] = (
    ("a long way off", "a long way away"), ("far off", "far away"),  # (session 49) a distance, not "off"
    # (session 49, tune28) the dry signal is the effect's opposite: "more wet on the verb, less dry"
    ("less dry", "more"), ("more dry", "less"),
    ("get rid of", "remove"), ("getting rid of", "remove"), ("no more", "remove"), ("take off", "remove"),
    ("no need for", "remove"),
    ("have no", "remove"), ("with no", "remove"), ("not so long", "shorter"), ("not so loud", "quieter"),
    ("loosen it up", "less"), ("loosen up", "less"), ("loosen", "less"), ("trail off", "ring out"),
    ("relax the", "less the"),  # "relax the compressor a bit" (a compressor relaxing is its release)
    ("take out", "remove"), ("take away", "remove"), ("switch off", "remove"),
    ("turn off", "remove"), ("turn it off", "remove"), ("shut off", "remove"),
    ("do without", "remove"), ("start over", "reset"), ("start again", "reset"),
    ("from scratch", "reset"), ("clean slate", "reset"), ("add more", "more"),
    ("add some more", "more"), ("add a bit more", "more"), ("turn on", "add"),
    ("switch on", "add"), ("set up", "add"), ("throw in", "add"), ("put on", "add"),
    ("tone down", "decrease"), ("dial back", "decrease"), ("back off", "decrease"),
    ("bring down", "decrease"), ("bring up", "increase"), ("crank up", "increase"),
    ("bump up", "increase"), ("pump up", "increase"), ("bring in", "add"),
    ("pull out", "remove"), ("take it away", "remove"), ("take it off", "remove"),
    ("switch it off", "remove"), ("strip off", "remove"), ("ease up on", "decrease"),
    ("ease up", "decrease"), ("beef up", "increase"), ("push up", "increase"),
    ("pull down", "decrease"), ("open up", "increase"), ("dial down", "decrease"),
    ("dial up", "increase"), ("pull back", "decrease"), ("move up", "increase"),
    ("move down", "decrease"), ("square one", "reset"), ("back to the original", "reset"),
    ("back to normal", "reset"), ("wipe", "reset"), ("nuke", "reset"),
    # (session 50, tune30) defaults with no verb: "everything back to factory settings"
    *((f"back to {whose}{first}{kept}", "reset") for whose in ("", "its ", "their ", "the ")
      for first in ("default", "factory") for kept in ("", "s", " settings")
      if whose or kept == " settings" or first == "factory"),  # (not "reset the reverb, back to default")
    ("factory settings please", "reset"),
    ("square 1", "reset"),  # as Whisper writes "square one"
    ("can go now", "remove"), ("can go away", "remove"), ("can come off", "remove"),  # "the echo can go now"
    # an effect dismissed like staff: "fire the booster", "low pass, you're fired", "send the gain on
    # holiday", "the fuzz can leave now"
    ("fire the", "remove the"), *((p, "remove") for p in DISMISSALS), ("you are fired", "remove"),
    ("sack the", "remove the"), ("retire the", "remove the"), ("dismiss the", "remove the"),
    ("send the _ on holiday", "remove the _"), ("send _ on holiday", "remove _"),
    # How noticeable an effect is: "more subtle" asks for less of it, not more.
    ("more subtle", "less"), ("subtler", "less"), ("less subtle", "more"), ("more understated", "less"),
    ("less noticeable", "less"), ("more noticeable", "more"), ("more obvious", "more"),
    # Verbs whose stems are other words ("short", "soft", "hard"): rewritten here rather
    # than made fuzzy-match keywords, which would "correct" the stem into the verb.
    ("lengthen", "increase"), ("stretch", "increase"), ("harder", "increase"),
    ("thicker", "increase"), ("deeper", "increase"), ("shorten", "decrease"),
    ("tame", "decrease"), ("soften", "decrease"), ("tighter", "decrease"), ("closer", "decrease"),
    # a bump had is a peak, not the verb: "the low cut's got a bit of a bump, could the Q come down?"
    ("of a bump", "of a peak"), ("got a bump", "got a peak"), ("has a bump", "has a peak"),
    ("theres a bump", "theres a peak"),
    ("bump", "increase"), ("sharper", "increase"),  # "bump the Q", "a sharper peak"
    ("sharpen", "increase"), ("widen", "increase"), ("broaden", "increase"),  # "widen the room"
    ("lengthened", "increase"), ("extend", "increase"), ("extended", "increase"), ("shortened", "decrease"),
    # how soon a sound dies away is how long it lasts: "let the hall's ringing die away sooner"
    *((f"{dying} {when}", "shorter") for dying in _DYING for when in _SOONER),
    *((f"{dying} {when}", "longer") for dying in _DYING for when in _LATER),
    # an effect smoothed is less of it: "smooth the rough edges of the distortion"
    ("smooth the rough edges of the _", "less _"), ("smooth out the _", "less _"),
    ("not as much", "less"), ("not so much", "less"), ("not as many", "fewer"),  # "not as much reverb"
    # gerunds, as a streamer says what they do: "one sec chat, killing the delay" (rewritten, not keywords:
    # "losing" would pull "sing" to it; not "I'm losing my voice"); "quit me the fuzz" (Spanish "quitar")
    ("killing the", "kill the"), ("ditching the", "ditch the"), ("losing the", "lose the"),
    ("muting the", "mute the"), ("quit me the", "remove the"), ("quit the", "remove the"),
    ("comot", "remove"), ("knock off", "decrease"), ("shave off", "decrease"),  # "knock off three dB"
    # the effect's absence complained of ("there's no reverb at all") asks for it
    ("theres no _", "add _"), ("there is no _", "add _"), ("has no _", "add _"), ("have no _", "add _"),
    ("got no _ on", "add _ on"),  # "I ain't got no echo on me, sort that out"
    ("no _", "remove"),  # "no reverb" ("_": where the effect's name was blanked out)
    ("would love", "want"), ("id love", "want"),  # not the story's "love" ("I love that record")
    # Comparatives said with "more": "make volume more small".
    ("more small", "decrease"), ("more quiet", "decrease"), ("more soft", "decrease"),
    ("more low", "decrease"), ("more short", "decrease"), ("more big", "increase"),
    ("more loud", "increase"), ("more long", "increase"), ("more high", "increase"),
    ("more little", "decrease"), ("go away", "remove"), ("scale back", "decrease"),
    ("rein in", "decrease"), ("pare back", "decrease"), ("cut back", "decrease"), ("ramp up", "increase"),
    ("lighten up", "decrease"), ("lighten", "decrease"),  # "lighten up the compression": less, not "up"
    ("jack up", "increase"), ("amp up", "increase"), ("kick up", "increase"), ("start fresh", "reset"),
    ("back to basics", "reset"), ("easy on", "decrease"), ("chill on", "decrease"),  # "go easy on the reverb"
    ("go easier on", "decrease"), ("go easy with", "decrease"), ("go easier with", "decrease"),
    ("bit easier on", "decrease"), ("bit easier with", "decrease"),  # "go a bit easier with the comp"
    # Session 21 (tune6): a pad on the input, the attack quickened, an effect that has to go,
    # "no boost and no cut" (flat, not two removals), a slap or a plate put on the voice.
    ("pad the", "decrease the"), ("quicken", "decrease"), ("has to go", "remove"), ("have to go", "remove"),
    ("needs to go", "remove"), ("gotta go", "remove"), ("no boost and no cut", "flat"),
    # ... or is done with: "get shot of the echo", "enough with the delay"
    ("get shot of", "remove"), ("do away with", "remove"), ("mellow out", "decrease"),
    # as learners say it: "augment the delay", "diminish the echo", "close the echo" (turned off;
    # "close the low pass" moves the filter: ``colloquial.filter_motion``)
    ("augment", "increase"), ("diminish", "decrease"), ("close the _", "remove the _"),
    ("close _", "remove _"),
    ("enough with the", "remove the"), ("enough of the", "remove the"), ("out with the _", "remove the _"),
    ("no boost or cut", "flat"), ("no boost no cut", "flat"), ("time in by", "time down by"),  # pulled in
    # An effect out of the chain whatever the verb: "put the fuzz out of the chain", as
    # Whisper may write "pull"; "keep the echo out of the chain" ("_": the effect's name).
    ("_ out of the chain", "_ remove"), ("_ out of the signal chain", "_ remove"),
    # An amount taken off something is less of it: "shave a little off the decay", "take a bit
    # off the reverb" (what is taken off whole is gone: "take the reverb off").
    *((f"{amount} {off}", "decrease") for off in ("off", "off of")
      for amount in ("a little", "a little bit", "a bit", "a touch", "a tad", "a hair", "some", "a smidge",
                     "a tiny bit", "a wee bit", "a notch", "a fraction")),
)  # fmt: skip


# "pull the HPF": an effect pulled with no particle after it is taken out, where "pull the reverb
# down / up / in" moves it (the particle verbs have read "pull ... back" and "pull ... out" already).
_PULLED = re.compile(r" pulls? ((?:the |my )?_) (?!(?:\S+ ){0,3}(?:up|down|in|closer|tighter|higher|lower) )")


# (session 44, tune23) An effect that should go is taken out: "perhaps the overdrive should go, I
# sound like a blown amp" (not "the delay should go longer", "... should go up a bit").
_GOES = re.compile(
    r" ((?:the |my )?_) (?:should|could|can|ought to|may as well|might as well) go "
    r"(?!(?:\S+ ){0,3}(?:up|down|higher|lower|longer|shorter|louder|quieter|further|on|back|with|to|in|a) )"
)


# (session 44, tune22) Cut shorter is shortened, not taken out: "cut the reverb shorter", "cut it
# shorter".
_CUT_SHORTER = re.compile(
    r" cut ((?:the |my |its )?(?:_ )?(?:decay|tail|time|release|attack)|(?:the |my )?_|it|them) short(?:er)? "
)
# (session 45, tune25) An effect pushed is more of it: "push the drive" (not "push the threshold to
# lower"; "push the echo back / down" were read as less by the particle verbs).
_PUSHED = re.compile(r"^ push ((?:the |my )?_ )(?=(?:(?:a bit|a little|a touch|harder|more|please|now) )*$)")
# (session 45, tune25) An effect said with "out" and nothing after it is taken out: "distortion
# out", "volume plugin out" (not "bring the reverb out", "spread the echoes out").
_NAMED_OUT = re.compile(r"^ (?:the |my )?_(?: plugin| plug in| stage| effect| block)? out (?:please |now )?$")


# (session 46, tune26) An effect that has to come out, or that the caller wants out, is taken out:
# "the compressor has to come out", "I just want the delay effect out of the chain" (not "I want
# my voice to come out stronger", "I want the echo out wider").
_COMES_OUT = re.compile(
    r" ((?:the |my )?_)(?: effect| plugin)? (?:has to|have to|needs to|need to|must) come (?:out|off) "
    r"(?!(?:a |bit |little |lot )*"
    r"(?:more|less|louder|quieter|stronger|weaker|wider|brighter|clearer|better) )"
    r"| (?:want|need) ((?:the |my )?_)(?: effect| plugin)? out (?=$|of |please |now )"
)


def pulled(text: str) -> str:
    """``text`` (padded, the effect's name blanked) with an effect pulled, or said it should go,
    read as taken out, and one cut shorter read as shortened."""
    text = _NAMED_OUT.sub(" remove _ ", _CUT_SHORTER.sub(r" make \1 shorter ", text))
    text = _PUSHED.sub(r" increase \1", text)
    text = _COMES_OUT.sub(lambda m: f" remove {m[1] or m[2]} ", text)
    return _GOES.sub(r" remove \1 ", _PULLED.sub(r" remove \1 ", text))
