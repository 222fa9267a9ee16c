"""Build, train, save and load the MNIST network with ``tf.keras`` and ``tf.data``. No MLflow.

Keras flavour: the code uses ``tf.keras``. On the curated ``tensorflow-2.16-cuda12`` image
``TF_USE_LEGACY_KERAS=1`` makes that Keras 2 (``tf-keras``), which is the combination in which
``MultiWorkerMirroredStrategy`` + ``model.fit`` is known to work (with Keras 3 it is an open
issue, keras-team/keras#20585). Only APIs present in both Keras 2.13+ and Keras 3 are used
(``learning_rate=``, ``model.export``), so the code also runs where ``tf.keras`` is Keras 3.

TensorFlow is imported inside the functions, so the pure helpers here (artifact lookup, label
file) and the modules ``data``, ``distributed`` and ``payload`` are tested without it.

Saved artifacts (what ``score.py`` and ``batch_score.py`` load, without MLflow):
``<dir>/saved_model/`` (a TF SavedModel: input float32 ``(N, 28, 28, 1)`` raw 0-255 pixels,
output ``(N, 10)`` class probabilities) and ``<dir>/labels.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from data import IMAGE_SIZE, NUM_CLASSES, to_model_input

SAVED_MODEL_DIR = "saved_model"
LABELS_FILE = "labels.json"
LABELS = list(range(NUM_CLASSES))
INPUT_SHAPE = (IMAGE_SIZE, IMAGE_SIZE, 1)

EpochCallback = Callable[[int, dict[str, float]], None]


def _tf() -> Any:
    import tensorflow as tf

    return tf


def make_strategy(workers: int) -> Any:
    """``MultiWorkerMirroredStrategy`` for several workers, else TF's default strategy.

    Call it first thing, after ``distributed.prepare_tf_config()`` and before any other
    TensorFlow op: the multi-worker strategy must be created before the runtime starts.
    """
    tf = _tf()
    if workers > 1:
        problem = multi_worker_keras_problem(str(getattr(tf.keras, "__version__", "")))
        if problem:
            raise RuntimeError(problem)
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def multi_worker_keras_problem(keras_version: str) -> str | None:
    """Why ``tf.keras`` at ``keras_version`` cannot train multi-worker, or None when it can.

    Keras 3 ``model.fit`` fails under ``MultiWorkerMirroredStrategy`` ("Attempt to convert a value
    (PerReplica...)", keras-team/keras#20585), so fail before training with the fix, not mid-fit.
    """
    major = keras_version.split(".")[0]
    if major.isdigit() and int(major) >= 3:
        return (
            f"tf.keras is Keras {keras_version}, which cannot train under "
            "MultiWorkerMirroredStrategy (keras-team/keras#20585); install tf-keras and set "
            "TF_USE_LEGACY_KERAS=1 (the generated environment and job do both)"
        )
    return None


def build_model(learning_rate: float = 1e-3) -> Any:
    """A small conv net; rescaling is inside the model so every consumer sends 0-255 pixels."""
    keras = _tf().keras
    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE, name="image"),
            keras.layers.Rescaling(1.0 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(NUM_CLASSES, activation="softmax"),
        ],
        name="mnist_cnn",
    )
    model.compile(
        # learning_rate=, not lr= (removed from Keras optimizers; stale samples still use it).
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def make_dataset(
    x: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool, seed: int = 0
) -> Any:
    """``tf.data`` pipeline: cache, shuffle (training only), batch, prefetch.

    Sharding is set to DATA: the arrays are in memory, so there are no files to shard per
    worker; each worker takes its slice of every global batch instead.
    """
    tf = _tf()
    dataset = tf.data.Dataset.from_tensor_slices((to_model_input(x), np.asarray(y, np.int64)))
    dataset = dataset.cache()
    if shuffle:
        dataset = dataset.shuffle(min(len(x), 10_000), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return dataset.with_options(options)


def train(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    epochs: int = 5,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    strategy: Any = None,
    on_epoch_end: EpochCallback | None = None,
) -> tuple[Any, dict[str, list[float]]]:
    """Train under ``strategy`` (default: TF's default strategy); return model and history.

    ``batch_size`` is per replica: the global batch grows with the number of workers, so the
    per-step work per worker stays the same when nodes are added.
    """
    tf = _tf()
    strategy = strategy or tf.distribute.get_strategy()
    global_batch = batch_size * strategy.num_replicas_in_sync
    with strategy.scope():
        model = build_model(learning_rate)
    callbacks = []
    if on_epoch_end is not None:
        callbacks.append(
            tf.keras.callbacks.LambdaCallback(
                on_epoch_end=lambda epoch, logs: on_epoch_end(epoch, _floats(logs))
            )
        )
    history = model.fit(
        make_dataset(x_train, y_train, global_batch, shuffle=True),
        validation_data=make_dataset(x_val, y_val, global_batch, shuffle=False),
        epochs=epochs,
        shuffle=False,  # the tf.data pipeline shuffles; Keras 3 warns when fit() is asked to
        callbacks=callbacks,
        verbose=2,
    )
    return model, {name: [float(v) for v in values] for name, values in history.history.items()}


def _floats(logs: dict[str, Any] | None) -> dict[str, float]:
    return {name: float(value) for name, value in (logs or {}).items()}


def standalone_copy(model: Any, learning_rate: float) -> Any:
    """Rebuild the trained model outside any distribution strategy, with the same weights.

    Saving a model created under ``MultiWorkerMirroredStrategy`` can involve collective ops, so
    every worker must save at the same time or they hang. Saving a plain copy avoids that
    coupling: the chief can write MLflow and native artifacts, other workers a temp folder.
    """
    copy = build_model(learning_rate)
    copy.set_weights(model.get_weights())
    return copy


def serving_module(model: Any) -> Any:
    """Wrap the Keras model in a plain ``tf.Module`` with one fixed-signature ``__call__``.

    This is what ``train.py`` gives ``mlflow.tensorflow.save_model``: MLflow then stores a plain
    SavedModel and loads it with ``tf.saved_model.load``, so the no-code MLflow deployment needs
    TensorFlow only. A Keras model would be saved as ``model.keras`` and reloaded through
    ``tensorflow.keras``, which is Keras 2 or Keras 3 depending on ``TF_USE_LEGACY_KERAS`` in the
    serving container (it is unset there), so loading would depend on the environment.
    """
    tf = _tf()

    class DigitClassifier(tf.Module):
        def __init__(self, keras_model: Any) -> None:
            super().__init__(name="mnist_cnn")
            self.keras_model = keras_model  # tracked: its variables are saved with the module

        @tf.function(input_signature=[tf.TensorSpec([None, *INPUT_SHAPE], tf.float32, "image")])
        def __call__(self, images: Any) -> Any:
            return self.keras_model(images, training=False)

    return DigitClassifier(model)


def predict_proba(model: Any, images: np.ndarray) -> np.ndarray:
    """Class probabilities ``(N, 10)`` from an in-memory Keras model."""
    return np.asarray(model.predict(to_model_input(images), verbose=0))


def write_labels(out_dir: str | Path) -> Path:
    """Write ``labels.json``: class labels plus the input contract, for humans and clients."""
    path = Path(out_dir) / LABELS_FILE
    meta = {"labels": LABELS, "input_shape": list(INPUT_SHAPE), "pixel_range": [0, 255]}
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


def read_labels(directory: str | Path) -> list[int]:
    """Read the class labels written by :func:`write_labels`."""
    path = Path(directory) / LABELS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{LABELS_FILE} missing in {directory}")
    return [int(label) for label in json.loads(path.read_text(encoding="utf-8"))["labels"]]


def save_artifacts(model: Any, out_dir: str | Path) -> Path:
    """Save ``saved_model/`` + ``labels.json`` into ``out_dir``; return the SavedModel path.

    ``model.export`` (Keras 2.13+ and Keras 3) writes an inference-only SavedModel with a
    ``serve`` endpoint; ``tf.saved_model.save`` is the fallback for older Keras. The same
    SavedModel feeds ``tf2onnx`` for the ONNX/Triton export.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / SAVED_MODEL_DIR
    if hasattr(model, "export"):
        model.export(str(target))
    else:
        _tf().saved_model.save(model, str(target))
    write_labels(out)
    return target


def find_artifacts_dir(root: str | Path) -> Path:
    """Return the shallowest folder below ``root`` holding ``labels.json`` and ``saved_model/``.

    Azure ML inserts the registered folder name into ``AZUREML_MODEL_DIR``
    (``.../<model>/<version>/<folder>/...``), so the depth is not known in advance.
    """
    base = Path(root)
    found = [p.parent for p in base.rglob(LABELS_FILE) if (p.parent / SAVED_MODEL_DIR).is_dir()]
    if (base / LABELS_FILE).is_file() and (base / SAVED_MODEL_DIR).is_dir():
        found.append(base)
    if not found:
        raise FileNotFoundError(f"no {LABELS_FILE} next to {SAVED_MODEL_DIR}/ under {base}")
    return min(found, key=lambda p: (len(p.parts), str(p)))


class Predictor:
    """A loaded SavedModel plus labels; what ``score.py`` and ``batch_score.py`` call."""

    def __init__(self, loaded: Any, labels: list[int]) -> None:
        self._loaded = loaded  # keep a reference: the serving function needs its variables
        self._call = _serving_function(loaded)
        self.labels = labels

    def predict_proba(self, images: np.ndarray) -> np.ndarray:
        """Probabilities ``(N, 10)`` for float32 ``(N, 28, 28, 1)`` images in 0-255."""
        return np.asarray(self._call(to_model_input(images)), dtype=np.float64)

    def predict(self, images: np.ndarray) -> tuple[list[int], np.ndarray]:
        """Predicted labels and the probabilities behind them."""
        probabilities = self.predict_proba(images)
        labels = [self.labels[int(i)] for i in probabilities.argmax(axis=1)]
        return labels, probabilities


def _serving_function(loaded: Any) -> Callable[[np.ndarray], Any]:
    """The SavedModel's entry point: ``serve`` (from ``model.export``) or ``serving_default``."""
    tf = _tf()
    serve = getattr(loaded, "serve", None)
    if serve is not None:
        return lambda images: serve(tf.constant(images, dtype=tf.float32))
    signature = loaded.signatures["serving_default"]
    (input_name,) = signature.structured_input_signature[1].keys()

    def call(images: np.ndarray) -> Any:
        outputs = signature(**{input_name: tf.constant(images, dtype=tf.float32)})
        return next(iter(outputs.values()))

    return call


def load_artifacts(directory: str | Path) -> Predictor:
    """Load what :func:`save_artifacts` wrote (TensorFlow only, no Keras or MLflow needed)."""
    folder = Path(directory)
    labels = read_labels(folder)
    loaded = _tf().saved_model.load(str(folder / SAVED_MODEL_DIR))
    return Predictor(loaded, labels)
