"""Peer mock interviews: one person interviews, the other joins through an unguessable link.

A peer session is a ``mock_sessions`` row of kind "peer" whose ``token``
(``secrets.token_urlsafe(32)``) is the candidate's share link; the
interviewer's own page also needs ``host_key``, a second secret kept in the
session state and never sent to the candidate. The state holds the chosen
item, the server-side start time (the shared timer), the shared code pad and
notes, and, once submitted, the interviewer's ratings with the automatic
analysis of the same work (the coding judge for a problem, the design grader
for a prompt) when that area's service is available. The ratings are also
saved as an attempt of area "peer" so they appear in the candidate's history
and on the readiness dashboard.
"""

from __future__ import annotations

import hmac
import importlib
import secrets
from datetime import UTC, datetime
from typing import Any

from loopcoach.errors import BadInputError, LoopcoachError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext
from loopcoach.store.records import Session

KIND = "peer"
MAX_PAD = 100_000
MAX_COMMENT = 5_000
RATING_SCALE = (1, 2, 3, 4)
RATING_WORDS = {1: "strong concerns", 2: "below the bar", 3: "meets the bar", 4: "strong"}
SIGNALS = ("hire", "lean_hire", "lean_no_hire", "no_hire")
SIGNAL_LABELS = {"hire": "Hire", "lean_hire": "Lean hire", "lean_no_hire": "Lean no hire", "no_hire": "No hire"}
RUBRICS: dict[str, list[tuple[str, str]]] = {
    "coding": [("problem_solving", "Problem solving"), ("code_quality", "Code quality"),
               ("complexity_analysis", "Complexity analysis"), ("communication", "Communication")],
    "design": [("problem_understanding", "Problem understanding"), ("data_and_features", "Data and features"),
               ("modelling", "Modelling"), ("deployment", "Deployment"), ("communication", "Communication")],
}
DURATIONS = {"coding": 45, "design": 45}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start(ctx: AppContext, kind: str, item_id: str, minutes: int | None = None) -> dict[str, Any]:
    """Create a peer session for a coding problem or design prompt; returns its id, token and host key."""
    if kind not in RUBRICS:
        raise BadInputError(f"A peer mock is 'coding' or 'design', not '{kind}'.")
    item = ctx.content(kind).get(item_id)  # NotFoundError for an unknown id
    duration = minutes or DURATIONS[kind]
    if not 5 <= duration <= 180:
        raise BadInputError(f"A peer mock lasts 5 to 180 minutes; got {duration}.")
    token = secrets.token_urlsafe(32)
    host_key = secrets.token_urlsafe(32)
    state = {"kind": kind, "item_id": item.id, "title": item.title, "minutes": duration, "started_at": _now(),
             "host_key": host_key, "code": getattr(item, "starter_code", "") if kind == "coding" else "",
             "notes": "", "feedback": None, "joined": False}
    session_id = ctx.store.create_session(KIND, state, token=token)
    return {"id": session_id, "token": token, "host_key": host_key, "kind": kind, "item_id": item.id}


def open_session(ctx: AppContext, token: str, join: bool = False) -> Session:
    """The peer session of a share token; NotFoundError for any other token.

    In group mode the link opens only for its owner and its guest: the first signed-in
    account of the owner's cohort to open the candidate page (``join``) becomes the guest.
    """
    if not token or len(token) > 200:
        raise NotFoundError("This session link is not valid.")
    session = ctx.store.session_by_token(token)
    if session.kind != KIND:
        raise NotFoundError("This session link is not valid.")
    account = ctx.account
    if account is None or account.id in (session.owner_id, session.guest_id):
        return session
    if join and session.guest_id is None:
        from loopcoach.services.accounts import accounts, same_cohort

        owner = accounts(ctx).by_id(session.owner_id)
        if owner is not None and same_cohort(owner, account) and ctx.store.join_session(session.id):
            return ctx.store.session_by_token(token)
    raise NotFoundError("This session link is not valid.")


def check_host(session: Session, key: str) -> None:
    """Refuse anyone without the interviewer's key (constant-time comparison)."""
    expected = str(session.state.get("host_key", ""))
    if not key or not expected or not hmac.compare_digest(expected.encode(), key.encode()):
        raise NotFoundError("This interviewer link is not valid.")


def item_of(ctx: AppContext, session: Session) -> Any:
    """The coding problem or design prompt of the session."""
    return ctx.content(str(session.state["kind"])).get(str(session.state["item_id"]))


def public_state(session: Session) -> dict[str, Any]:
    """What both sides may see: no host key, no hidden content."""
    s = session.state
    return {"kind": s["kind"], "item_id": s["item_id"], "title": s["title"], "minutes": s["minutes"],
            "started_at": s["started_at"], "code": s.get("code", ""), "notes": s.get("notes", ""),
            "feedback": s.get("feedback"), "server_now": _now()}


def update_pad(ctx: AppContext, token: str, field: str, text: str) -> Session:
    """Save the shared code pad or notes (last writer wins); returns the session."""
    if field not in ("code", "notes"):
        raise BadInputError(f"There is no shared field named '{field}'.")
    if len(text) > MAX_PAD:
        raise TooLargeError(f"The {field} pad is limited to {MAX_PAD:,} characters.")
    session = open_session(ctx, token)
    if session.state.get("feedback") is not None:
        raise BadInputError("This mock is finished; the pads are read-only now.")
    state = dict(session.state)
    state[field] = text
    ctx.store.owner_of(session).update_session(session.id, state=state)
    return open_session(ctx, token)


def mark_joined(ctx: AppContext, token: str) -> None:
    """Remember that the candidate opened the link (in group mode the opener becomes the guest)."""
    session = open_session(ctx, token, join=True)
    if not session.state.get("joined"):
        ctx.store.owner_of(session).update_session(session.id, state={**session.state, "joined": True})


def _auto_analysis(ctx: AppContext, kind: str, item_id: str, text: str) -> dict[str, Any] | None:
    """The area's own analysis of the candidate's work, when that service exists and the work is non-empty."""
    if not text.strip():
        return None
    try:
        if kind == "coding":
            from loopcoach.services import coding

            judged = coding.judge(ctx, item_id, text)
            return {"tool": "coding judge", "verdict": judged["verdict"], "passed": judged["passed"],
                    "total": judged["total"], "message": str(judged.get("message", ""))[:500]}
        design = importlib.import_module("loopcoach.services.design")
        grade = getattr(design, "grade", None)
        if grade is None:
            return None
        graded = grade(ctx, item_id, text)
        result = graded[0] if isinstance(graded, tuple) else graded
        return {"tool": "design grader", "score": result.get("score"),
                "missing_steps": [s["id"] for s in result.get("steps", []) if not s.get("covered")]}
    except ModuleNotFoundError:
        return None
    except LoopcoachError as exc:
        return {"tool": f"{kind} analysis", "error": exc.message}


def submit_feedback(ctx: AppContext, token: str, key: str, ratings: dict[str, str], comments: str,
                    signal: str) -> dict[str, Any]:
    """Save the interviewer's rubric to the session and the candidate's history; returns the feedback."""
    session = open_session(ctx, token)
    check_host(session, key)
    kind = str(session.state["kind"])
    parsed: list[dict[str, Any]] = []
    for dim, label in RUBRICS[kind]:
        raw = ratings.get(dim, "")
        try:
            value = int(raw)
        except ValueError:
            raise BadInputError(f"Rate '{label}' from 1 to 4.") from None
        if value not in RATING_SCALE:
            raise BadInputError(f"Rate '{label}' from 1 to 4, not {value}.")
        parsed.append({"id": dim, "label": label, "rating": value, "words": RATING_WORDS[value]})
    if signal not in SIGNALS:
        raise BadInputError(f"The signal must be one of: {', '.join(SIGNALS)}.")
    if len(comments) > MAX_COMMENT:
        raise TooLargeError(f"Comments are limited to {MAX_COMMENT:,} characters.")
    work = str(session.state.get("code" if kind == "coding" else "notes", ""))
    if kind == "design" and not work.strip():
        work = str(session.state.get("code", ""))
    analysis = _auto_analysis(ctx, kind, str(session.state["item_id"]), work)
    score = round(sum(r["rating"] for r in parsed) / (4 * len(parsed)) * 100)
    feedback = {"ratings": parsed, "comments": comments.strip(), "signal": signal,
                "signal_label": SIGNAL_LABELS[signal], "score": score, "analysis": analysis,
                "submitted_at": _now()}
    owner = ctx.store.owner_of(session)
    # The ratings are the candidate's: the guest's history in group mode, the one local user's otherwise.
    candidate = owner if session.guest_id is None else owner.for_account(session.guest_id, "")
    attempt_id = candidate.add_attempt(
        "peer", str(session.state["item_id"]), work, feedback, score, started_at=str(session.state["started_at"]),
        meta={"kind": kind, "session_id": session.id, "signal": signal, "category": kind,
              "notes": str(session.state.get("notes", ""))[:MAX_PAD]})
    feedback["attempt_id"] = attempt_id
    owner.update_session(session.id, state={**session.state, "feedback": feedback}, status="finished",
                         finished=True)
    return feedback
