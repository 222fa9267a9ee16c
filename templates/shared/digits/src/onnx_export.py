"""Export the SavedModel to ONNX in the Triton repository layout. Pure except the subprocess.

Why the ``tf2onnx`` command line on the SavedModel instead of ``tf2onnx.convert.from_keras``:
``from_keras`` breaks on Keras 3 / TF >= 2.16 (open issues in onnx/tensorflow-onnx; the Keras 3
support PR is unmerged), while a SavedModel is plain TensorFlow and converts the same way
whichever Keras produced it. Running it as ``python -m tf2onnx.convert`` in a subprocess also
keeps tf2onnx's own TensorFlow graph work out of the training process.

Layout (what ``az ml model create --type triton_model --path <dir>`` expects)::

    <dir>/<name>/1/model.onnx
    <dir>/<name>/config.pbtxt      # its ``name`` must equal the folder name

Tensor names are fixed to ``input`` / ``output`` so Triton clients do not depend on the names
Keras happened to generate.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

OPSET = 17
INPUT_NAME = "input"
OUTPUT_NAME = "output"
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def triton_paths(onnx_output: str | Path, model_name: str) -> tuple[Path, Path]:
    """``(<dir>/<name>/1/model.onnx, <dir>/<name>/config.pbtxt)`` for a valid model name."""
    if not _NAME.match(model_name):
        raise ValueError(f"invalid Triton model name {model_name!r}: use letters, digits, _ . -")
    model_dir = Path(onnx_output) / model_name
    return model_dir / "1" / "model.onnx", model_dir / "config.pbtxt"


def tf2onnx_command(
    saved_model: str | Path, output: str | Path, opset: int = OPSET, python: str = sys.executable
) -> list[str]:
    """The ``python -m tf2onnx.convert`` command line (a list, no shell quoting involved)."""
    return [
        python,
        "-m",
        "tf2onnx.convert",
        "--saved-model",
        str(saved_model),
        "--output",
        str(output),
        "--opset",
        str(opset),
        "--rename-inputs",
        INPUT_NAME,
        "--rename-outputs",
        OUTPUT_NAME,
    ]


def _tensor(name: str, dims: Sequence[int]) -> str:
    """One ``config.pbtxt`` tensor entry; ``-1`` marks the dynamic batch dimension."""
    shape = ", ".join(str(d) for d in (-1, *dims))
    return '  { name: "' + name + '", data_type: TYPE_FP32, dims: [ ' + shape + " ] }\n"


def triton_config(model_name: str, input_shape: Sequence[int], num_outputs: int) -> str:
    """``config.pbtxt`` for the ONNX model.

    ``max_batch_size: 0`` with the batch dimension spelled out as ``-1`` keeps the config valid
    whatever batching Triton is set up with; the ONNX graph has a dynamic first dimension.
    """
    return (
        f'name: "{model_name}"\n'
        'backend: "onnxruntime"\n'
        "max_batch_size: 0\n"
        "input [\n" + _tensor(INPUT_NAME, input_shape) + "]\n"
        "output [\n" + _tensor(OUTPUT_NAME, [num_outputs]) + "]\n"
    )


def export_saved_model(
    saved_model: str | Path,
    onnx_output: str | Path,
    model_name: str,
    input_shape: Sequence[int],
    num_outputs: int,
    run: Callable[..., Any] = subprocess.run,
) -> Path:
    """Convert ``saved_model`` with tf2onnx and write the Triton layout; return the .onnx path."""
    onnx_path, config_path = triton_paths(onnx_output, model_name)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    run(tf2onnx_command(saved_model, onnx_path), check=True)
    config_path.write_text(triton_config(model_name, input_shape, num_outputs), encoding="utf-8")
    return onnx_path
