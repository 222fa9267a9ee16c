"""onnx_export.py: Triton layout, tf2onnx command line, config.pbtxt. Runs without tf2onnx."""

from __future__ import annotations

import sys

import pytest

from onnx_export import export_saved_model, tf2onnx_command, triton_config, triton_paths


def test_triton_layout(tmp_path):
    onnx_path, config_path = triton_paths(tmp_path, "mnist_model")
    assert onnx_path == tmp_path / "mnist_model" / "1" / "model.onnx"
    assert config_path == tmp_path / "mnist_model" / "config.pbtxt"


@pytest.mark.parametrize("name", ["", "../x", "a/b", " model"])
def test_bad_model_names(tmp_path, name):
    with pytest.raises(ValueError, match="invalid Triton model name"):
        triton_paths(tmp_path, name)


def test_command_uses_the_saved_model_cli_with_stable_names():
    command = tf2onnx_command("sm", "out.onnx")
    assert command[:3] == [sys.executable, "-m", "tf2onnx.convert"]
    assert command[command.index("--saved-model") + 1] == "sm"
    assert command[command.index("--output") + 1] == "out.onnx"
    assert command[command.index("--rename-inputs") + 1] == "input"
    assert command[command.index("--rename-outputs") + 1] == "output"


def test_config_names_the_folder_and_dynamic_batch():
    text = triton_config("mnist_model", (28, 28, 1), 10)
    assert 'name: "mnist_model"' in text and 'backend: "onnxruntime"' in text
    assert "dims: [ -1, 28, 28, 1 ]" in text and "dims: [ -1, 10 ]" in text
    assert "{" + "{" not in text  # never a Handlebars opener in generated content


def test_export_runs_the_command_and_writes_config(tmp_path):
    calls = []

    def fake_run(command, check):
        calls.append((command, check))
        onnx_path = command[command.index("--output") + 1]
        with open(onnx_path, "wb") as handle:
            handle.write(b"onnx")

    path = export_saved_model(
        tmp_path / "sm", tmp_path / "models", "model", (28, 28, 1), 10, fake_run
    )
    assert path == tmp_path / "models" / "model" / "1" / "model.onnx" and path.is_file()
    assert (tmp_path / "models" / "model" / "config.pbtxt").is_file()
    assert calls and calls[0][1] is True
