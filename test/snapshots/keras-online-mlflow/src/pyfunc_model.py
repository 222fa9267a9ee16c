"""MLflow ``pyfunc`` wrapper around ``model.keras``: the MLflow model that ``train.py`` saves.

Imported by ``train.py`` (to save) and by MLflow when the model is loaded (no-code deployment,
``mlflow.pyfunc.load_model``); never by the tests or the scoring scripts.

Why a pyfunc wrapper rather than a Keras flavor (the robust option):

* ``mlflow.tensorflow.save_model`` records ``keras_module: tensorflow.keras`` and reloads
  through ``tensorflow.keras``. That is Keras 2 wherever ``TF_USE_LEGACY_KERAS=1`` (the curated
  TensorFlow image sets it), and Keras 2 cannot read a Keras 3 ``.keras`` file, so loading
  would depend on an environment variable of the serving container.
* ``mlflow.keras`` (the Keras 3 flavor) exists only in recent MLflow releases and is marked
  experimental; a training environment pinned to an older MLflow (as the no-code deployment
  advice suggests) does not have it.
* ``mlflow.pyfunc.PythonModel`` with ``artifacts=`` and ``code_paths=`` is stable across
  MLflow 2 and 3, and this wrapper imports ``keras`` itself, after setting ``KERAS_BACKEND``
  to the backend the model was trained with, so it loads the same way everywhere.

Input: float32 ``(N, 28, 28, 1)`` (or ``(N, 28, 28)`` / ``(N, 784)``) raw 0-255 pixels, as the
signature says; output: ``(N, 10)`` class probabilities.
"""

from __future__ import annotations

import os
from typing import Any

import mlflow.pyfunc
import numpy as np


class DigitClassifier(mlflow.pyfunc.PythonModel):
    """Loads ``context.artifacts["model"]`` (a ``.keras`` file) and returns probabilities."""

    def __init__(self, backend: str = "tensorflow") -> None:
        self.backend = backend
        self._model: Any = None

    def load_context(self, context: Any) -> None:
        """Load the Keras model once, on the backend it was trained with."""
        os.environ.setdefault("KERAS_BACKEND", self.backend)
        from model import load_model_file

        self._model = load_model_file(context.artifacts["model"])

    def predict(self, context: Any, model_input: Any, params: dict[str, Any] | None = None) -> Any:
        """Validate like ``score.py`` (same rules and limits), then predict probabilities."""
        from model import predict_proba
        from payload import to_images

        return predict_proba(self._model, to_images(np.asarray(model_input), what="input"))
