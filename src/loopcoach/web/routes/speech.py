"""Spoken answers in the browser: the recorder on the answer pages uploads here and gets the transcript back.

``POST /speech/transcribe`` takes the recording (multipart field ``audio``,
up to 32 MiB) and the answer's ``kind``; it answers JSON with the transcript,
the delivery figures and ``html``, the delivery panel rendered by the
server, which the page's script puts beside the answer box.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import EmptyInputError, TooLargeError
from loopcoach.services import speech
from loopcoach.services.context import AppContext
from loopcoach.web.deps import get_ctx
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
                     kind: Annotated[str, Form()] = "answer", ctx: AppContext = Depends(get_ctx)) -> JSONResponse:
    """Transcribe an uploaded recording; JSON with the transcript, the delivery and its panel as HTML."""
    if audio is None:
        raise EmptyInputError("No recording was sent: record an answer or choose an audio file.")
    data = await _read_limited(audio, speech.MAX_AUDIO_BYTES)
    name = "The recording" if not audio.filename or audio.filename == "blob" else audio.filename
    result = await run_in_threadpool(speech.transcribe, ctx, data, name, kind)
    templates = request.app.state.templates
    html = templates.get_template("speech/_delivery.html").render({"d": result})
    return JSONResponse({**result, "html": html})
