"""`loopcoach serve` loads the sentence model in the background at start-up and says when it is ready."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import free_port


def test_serve_loads_the_model_in_the_background_and_says_when_ready(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "loopcoach", "serve"], env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        lines = [proc.stderr.readline() for _ in range(3)]
        assert lines[0].startswith(f"loopcoach: serving http://127.0.0.1:{port}")
        assert lines[1].strip() == "loopcoach: loading the sentence model in the background..."
        assert lines[2].startswith("loopcoach: the sentence model is ready ("), lines
        deadline = time.monotonic() + 60
        while True:  # the server may still be binding its port when the model is ready
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    assert response.status == 200
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
