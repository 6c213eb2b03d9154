"""The dialogue on multi-turn conversations: do follow-ups ("a bit more", "take it off",
"make that 400", "no, the delay") cause the call the conversation so far means?

Each conversation of benchmarks/corpus/conversations/ (README there) is read turn by turn
by a fresh `AssistantBrain`, the server's own text path with its per-session follow-up
memory, and each turn is judged as ``heldout_text`` judges a sentence (the chain its call
gives; a must-decline turn is right when nothing is called). Figures per turn kind
(commands, follow-ups, must-decline turns: off-topic chat and declined requests) and
whole conversations (every turn right).

    python -m voicertc.bench.conversations --split tune --errors
    python -m voicertc.bench.conversations --corpus conversations2 --split tune

Writes benchmarks/results/conversations-<split>.json, or <corpus>-<split>.json for another
corpus (or ``--out``). The test split is run once by the lead: its misses are neither kept
nor printed.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..assistant.brains import AssistantBrain, Calls
from ..assistant.dialogue import ToolCall
from ..assistant.reader import Reader, required
from ..assistant.speechpool import SpeechPool
from ..effects import EffectChain, handle_tool_call
from .corpus import CORPUS, ROOT, Case, parse_call
from .heldout import judge

FOLDER = CORPUS / "conversations"
#: Corpora of this format (a folder each under benchmarks/corpus/, README there); the first
#: is the default. conversations2 was written blind to give follow-ups an outside measure.
CORPORA = ("conversations", "conversations2")
#: Turn kinds (README): the last two must cause no call.
KINDS = ("command", "followup", "off", "decline")
MUST_DECLINE = ("off", "decline")

#: One session's understanding: a turn's text -> the brain's reply.
Session = Callable[[str], object]


@dataclass(frozen=True)
class Turn:
    kind: str
    case: Case  # text and expected calls; no calls expected for a must-decline turn


@dataclass(frozen=True)
class Conversation:
    name: str
    turns: tuple[Turn, ...]


def parse(tsv: str) -> list[Conversation]:
    """``conversation, turn, kind, text, expected`` rows, in turn order, to conversations."""
    rows: dict[str, list[Turn]] = {}
    for line in tsv.splitlines():
        if not line or line.startswith("#"):
            continue
        name, number, kind, text, expected = line.split("\t")
        turns = rows.setdefault(name, [])
        if kind not in KINDS or int(number) != len(turns) + 1:
            raise ValueError(f"{name} turn {number}: bad kind {kind!r} or turn out of order")
        if (expected.strip() == "-") != (kind in MUST_DECLINE):
            raise ValueError(f"{name} turn {number}: only off and decline turns expect no call ('-')")
        calls = () if kind in MUST_DECLINE else tuple(parse_call(s.strip()) for s in expected.split("|"))
        turns.append(Turn(kind, Case(f"{name}.{number}", text, calls)))
    return [Conversation(name, tuple(turns)) for name, turns in rows.items()]


def load(split: str, folder: Path | None = None) -> list[Conversation]:
    """The conversations of ``tune`` or ``test`` (split.tsv)."""
    folder = folder or FOLDER
    splits = dict(
        line.split("\t")
        for line in (folder / "split.tsv").read_text().splitlines()
        if line and not line.startswith("#")
    )
    if split not in set(splits.values()):
        raise ValueError(f"no conversation is in split {split!r}")
    return [c for c in parse((folder / "conversations.tsv").read_text()) if splits[c.name] == split]


#: The sentence reader (``--reader``): its guess at each turn handed to the brain, as
#: recognition hands it in the server.
READER: Reader | None = None


def _understand(brain: AssistantBrain, text: str) -> object:
    if READER is not None:
        brain.heard(text, READER.guess(text))
    return brain.understand(text, b"")


def fresh_session() -> Session:
    """A new session's brain. Its speech pool starts no process until audio is transcribed,
    and only text is read here."""
    brain = AssistantBrain(SpeechPool())
    return lambda text: _understand(brain, text)


def chained_session() -> Session:
    """A new session's brain whose calls run on a chain of its own, each call's output fed
    back as the server feeds it (``AssistantBrain.reply_after_tool``): what an undo of a
    setting needs to know the value before it."""
    brain = AssistantBrain(SpeechPool())
    chain = EffectChain()

    def understand(text: str) -> object:
        reply = _understand(brain, text)
        calls = reply.calls if isinstance(reply, Calls) else (reply,)
        for call in calls:
            if isinstance(call, ToolCall):
                brain.reply_after_tool(call.name, handle_tool_call(chain, call.name, call.arguments))
        return reply

    return understand


def figures(conversations: Sequence[Conversation], session: Callable[[], Session] = fresh_session) -> dict:
    """Percent of turns right per kind, of whole conversations right, and the misses.

    ``followup_after_right``: follow-ups every earlier turn of whose conversation was right,
    so a miss there is the follow-up's own, not one carried from a missed command."""
    by: dict[str, list[bool]] = defaultdict(list)
    misses: list[dict[str, object]] = []
    for conversation in conversations:
        understand = session()  # follow-up memory never crosses conversations
        clean = True
        for number, turn in enumerate(conversation.turns, 1):
            reply = understand(turn.case.text)
            ok = judge(list(reply.calls) if isinstance(reply, Calls) else [reply], turn.case)  # type: ignore[list-item]
            group = "must_decline" if turn.kind in MUST_DECLINE else turn.kind
            keys = ["turns", group] + ([f"must_decline:{turn.kind}"] if group != turn.kind else [])
            if turn.kind == "followup" and clean:
                keys.append("followup_after_right")
            for key in keys:
                by[key].append(ok)
            if not ok:
                misses.append(
                    {"conversation": conversation.name, "turn": number, "kind": turn.kind}
                    | {"text": turn.case.text, "expected": list(turn.case.expected), "read": repr(reply)}
                )
            clean = clean and ok
        by["conversations"].append(clean)
    table = {k: {"pct": round(100.0 * sum(v) / len(v), 1), "n": len(v)} for k, v in sorted(by.items())}
    return {"figures": table, "misses": misses}


ORDER = ("turns", "command", "followup", "followup_after_right", "must_decline")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=CORPORA[0], choices=CORPORA, help="which conversations")
    ap.add_argument("--split", required=True, choices=("tune", "test"), help="test: the lead's, once")
    ap.add_argument("--errors", action="store_true", help="print the misses (never for the test split)")
    ap.add_argument("--chain", action="store_true", help="calls run on a chain, outputs fed back")
    ap.add_argument("--reader", action="store_true", help="with the sentence reader's guesses")
    ap.add_argument("--out", type=Path, help="where the JSON goes")
    ap.add_argument("--label", default="", help="what code was measured (kept in the JSON)")
    args = ap.parse_args(argv)
    if args.reader:
        global READER
        READER = required()
    default = args.corpus == CORPORA[0]
    conversations = load(args.split, None if default else CORPUS / args.corpus)
    report = figures(conversations, session=chained_session if args.chain else fresh_session)
    if args.split == "test":  # measured, never read
        report.pop("misses")
    shown = report["figures"]
    print(f"{'' if default else args.corpus + ' '}{args.split}: {len(conversations)} conversations")
    for key in (*ORDER, *(k for k in shown if k.startswith("must_decline:")), "conversations"):
        if key in shown:
            print(f"  {key:26} {shown[key]['pct']:5.1f}% of {shown[key]['n']}")
    if args.errors and "misses" in report:
        for miss in report["misses"]:
            where = f"{miss['conversation']}.{miss['turn']} [{miss['kind']}]"
            print(f"  miss {where} {miss['text']!r} -> {miss['read']} (wanted {miss['expected']})")
    dest = args.out or ROOT / "benchmarks" / "results" / f"{args.corpus}-{args.split}.json"
    head = {"split": args.split, "label": args.label, "chain": args.chain, "reader": args.reader}
    head |= {} if default else {"corpus": args.corpus}
    dest.write_text(json.dumps(head | report, indent=1) + "\n")
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
