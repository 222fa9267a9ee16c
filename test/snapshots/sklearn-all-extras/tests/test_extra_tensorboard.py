"""TensorBoard extra: the training hooks write the metrics as event files under outputs/tblogs."""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import extensions
import extra_tensorboard

METRICS = {"val_accuracy": 0.9, "val_f1_macro": 0.88, "train_rows": 120, "val_rows": 30}
EXPECTED = {(name, 0) for name in METRICS}


def make_ctx(tmp_path: Path) -> SimpleNamespace:
    """The fields train.py's ``ctx`` has that this extra reads."""
    return SimpleNamespace(
        framework="sklearn", outputs_dir=tmp_path / "outputs", metrics=dict(METRICS)
    )


def run_hooks(ctx: SimpleNamespace) -> None:
    """What train.py does: one call after training."""
    extra_tensorboard.after_training(ctx)


class FakeWriter:
    """Records what the hooks write, in the shape of SummaryWriter / tensorboard.summary.Writer."""

    def __init__(self) -> None:
        self.points: set[tuple[str, int]] = set()
        self.closed = False

    def add_scalar(self, tag: str, value: float, step: int) -> None:
        assert isinstance(value, float)
        self.points.add((tag, int(step)))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def read_points(folder: Path) -> set[tuple[str, int]]:
    """(tag, step) of every summary value in the TFRecord event files below ``folder``."""
    from tensorboard.compat.proto import event_pb2

    points: set[tuple[str, int]] = set()
    for path in folder.glob("events.out.tfevents.*"):
        data = path.read_bytes()
        offset = 0
        while offset + 12 <= len(data):  # record: u64 length, u32 crc, data, u32 crc
            (length,) = struct.unpack("<Q", data[offset:offset + 8])
            event = event_pb2.Event.FromString(data[offset + 12:offset + 12 + length])
            points.update((value.tag, int(event.step)) for value in event.summary.value)
            offset += 12 + length + 4
    return points


def test_train_py_runs_this_extra() -> None:
    assert extra_tensorboard in extensions.EXTRAS


def test_hooks_write_every_metric_and_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeWriter()
    monkeypatch.setattr(extra_tensorboard, "_open_writer", lambda ctx: fake)
    run_hooks(make_ctx(tmp_path))
    assert fake.points == EXPECTED
    assert fake.closed


def test_missing_tensorboard_warns_and_training_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("tensorboard", "tensorboard.summary", "torch.utils.tensorboard"):
        monkeypatch.setitem(sys.modules, name, None)  # makes the import fail
    ctx = make_ctx(tmp_path)
    with pytest.warns(RuntimeWarning, match="tensorboard"):
        run_hooks(ctx)
    assert not list(extra_tensorboard.log_dir(ctx).glob("events.out.tfevents.*"))


def test_event_files_hold_the_metrics(tmp_path: Path) -> None:
    pytest.importorskip(
        "tensorboard", reason="needs the tensorboard package (requirements-dev.txt installs it)"
    )
    ctx = make_ctx(tmp_path)
    run_hooks(ctx)
    folder = tmp_path / "outputs" / "tblogs"  # the job's services.tensorboard.log_dir
    assert extra_tensorboard.log_dir(ctx) == folder
    assert list(folder.glob("events.out.tfevents.*"))
    assert read_points(folder) >= EXPECTED
