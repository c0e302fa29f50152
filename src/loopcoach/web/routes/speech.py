"""Spoken answers in the browser: the recorder on the answer pages uploads here and gets the transcript back.

``POST /speech/transcribe`` takes the recording (multipart field ``audio``,
up to 32 MiB) and the answer's ``kind``; it answers JSON with the transcript,
the delivery figures and ``html``, the delivery panel rendered by the
server, which the page's script puts beside the answer box.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import BadInputError, EmptyInputError, TooLargeError
from loopcoach.services import speech
from loopcoach.services.context import AppContext
from loopcoach.web.deps import get_ctx, render
from loopcoach.web.limits import MB

router = APIRouter()
NAV = None
# The body limit (checked before anything is spooled) leaves room for the form around the largest recording.
BODY_LIMITS = {"/speech/transcribe": speech.MAX_AUDIO_BYTES + MB}


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"The recording is larger than {limit // (1024 * 1024)} MiB; keep an answer under "
                            "15 minutes.")
    return data


@router.post("/speech/transcribe")
async def transcribe(request: Request, audio: Annotated[UploadFile | None, File()] = None,
                     kind: Annotated[str, Form()] = "answer", keep_audio: Annotated[str, Form()] = "",
                     ctx: AppContext = Depends(get_ctx)) -> JSONResponse:
    """Transcribe an uploaded recording; JSON with the transcript, the delivery and its panel as HTML.

    The transcript and figures go into the history; the recording too when ``keep_audio`` is set.
    """
    if audio is None:
        raise EmptyInputError("No recording was sent: record an answer or choose an audio file.")
    data = await _read_limited(audio, speech.MAX_AUDIO_BYTES)
    name = "The recording" if not audio.filename or audio.filename == "blob" else audio.filename
    result = await run_in_threadpool(speech.transcribe, ctx, data, name, kind)
    spoken_id = speech.remember(ctx, result, data, audio.filename or "answer.webm", keep_audio in ("1", "on", "true"))
    templates = request.app.state.templates
    html = templates.get_template("speech/_delivery.html").render({"d": result})
    return JSONResponse({**result, "spoken_id": spoken_id, "html": html})


@router.get("/speech/history", response_class=HTMLResponse)
def history_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The spoken answers kept: transcript, figures, the recording if kept, and delete buttons."""
    return render(request, "speech/history.html", {"rows": speech.history(ctx)})


_AUDIO_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "m4a": "audio/mp4", "webm": "audio/webm",
                "ogg": "audio/ogg", "flac": "audio/flac"}


@router.get("/speech/history/{spoken_id}/audio", response_model=None)
def history_audio(spoken_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """The kept recording of a spoken answer (404 when it was not kept)."""
    data, name = speech.audio_of(ctx, spoken_id)
    kind = _AUDIO_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
    return Response(data, media_type=kind, headers={"Content-Disposition": "inline"})


@router.post("/speech/history/{spoken_id}/delete", response_model=None)
def history_delete(spoken_id: int, what: Annotated[str, Form()] = "answer",
                   ctx: AppContext = Depends(get_ctx)) -> Response:
    """Delete a spoken answer, or (``what=audio``) only its recording."""
    if what not in ("answer", "audio"):
        raise BadInputError("Choose what to delete: the answer, or only its audio.")
    speech.delete(ctx, spoken_id, audio_only=what == "audio")
    return RedirectResponse("/speech/history?deleted=" + what, status_code=303)
