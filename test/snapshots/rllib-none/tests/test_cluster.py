"""cluster.py: Ray roles from Azure ML's MPI variables, and the commands they run. No Ray."""

from __future__ import annotations

import pytest

from cluster import (
    RayRole,
    detect_role,
    head_command,
    master_host,
    port_open,
    run_worker,
    stop_command,
    wait_until,
    worker_command,
)

MPI = {"OMPI_COMM_WORLD_SIZE": "3", "AZ_BATCHAI_MPI_MASTER_NODE": "10.0.0.4"}


def test_no_mpi_variables_means_local_ray_init():
    role = detect_role({})
    assert role == RayRole("local")
    assert role.command() is None and role.address is None


def test_single_rank_mpi_job_is_local():
    assert detect_role({"OMPI_COMM_WORLD_RANK": "0", "OMPI_COMM_WORLD_SIZE": "1"}).kind == "local"


def test_rank_zero_is_the_head():
    role = detect_role({**MPI, "OMPI_COMM_WORLD_RANK": "0"})
    assert (role.kind, role.rank, role.size, role.address) == ("head", 0, 3, "10.0.0.4:6379")
    assert role.command() == ["ray", "start", "--head", "--port=6379"]


def test_other_ranks_join_the_head():
    role = detect_role({**MPI, "OMPI_COMM_WORLD_RANK": "2"})
    assert role.kind == "worker" and role.rank == 2
    # Not --block: it can wait forever once the head is gone (see cluster.py).
    assert role.command() == ["ray", "start", "--address=10.0.0.4:6379"]


def test_master_address_from_either_variable():
    assert master_host({"AZ_BATCH_MASTER_NODE": "10.0.0.9:6105"}) == "10.0.0.9"
    assert master_host({"AZ_BATCHAI_MPI_MASTER_NODE": "10.0.0.4"}) == "10.0.0.4"
    both = {"AZ_BATCHAI_MPI_MASTER_NODE": "10.0.0.4", "AZ_BATCH_MASTER_NODE": "10.0.0.9:6105"}
    assert master_host(both) == "10.0.0.4"
    assert master_host({}) is None


def test_multi_node_without_master_is_a_clear_error():
    with pytest.raises(RuntimeError, match="AZ_BATCHAI_MPI_MASTER_NODE"):
        detect_role({"OMPI_COMM_WORLD_RANK": "1", "OMPI_COMM_WORLD_SIZE": "2"})
    with pytest.raises(ValueError, match="not an integer"):
        detect_role({"OMPI_COMM_WORLD_RANK": "x", "OMPI_COMM_WORLD_SIZE": "2"})


def test_command_builders():
    assert head_command(7000, ray="/env/bin/ray") == [
        "/env/bin/ray",
        "start",
        "--head",
        "--port=7000",
    ]
    assert worker_command("h", 7000)[2] == "--address=h:7000"
    assert stop_command() == ["ray", "stop"]


class FakeClock:
    """Time that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def test_wait_until_polls_until_true_or_timeout():
    clock = FakeClock()
    answers = iter([False, False, True])
    assert wait_until(lambda: next(answers), 60, 5, sleep=clock.sleep, clock=clock)
    assert clock.now == 10.0
    clock = FakeClock()
    assert not wait_until(lambda: False, 12, 5, sleep=clock.sleep, clock=clock)
    assert clock.now == 15.0


def test_port_open_uses_a_tcp_connection():
    class Connection:
        def close(self) -> None:
            pass

    def refuse(address, timeout):
        raise ConnectionRefusedError

    assert port_open("h", 1, connect=lambda address, timeout: Connection())
    assert not port_open("h", 1, connect=refuse)


def test_worker_joins_waits_until_the_head_is_gone_then_stops(monkeypatch):
    role = detect_role({**MPI, "OMPI_COMM_WORLD_RANK": "1"})
    head_up = iter([True, True, True, False])  # reachable at first, closed once training ends
    monkeypatch.setattr("cluster.port_open", lambda host, port: next(head_up))
    calls, waits = [], []

    def fake_run(command, check):
        calls.append((command[1:], check))

    def fake_wait(predicate, timeout):
        waits.append(timeout)
        while not predicate():
            pass
        return True

    assert run_worker(role, run=fake_run, wait=fake_wait) == 0
    assert calls == [(["start", "--address=10.0.0.4:6379"], True), (["stop"], False)]
    assert waits == [900.0, float("inf")]  # the head may train for hours


def test_worker_gives_up_on_a_head_that_never_starts_and_refuses_other_roles():
    role = detect_role({**MPI, "OMPI_COMM_WORLD_RANK": "1"})
    calls = []
    with pytest.raises(TimeoutError, match=r"10\.0\.0\.4:6379"):
        run_worker(role, run=lambda c, check: calls.append(c), wait=lambda p, t: False)
    assert calls == []  # never joined, nothing to stop
    with pytest.raises(ValueError, match="local"):
        run_worker(RayRole("local"), run=lambda c, check: None)


def test_a_failed_join_raises():
    role = detect_role({**MPI, "OMPI_COMM_WORLD_RANK": "1"})

    def failing_run(command, check):
        raise RuntimeError("ray start failed")

    with pytest.raises(RuntimeError, match="ray start failed"):
        run_worker(role, run=failing_run, wait=lambda p, t: True)
