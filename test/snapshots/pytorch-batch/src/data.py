"""Image-folder data for the transfer-learning classifier.

The expected layout is ``train/<class>/*`` and ``val/<class>/*``. ``--data`` may point at that
folder, at any folder that contains it deeper down (the official ``fowl_data.zip`` unpacks to
``fowl_data/train`` and ``fowl_data/val``), or at a ``.zip`` file. Nothing is ever downloaded: on
Azure ML the job input is mounted or copied to the compute before the script starts.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset, DistributedSampler, Subset
from torchvision import datasets, transforms

# ImageNet statistics: the pretrained ResNet weights expect inputs normalised this way.
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

TRAIN_DIR = "train"
VAL_DIR = "val"
_IGNORED_DIRS = {"__MACOSX"}


@dataclass
class DataBundle:
    """Everything the training loop needs from the data side."""

    train_loader: DataLoader
    val_loader: DataLoader
    classes: list[str]
    train_sampler: DistributedSampler | None


def train_transform(image_size: int) -> transforms.Compose:
    """Light augmentation: random crops and flips help a small fine-tuning set generalise."""
    return transforms.Compose(
        [
            transforms.RandomResizedCrop(image_size),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
        ]
    )


def eval_transform(image_size: int) -> transforms.Compose:
    """Deterministic resize + centre crop, shared by validation and both scoring scripts."""
    resize = max(image_size, round(image_size * 256 / 224))
    return transforms.Compose(
        [
            transforms.Resize(resize),
            transforms.CenterCrop(image_size),
            transforms.ToTensor(),
            transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
        ]
    )


def open_rgb(
    source: str | os.PathLike | IO[bytes],
    formats: Sequence[str] | None = None,
    max_pixels: int | None = None,
) -> Image.Image:
    """Decode an image as RGB, as ImageFolder does for training, so scoring sees the same input.

    ``formats`` and ``max_pixels`` let the online endpoint refuse unexpected formats and huge
    images before they are decoded into memory.
    """
    with Image.open(source, formats=formats) as image:
        if max_pixels is not None and image.width * image.height > max_pixels:
            raise ValueError(f"image is {image.width}x{image.height}; at most {max_pixels} pixels")
        return image.convert("RGB")


def extract_zip(zip_path: Path, target: Path | None = None) -> Path:
    """Extract an archive into a temp dir (removed at exit) and refuse entries escaping it."""
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="images-"))
        atexit.register(shutil.rmtree, target, ignore_errors=True)
    root = target.resolve()
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.namelist():
            destination = (root / member).resolve()
            if destination != root and root not in destination.parents:
                raise ValueError(f"unsafe path in archive: {member}")
        archive.extractall(root)
    return root


def _has_split_dirs(folder: Path) -> bool:
    return (folder / TRAIN_DIR).is_dir() and (folder / VAL_DIR).is_dir()


def find_data_root(folder: Path) -> Path:
    """Return the shallowest folder below ``folder`` holding both ``train/`` and ``val/``.

    Breadth-first, so an archive's top-level split wins over any nested copy.
    """
    queue = [folder]
    while queue:
        current = queue.pop(0)
        if _has_split_dirs(current):
            return current
        queue.extend(
            sorted(
                child
                for child in current.iterdir()
                if child.is_dir()
                and child.name not in _IGNORED_DIRS
                and not child.name.startswith(".")
            )
        )
    raise FileNotFoundError(f"no folder containing '{TRAIN_DIR}/' and '{VAL_DIR}/' under {folder}")


def resolve_data(path: str | os.PathLike) -> Path:
    """Accept a folder or a .zip file and return the folder that holds ``train/`` and ``val/``."""
    source = Path(path)
    if source.is_file() and zipfile.is_zipfile(source):
        source = extract_zip(source)
    elif not source.is_dir():
        raise FileNotFoundError(f"--data must be a folder or a .zip file: {path}")
    return find_data_root(source)


def load_datasets(root: Path, image_size: int) -> tuple[Dataset, Dataset, list[str]]:
    """Build train/val ImageFolders whose label indices both follow the train classes.

    ImageFolder numbers classes per folder, so a val split lacking a class would silently shift
    labels; remapping val onto the train indices keeps them consistent.
    """
    train_set = datasets.ImageFolder(str(root / TRAIN_DIR), transform=train_transform(image_size))
    val_set = datasets.ImageFolder(str(root / VAL_DIR), transform=eval_transform(image_size))
    unknown = sorted(set(val_set.classes) - set(train_set.classes))
    if unknown:
        raise ValueError(f"classes in val/ but not in train/: {unknown}")
    remap = {val_set.class_to_idx[name]: train_set.class_to_idx[name] for name in val_set.classes}
    val_set.samples = [(file, remap[target]) for file, target in val_set.samples]
    val_set.imgs = val_set.samples
    val_set.targets = [target for _file, target in val_set.samples]
    val_set.classes, val_set.class_to_idx = train_set.classes, train_set.class_to_idx
    return train_set, val_set, list(train_set.classes)


def _loader_options(num_workers: int) -> dict:
    """Worker/pinning options: pinning only helps host-to-GPU copies; persistence avoids
    re-forking workers every epoch."""
    options = {"num_workers": num_workers, "pin_memory": torch.cuda.is_available()}
    if num_workers > 0:
        options["persistent_workers"] = True
    return options


def make_loaders(
    data: str | os.PathLike,
    image_size: int = 224,
    batch_size: int = 32,
    num_workers: int = 4,
    rank: int = 0,
    world_size: int = 1,
    seed: int = 0,
) -> DataBundle:
    """Create the loaders; with several processes each rank sees its own shard of the data.

    Validation is sharded without padding (rank r takes items r, r + world, ...) so that summing
    counts across ranks gives exact metrics, unlike DistributedSampler which repeats samples.
    """
    train_set, val_set, classes = load_datasets(resolve_data(data), image_size)
    options = _loader_options(num_workers)
    sampler = None
    if world_size > 1:
        sampler = DistributedSampler(
            train_set, num_replicas=world_size, rank=rank, shuffle=True, seed=seed
        )
        val_set = Subset(val_set, range(rank, len(val_set), world_size))
    train_loader = DataLoader(
        train_set, batch_size=batch_size, shuffle=sampler is None, sampler=sampler, **options
    )
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, **options)
    return DataBundle(train_loader, val_loader, classes, sampler)
