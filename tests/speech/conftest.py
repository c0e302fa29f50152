"""Speech fixtures: real audio spoken by Debian's espeak-ng at test time (no audio is committed)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ESPEAK = shutil.which("espeak-ng")


def speak(text: str, path: Path, *, ssml: bool = False, speed: int = 150) -> Path:
    """Write ``text`` spoken by espeak-ng (22,050 Hz mono WAV) to ``path``."""
    if ESPEAK is None:
        pytest.fail("Speech tests need espeak-ng: run 'apt-get install -y espeak-ng'.")
    args = [ESPEAK, "-v", "en-us", "-s", str(speed), "-w", str(path)] + (["-m"] if ssml else []) + [text]
    subprocess.run(args, check=True, capture_output=True)
    return path


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
