"""The JSGF grammar the recogniser decodes against, and pronunciations it needs.

Every sentence the grammar can produce must be understood by ``dialogue.understand``
as the command it sounds like: the grammar is a closed set of things to say, and the
dialogue's looser matching is what turns them into tool calls.
"""

from __future__ import annotations

JSGF = r"""
#JSGF V1.0;
grammar voicertc;

public <utterance> = [<lead>] (<command> | <question> | <chat>) [<tail>];

<lead> = please | can you [please] | could you [please];
<tail> = please | for me | right now;

<effect> = reverb | reverberation | delay | echo | low pass [filter] | high pass [filter]
         | low cut [filter] | high cut [filter] | gain | volume | level | compressor
         | compression;
<param> = mix | decay | time | feedback | cutoff | frequency | threshold | ratio
        | amount | size;
<det> = the | a | an | some | a bit of | a little | a little bit of | a touch of;
<target> = it | the voice | the sound | my voice | the mic | this;

<command> = <add> [(at | of | with) <measure>] | <remove> | <set> | <change> [(by | to) <value>]
          | <make> | <loudness> [by <value>] | turn it (up | down) [[by] <value>]
          | <tone> [(at | below | above) <measure>]
          | <compress> | <reset>;

<add> = (add | give me | put | apply | i want | i need | i'd like | enable | turn on
         | switch on) [<det>] <effect>
        [on | on it | to it | to <target>];
<remove> = (remove | delete | take off | get rid of | turn off | switch off | disable
            | bypass | kill | no more | stop) [the] <effect>
         | (turn | switch) [the] <effect> off | no <effect>;
<set> = [(set | change | adjust | make | put) the | the] <effect> [<param>] [to | at] <value>;
<change> = (<more> | <less>) [<effect>]
         | (increase | raise | boost | turn up | bring up | decrease | reduce | lower
            | turn down | bring down) [the] <effect> [<param>];
<more> = more | a bit more | a little more | some more | add more | even more | much more;
<less> = less | a bit less | a little less | even less | much less;
<make> = make [the] <effect> [<param>] (longer | shorter | bigger | smaller | louder
         | quieter | stronger | weaker | wetter | drier | higher | lower);
<loudness> = make it (louder | quieter | softer) | <effect> (up | down);
<tone> = cut the (lows | highs | bass | treble | low end | high end)
       | make it (darker | warmer | duller | thinner) | muffle it | muffle the sound
       | (less | reduce the | remove the) (bass | treble | lows | highs);
<compress> = compress it | squash it | compress the (voice | sound);
<reset> = clear everything | clear all [the] effects | reset [everything | all [the] effects]
        | remove (everything | all [the] effects) | start over
        | turn (everything | all [the] effects) off | turn off (everything | all [the] effects);

<value> = [minus] <number> [<unit>] | half a second;
<measure> = <number> <unit> | half a second;
<unit> = milliseconds | millisecond | seconds | second | hertz | kilohertz | k | d b
       | decibels | decibel | percent;
<digit> = one | two | three | four | five | six | seven | eight | nine;
<teen> = ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen
       | eighteen | nineteen;
<decade> = twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety;
<n99> = zero | <digit> | <teen> | <decade> [<digit>];
<number> = <n99> [point <digit>] | (<n99> | a) hundred [and <n99> | <decade> [<digit>]]
         | <digit> thousand | <digit> and a half;

<question> = (what | which) effects are (on | active | applied | running) [right now]
           | what's on [right now] | what is on [right now] | what effects do i have [on]
           | (list | show me) [the] effects | what is the <effect> [set to]
           | is there any <effect> | what's in the chain;
<chat> = hello [there] | hi [there] | hey there | good (morning | afternoon | evening)
       | thank you [very much | so much] | thanks [a lot] | help [me] | what can you do
       | what can i say | how does this work | stop | stop talking | never mind | cancel
       | goodbye | bye | how are you;
"""

# Pronunciations missing from the CMU dictionary, or variants synthetic and real
# speakers use ("delay" with a long first vowel).
EXTRA_WORDS: dict[str, tuple[str, ...]] = {
    "kilohertz": ("K IH L OW HH ER T S", "K IH L AH HH ER T S"),
    "reverb": ("R IY V ER B", "R IH V ER B"),
    "delay": ("D IH L EY", "D IY L EY"),
    "compressor": ("K AH M P R EH S ER",),
    "lowpass": ("L OW P AE S",),
    "highpass": ("HH AY P AE S",),
}


def words() -> set[str]:
    """Every word the grammar can output."""
    body = JSGF.split("grammar voicertc;", 1)[1]
    out: set[str] = set()
    for raw in body.replace("|", " ").replace("(", " ").replace(")", " ").split():
        tok = raw.strip("[];=")
        if tok and not tok.startswith("<") and tok != "public":
            out.add(tok)
    return out
