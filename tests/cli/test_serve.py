"""`loopcoach serve` says "ready" only once the port answers and the model and graders are warm."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.conftest import free_port


def test_serve_says_ready_only_when_the_model_and_graders_are_loaded(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "loopcoach", "serve"], env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        lines = [proc.stderr.readline() for _ in range(3)]
        assert lines[0].startswith(f"loopcoach: starting http://127.0.0.1:{port}"), lines
        assert lines[1].strip() == "loopcoach: loading the sentence model and warming the graders...", lines
        assert lines[2].startswith(f"loopcoach: ready at http://127.0.0.1:{port} (sentence model and graders"), lines
        # The moment "ready" is printed the server answers and nothing is left to load for a first grade.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=10) as response:
            health = json.load(response)
        assert health["ready"] is True
        assert health["warm"] == ["sentence model", "theory grader", "design grader"]
        assert health["error"] is None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
