"""Decoding real files: espeak-ng WAV at 22,050 Hz, other formats made with PyAV, and every kind of bad file."""

from __future__ import annotations

import io
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from loopcoach.areas.speech.audio import RATE, decode
from loopcoach.errors import EmptyInputError, InvalidDocumentError, TooLargeError
from tests.speech.conftest import wav_bytes


def to_ogg(data: bytes) -> bytes:
    """Re-encode WAV bytes as Ogg/Opus (what a browser's recorder makes) with PyAV."""
    import av

    out = io.BytesIO()
    with av.open(io.BytesIO(data)) as src, av.open(out, "w", format="ogg") as dst:
        stream = dst.add_stream("libopus", rate=48000)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        for frame in src.decode(audio=0):
            frame.pts = None
            for f in resampler.resample(frame):
                for packet in stream.encode(f):
                    dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out.getvalue()


def test_espeak_wav_is_resampled_to_16_khz(spoken: Callable[..., Path]) -> None:
    path = spoken("We cut the training time in half.")
    with wave.open(str(path)) as w:
        source_seconds = w.getnframes() / w.getframerate()
        assert w.getframerate() == 22050
    audio = decode(path.read_bytes(), "answer.wav")
    assert audio.source_rate == 22050
    assert abs(audio.duration_s - source_seconds) < 0.05
    assert audio.samples.dtype == np.float32 and 0.05 < float(np.abs(audio.samples).max()) <= 1.0


def test_opus_in_ogg_decodes_like_the_wav(spoken: Callable[..., Path]) -> None:
    data = spoken("We cut the training time in half.").read_bytes()
    a, b = decode(data, "a.wav"), decode(to_ogg(data), "a.ogg")
    assert b.source_rate == 48000
    assert abs(a.duration_s - b.duration_s) < 0.1


def test_empty_file() -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        decode(b"", "answer.wav")


def test_text_is_not_audio() -> None:
    with pytest.raises(InvalidDocumentError, match="not an audio file"):
        decode(b"Situation: our model was slow.\n" * 50, "answer.txt")


def test_truncated_header_is_not_audio(spoken: Callable[..., Path]) -> None:
    with pytest.raises((InvalidDocumentError, EmptyInputError)):
        decode(spoken("hello there").read_bytes()[:30], "cut.wav")


def test_too_low_sample_rate() -> None:
    tone = np.sin(np.arange(4000 * 2) * 0.3).astype(np.float32) * 0.5
    with pytest.raises(InvalidDocumentError, match="4,000 Hz; speech needs at least 8,000 Hz"):
        decode(wav_bytes(tone, 4000), "phone.wav")


def test_too_long_stops_decoding_at_the_limit() -> None:
    noise = (np.random.default_rng(0).standard_normal(RATE * 4) * 0.1).astype(np.float32)
    with pytest.raises(TooLargeError, match="longer than"):
        decode(wav_bytes(noise, RATE), "long.wav", max_seconds=3)


def test_a_blip_is_too_short() -> None:
    with pytest.raises(EmptyInputError, match="too short"):
        decode(wav_bytes(np.zeros(RATE // 10, dtype=np.float32), RATE), "blip.wav")
