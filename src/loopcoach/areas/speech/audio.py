"""Audio files to 16 kHz mono samples, with one sentence for every kind of file that cannot be used.

PyAV (FFmpeg's libraries, inside its wheel, installed with faster-whisper)
reads WAV, MP3, M4A, WebM/Opus from the browser's recorder, OGG and FLAC,
at any sample rate, and resamples to the 16 kHz Whisper expects. Decoding
stops as soon as the audio is longer than the limit, so a huge file costs
no more than the limit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from loopcoach.errors import EmptyInputError, InvalidDocumentError, TooLargeError

RATE = 16_000
MAX_SECONDS = 15 * 60
MIN_SECONDS = 0.3
MIN_SOURCE_RATE = 8_000


@dataclass(frozen=True)
class Audio:
    """Mono float32 samples in [-1, 1] at 16 kHz."""

    samples: npt.NDArray[np.float32]
    source_rate: int

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.samples) / RATE


def decode(data: bytes, name: str, max_seconds: float = MAX_SECONDS) -> Audio:
    """Decode an audio file's bytes; EmptyInputError, InvalidDocumentError or TooLargeError with one sentence."""
    import av

    if not data:
        raise EmptyInputError(f"{name} is empty: record or choose an audio file.")
    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except (av.FFmpegError, ValueError, OSError, EOFError):  # every way FFmpeg says "this is not media"
        raise InvalidDocumentError(f"{name} is not an audio file loopcoach can read (WAV, MP3, M4A, WebM, OGG "
                                   "or FLAC).") from None
    with container:
        if not container.streams.audio:
            raise InvalidDocumentError(f"{name} has no audio track.")
        stream = container.streams.audio[0]
        rate = int(stream.codec_context.sample_rate or stream.rate or 0)
        if 0 < rate < MIN_SOURCE_RATE:
            raise InvalidDocumentError(f"{name} is sampled at {rate:,} Hz; speech needs at least "
                                       f"{MIN_SOURCE_RATE:,} Hz.")
        samples = _decode_stream(container, stream, name, max_seconds)
    audio = Audio(samples, rate)
    if audio.duration_s < MIN_SECONDS:
        raise EmptyInputError(f"{name} holds {audio.duration_s:.1f} s of audio: too short to hold an answer.")
    return audio


def _decode_stream(container: Any, stream: Any, name: str, max_seconds: float) -> npt.NDArray[np.float32]:
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    limit = int(max_seconds * RATE)
    chunks: list[npt.NDArray[Any]] = []
    total = 0
    try:
        for frame in container.decode(stream):
            frame.pts = None  # the resampler re-times frames itself; browser recordings can carry odd stamps
            for out in resampler.resample(frame):
                chunk = out.to_ndarray().reshape(-1)
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:
                raise TooLargeError(f"{name} is longer than {max_seconds / 60:.0f} minutes; keep an answer under "
                                    f"{max_seconds / 60:.0f} minutes.")
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    except (av.FFmpegError, ValueError, EOFError):
        if not chunks:
            raise InvalidDocumentError(f"{name} is damaged: no audio could be decoded from it.") from None
        # A truncated upload (the recorder stopped mid-frame) keeps what was decoded before the damage.
    if not chunks:
        raise EmptyInputError(f"{name} holds no audio samples.")
    return (np.concatenate(chunks).astype(np.float32) / 32768.0).astype(np.float32)
