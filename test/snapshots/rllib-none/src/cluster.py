"""Decide this node's Ray role from the MPI variables Azure ML sets, and build the commands.

Pure: no Ray import, so every decision here is tested without Ray. The job runs with
``distribution: {type: mpi, process_count_per_instance: 1}`` and ``resources.instance_count: N``
(plus a large ``shm_size``, which Ray's object store needs). With one process per node the MPI
rank is the node index:

* rank 0 is the Ray head: ``ray start --head --port=6379``, then the training driver connects
  with ``ray.init(address="auto")`` and spreads the env runners over the cluster;
* every other rank joins with ``ray start --address=<head>:6379``, then waits until the head's
  port closes (the head ran ``ray stop`` after training, or died) and stops its own Ray processes.
  Not ``ray start --block``: that only returns when a Ray process exits with an unexpected code,
  and a raylet stopped with SIGTERM counts as expected, so a worker could wait forever;
* no MPI variables (a laptop, CI, a one-node job): plain local ``ray.init()``.

Why "MPI + ray start" (option 2 of the Azure ML facts) and not ``distribution: {type: ray}``:
the native Ray distribution is ``@experimental`` in the SDK, missing from the sweep-job
reference and without an official example, while the MPI distribution is generally available,
works in sweeps and sets the rank, size and master address on every node. Starting Ray
ourselves also keeps the Ray version the one pinned in the project's environment. The
community ``ray-on-aml`` package is not used: it depends on SDK v1 (``azureml.core``).
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RAY_PORT = 6379
RANK_VAR = "OMPI_COMM_WORLD_RANK"
SIZE_VAR = "OMPI_COMM_WORLD_SIZE"
# AZ_BATCHAI_MPI_MASTER_NODE holds the head's IP; AZ_BATCH_MASTER_NODE holds "ip:port".
MASTER_VARS = ("AZ_BATCHAI_MPI_MASTER_NODE", "AZ_BATCH_MASTER_NODE")


def head_command(port: int = RAY_PORT, ray: str = "ray") -> list[str]:
    """Start the Ray head on this node (returns once the head is up)."""
    return [ray, "start", "--head", f"--port={port}"]


def worker_command(head_host: str, port: int = RAY_PORT, ray: str = "ray") -> list[str]:
    """Join the head (returns once this node's Ray processes are up)."""
    return [ray, "start", f"--address={head_host}:{port}"]


def stop_command(ray: str = "ray") -> list[str]:
    """Stop the Ray processes on this node (the head's last step releases the workers)."""
    return [ray, "stop"]


@dataclass(frozen=True)
class RayRole:
    """What this process does: ``local``, ``head`` or ``worker``, and where the head is."""

    kind: str
    rank: int = 0
    size: int = 1
    head_host: str | None = None
    port: int = RAY_PORT

    @property
    def address(self) -> str | None:
        """``host:port`` of the head for a multi-node job; None when running locally."""
        return None if self.head_host is None else f"{self.head_host}:{self.port}"

    def command(self, ray: str = "ray") -> list[str] | None:
        """The ``ray start`` command line for this node; None when running locally."""
        if self.kind == "head":
            return head_command(self.port, ray)
        if self.kind == "worker" and self.head_host is not None:
            return worker_command(self.head_host, self.port, ray)
        return None


def master_host(environ: Mapping[str, str]) -> str | None:
    """The head's host from the first master variable that is set (a port is stripped)."""
    for name in MASTER_VARS:
        value = environ.get(name, "").strip()
        if value:
            return value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    return None


def _int(environ: Mapping[str, str], name: str) -> int:
    try:
        return int(environ[name])
    except ValueError:
        raise ValueError(f"{name}={environ[name]!r} is not an integer") from None


def detect_role(environ: Mapping[str, str] | None = None, port: int = RAY_PORT) -> RayRole:
    """Map the MPI variables to a Ray role; no variables or a single rank mean ``local``."""
    env = os.environ if environ is None else environ
    if RANK_VAR not in env or SIZE_VAR not in env:
        return RayRole("local")
    rank, size = _int(env, RANK_VAR), _int(env, SIZE_VAR)
    if size <= 1:
        return RayRole("local", rank, size)
    host = master_host(env)
    if host is None:
        raise RuntimeError(
            f"MPI job with {size} ranks but none of {', '.join(MASTER_VARS)} is set; "
            "cannot tell the workers where the Ray head is"
        )
    return RayRole("head" if rank == 0 else "worker", rank, size, host, port)


def ray_cli() -> str:
    """The ``ray`` executable: on PATH, else next to this Python (an unactivated env)."""
    sibling = Path(sys.executable).with_name("ray")
    return shutil.which("ray") or (str(sibling) if sibling.exists() else "ray")


def wait_until(
    predicate: Callable[[], bool],
    timeout: float,
    interval: float = 5.0,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds have passed."""
    deadline = clock() + timeout
    while True:
        if predicate():
            return True
        if clock() >= deadline:
            return False
        sleep(interval)


def port_open(host: str, port: int, connect: Callable[..., Any] = socket.create_connection) -> bool:
    """True when a TCP connection to ``host:port`` succeeds (the head's GCS is listening)."""
    try:
        connect((host, port), timeout=2.0).close()
    except OSError:
        return False
    return True


def start_head(role: RayRole, run: Callable[..., Any] = subprocess.run) -> None:
    """Start the Ray head on rank 0; raises if ``ray start`` fails."""
    command = role.command(ray_cli())
    if role.kind != "head" or command is None:
        raise ValueError(f"start_head called on a {role.kind} node")
    run(command, check=True)


def run_worker(
    role: RayRole,
    run: Callable[..., Any] = subprocess.run,
    wait: Callable[[Callable[[], bool], float], bool] = wait_until,
    timeout: float = 900.0,
) -> int:
    """Wait for the head, join it, stay until the head is gone, then stop; return 0.

    Raises if the head never comes up or ``ray start`` fails, so the job shows the failure.
    """
    ray = ray_cli()
    command = role.command(ray)
    if role.kind != "worker" or command is None or role.head_host is None:
        raise ValueError(f"run_worker called on a {role.kind} node")
    host = role.head_host
    if not wait(lambda: port_open(host, role.port), timeout):
        raise TimeoutError(f"Ray head {role.address} not reachable after {timeout:.0f} s")
    run(command, check=True)
    try:
        # No time limit: training takes as long as it takes; the job's own timeout still applies.
        wait(lambda: not port_open(host, role.port), math.inf)
    finally:
        run(stop_command(ray), check=False)
    return 0
