"""ONNX export with skl2onnx in the Triton layout: graph, config.pbtxt and predictions agree.

skl2onnx is imported only inside ``model.export_onnx``. Where it is missing, the export tests skip
with a reason naming it; the project's CI installs it (requirements-dev.txt) and runs them.
"""

from __future__ import annotations

import re

import numpy as np
import onnx
import pytest

from fake_mlflow import mlflow_or_fake
from model import (
    ONNX_INPUT,
    ONNX_LABEL,
    ONNX_PROBABILITIES,
    export_onnx,
    triton_config,
)

MODEL_NAME = "iris_model"
ONNX_TYPES = {onnx.TensorProto.FLOAT: "TYPE_FP32", onnx.TensorProto.STRING: "TYPE_STRING"}


def needs_skl2onnx() -> None:
    pytest.importorskip(
        "skl2onnx", reason="skl2onnx (the scikit-learn ONNX exporter) is not installed here; "
        "the project's CI installs it from requirements-dev.txt"
    )


def config_tensors(text: str, section: str) -> list[tuple[str, str, list[int]]]:
    """``(name, data_type, dims)`` of each tensor in an ``input [...]``/``output [...]`` block."""
    body = re.search(rf"^{section} \[(.*?)^\]", text, re.MULTILINE | re.DOTALL).group(1)
    return [
        (name, data_type, [int(d) for d in dims.replace(",", " ").split()])
        for name, data_type, dims in re.findall(
            r'name: "([^"]+)", data_type: (\w+), dims: \[([^\]]*)\]', body
        )
    ]


def graph_tensors(values) -> list[tuple[str, str, list[int]]]:
    return [
        (
            v.name,
            ONNX_TYPES.get(v.type.tensor_type.elem_type, "?"),
            [d.dim_value if d.HasField("dim_value") else -1 for d in v.type.tensor_type.shape.dim],
        )
        for v in values
    ]


def test_config_names_the_tensors_the_export_writes():
    text = triton_config(MODEL_NAME, 4, 3)
    assert re.search(r'^name: "iris_model"$', text, re.MULTILINE)
    assert 'platform: "onnxruntime_onnx"' in text and "max_batch_size: 0" in text
    assert config_tensors(text, "input") == [(ONNX_INPUT, "TYPE_FP32", [-1, 4])]
    assert config_tensors(text, "output") == [
        (ONNX_LABEL, "TYPE_STRING", [-1]),
        (ONNX_PROBABILITIES, "TYPE_FP32", [-1, 3]),
    ]
    assert "TYPE_INT64" in triton_config(MODEL_NAME, 4, 3, "TYPE_INT64")


def test_bad_name_or_width_is_refused_before_exporting(trained, tmp_path):
    model = trained[0]
    with pytest.raises(ValueError, match="model name"):
        export_onnx(model, 4, tmp_path, "../escape")
    with pytest.raises(ValueError, match="4 features"):
        export_onnx(model, 5, tmp_path, MODEL_NAME)
    assert not any(tmp_path.iterdir())


@pytest.fixture(scope="module")
def exported(trained, tmp_path_factory):
    needs_skl2onnx()
    repo = tmp_path_factory.mktemp("triton")
    return trained[0], repo, export_onnx(trained[0], 4, repo, MODEL_NAME)


def test_triton_layout_and_valid_graph(exported):
    _model, repo, onnx_path = exported
    assert onnx_path == repo / MODEL_NAME / "1" / "model.onnx"
    onnx.checker.check_model(str(onnx_path))


def test_graph_matches_config(exported):
    _model, repo, onnx_path = exported
    text = (repo / MODEL_NAME / "config.pbtxt").read_text(encoding="utf-8")
    graph = onnx.load(str(onnx_path)).graph
    initializers = {init.name for init in graph.initializer}
    inputs = graph_tensors(v for v in graph.input if v.name not in initializers)
    assert inputs == config_tensors(text, "input")
    assert graph_tensors(graph.output) == config_tensors(text, "output")


def test_onnxruntime_predicts_like_scikit_learn(exported, iris):
    model, _repo, onnx_path = exported
    ort = pytest.importorskip(
        "onnxruntime", reason="onnxruntime is not installed here; requirements-dev.txt has it"
    )
    X = np.asarray(iris[0], dtype=np.float32)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    labels, probabilities = session.run([ONNX_LABEL, ONNX_PROBABILITIES], {ONNX_INPUT: X})
    # float32 in ONNX vs float64 in scikit-learn: allow a rare flip on a class boundary.
    assert np.mean(labels.astype(str) == model.predict(iris[0])) >= 0.98
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-4)


def test_train_main_exports_when_asked(tmp_path, monkeypatch, project_root):
    needs_skl2onnx()
    mlflow_or_fake(monkeypatch, "sklearn")
    import train

    monkeypatch.chdir(tmp_path)
    # A file store: mlflow-skinny (requirements-dev.txt) has no SQLAlchemy for a database store.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    repo = tmp_path / "triton"
    train.main([
        "--data", str(project_root / "data" / "iris.csv"), "--model-output", str(tmp_path / "m"),
        "--onnx-output", str(repo), "--triton-model-name", MODEL_NAME,
    ])
    assert (repo / MODEL_NAME / "1" / "model.onnx").is_file()
    assert (repo / MODEL_NAME / "config.pbtxt").is_file()


def test_onnx_flags_default_to_no_export():
    import train

    args = train.parse_args([])
    assert args.onnx_output is None and args.triton_model_name == "model"
    args = train.parse_args(["--onnx-output", "out", "--triton-model-name", MODEL_NAME])
    assert (args.onnx_output, args.triton_model_name) == ("out", MODEL_NAME)
