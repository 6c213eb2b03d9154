"""Follow-ups that name no effect: "more", "that's too much", "take it off".

People steer by ear: after "add some reverb" they say "a bit more", "too much", "lose
it". Read alone, such a turn asks for nothing (``dialogue.understand`` declines it), so a
session remembers the effect its last command changed (``FollowUps.heard``) and a
follow-up that names none is read as being about that effect (``FollowUps.read``).

Tokens are ``dialogue.tokens`` output: lower case, no apostrophes ("thats").
"""

from __future__ import annotations

from voicertc.assistant.dialogue import APPLY, Say, ToolCall, tokens, understand

# Words that say how much, or nothing at all: "a bit more", "even more please".
SOFTENERS = frozenset("a bit little tad touch even way much lot just please now still slightly "
                      "some of that it thats the okay ok".split())  # fmt: skip
FOLLOW_UPS: dict[str, str] = {
    **dict.fromkeys(("more", "again", "stronger", "bigger", "not enough", "further", "keep going",
                     "more more", "go on"), "increase"),
    **dict.fromkeys(("less", "too much", "weaker", "smaller", "not so much", "back off", "too strong",
                     "ease off", "tone it down", "a lot", "too loud", "overkill"), "decrease"),
    **dict.fromkeys(("take it off", "take it out", "get rid of it", "remove it", "turn it off", "kill it",
                     "lose it", "bin it", "drop it", "switch it off", "undo"), "remove"),
}  # fmt: skip


class FollowUps:
    """One session's memory of the effect its last command changed."""

    def __init__(self) -> None:
        self._effect: str | None = None
        self._param: str | None = None

    def understand(self, text: str) -> ToolCall | Say:
        """What ``text`` asks for in this session: the dialogue's reading of it alone, else a
        follow-up about the last effect changed. A command taken is remembered."""
        intent = understand(text)
        if isinstance(intent, Say):
            intent = self.read(text) or intent
        if isinstance(intent, ToolCall):
            self.heard(intent)
        return intent

    def heard(self, call: ToolCall) -> None:
        """A command was taken: later follow-ups are about its effect (a chain reset or a
        removal leaves nothing to follow up on)."""
        if call.name != APPLY:
            return
        effect, action = call.arguments.get("effect"), call.arguments.get("action")
        if not isinstance(effect, str) or action in ("remove", "reset"):
            self._effect = self._param = None
            return
        param = call.arguments.get("param")
        self._effect = effect
        self._param = param if isinstance(param, str) and action in ("increase", "decrease") else None

    def read(self, text: str) -> ToolCall | None:
        """The follow-up ``text`` asks for, about the last effect changed; None if it is not
        one, or nothing was changed yet."""
        if self._effect is None:
            return None
        action = _follow_up(tokens(text))
        if action is None:
            return None
        args: dict[str, object] = {"effect": self._effect, "action": action}
        if self._param is not None and action != "remove":
            args["param"] = self._param
        return ToolCall(APPLY, args)


def _follow_up(words: list[str]) -> str | None:
    """The action of the follow-up that ``words`` are, with softeners around it ("that's
    too much", "a bit more please"); None if anything else was said."""
    for i in range(len(words)):
        if i and words[i - 1] not in SOFTENERS:
            break
        for j in range(len(words), i, -1):
            action = FOLLOW_UPS.get(" ".join(words[i:j]))
            if action is not None:
                return action
            if words[j - 1] not in SOFTENERS:
                break
    return None
