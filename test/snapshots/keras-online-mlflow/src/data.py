"""Load MNIST from a local folder (the job's ``uri_folder`` input). Pure numpy: no TensorFlow.

Why no download: ``tf.keras.datasets.mnist.load_data()`` fetches ~11 MB from the internet on
every run, which fails on locked-down compute and makes runs irreproducible. The job mounts the
data instead, and this module accepts the two common layouts found anywhere below that folder:

* the four original IDX files (optionally gzipped): ``train-images-idx3-ubyte``,
  ``train-labels-idx1-ubyte``, ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``
  (the variant spelling ``train-images.idx3-ubyte`` is accepted too);
* ``mnist.npz`` with ``x_train``, ``y_train``, ``x_test``, ``y_test`` (the Keras cache format).

Images stay raw 0-255 pixels: the model rescales them itself, so training, ``score.py``, the
MLflow model and the ONNX/Triton model all take the same input.
"""

from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

IMAGE_SIZE = 28
NUM_CLASSES = 10
NPZ_NAME = "mnist.npz"
_NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")

# IDX type codes (http://yann.lecun.com/exdb/mnist/ "THE IDX FILE FORMAT"); multi-byte values
# are big-endian.
_IDX_DTYPES: dict[int, str] = {
    0x08: "u1",
    0x09: "i1",
    0x0B: ">i2",
    0x0C: ">i4",
    0x0D: ">f4",
    0x0E: ">f8",
}

_SPLITS: dict[str, tuple[str, str]] = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


class DataError(ValueError):
    """The data folder or a file in it is not usable; the message says what to fix."""


@dataclass(frozen=True)
class Mnist:
    """MNIST split into train and test; images ``(N, 28, 28)`` uint8, labels ``(N,)`` int64."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def read_idx(path: str | Path) -> np.ndarray:
    """Read one IDX file (plain or ``.gz``) into an array, checking the header against the size.

    The header is ``0x00 0x00 <type> <ndim>`` followed by ``ndim`` big-endian uint32 sizes.
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            raw = handle.read()
    except (OSError, EOFError) as exc:
        raise DataError(f"cannot read IDX file {path}: {exc}") from exc
    if len(raw) < 4:
        raise DataError(f"{path} is too short to be an IDX file")
    zero, type_code, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or type_code not in _IDX_DTYPES or ndim == 0:
        raise DataError(f"{path} is not an IDX file (bad magic number {raw[:4].hex()})")
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataError(f"{path}: IDX header is truncated")
    shape = struct.unpack(f">{ndim}I", raw[4:header_size])
    dtype = np.dtype(_IDX_DTYPES[type_code])
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) - header_size != expected:
        raise DataError(
            f"{path}: header says shape {shape} ({expected} bytes) but the file holds "
            f"{len(raw) - header_size} bytes of data"
        )
    array = np.frombuffer(raw, dtype=dtype, offset=header_size).reshape(shape)
    return array.astype(dtype.newbyteorder("="), copy=False)


def _candidate_names(stem: str) -> set[str]:
    """File names accepted for ``stem``: as published, gzipped, and the ``.idx`` spelling."""
    dotted = stem.replace("-idx", ".idx")
    return {name.lower() for base in (stem, dotted) for name in (base, base + ".gz")}


def find_file(root: str | Path, stem: str) -> Path | None:
    """Return the shallowest file below ``root`` whose name matches ``stem``, or None."""
    names = _candidate_names(stem)
    matches = [p for p in Path(root).rglob("*") if p.is_file() and p.name.lower() in names]
    matches.sort(key=lambda p: (len(p.parts), str(p)))
    return matches[0] if matches else None


def check_split(
    images: np.ndarray, labels: np.ndarray, where: str
) -> tuple[np.ndarray, np.ndarray]:
    """Validate one split and normalise dtypes: images uint8 ``(N, 28, 28)``, labels int64."""
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
        raise DataError(f"{where}: images must be (N, 28, 28), got {images.shape}")
    labels = np.asarray(labels).reshape(-1)
    if labels.shape[0] != images.shape[0]:
        raise DataError(f"{where}: {images.shape[0]} images but {labels.shape[0]} labels")
    if labels.size and (labels.min() < 0 or labels.max() >= NUM_CLASSES):
        raise DataError(f"{where}: labels must be digits 0-9")
    if images.size and (images.min() < 0 or images.max() > 255):
        raise DataError(f"{where}: pixel values must be within 0-255")
    if images.dtype.kind == "f" and images.size and images.max() <= 1.0:
        # Casting 0-1 floats to uint8 would silently turn every image black.
        raise DataError(f"{where}: pixels look scaled to 0-1; store raw 0-255 values")
    return images.astype(np.uint8), labels.astype(np.int64)


def load_idx_folder(root: str | Path) -> Mnist | None:
    """Load the four IDX files below ``root``; None if there are none at all."""
    found = {
        split: tuple(find_file(root, stem) for stem in stems) for split, stems in _SPLITS.items()
    }
    paths = [p for pair in found.values() for p in pair]
    if not any(paths):
        return None
    missing = [
        stem
        for split, stems in _SPLITS.items()
        for stem, path in zip(stems, found[split], strict=True)
        if path is None
    ]
    if missing:
        raise DataError(f"incomplete MNIST IDX set under {root}: missing {', '.join(missing)}")
    arrays = {}
    for split, (image_path, label_path) in found.items():
        assert image_path is not None and label_path is not None  # checked above
        arrays[split] = check_split(read_idx(image_path), read_idx(label_path), str(image_path))
    return Mnist(*arrays["train"], *arrays["test"])


def load_npz(path: str | Path) -> Mnist:
    """Load ``mnist.npz`` (keys ``x_train``, ``y_train``, ``x_test``, ``y_test``)."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files if key in _NPZ_KEYS}
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {path} as an .npz archive: {exc}") from exc
    missing = sorted(set(_NPZ_KEYS) - set(arrays))
    if missing:
        raise DataError(f"{path} lacks the arrays {', '.join(missing)}")
    train = check_split(arrays["x_train"], arrays["y_train"], f"{path}:x_train")
    test = check_split(arrays["x_test"], arrays["y_test"], f"{path}:x_test")
    return Mnist(*train, *test)


def load_mnist(data: str | Path) -> Mnist:
    """Load MNIST from ``data``: an ``.npz`` file, or a folder holding IDX files or mnist.npz."""
    path = Path(data)
    if path.is_file():
        if path.suffix.lower() == ".npz":
            return load_npz(path)
        raise DataError(f"--data {path} is a file but not an .npz; pass the folder instead")
    if not path.is_dir():
        raise DataError(f"--data {path} does not exist")
    from_idx = load_idx_folder(path)
    if from_idx is not None:
        return from_idx
    npz = find_file(path, NPZ_NAME)
    if npz is not None:
        return load_npz(npz)
    raise DataError(
        f"no MNIST data under {path}: expected the IDX files ({', '.join(_SPLITS['train'])}, "
        f"{', '.join(_SPLITS['test'])}, optionally .gz) or {NPZ_NAME}"
    )


def to_model_input(images: np.ndarray) -> np.ndarray:
    """Shape images for the network: float32 ``(N, 28, 28, 1)``, still in 0-255."""
    array = np.asarray(images, dtype=np.float32)
    return array.reshape(-1, IMAGE_SIZE, IMAGE_SIZE, 1)
