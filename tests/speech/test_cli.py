"""``loopcoach speech`` and ``pitch check --audio`` on real espeak-ng audio with the real Whisper model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.speech.conftest import wav_bytes

pytestmark = pytest.mark.speech

PITCH = ('I built the search ranking model at a travel startup. <break time="2500ms"/> '
         'Um, I trained it myself and shipped it in six weeks. Uh, bookings rose by twelve percent.')


def test_transcribe_json_has_the_words_fillers_and_the_pause(cli: Callable[..., Any],
                                                             spoken: Callable[..., Path]) -> None:
    path = spoken(PITCH, ssml=True)
    r = cli("speech", "transcribe", str(path), "--kind", "pitch", "--json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    text = d["transcript"].lower()
    for word in ("ranking", "model", "startup", "shipped", "weeks", "12"):
        assert word in text
    assert [f["text"] for f in d["fillers"] if f["heard"]][:2] == ["um", "uh"]
    assert len(d["pauses"]) == 1 and abs(d["pauses"][0]["seconds"] - 2.5) < 0.3
    assert d["kind"] == "pitch" and d["target_s"] == 120 and d["within_target"] is True
    assert 100 < d["wpm"] < 200 and d["model"] == "whisper-tiny.en"


def test_pitch_check_audio_keeps_the_pitch_contract(cli: Callable[..., Any], spoken: Callable[..., Path]) -> None:
    r = cli("pitch", "check", "--audio", str(spoken(PITCH, ssml=True)), "--json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"words", "speaking_seconds", "within_two_minutes", "covers", "score", "feedback"} <= set(d)
    assert d["covers"]["metric"] is True
    assert "ranking" in d["transcript"].lower() and d["delivery"]["fillers"]
    human = cli("pitch", "check", "--audio", str(spoken(PITCH, ssml=True)))
    assert human.exit_code == 0 and "Fillers:" in human.stdout and "Score:" in human.stdout


def test_speech_check_story_runs_the_star_analysis(cli: Callable[..., Any], spoken: Callable[..., Path]) -> None:
    story = ("Our fraud model added three hundred milliseconds to checkout. I was asked to cut that. "
             "I moved the features into a cache. Latency dropped to forty milliseconds.")
    r = cli("speech", "check", str(spoken(story)), "--kind", "story", "--json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"transcript", "words", "duration_s", "wpm", "fillers_per_min", "pauses"} <= set(d)
    assert d["analysis"]["components"]["action"] is True
    # Time per STAR part: the labeller's sentences of the transcript placed on the word times.
    star = d["star"]
    assert star == d["delivery"]["star"]
    assert set(star["seconds"]) == {"situation", "task", "action", "result", "other"}
    labels = [s["label"] for s in d["analysis"]["sentences"]]
    assert [seg["label"] for seg in star["segments"]] == labels
    assert star["seconds"]["action"] > 0 and star["seconds"]["result"] > 0
    first, last = star["segments"][0], star["segments"][-1]
    assert first["start_s"] < 1.5 and abs(last["end_s"] - d["duration_s"]) < 1.5
    assert abs(sum(star["seconds"].values()) - (last["end_s"] - first["start_s"])) < 0.05
    assert abs(sum(star["shares"].values()) - 1) < 0.01
    human = cli("speech", "check", str(spoken(story)), "--kind", "story")
    assert "Time per STAR part: situation" in human.stdout
    # The history keeps both answers' transcript and figures, with no audio unless asked for.
    rows = json.loads(cli("speech", "history", "--json").stdout)["answers"]
    assert [r["id"] for r in rows][::-1] == [d["spoken_id"], d["spoken_id"] + 1]
    assert rows[1]["transcript"] == d["transcript"] and rows[1]["delivery"]["star"] == star
    assert rows[1]["attempt_id"] is not None and not any(r["has_audio"] for r in rows)


def test_speech_history_keeps_the_audio_when_asked_and_deletes(cli: Callable[..., Any],
                                                               spoken: Callable[..., Path]) -> None:
    clip = spoken("I built the ranking model and bookings rose by twelve percent.")
    sid = json.loads(cli("speech", "check", str(clip), "--keep-audio", "--json").stdout)["spoken_id"]
    row = json.loads(cli("speech", "history", "--json").stdout)["answers"][0]
    assert row["id"] == sid and row["has_audio"] and row["audio_name"] == clip.name
    assert f"#{sid}" in cli("speech", "history").stdout
    r = cli("speech", "delete", str(sid), "--audio-only")
    assert r.exit_code == 0 and "recording was deleted" in r.stdout
    assert not json.loads(cli("speech", "history", "--json").stdout)["answers"][0]["has_audio"]
    assert json.loads(cli("speech", "delete", str(sid), "--json").stdout) == {"id": sid, "deleted": "answer"}
    assert json.loads(cli("speech", "history", "--json").stdout)["answers"] == []
    again = cli("speech", "delete", str(sid))
    assert again.exit_code == 2 and "no spoken answer number" in again.stderr


def wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    path.write_bytes(wav_bytes(samples, rate))
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: (p.write_bytes(b""), p)[1], "empty"),
    (lambda p: (p.write_text("Situation, task, action, result.\n" * 20), p)[1], "not an audio file"),
    (lambda p: wav(p, np.zeros(16000 * 3)), "No speech was heard"),
    (lambda p: wav(p, np.full(8000, 0.01), rate=4000), "speech needs at least 8,000 Hz"),
    (lambda p: (p.open("wb").truncate(33 * 1024 * 1024), p)[1], "the limit is 33,554,432 bytes"),
])
def test_bad_audio_is_one_sentence_and_exit_2(cli: Callable[..., Any], tmp_path: Path,
                                              make: Callable[[Path], Path], message: str) -> None:
    path = make(tmp_path / "answer.wav")
    r = cli("speech", "transcribe", str(path), "--json")
    assert r.exit_code == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert json.loads(r.stdout)["error"]["message"] in r.stderr


def test_usage_errors(cli: Callable[..., Any], tmp_path: Path, spoken: Callable[..., Path]) -> None:
    assert "does not exist" in cli("speech", "transcribe", str(tmp_path / "none.wav")).stderr
    r = cli("speech", "check", str(spoken("hello")), "--kind", "theory")
    assert r.exit_code == 2 and "--question" in r.stderr
    r = cli("speech", "transcribe", str(spoken("hello")), "--kind", "song")
    assert r.exit_code == 2 and "unknown" in r.stderr
    r = cli("pitch", "check")
    assert r.exit_code == 2 and "--audio" in r.stderr


@pytest.mark.model
def test_speech_check_theory_grades_the_transcript(cli: Callable[..., Any], spoken: Callable[..., Path]) -> None:
    answer = ("A model with high bias underfits: it is too simple for the data. A model with high variance "
              "overfits the training set. Adding complexity lowers bias but raises variance.")
    r = cli("speech", "check", str(spoken(answer, speed=130)), "--kind", "theory", "--question",
            "bias-variance-tradeoff", "--json")
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["analysis"]["question_id"] == "bias-variance-tradeoff" and 0 <= d["analysis"]["score"] <= 100
    assert "bias" in d["transcript"].lower()
    r = cli("speech", "check", str(spoken("hello there")), "--kind", "theory", "--question", "no-such-question")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
