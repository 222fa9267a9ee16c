"""DDP on CPU: two gloo processes run the pure ``fit`` with the env Azure ML would set."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from pathlib import Path

import pytest
import torch
import torch.multiprocessing as mp

import distributed

WORLD_SIZE = 2
TIMEOUT_SECONDS = 120


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _worker(rank: int, port: int, data_dir: str, out_dir: str) -> None:
    """Entry point of each spawned process (top level so that it can be pickled)."""
    os.environ.update(
        {
            "RANK": str(rank),
            "LOCAL_RANK": str(rank),
            "WORLD_SIZE": str(WORLD_SIZE),
            "MASTER_ADDR": "127.0.0.1",
            "MASTER_PORT": str(port),
        }
    )
    torch.set_num_threads(1)
    from data import make_loaders
    from model import build_model, fit

    env = distributed.init_distributed()
    try:
        torch.manual_seed(rank)  # different initial weights: DDP must sync them from rank 0
        bundle = make_loaders(
            data_dir,
            image_size=32,
            batch_size=2,
            num_workers=0,
            rank=env.rank,
            world_size=env.world_size,
        )
        model, metrics = fit(
            build_model(len(bundle.classes), pretrained=False),
            bundle.train_loader,
            bundle.val_loader,
            epochs=1,
            device=torch.device("cpu"),
            checkpoint_dir=Path(out_dir) / f"checkpoints-rank{rank}",
        )
        result = {
            "rank": env.rank,
            "world_size": distributed.get_world_size(),
            "main": distributed.is_main_process(),
            "unwrapped": not isinstance(model, torch.nn.parallel.DistributedDataParallel),
            "checksum": sum(float(p.double().sum()) for p in model.parameters()),
            "metrics": metrics,
        }
        Path(out_dir, f"result-{rank}.json").write_text(json.dumps(result))
    finally:
        distributed.cleanup()


def test_read_env_defaults_to_single_process() -> None:
    env = distributed.read_env({})
    assert (env.rank, env.local_rank, env.world_size, env.is_distributed) == (0, 0, 1, False)
    env = distributed.read_env({"RANK": "3", "LOCAL_RANK": "1", "WORLD_SIZE": "4"})
    assert (env.rank, env.local_rank, env.world_size, env.is_distributed) == (3, 1, 4, True)


def test_single_process_needs_no_process_group(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RANK", "LOCAL_RANK", "WORLD_SIZE"):
        monkeypatch.delenv(name, raising=False)
    assert distributed.init_distributed().world_size == 1
    assert not distributed.is_distributed() and distributed.is_main_process()
    distributed.barrier()
    distributed.cleanup()


def test_fit_runs_under_ddp_with_gloo(image_folder: Path, tmp_path: Path) -> None:
    assert torch.distributed.is_gloo_available()
    # An odd val set gives the ranks different numbers of val batches: must not deadlock.
    first = next((image_folder / "val" / "chickens").glob("*.png"))
    shutil.copy(first, first.with_name("extra.png"))
    context = mp.spawn(
        _worker,
        args=(_free_port(), str(image_folder), str(tmp_path)),
        nprocs=WORLD_SIZE,
        join=False,
    )
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not context.join(timeout=5):
        if time.monotonic() > deadline:
            for process in context.processes:
                process.kill()
            pytest.fail("DDP workers did not finish in time")

    results = [json.loads((tmp_path / f"result-{r}.json").read_text()) for r in range(WORLD_SIZE)]
    assert [r["rank"] for r in results] == [0, 1]
    assert all(r["world_size"] == WORLD_SIZE and r["unwrapped"] for r in results)
    assert [r["main"] for r in results] == [True, False]
    assert results[0]["checksum"] == pytest.approx(results[1]["checksum"], rel=1e-6)
    assert results[0]["metrics"] == results[1]["metrics"]
    assert 0.0 <= results[0]["metrics"]["val_accuracy"] <= 1.0
    assert (tmp_path / "checkpoints-rank0" / "checkpoint.pt").is_file()
    assert not (tmp_path / "checkpoints-rank1").exists()
