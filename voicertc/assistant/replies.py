"""What the assistant says once a tool has run: the chain described, or the tool's message."""

from __future__ import annotations

from voicertc.assistant import lexicon as lx
from voicertc.assistant.speakable import describe_param, speakable

GET = "get_effects"


def _describe_chain(chain: object) -> str:
    if not isinstance(chain, list) or not chain:
        return "There are no effects on right now."
    parts = []
    for item in chain:
        if not isinstance(item, dict):
            continue
        params = item.get("params")
        name = lx.SPOKEN_EFFECT.get(str(item.get("effect")), str(item.get("effect")))
        if isinstance(params, dict) and params:
            name += " with " + " and ".join(describe_param(k, v) for k, v in params.items())
        parts.append(name)
    return "Right now: " + ", then ".join(parts) + "."


def reply_after_tool(name: str, output: dict[str, object]) -> str:
    """What to say once tool ``name`` has run and returned ``output``."""
    if not output.get("ok"):
        error = output.get("error") or output.get("message")
        text = speakable(str(error)) if error else "that did not work."
        return text if text.lower().startswith("sorry") else f"Sorry, {text[:1].lower()}{text[1:]}"
    if name == GET:
        summary = output.get("summary")
        if isinstance(summary, str) and summary.strip():
            return speakable(summary)
        return speakable(_describe_chain(output.get("chain")))
    message = output.get("message") or output.get("summary")
    return speakable(str(message)) if message else "Done."
