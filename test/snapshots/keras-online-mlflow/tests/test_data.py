"""data.py: MNIST from IDX files or mnist.npz, with clear errors. Runs without TensorFlow."""

from __future__ import annotations

import numpy as np
import pytest

from data import DataError, load_mnist, read_idx, to_model_input


def test_idx_files_anywhere_below_the_folder(mnist_idx_dir):
    mnist = load_mnist(mnist_idx_dir)
    assert mnist.x_train.shape == (64, 28, 28) and mnist.x_train.dtype == np.uint8
    assert mnist.y_train.shape == (64,) and mnist.y_train.dtype == np.int64
    assert mnist.x_test.shape == (16, 28, 28) and mnist.y_test.shape == (16,)


def test_idx_round_trip_keeps_values(tmp_path, idx_writer):
    array = np.arange(2 * 28 * 28, dtype=np.uint64).reshape(2, 28, 28) % 256
    path = idx_writer(tmp_path / "x-idx3-ubyte", array.astype(np.uint8), compress=True)
    np.testing.assert_array_equal(read_idx(path), array)


def test_dotted_spelling_is_accepted(mnist_idx_dir):
    raw = mnist_idx_dir / "raw"
    (raw / "t10k-images-idx3-ubyte").rename(raw / "t10k-images.idx3-ubyte")
    assert load_mnist(mnist_idx_dir).x_test.shape == (16, 28, 28)


def test_npz_file_or_folder(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (8, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, 8),
        "x_test": rng.integers(0, 256, (4, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, 4),
    }
    (tmp_path / "cache").mkdir()
    np.savez(tmp_path / "cache" / "mnist.npz", **arrays)
    for source in (tmp_path, tmp_path / "cache" / "mnist.npz"):
        mnist = load_mnist(source)
        np.testing.assert_array_equal(mnist.x_test, arrays["x_test"])
        np.testing.assert_array_equal(mnist.y_train, arrays["y_train"])


def test_npz_missing_arrays(tmp_path):
    np.savez(tmp_path / "mnist.npz", x_train=np.zeros((1, 28, 28), np.uint8))
    with pytest.raises(DataError, match="lacks the arrays"):
        load_mnist(tmp_path)


def test_npz_scaled_to_unit_range_is_refused(tmp_path):
    x = np.full((2, 28, 28), 0.5, np.float32)
    y = np.zeros(2, np.int64)
    np.savez(tmp_path / "mnist.npz", x_train=x, y_train=y, x_test=x, y_test=y)
    with pytest.raises(DataError, match="0-1"):
        load_mnist(tmp_path)


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_mnist(tmp_path / "nope")
    with pytest.raises(DataError, match="no MNIST data"):
        load_mnist(tmp_path)


def test_a_file_that_is_not_npz(tmp_path):
    (tmp_path / "train.csv").write_text("a,b\n")
    with pytest.raises(DataError, match=r"not an \.npz"):
        load_mnist(tmp_path / "train.csv")


def test_incomplete_idx_set_names_the_missing_file(mnist_idx_dir):
    (mnist_idx_dir / "raw" / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte"):
        load_mnist(mnist_idx_dir)


def test_bad_magic_number(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(DataError, match="not an IDX file"):
        read_idx(path)


def test_truncated_data(tmp_path, idx_writer):
    path = idx_writer(tmp_path / "x", np.zeros((3, 28, 28), np.uint8))
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(DataError, match="header says shape"):
        read_idx(path)


def test_labels_out_of_range(mnist_idx_dir, idx_writer):
    idx_writer(mnist_idx_dir / "raw" / "t10k-labels-idx1-ubyte", np.full(16, 12, np.uint8))
    with pytest.raises(DataError, match="digits 0-9"):
        load_mnist(mnist_idx_dir)


def test_image_and_label_counts_must_match(mnist_idx_dir, idx_writer):
    idx_writer(mnist_idx_dir / "raw" / "t10k-labels-idx1-ubyte", np.zeros(3, np.uint8))
    with pytest.raises(DataError, match="16 images but 3 labels"):
        load_mnist(mnist_idx_dir)


def test_model_input_keeps_raw_pixels():
    batch = to_model_input(np.full((2, 28, 28), 255, np.uint8))
    assert batch.shape == (2, 28, 28, 1) and batch.dtype == np.float32
    assert batch.max() == 255.0  # the model rescales; every consumer sends 0-255
