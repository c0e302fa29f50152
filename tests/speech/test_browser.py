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


def test_record_a_pitch_and_get_the_transcript(mic_browser: Any, mic_file: Path, live_server: str,
                                                shot: Any) -> None:
    with wave.open(str(mic_file)) as w:
        clip_s = w.getnframes() / w.getframerate()
    context = mic_browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 1000})
    context.grant_permissions(["microphone"], origin=live_server)
    page = context.new_page()
    page.set_default_timeout(TRANSCRIBE_WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
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
