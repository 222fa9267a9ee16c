"""Build, train, save, load and export the ResNet-18 classifier: the pure part (no MLflow).

Kept free of tracking code so that tests, ``score.py`` and ``batch_score.py`` import it without
MLflow, and so the same ``fit`` runs unchanged in one process or under DDP.
"""

from __future__ import annotations

import copy
import inspect
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torchvision.models import ResNet18_Weights, resnet18

ARCH = "resnet18"
WEIGHTS_FILE = "weights.pt"
LABELS_FILE = "labels.json"
CHECKPOINT_FILE = "checkpoint.pt"
INPUT_NAME = "input"
OUTPUT_NAME = "output"
ONNX_OPSET = 17
TRITON_MAX_BATCH_SIZE = 64
_TRITON_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")

Metrics = dict[str, float]
EpochCallback = Callable[[int, Metrics], None]


@dataclass
class Artifacts:
    """A loaded model plus what scoring needs to prepare inputs and name outputs."""

    model: nn.Module
    classes: list[str]
    image_size: int


# --------------------------------------------------------------------------- build


def build_model(num_classes: int, pretrained: bool = True) -> nn.Module:
    """ResNet-18 with a fresh final layer for ``num_classes``.

    ``weights=`` replaces the deprecated ``pretrained=True``; ``pretrained=False`` never touches
    the network, which is what tests and ``load_artifacts`` need.
    """
    weights = ResNet18_Weights.DEFAULT if pretrained else None
    model = resnet18(weights=weights)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model


# --------------------------------------------------------------------------- train


def _autocast(device: torch.device):
    """Mixed precision pays off on GPUs only; on CPU the context is disabled."""
    return torch.autocast(device_type=device.type, enabled=device.type == "cuda")


def _grad_scaler(enabled: bool):
    """``torch.amp.GradScaler`` on torch >= 2.3; the deprecated CUDA one on older releases."""
    scaler_cls = getattr(torch.amp, "GradScaler", None)
    if scaler_cls is not None:
        return scaler_cls("cuda", enabled=enabled)
    return torch.cuda.amp.GradScaler(enabled=enabled)


def _to_device(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """channels_last speeds up convolutions on tensor cores; it is a no-op benefit on CPU."""
    if device.type == "cuda":
        return images.to(device, non_blocking=True, memory_format=torch.channels_last)
    return images.to(device)


def _distributed() -> bool:
    """Whether a process group is up; read from torch so scoring never needs distributed.py."""
    return dist.is_available() and dist.is_initialized()


def _is_main_process() -> bool:
    return not _distributed() or dist.get_rank() == 0


def _wrap_ddp(model: nn.Module, device: torch.device) -> nn.Module:
    """Wrap in DDP only when a process group is up (DDP broadcasts rank 0's weights)."""
    if not _distributed():
        return model
    device_ids = [device.index] if device.type == "cuda" else None
    return DistributedDataParallel(model, device_ids=device_ids)


def _sync_buffers(model: nn.Module) -> None:
    """Copy rank 0's BatchNorm statistics to every rank before validating.

    Validation runs on the unwrapped module because the val shards may hold different numbers
    of batches, and a DDP forward (which broadcasts buffers) would then deadlock.
    """
    if _distributed():
        for buffer in model.buffers():
            dist.broadcast(buffer, src=0)


def _totals_to_metrics(totals: torch.Tensor, prefix: str) -> Metrics:
    """Turn summed [loss, correct, count] (over all ranks) into mean loss and accuracy."""
    if _distributed():
        dist.all_reduce(totals, op=dist.ReduceOp.SUM)
    loss_sum, correct, count = totals.tolist()
    count = max(count, 1.0)
    return {f"{prefix}_loss": loss_sum / count, f"{prefix}_accuracy": correct / count}


def _batch_totals(
    loss: torch.Tensor, logits: torch.Tensor, targets: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    size = targets.new_tensor(targets.shape[0], dtype=torch.float64)
    correct = (logits.argmax(dim=1) == targets).sum().to(torch.float64)
    return loss.detach().to(torch.float64) * size, correct, size


def train_one_epoch(
    model: nn.Module,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer,
    scaler,
    device: torch.device,
) -> Metrics:
    """One pass over this rank's shard; returns metrics summed over every rank."""
    criterion = nn.CrossEntropyLoss()
    model.train()
    totals = torch.zeros(3, dtype=torch.float64, device=device)
    for images, targets in loader:
        images, targets = _to_device(images, device), targets.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        with _autocast(device):
            logits = model(images)
            loss = criterion(logits, targets)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        totals += torch.stack(_batch_totals(loss, logits, targets))
    return _totals_to_metrics(totals, "train")


@torch.no_grad()
def evaluate(model: nn.Module, loader: DataLoader, device: torch.device) -> Metrics:
    """Validation loss and accuracy over the whole (possibly sharded) validation set."""
    criterion = nn.CrossEntropyLoss()
    model.eval()
    totals = torch.zeros(3, dtype=torch.float64, device=device)
    for images, targets in loader:
        images, targets = _to_device(images, device), targets.to(device, non_blocking=True)
        with _autocast(device):
            logits = model(images)
            loss = criterion(logits, targets)
        totals += torch.stack(_batch_totals(loss, logits, targets))
    return _totals_to_metrics(totals, "val")


def save_checkpoint(
    path: Path, epoch: int, model: nn.Module, optimizer, scheduler, scaler, metrics: Metrics
) -> None:
    """Write atomically (temp file + rename) so a pre-empted job never leaves a torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "scaler": scaler.state_dict(),
        "metrics": metrics,
    }
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def fit(
    model: nn.Module,
    train_loader: DataLoader,
    val_loader: DataLoader,
    *,
    epochs: int = 5,
    learning_rate: float = 0.001,
    momentum: float = 0.9,
    device: torch.device | None = None,
    checkpoint_dir: str | os.PathLike | None = None,
    step_size: int = 7,
    gamma: float = 0.1,
    on_epoch_end: EpochCallback | None = None,
) -> tuple[nn.Module, Metrics]:
    """Fine-tune with SGD + StepLR; works alone or inside an initialised process group.

    Mixed precision and channels_last are enabled on CUDA only. Rank 0 checkpoints every epoch.
    ``on_epoch_end(epoch, metrics)`` runs on every rank with the global metrics (the caller
    decides who logs). Returns the UNWRAPPED module (never the DDP wrapper) and the last metrics.
    """
    device = device or torch.device("cpu")
    model = model.to(device)
    if device.type == "cuda":
        model = model.to(memory_format=torch.channels_last)
    net = _wrap_ddp(model, device)
    optimizer = torch.optim.SGD(net.parameters(), lr=learning_rate, momentum=momentum)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)
    scaler = _grad_scaler(device.type == "cuda")
    metrics: Metrics = {}
    for epoch in range(1, epochs + 1):
        sampler = getattr(train_loader, "sampler", None)
        if hasattr(sampler, "set_epoch"):
            sampler.set_epoch(epoch)  # reshuffle the DistributedSampler shards every epoch
        metrics = train_one_epoch(net, train_loader, optimizer, scaler, device)
        scheduler.step()  # after optimizer.step(), as PyTorch requires since 1.1
        _sync_buffers(model)
        metrics.update(evaluate(model, val_loader, device))
        metrics["epoch"] = float(epoch)
        if checkpoint_dir is not None and _is_main_process():
            checkpoint = Path(checkpoint_dir) / CHECKPOINT_FILE
            save_checkpoint(checkpoint, epoch, model, optimizer, scheduler, scaler, metrics)
        if on_epoch_end is not None:
            on_epoch_end(epoch, dict(metrics))
    return model.eval(), metrics


# --------------------------------------------------------------------------- save / load


def _portable(model: nn.Module) -> nn.Module:
    """A CPU, contiguous-format eval copy: what files and exporters should see."""
    return copy.deepcopy(model).cpu().to(memory_format=torch.contiguous_format).eval()


def save_artifacts(
    model: nn.Module, classes: list[str], image_size: int, out_dir: str | os.PathLike
) -> Path:
    """Write ``weights.pt`` (state_dict only: loading it never unpickles code) and
    ``labels.json`` (classes, input size, architecture) for the scoring scripts."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = {key: value.detach().cpu().contiguous() for key, value in model.state_dict().items()}
    torch.save(state, out / WEIGHTS_FILE)
    labels = {"classes": list(classes), "image_size": int(image_size), "arch": ARCH}
    (out / LABELS_FILE).write_text(json.dumps(labels, indent=2), encoding="utf-8")
    return out


def find_artifacts_dir(root: str | os.PathLike) -> Path:
    """Find the folder holding both artifact files, searching breadth-first below ``root``.

    Azure ML inserts the registered folder name into ``AZUREML_MODEL_DIR``, so the exact depth
    is not known in advance.
    """
    queue = [Path(root)]
    while queue:
        current = queue.pop(0)
        if (current / WEIGHTS_FILE).is_file() and (current / LABELS_FILE).is_file():
            return current
        if current.is_dir():
            queue.extend(sorted(child for child in current.iterdir() if child.is_dir()))
    raise FileNotFoundError(f"no {WEIGHTS_FILE} + {LABELS_FILE} under {root}")


def _load_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """``weights_only=True`` where supported (torch >= 1.13) refuses arbitrary pickles."""
    kwargs = {"map_location": "cpu"}
    if "weights_only" in inspect.signature(torch.load).parameters:
        kwargs["weights_only"] = True
    return torch.load(path, **kwargs)


def load_artifacts(artifacts_dir: str | os.PathLike) -> Artifacts:
    """Rebuild the network offline (``pretrained=False``) and load the saved weights on CPU."""
    folder = Path(artifacts_dir)
    labels = json.loads((folder / LABELS_FILE).read_text(encoding="utf-8"))
    if labels.get("arch", ARCH) != ARCH:
        raise ValueError(f"unsupported architecture {labels.get('arch')!r}")
    classes = [str(name) for name in labels["classes"]]
    model = build_model(len(classes), pretrained=False)
    model.load_state_dict(_load_state_dict(folder / WEIGHTS_FILE))
    return Artifacts(model=model.eval(), classes=classes, image_size=int(labels["image_size"]))


@torch.inference_mode()
def predict_proba(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    """Class probabilities for a normalised ``[N, 3, H, W]`` batch."""
    return torch.softmax(model(images).float(), dim=1)


# --------------------------------------------------------------------------- ONNX / Triton


def triton_config(
    model_name: str, image_size: int, num_classes: int, max_batch_size: int = TRITON_MAX_BATCH_SIZE
) -> str:
    """``config.pbtxt`` matching the export: with ``max_batch_size > 0`` Triton adds the batch
    dimension itself, so dims list only ``[3, H, W]`` and ``[num_classes]``."""
    return (
        f'name: "{model_name}"\n'
        'platform: "onnxruntime_onnx"\n'
        f"max_batch_size: {max_batch_size}\n"
        "input [\n"
        "  {\n"
        f'    name: "{INPUT_NAME}"\n'
        "    data_type: TYPE_FP32\n"
        f"    dims: [ 3, {image_size}, {image_size} ]\n"
        "  }\n"
        "]\n"
        "output [\n"
        "  {\n"
        f'    name: "{OUTPUT_NAME}"\n'
        "    data_type: TYPE_FP32\n"
        f"    dims: [ {num_classes} ]\n"
        "  }\n"
        "]\n"
        "dynamic_batching { }\n"
    )


def _onnx_export_kwargs() -> dict:
    """Pin the TorchScript exporter: torch 2.9 made ``dynamo=True`` the default, while torch
    1.x/2.0 do not accept the argument at all."""
    kwargs = {
        "input_names": [INPUT_NAME],
        "output_names": [OUTPUT_NAME],
        "dynamic_axes": {name: {0: "batch"} for name in (INPUT_NAME, OUTPUT_NAME)},
        "opset_version": ONNX_OPSET,
        "do_constant_folding": True,
    }
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    return kwargs


def export_onnx(
    model: nn.Module,
    image_size: int,
    repo_dir: str | os.PathLike,
    model_name: str = "model",
    max_batch_size: int = TRITON_MAX_BATCH_SIZE,
) -> Path:
    """Export in the Triton repository layout ``<repo>/<name>/1/model.onnx`` + ``config.pbtxt``.

    The batch axis is dynamic so Triton can batch requests; the config's ``name`` must equal the
    folder name. Returns the path of ``model.onnx``.
    """
    if not _TRITON_NAME.match(model_name):
        raise ValueError(f"invalid Triton model name: {model_name!r}")
    net = _portable(model)
    example = torch.zeros(1, 3, image_size, image_size)
    with torch.no_grad():
        num_classes = int(net(example).shape[1])
    model_dir = Path(repo_dir) / model_name
    version_dir = model_dir / "1"
    version_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = version_dir / "model.onnx"
    torch.onnx.export(net, (example,), str(onnx_path), **_onnx_export_kwargs())
    config = triton_config(model_name, image_size, num_classes, max_batch_size)
    (model_dir / "config.pbtxt").write_text(config, encoding="utf-8")
    return onnx_path
