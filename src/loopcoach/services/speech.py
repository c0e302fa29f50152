"""Spoken-answer use cases: transcribe an audio file offline and analyse its delivery and its content.

``transcribe`` decodes the file, finds the voiced spans, runs Whisper and
returns the transcript with the delivery figures; ``check`` adds the
analysis of the answer's kind (the pitch check, the STAR check, or the
theory grade of a question) run on the transcript, and stores the attempt
as those analysers do. Everything needs the optional ``speech`` extra.
"""

from __future__ import annotations

from typing import Any

from loopcoach.errors import BadInputError, EmptyInputError, TooLargeError
from loopcoach.services.context import AppContext

MAX_AUDIO_BYTES = 32 * 1024 * 1024  # 15 minutes of browser Opus is ~7 MB; a 2-minute 44.1 kHz WAV is ~10 MB
KINDS = ("pitch", "story", "theory", "answer")


def available() -> dict[str, Any]:
    """Whether spoken answers work here, and if not the sentence that says how to enable them."""
    from loopcoach.areas.speech.recognizer import ENABLE_HINT, missing_packages

    missing = missing_packages()
    return {"enabled": not missing, "missing": missing,
            "message": "" if not missing else f"Spoken answers are off: {ENABLE_HINT}."}


def doctor_line() -> str:
    """One line for ``loopcoach doctor``: which recogniser and model file, or how to turn speech on."""
    status = available()
    if not status["enabled"]:
        return f"off (optional): {status['message']}"
    from loopcoach.areas.speech.recognizer import model_info

    info = model_info()
    return f"on: {info.name} ({info.compute_type}, CTranslate2) from {info.path}"


def transcribe(ctx: AppContext, data: bytes, name: str, kind: str = "answer") -> dict[str, Any]:
    """Transcript, timed fillers, hedges and pauses, pace and time against the kind's budget."""
    from loopcoach.areas.speech.audio import decode
    from loopcoach.areas.speech.delivery import analyse_delivery
    from loopcoach.areas.speech.recognizer import get_recognizer, require_speech, voiced_spans

    if kind not in KINDS:
        raise BadInputError(f"The kind '{kind}' is unknown; use one of: {', '.join(KINDS)}.")
    require_speech()
    if len(data) > MAX_AUDIO_BYTES:
        raise TooLargeError(f"{name} is {len(data):,} bytes; the limit is {MAX_AUDIO_BYTES:,} bytes (32 MiB).")
    audio = decode(data, name)
    spans = voiced_spans(audio.samples)
    if not spans:
        raise EmptyInputError(f"No speech was heard in {name}: check that the microphone is on and not muted.")
    recognizer = get_recognizer()
    words = recognizer.transcribe(audio.samples)
    if not words:
        raise EmptyInputError(f"No words could be recognised in {name}: speak closer to the microphone.")
    result = analyse_delivery(words, spans, audio.duration_s, kind).to_dict()
    result["model"] = recognizer.info.name
    result["source_rate"] = audio.source_rate
    return result


def check(ctx: AppContext, data: bytes, name: str, kind: str, question_id: str | None = None) -> dict[str, Any]:
    """``speech check``: the delivery plus the kind's own analysis of the transcript (stored like a typed one)."""
    if kind == "theory" and not question_id:
        raise BadInputError("A theory answer needs the question: add --question QUESTION_ID.")
    delivery = transcribe(ctx, data, name, kind)
    text = delivery["transcript"]
    analysis: dict[str, Any] | None
    if kind == "pitch":
        from loopcoach.services.pitch import check_pitch

        analysis = check_pitch(ctx, text, source="audio")
    elif kind == "story":
        from loopcoach.services.behavioral import check_story

        analysis = check_story(ctx, text, source="audio")
    elif kind == "theory":
        from loopcoach.services.theory import grade

        analysis = grade(ctx, question_id or "", text)[0]
    else:
        analysis = None
    return {"kind": kind, **{k: delivery[k] for k in ("transcript", "words", "duration_s", "wpm",
                                                      "fillers_per_min", "pauses")},
            "delivery": delivery, "analysis": analysis}
