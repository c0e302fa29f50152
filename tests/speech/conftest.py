"""Speech fixtures: real audio spoken by Debian's espeak-ng at test time (no audio is committed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

ESPEAK = shutil.which("espeak-ng")


def speak(text: str, path: Path, *, ssml: bool = False, speed: int = 150) -> Path:
    """Write ``text`` spoken by espeak-ng (22,050 Hz mono WAV) to ``path``."""
    if ESPEAK is None:
        pytest.fail("Speech tests need espeak-ng: run 'apt-get install -y espeak-ng'.")
    args = [ESPEAK, "-v", "en-us", "-s", str(speed), "-w", str(path)] + (["-m"] if ssml else []) + [text]
    subprocess.run(args, check=True, capture_output=True)
    return path


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """16-bit mono WAV bytes of float samples in [-1, 1]."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


@pytest.fixture
def spoken(tmp_path: Path) -> Callable[..., Path]:
    """``spoken(text, name="answer.wav", ssml=False)`` -> a WAV file of espeak-ng saying ``text``."""

    def make(text: str, name: str = "answer.wav", ssml: bool = False, speed: int = 150) -> Path:
        return speak(text, tmp_path / name, ssml=ssml, speed=speed)

    return make


@pytest.fixture(scope="session")
def recognizer() -> object:
    """The real Whisper tiny.en recogniser, loaded once per session."""
    from loopcoach.areas.speech.recognizer import get_recognizer

    return get_recognizer()
