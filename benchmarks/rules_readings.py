"""The readings of the rules of another checkout, for ``voicertc.bench.reader_lowo``.

Run with that checkout first on the path, so ``voicertc`` is its package:

    git worktree add --detach /work/wt-old 7cf84c6
    PYTHONPATH=/work/wt-old python3 benchmarks/rules_readings.py IN.json OUT.json

IN.json: ``{"texts": [...], "effects": [...], "actions": [...]}``. OUT.json: for each text
the intents the rules read (``clauses.understand_all``, or ``dialogue.understand`` in
checkouts before it), and the call the rules' ``dialogue._arguments`` would make for each
effect and action, which is what a learned guess is completed with. Only the API every
checkout since session 9 has is used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from voicertc.assistant import dialogue

try:
    from voicertc.assistant.clauses import understand_all
except ImportError:  # before session 11: one request a sentence

    def understand_all(transcript: str) -> list[dialogue.Intent]:  # type: ignore[misc]
        return [dialogue.understand(transcript)]


def intent(i: object) -> dict[str, object]:
    if isinstance(i, dialogue.ToolCall):
        return {"call": i.name, "arguments": i.arguments}
    return {"say": getattr(i, "text", repr(i))}


def reading(text: str, effects: list[str], actions: list[str]) -> dict[str, object]:
    words = dialogue.tokens(text)
    arguments = {}
    for effect in effects:
        for action in actions:
            try:
                arguments[f"{effect} {action}"] = dialogue._arguments(words, effect, action)
            except Exception:  # an effect this checkout does not know: no call
                arguments[f"{effect} {action}"] = None
    return {
        "text": text,
        "intents": [intent(i) for i in understand_all(text)],
        "fallback": dialogue.FALLBACK_TEXT,
        "arguments": arguments,
    }


def main() -> None:
    request = json.loads(Path(sys.argv[1]).read_text())
    out = [reading(t, request["effects"], request["actions"]) for t in request["texts"]]
    Path(sys.argv[2]).write_text(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
