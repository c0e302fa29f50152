"""The follow-up interviewer: rules choose the probe, an optional model may phrase it, the gate decides.

With no model, every turn is the rule-based wording. With a model, the
model is asked to phrase the chosen probe; a reply that fails the gate, or
a backend error, falls back to the rule-based wording with a note saying
why, so a turn is never lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.areas.interview import gate
from loopcoach.areas.interview.model import ChatModel
from loopcoach.areas.interview.prompting import build_messages
from loopcoach.areas.interview.rules import next_probe
from loopcoach.areas.interview.turns import InterviewContext, Probe, Turn
from loopcoach.errors import ModelError

MAX_TOKENS = 80


class FollowUpInterviewer:
    """Asks one follow-up at a time; never grades."""

    def __init__(self, model: ChatModel | None = None) -> None:
        self.model = model

    def ask(self, ctx: InterviewContext, probe: Probe) -> Turn:
        """The turn for one chosen probe."""
        rules = Turn(probe.question, "rules", probe.target, probe.kind, probe.reason)
        if self.model is None:
            return rules
        try:
            reply = self.model.complete(build_messages(ctx, probe), max_tokens=MAX_TOKENS)
        except ModelError as exc:
            return Turn(probe.question, "rules", probe.target, probe.kind, probe.reason,
                        note=f"{exc.message} The rule-based follow-up is shown instead.")
        verdict = gate.check(reply, ctx, probe)
        if not verdict.ok:
            return Turn(probe.question, "rules", probe.target, probe.kind, probe.reason,
                        note=f"The model's reply was set aside ({verdict.reason}); the rule-based "
                             "follow-up is shown instead.",
                        extra={"rejected": verdict.text[:400]})
        return Turn(verdict.text, "model", probe.target, probe.kind, probe.reason, model=self.model.name)

    def next_turn(self, ctx: InterviewContext, asked: Sequence[str]) -> Turn | None:
        """The next follow-up, or None when there is nothing left to ask."""
        probe = next_probe(ctx, asked)
        return None if probe is None else self.ask(ctx, probe)
