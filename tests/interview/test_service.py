"""The interview use cases on the real grader and bank: each reply is re-graded, the next follow-up moves on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from loopcoach.config import load_settings
from loopcoach.errors import EmptyInputError, NotFoundError
from loopcoach.services import interview
from loopcoach.services.context import AppContext
from tests.interview.stub_server import Script

pytestmark = pytest.mark.model

ANSWER = "Precision is TP over TP plus FP: of the items we flagged, the share that is really positive."
RECALL_REPLY = ("Recall is TP over TP plus FN: of all the real positives, the share the model catches. "
                "Missing a positive case lowers recall.")


def test_a_reply_that_covers_the_gap_is_seen_and_the_next_follow_up_moves_on(ctx: AppContext) -> None:
    first = interview.theory_turn(ctx, "precision-recall-f1", ANSWER)
    assert first["turn"]["target"] == "gap:recall-definition" and first["turn"]["source"] == "rules"
    assert first["model"]["on"] is False and "LOOPCOACH_LLM_URL" in first["model"]["hint"]
    reply = {"question": first["turn"]["question"], "target": first["turn"]["target"], "answer": RECALL_REPLY}
    second = interview.theory_turn(ctx, "precision-recall-f1", ANSWER, [reply], save=True)
    assert any(t.startswith("Recall is the fraction") for t in second["newly_covered"])
    assert second["score"] > first["score"]
    assert second["turn"]["target"] not in {"gap:recall-definition", "gap:precision-definition"}
    saved = ctx.store.list_attempts(area="theory", limit=5)
    assert saved and saved[0].meta["mode"] == "follow_up"


def test_design_follow_ups_come_from_the_design_graders_gaps(ctx: AppContext) -> None:
    out = interview.design_turn(ctx, "hate-speech-detection", "We see 500M posts per day and classify them with BERT.")
    turn = out["turn"]
    assert turn["kind"] == "gap" and not turn["target"].startswith("gap:clarify.")
    assert turn["question"].endswith("?")
    assert len(out["steps"]) == 7


def test_bad_input_is_one_sentence(ctx: AppContext) -> None:
    with pytest.raises(NotFoundError):
        interview.theory_turn(ctx, "no-such-question", ANSWER)
    with pytest.raises(EmptyInputError, match="reply to the follow-up is empty"):
        interview.theory_turn(ctx, "precision-recall-f1", ANSWER, [{"question": "q", "target": "t", "answer": " "}])


def test_with_a_model_endpoint_configured_the_model_phrases_and_the_grade_is_the_same(
        tmp_path, llm_server: tuple[str, Script]) -> None:  # type: ignore[no-untyped-def]
    url, script = llm_server
    script.content = "How would you count the real positives that your model never flags, its recall?"
    plain = AppContext(load_settings({"LOOPCOACH_HOME": str(tmp_path / "a")}))
    with_model = AppContext(load_settings({"LOOPCOACH_HOME": str(tmp_path / "b"), "LOOPCOACH_LLM_URL": url,
                                           "LOOPCOACH_LLM_MODEL": "tiny"}))
    a = interview.theory_turn(plain, "precision-recall-f1", ANSWER)
    b = interview.theory_turn(with_model, "precision-recall-f1", ANSWER)
    assert b["turn"]["source"] == "model" and b["turn"]["question"] == script.content
    assert b["model"] == {"backend": "openai-compatible", "model": "tiny", "where": f"{url}/chat/completions",
                          "on": True, "hint": None}
    assert (a["score"], a["covered"], a["turn"]["target"]) == (b["score"], b["covered"], b["turn"]["target"])
    plain.close()
    with_model.close()


def test_with_no_model_configured_llama_cpp_is_never_imported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A fresh process: other tests in this one import the embedded backend on purpose.
    code = (
        "import sys\n"
        "from loopcoach.config import load_settings\n"
        "from loopcoach.services.context import AppContext\n"
        "from loopcoach.services.interview import theory_turn\n"
        f"ctx = AppContext(load_settings({{'LOOPCOACH_HOME': {str(tmp_path)!r}}}))\n"
        f"out = theory_turn(ctx, 'precision-recall-f1', {ANSWER!r})\n"
        "assert out['turn']['source'] == 'rules'\n"
        "print(sorted(m for m in sys.modules if 'llama' in m or m == 'loopcoach.llm.embedded'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
