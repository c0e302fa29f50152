"""The ONNX session helper: one session per model file per process, clear errors, a word on stderr when slow."""

from pathlib import Path

import numpy as np
import pytest

from loopcoach.errors import InternalError
from loopcoach.text import inference


def _tiny_model(path: Path) -> Path:
    """A two-node ONNX graph written by hand (y = x + 1), so the test needs no converter."""
    import onnx  # the test extra installs it; loopcoach itself needs only onnxruntime
    from onnx import TensorProto, helper

    one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
    graph = helper.make_graph([helper.make_node("Add", ["x", "one"], ["y"])], "tiny",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None])], [one])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def test_one_session_per_file_per_process(tmp_path: Path) -> None:
    path = _tiny_model(tmp_path / "tiny.onnx")
    assert not inference.loaded(path)
    first = inference.load_session(path, "tiny model")
    assert inference.loaded(path)
    assert inference.load_session(tmp_path / "." / "tiny.onnx", "tiny model") is first
    (y,) = first.run(None, {"x": np.array([1.0, 2.0], dtype=np.float32)})
    assert y.tolist() == [2.0, 3.0]


def test_a_slow_load_is_announced_and_timed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _tiny_model(tmp_path / "slow.onnx")
    monkeypatch.setattr(inference, "SLOW_LOAD_SECONDS", 0.0)
    said: list[str] = []
    real_open = inference._open

    def slow_open(p: Path, label: str, float_weights: bool) -> inference.Session:
        import time

        time.sleep(0.2)  # longer than the threshold, so the timer fires before the load ends
        return real_open(p, label, float_weights)

    monkeypatch.setattr(inference, "_open", slow_open)
    inference.load_session(path, "slow model", say=said.append)
    assert said[0] == "loopcoach: loading the slow model (0 MB)..."
    assert said[1].startswith("loopcoach: the slow model is ready (")


def test_missing_and_broken_files_are_internal_errors(tmp_path: Path) -> None:
    with pytest.raises(InternalError, match="missing"):
        inference.load_session(tmp_path / "absent.onnx", "absent model")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not a protobuf")
    with pytest.raises(InternalError, match="cannot be loaded"):
        inference.load_session(broken, "broken model")
    assert not inference.loaded(broken)
