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
    if kind == "story":
        from loopcoach.areas.speech.delivery import star_timing
        from loopcoach.services.behavioral import analyse

        # The STAR labeller's sentences of the transcript, placed on the words' times.
        result["star"] = star_timing(words, analyse(ctx, result["transcript"])["sentences"])
    return result


def remember(ctx: AppContext, delivery: dict[str, Any], data: bytes, name: str, keep_audio: bool,
             attempt_id: int | None = None) -> int:
    """Put a transcribed answer in the history: transcript and figures always, the audio only if kept."""
    figures = {k: v for k, v in delivery.items() if k != "transcript"}
    base = name.replace("\\", "/").rsplit("/", 1)[-1][:300]  # the file's name, never the folders it came from
    return ctx.store.add_spoken(delivery["kind"], delivery["transcript"], figures, attempt_id,
                                audio=data if keep_audio else None, audio_name=base if keep_audio else None)


def history(ctx: AppContext, limit: int = 100) -> list[dict[str, Any]]:
    """The spoken answers in the history, newest first (``speech history --json``)."""
    return [_spoken_dict(sp) for sp in ctx.store.list_spoken(limit)]


def _spoken_dict(sp: Any) -> dict[str, Any]:
    d = sp.delivery
    return {"id": sp.id, "kind": sp.kind, "created_at": sp.created_at, "attempt_id": sp.attempt_id,
            "transcript": sp.transcript, "duration_s": d.get("duration_s"), "wpm": d.get("wpm"),
            "fillers_per_min": d.get("fillers_per_min"), "pauses": d.get("pauses", []),
            "has_audio": sp.has_audio, "audio_name": sp.audio_name, "delivery": d}


def audio_of(ctx: AppContext, spoken_id: int) -> tuple[bytes, str]:
    """The kept recording of a spoken answer and its file name; NotFoundError if it was not kept."""
    from loopcoach.errors import NotFoundError

    record, audio = ctx.store.get_spoken(spoken_id)
    if audio is None:
        raise NotFoundError(f"Spoken answer {spoken_id} has no recording: it was not kept, or it was deleted.")
    return audio, record.audio_name or "answer"


def delete(ctx: AppContext, spoken_id: int, audio_only: bool = False) -> dict[str, Any]:
    """Delete a spoken answer from the history, or only its recording."""
    ctx.store.delete_spoken(spoken_id, audio_only=audio_only)
    return {"id": spoken_id, "deleted": "audio" if audio_only else "answer"}


def check(ctx: AppContext, data: bytes, name: str, kind: str, question_id: str | None = None,
          keep_audio: bool = False) -> dict[str, Any]:
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
    # The analysers above store their attempt; the spoken record points at it (this user's newest of the area).
    area = {"pitch": "pitch", "story": "behavioral", "theory": "theory"}.get(kind)
    latest = ctx.store.list_attempts(area=area, limit=1) if area else []
    spoken_id = remember(ctx, delivery, data, name, keep_audio, latest[0].id if latest else None)
    return {"kind": kind, "spoken_id": spoken_id, **{k: delivery[k] for k in ("transcript", "words", "duration_s", "wpm",
                                                      "fillers_per_min", "pauses")},
            **({"star": delivery["star"]} if "star" in delivery else {}),
            "delivery": delivery, "analysis": analysis}
