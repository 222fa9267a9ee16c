"""Process-group setup for PyTorch DDP on Azure ML.

With ``distribution: {type: pytorch}`` Azure ML starts one process per GPU and sets ``RANK``,
``LOCAL_RANK``, ``WORLD_SIZE``, ``MASTER_ADDR`` and ``MASTER_PORT``; no ``torchrun`` is needed.
Every variable has a local default, so the same script runs as a single process on a laptop or
in CI.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import torch
import torch.distributed as dist

DEFAULT_MASTER_ADDR = "127.0.0.1"
DEFAULT_MASTER_PORT = "29500"


@dataclass(frozen=True)
class DistEnv:
    """Where this process sits in the job."""

    rank: int = 0
    local_rank: int = 0
    world_size: int = 1
    master_addr: str = DEFAULT_MASTER_ADDR
    master_port: str = DEFAULT_MASTER_PORT

    @property
    def is_distributed(self) -> bool:
        return self.world_size > 1


def read_env(environ: Mapping[str, str] | None = None) -> DistEnv:
    """Read the launcher's variables; missing ones mean "single process"."""
    env = os.environ if environ is None else environ
    return DistEnv(
        rank=int(env.get("RANK", 0)),
        local_rank=int(env.get("LOCAL_RANK", 0)),
        world_size=int(env.get("WORLD_SIZE", 1)),
        master_addr=env.get("MASTER_ADDR", DEFAULT_MASTER_ADDR),
        master_port=str(env.get("MASTER_PORT", DEFAULT_MASTER_PORT)),
    )


def backend_for_device() -> str:
    """NCCL is the GPU backend; gloo is the one that works on CPU."""
    return "nccl" if torch.cuda.is_available() else "gloo"


def device_for(env: DistEnv) -> torch.device:
    """One GPU per process (indexed by the local rank), else the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda", env.local_rank % torch.cuda.device_count())
    return torch.device("cpu")


def init_distributed(env: DistEnv | None = None) -> DistEnv:
    """Join the process group when ``WORLD_SIZE > 1``; a no-op for a single process.

    ``env://`` reads MASTER_ADDR/MASTER_PORT from the environment, so local defaults are written
    back there before initialising.
    """
    env = read_env() if env is None else env
    if not env.is_distributed or is_distributed():
        return env
    os.environ.setdefault("MASTER_ADDR", env.master_addr)
    os.environ.setdefault("MASTER_PORT", env.master_port)
    if torch.cuda.is_available():
        torch.cuda.set_device(device_for(env))
    dist.init_process_group(
        backend=backend_for_device(),
        init_method="env://",
        rank=env.rank,
        world_size=env.world_size,
    )
    return env


def is_distributed() -> bool:
    """True once a process group is up."""
    return dist.is_available() and dist.is_initialized()


def get_rank() -> int:
    """Global rank: from the process group when up, else from the environment."""
    return dist.get_rank() if is_distributed() else read_env().rank


def get_world_size() -> int:
    """Number of processes in the job (1 without a process group)."""
    return dist.get_world_size() if is_distributed() else 1


def is_main_process() -> bool:
    """Only rank 0 logs to MLflow and writes outputs, so files are not written N times."""
    return get_rank() == 0


def barrier() -> None:
    """Wait for every rank; a no-op for a single process."""
    if is_distributed():
        dist.barrier()


def cleanup() -> None:
    """Leave the process group so the process exits cleanly."""
    if is_distributed():
        dist.destroy_process_group()
