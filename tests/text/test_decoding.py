"""One way to decode a text file, shared by the CLI and the web app (issue #23, item 3)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loopcoach.errors import BinaryInputError, EmptyInputError, TooLargeError
from loopcoach.text.decoding import decode_text

STORY = ("Our nightly ETL job failed twice a week. I had to make it reliable before the audit. "
         "I added retries and an idempotent loader, and I wrote alerts for late partitions. "
         "Failures dropped from 8 a month to 0 for a quarter, and the audit passed.\n")
RESUME = ("# Zoë Müller\nzoe@example.com · github.com/zoe\n\n## Projects\n"
          "- Built a retrieval service in PyTorch that cut p99 latency by 35%.\n")


@pytest.mark.parametrize(("encoded", "label"), [
    (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-bom"),
    (STORY.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be"),
    (STORY.encode("utf-16"), "utf-16-native-bom"),
    (codecs.BOM_UTF32_LE + STORY.encode("utf-32-le"), "utf-32-le"),
])
def test_unicode_with_or_without_bom_is_read(encoded: bytes, label: str) -> None:
    assert decode_text(encoded, label) == STORY


@pytest.mark.parametrize(("data", "error", "phrase"), [
    ("Résumé café".encode("latin-1"), BinaryInputError, "not UTF-8 text (byte 2"),
    (b"\xff\xfeA", BinaryInputError, "UTF-16 byte-order mark but is not valid UTF-16"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(200), BinaryInputError, "binary file"),
    (bytes(range(1, 32)) * 50, BinaryInputError, "binary file"),
    (b" \n\t ", EmptyInputError, "is empty"),
    (codecs.BOM_UTF16_LE, EmptyInputError, "is empty"),
    (b"a" * 11, TooLargeError, "the limit is 10 bytes"),
])
def test_refusals_are_one_sentence(data: bytes, error: type[Exception], phrase: str) -> None:
    with pytest.raises(error) as info:
        decode_text(data, "f.txt", max_bytes=10 if error is TooLargeError else None)
    message = str(info.value)
    assert phrase in message and message.startswith("f.txt ") and message.endswith(".") and "\n" not in message


def test_cli_and_web_agree_on_utf16_and_invalid_utf8(cli: Callable[..., Any], client: Any, tmp_path: Path) -> None:
    utf16 = tmp_path / "resume-utf16.txt"
    utf16.write_bytes(RESUME.encode("utf-16"))
    latin = tmp_path / "resume-latin1.txt"
    latin.write_bytes(RESUME.encode("latin-1", "replace"))

    cli_ok = cli("resume", "check", str(utf16), "--json")
    assert cli_ok.exit_code == 0, cli_ok.stderr
    assert json.loads(cli_ok.stdout)["contact"]["email"] == "zoe@example.com"
    web_ok = client.post("/resume/check", files={"resume": (utf16.name, utf16.read_bytes(), "text/plain")})
    assert web_ok.status_code == 200 and "zoe@example.com" in web_ok.text

    cli_bad = cli("resume", "check", str(latin), "--json")
    assert cli_bad.exit_code == 2
    sentence = json.loads(cli_bad.stdout)["error"]["message"]
    assert "is not UTF-8 text" in sentence
    web_bad = client.post("/resume/check", files={"resume": (latin.name, latin.read_bytes(), "text/plain")})
    assert web_bad.status_code == 400 and "is not UTF-8 text" in web_bad.text

    story16 = tmp_path / "story16.txt"
    story16.write_bytes(STORY.encode("utf-16"))
    assert cli("story", "check", str(story16), "--json").exit_code == 0
