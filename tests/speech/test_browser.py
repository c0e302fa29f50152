"""Real Chromium with a fake microphone that plays an espeak-ng WAV: record, upload, transcript in the box."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM
from tests.speech.conftest import speak

pytestmark = [pytest.mark.browser, pytest.mark.speech]
# Transcribing the clip takes seconds on an idle machine; the wait is long because CI shares two cores.
TRANSCRIBE_WAIT_MS = 180_000

PITCH = ("I built the search ranking model at a travel startup. Um, I trained it myself, "
         "and bookings rose by twelve percent.")


@pytest.fixture(scope="module")
def mic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak(PITCH, tmp_path_factory.mktemp("mic") / "pitch.wav")


@pytest.fixture(scope="module")
def mic_browser(browser: Any, mic_file: Path) -> Iterator[Any]:
    """Chromium whose microphone plays ``mic_file`` and which grants the permission without asking.

    Launched from the session's Playwright (a second sync_playwright() inside the first one is refused).
    """
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
              "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-audio-capture={mic_file}"])
    yield chromium
    chromium.close()


def _mic_page(mic_browser: Any, live_server: str) -> tuple[Any, Any, list[str]]:
    """A context allowed the fake microphone, its page, and the page's script errors as they happen."""
    context = mic_browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 1000})
    context.grant_permissions(["microphone"], origin=live_server)
    page = context.new_page()
    page.set_default_timeout(TRANSCRIBE_WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def test_record_a_pitch_and_get_the_transcript(mic_browser: Any, mic_file: Path, live_server: str,
                                                shot: Any) -> None:
    clip_s = _clip_s(mic_file)
    context, page, errors = _mic_page(mic_browser, live_server)
    page.goto("/behavioral/pitch")
    page.click("[data-speech-start]")
    expect(page.locator("[data-speech-timer]")).not_to_have_text("0:00")  # the CSP forbids wait_for_function's eval
    assert page.locator("[data-speech-stop]").is_visible()
    page.wait_for_timeout(int((clip_s + 0.2) * 1000))  # the fake microphone plays the clip once through
    page.click("[data-speech-stop]")
    page.wait_for_selector("[data-speech-delivery]")
    assert not page.locator("[data-speech-stop]").is_visible()
    text = page.input_value("#pitch-text").lower()
    assert "ranking model" in text and "startup" in text
    assert page.locator("[data-speech-playback]").is_visible()
    # The live pitch check ran on the transcript: its metric and length figures are shown.
    expect(page.locator("#pitch-analysis")).to_contain_text("words", timeout=TRANSCRIBE_WAIT_MS)
    assert "How you said it" in page.locator("[data-speech-result]").inner_text()
    shot(page, "speech-pitch-recorded")
    assert errors == []
    context.close()


def test_upload_a_file_on_the_theory_card(mic_browser: Any, mic_file: Path, live_server: str) -> None:
    context = mic_browser.new_context(base_url=live_server)
    page = context.new_page()
    page.set_default_timeout(TRANSCRIBE_WAIT_MS)
    page.goto("/theory/drill")
    page.set_input_files("[data-speech-file]", str(mic_file))
    page.wait_for_selector("[data-speech-delivery]")
    assert "ranking" in page.input_value("#answer").lower()
    page.set_input_files("[data-speech-file]", {"name": "notes.wav", "mimeType": "audio/wav",
                                                "buffer": b"this is not audio"})
    expect(page.locator("[data-speech-status]")).to_contain_text("not an audio", timeout=TRANSCRIBE_WAIT_MS)
    context.close()


def _record(page: Any, root: str, clip_s: float) -> None:
    """Press record in the recorder ``root``, let the fake microphone play the clip, press stop."""
    page.click(f"{root} [data-speech-start]")
    expect(page.locator(f"{root} [data-speech-timer]")).not_to_have_text("0:00")
    page.wait_for_timeout(int((clip_s + 0.2) * 1000))
    page.click(f"{root} [data-speech-stop]")
    page.wait_for_selector(f"{root} [data-speech-delivery]")


def _clip_s(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_record_a_question_in_the_design_interviewer_chat(mic_browser: Any, mic_file: Path, live_server: str,
                                                          ctx: Any, shot: Any) -> None:
    from loopcoach.services import design

    sid = design.start_session(ctx, "hate-speech-detection")
    context, page, errors = _mic_page(mic_browser, live_server)
    page.goto(f"/design/sessions/{sid}")
    assert page.locator("[data-speech-recorder]").get_attribute("data-target") == "#question"
    page.check("[data-speech-keep]")  # keep this recording in the history
    _record(page, "[data-speech-recorder]", _clip_s(mic_file))
    spoken = page.input_value("#question").lower()
    assert "ranking model" in spoken and "startup" in spoken
    shot(page, "speech-design-chat-recorded")
    page.click("#ask-form button[type=submit]")  # the spoken question goes to the interviewer like a typed one
    page.locator("#chat-log .chat-a").first.wait_for()
    assert "ranking model" in page.locator("#chat-log").inner_text().lower()
    # The history keeps the transcript, the figures and (ticked) the recording, which can be played and deleted.
    page.goto("/speech/history")
    item = page.locator(".spoken-history li").first
    expect(item).to_contain_text("ranking model")
    expect(item).to_contain_text("words per minute")
    audio = item.locator("[data-spoken-audio]")
    assert page.request.get(audio.get_attribute("src") or "").body()[:4] in (b"\x1aE\xdf\xa3", b"OggS")
    shot(page, "speech-history")
    item.locator("button:has-text('Delete the recording')").click()
    expect(page.locator(".flash.ok")).to_contain_text("The recording was deleted")
    expect(page.locator("[data-spoken-audio]")).to_have_count(0)
    expect(page.locator(".spoken-history li").first).to_contain_text("ranking model")
    assert errors == []
    context.close()


def test_record_an_answer_in_a_mock_loop_interview(mic_browser: Any, mic_file: Path, live_server: str,
                                                   ctx: Any, shot: Any) -> None:
    from loopcoach.services import loop

    sid = loop.start(ctx, "onsite", mix=["behavioral", "coding", "theory", "design"], seed=3)["id"]
    context, page, errors = _mic_page(mic_browser, live_server)
    page.goto(f"/loop/{sid}")
    recorders = page.locator("[data-speech-recorder]")
    expect(recorders).to_have_count(2)  # one per behavioral question of the interview
    assert recorders.nth(1).get_attribute("data-kind") == "story"
    root = f"[data-speech-recorder][data-target='{recorders.nth(1).get_attribute('data-target')}']"
    _record(page, root, _clip_s(mic_file))
    target = recorders.nth(1).get_attribute("data-target") or ""
    assert "ranking model" in page.input_value(target).lower()
    assert page.input_value("#answer-0") == ""  # the other question's box is untouched
    expect(page.locator("#saved-1")).to_contain_text("Saved")  # the loop's autosave ran on the transcript
    saved = loop.view(ctx, sid)["interviews"][0]["items"][1]["answer"]
    assert "ranking model" in saved.lower()
    shot(page, "speech-loop-recorded")
    assert errors == []
    context.close()
