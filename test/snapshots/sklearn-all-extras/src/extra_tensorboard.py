"""TensorBoard extra: training metrics as event files under ``outputs/tblogs``.

The training job's ``services.tensorboard`` (``type: tensor_board``) serves that folder while the
job runs; files under ``outputs/`` are also kept with the job's artifacts. Iterative frameworks
write one point per metric per epoch (``on_epoch_end``); scikit-learn trains in one step, so it
writes its final metrics once (``after_training``). PyTorch writes with
``torch.utils.tensorboard.SummaryWriter``; the others with ``tensorboard.summary.Writer``, which
needs only numpy (no torch in their environments).

The job environment pins ``tensorboard``. Without it (e.g. a bare local run) training still runs and
warns once, because losing the curves must not cost a finished model.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

LOG_SUBDIR = "tblogs"
_WRITER = "_tensorboard_writer"  # attribute on ctx: the open writer, or False when unavailable
_EPOCHS = "_tensorboard_epochs"  # attribute on ctx: True once an epoch was written


def log_dir(ctx: Any) -> Path:
    """``<outputs>/tblogs``: the folder the job's TensorBoard service reads."""
    return Path(ctx.outputs_dir) / LOG_SUBDIR


def _open_writer(ctx: Any) -> Any:
    """A writer with ``add_scalar(tag, value, step)``, ``flush()`` and ``close()``."""
    folder = log_dir(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    if ctx.framework == "pytorch":
        from torch.utils.tensorboard import SummaryWriter

        return SummaryWriter(log_dir=str(folder))
    from tensorboard.summary import Writer

    return Writer(str(folder))


def writer(ctx: Any) -> Any | None:
    """The run's writer, opened on first use and kept on ``ctx``; None without TensorBoard."""
    current = getattr(ctx, _WRITER, None)
    if current is None:
        try:
            current = _open_writer(ctx)
        except ImportError as exc:
            warnings.warn(
                f"TensorBoard logging is off: {exc}. The job environment installs tensorboard "
                "(environment/conda.yaml); locally: pip install -r requirements-dev.txt",
                RuntimeWarning,
                stacklevel=2,
            )
            current = False
        setattr(ctx, _WRITER, current)
    return current or None


def _write(ctx: Any, metrics: dict[str, Any], step: int) -> None:
    numbers = {k: float(v) for k, v in metrics.items() if isinstance(v, (int, float))}
    if not numbers:
        return
    tb = writer(ctx)
    if tb is None:
        return
    for name, value in numbers.items():
        tb.add_scalar(name, value, step)
    tb.flush()  # the live service shows each epoch as soon as it ends


def on_epoch_end(ctx: Any, epoch: int, metrics: dict[str, float]) -> None:
    """One point per metric, with the epoch (RLlib: the iteration) as the step."""
    _write(ctx, metrics, epoch)
    if metrics:
        setattr(ctx, _EPOCHS, True)


def after_training(ctx: Any) -> None:
    """Without per-epoch points (scikit-learn), the final metrics at step 0; then close."""
    if not getattr(ctx, _EPOCHS, False):
        _write(ctx, ctx.metrics, 0)
    tb = getattr(ctx, _WRITER, None)
    if tb:
        tb.close()
        setattr(ctx, _WRITER, False)  # closed: later writes would fail
