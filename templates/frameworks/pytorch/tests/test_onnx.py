"""ONNX export in the Triton layout; the graph and ``config.pbtxt`` must agree."""

from __future__ import annotations

import importlib.util

import re
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from model import build_model, export_onnx

IMAGE_SIZE = 64
NUM_CLASSES = 3
MODEL_NAME = "fowl_classifier"
_ONNX_TO_TRITON = {onnx.TensorProto.FLOAT: "TYPE_FP32"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    torch.manual_seed(0)
    model = build_model(NUM_CLASSES, pretrained=False).eval()
    repo = tmp_path_factory.mktemp("triton")
    return model, repo, export_onnx(model, IMAGE_SIZE, repo, MODEL_NAME)


def parse_pbtxt(text: str) -> dict:
    """Just enough of the protobuf text format for the fields this project writes."""

    def tensors(section: str) -> list:
        block = re.search(section + r"\s*\[(.*?)\n\]", text, re.DOTALL)
        entries = re.findall(r"\{(.*?)\}", block.group(1), re.DOTALL) if block else []
        return [
            {
                "name": re.search(r'name:\s*"([^"]+)"', entry).group(1),
                "data_type": re.search(r"data_type:\s*(\w+)", entry).group(1),
                "dims": [
                    int(d)
                    for d in re.search(r"dims:\s*\[([^\]]*)\]", entry)
                    .group(1)
                    .replace(",", " ")
                    .split()
                ],
            }
            for entry in entries
        ]

    return {
        "name": re.search(r'^name:\s*"([^"]+)"', text, re.MULTILINE).group(1),
        "platform": re.search(r'^platform:\s*"([^"]+)"', text, re.MULTILINE).group(1),
        "max_batch_size": int(re.search(r"^max_batch_size:\s*(\d+)", text, re.MULTILINE).group(1)),
        "input": tensors("input"),
        "output": tensors("output"),
    }


def _graph_tensors(values) -> list:
    return [
        {
            "name": value.name,
            "data_type": _ONNX_TO_TRITON.get(value.type.tensor_type.elem_type, "?"),
            "dims": [
                d.dim_value if d.HasField("dim_value") else d.dim_param
                for d in value.type.tensor_type.shape.dim
            ],
        }
        for value in values
    ]


def test_triton_layout(exported) -> None:
    _model, repo, onnx_path = exported
    assert onnx_path == repo / MODEL_NAME / "1" / "model.onnx"
    assert (repo / MODEL_NAME / "config.pbtxt").is_file()


def test_onnx_model_is_valid(exported) -> None:
    onnx.checker.check_model(str(exported[2]))


def test_graph_matches_config(exported) -> None:
    _model, repo, onnx_path = exported
    config = parse_pbtxt((repo / MODEL_NAME / "config.pbtxt").read_text())
    graph = onnx.load(str(onnx_path)).graph
    initializers = {init.name for init in graph.initializer}
    inputs = _graph_tensors(v for v in graph.input if v.name not in initializers)
    outputs = _graph_tensors(graph.output)

    assert config["name"] == MODEL_NAME
    assert config["platform"] == "onnxruntime_onnx"
    assert [t["name"] for t in inputs] == [t["name"] for t in config["input"]] == ["input"]
    assert [t["name"] for t in outputs] == [t["name"] for t in config["output"]] == ["output"]
    assert config["input"][0]["dims"] == [3, IMAGE_SIZE, IMAGE_SIZE]
    assert config["output"][0]["dims"] == [NUM_CLASSES]
    pairs = zip(inputs + outputs, config["input"] + config["output"], strict=True)
    for from_graph, from_config in pairs:
        assert from_graph["data_type"] == from_config["data_type"] == "TYPE_FP32"
        if config["max_batch_size"] > 0:  # Triton adds the batch dim: it must be dynamic
            assert isinstance(from_graph["dims"][0], str)
            assert from_graph["dims"][1:] == from_config["dims"]
        else:
            assert from_graph["dims"] == from_config["dims"]


def test_invalid_model_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_onnx(build_model(2, pretrained=False), IMAGE_SIZE, tmp_path, "../escape")


def test_onnxruntime_agrees_with_torch_where_installed(exported) -> None:
    """The opset must be one Triton's onnxruntime backend runs; where onnxruntime is installed (the
    project's CI), its outputs must also match torch's. Not a skip: the opset check always runs."""
    model, _repo, onnx_path = exported
    opsets = {o.domain: o.version for o in onnx.load(str(onnx_path)).opset_import}
    assert 7 <= opsets.get("", opsets.get("ai.onnx", 0)) <= 21
    if importlib.util.find_spec("onnxruntime") is None:
        return
    import onnxruntime as ort

    batch = np.random.default_rng(0).normal(size=(2, 3, IMAGE_SIZE, IMAGE_SIZE)).astype(np.float32)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    (got,) = session.run(["output"], {"input": batch})
    with torch.no_grad():
        expected = model(torch.from_numpy(batch)).numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-3, atol=1e-4)
