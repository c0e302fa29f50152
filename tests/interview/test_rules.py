"""The rule-based interviewer: follow-ups from the grader's gaps and the candidate's own words."""

from __future__ import annotations

from loopcoach.areas.interview.interviewer import FollowUpInterviewer
from loopcoach.areas.interview.rules import next_probe, plan
from loopcoach.areas.interview.turns import Gap, InterviewContext

RECALL = Gap("recall-definition", "Recall is the fraction of actual positives the model finds, TP / (TP + FN).",
             ("recall", "false negative", "TP/(TP+FN)"))
F1 = Gap("f1-definition", "F1 is the harmonic mean of precision and recall.", ("f1", "harmonic mean"))


def theory_ctx(answer: str, gaps: tuple[Gap, ...] = (RECALL, F1), fixed: tuple[str, ...] = ()) -> InterviewContext:
    return InterviewContext("theory", "Explain precision, recall and F1.", answer, gaps, fixed)


def test_the_first_follow_up_asks_the_most_important_gap_by_keyword_without_reading_the_point_out() -> None:
    turn = FollowUpInterviewer().next_turn(theory_ctx("Precision is TP over TP plus FP."), [])
    assert turn is not None and turn.source == "rules"
    assert turn.target == "gap:recall-definition"
    assert "recall" in turn.question.lower() and turn.question.endswith("?")
    assert "TP / (TP + FN)" not in turn.question  # the answer is not given away
    assert turn.reason.startswith("the grader found a key point") and "TP / (TP + FN)" not in turn.reason


def test_a_keyword_the_candidate_already_used_is_not_the_anchor() -> None:
    probe = next_probe(theory_ctx("Recall matters a lot, I think.", gaps=(RECALL,)), [])
    assert probe is not None and "false negative" in probe.question


def test_the_candidates_own_metric_model_and_absolute_claim_are_probed() -> None:
    answer = ("For fraud I would track ROC AUC. I would train XGBoost on the transactions. "
              "Oversampling always fixes class imbalance.")
    questions = [p.question for p in plan(InterviewContext("theory", "Handle class imbalance.", answer))]
    assert questions == [
        "You mention ROC AUC. Why that metric here, and what could it hide?",
        "Why gradient boosting? What simpler baseline would you compare it with first?",
        "You said “Oversampling always fixes class imbalance”. Is that always true? When would it not hold?",
    ]


def test_a_metric_the_question_itself_asks_about_is_not_the_candidates_choice() -> None:
    kinds = [p.kind for p in plan(theory_ctx("Precision is TP over TP plus FP, and F1 combines them."))]
    assert "metric" not in kinds


def test_design_numbers_are_scaled_and_author_probes_are_used() -> None:
    gap = Gap("data.labels", "Explains how labels are obtained.", ("label",), "Who produces the labels, and how late?")
    ctx = InterviewContext("design", "Detect hate speech.", "We get 500M posts per day and use BERT.", (gap,))
    questions = [p.question for p in plan(ctx)]
    assert questions[0] == "Who produces the labels, and how late?"
    assert "You said 500M. What breaks first if that grew 10x?" in questions
    assert "Why BERT? What simpler baseline would you compare it with first?" in questions


def test_turns_alternate_gaps_and_own_words_and_never_repeat() -> None:
    ctx = theory_ctx("Precision is TP over TP plus FP. I would use a random forest.")
    interviewer = FollowUpInterviewer()
    asked: list[str] = []
    kinds = []
    while (turn := interviewer.next_turn(ctx, asked)) is not None:
        asked.append(turn.target)
        kinds.append(turn.kind)
    assert kinds == ["gap", "model", "gap"]
    assert len(set(asked)) == len(asked)


def test_a_complete_answer_gets_the_banks_own_follow_up_then_nothing() -> None:
    ctx = theory_ctx("A thorough answer.", gaps=(), fixed=("How does F-beta change the picture?",))
    first = FollowUpInterviewer().next_turn(ctx, [])
    assert first is not None and first.kind == "fixed" and first.question == "How does F-beta change the picture?"
    assert FollowUpInterviewer().next_turn(ctx, [first.target]) is None


def test_the_same_answer_gets_the_same_follow_ups() -> None:
    ctx = theory_ctx("Precision is TP over TP plus FP. We always use accuracy.")
    assert [p.question for p in plan(ctx)] == [p.question for p in plan(ctx)]
