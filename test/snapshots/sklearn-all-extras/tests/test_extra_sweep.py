"""Sweep extra: jobs/sweep.yml's trial command runs train.py, which logs the objective by name.

A sweep whose ``objective.primary_metric`` is never logged runs every trial to the end and picks
no best model, so this runs one trial locally, at one point of the search space.
"""

from __future__ import annotations

import math
import re
import shlex
from pathlib import Path

import pytest
import yaml

from fake_mlflow import mlflow_or_fake

SWEEP_FILE = Path(__file__).resolve().parents[1] / "jobs" / "sweep.yml"
PLACEHOLDER = re.compile(r"\$\{\{\s*(\w+)\.(\w+)\s*\}\}")


@pytest.fixture(scope="module")
def sweep() -> dict:
    return yaml.safe_load(SWEEP_FILE.read_text(encoding="utf-8"))


def first_point(space: dict) -> dict[str, str]:
    """One value per hyperparameter: the first choice, or the lower end of a range."""
    point = {}
    for name, expr in space.items():
        if expr["type"] == "choice":
            value = expr["values"][0]
        elif expr["type"] in ("loguniform", "qloguniform"):
            value = math.exp(expr["min_value"])  # the bounds of log ranges are exponents
        else:
            value = expr["min_value"]
        point[name] = str(value)
    return point


def trial_argv(sweep: dict, data: str, tmp_path: Path) -> list[str]:
    """The trial command, its search_space/inputs/outputs placeholders replaced by local values."""
    literals = {k: str(v) for k, v in sweep.get("inputs", {}).items() if not isinstance(v, dict)}
    values = {
        "search_space": first_point(sweep["search_space"]),
        "inputs": {**literals, "data": data},
        "outputs": {name: str(tmp_path / name) for name in sweep.get("outputs", {})},
    }
    argv = shlex.split(PLACEHOLDER.sub(lambda m: values[m[1]][m[2]], sweep["trial"]["command"]))
    assert argv[:2] == ["python", "train.py"]
    return argv[2:]


def test_search_space_is_what_the_command_uses(sweep: dict) -> None:
    used = {name for kind, name in PLACEHOLDER.findall(sweep["trial"]["command"])
            if kind == "search_space"}
    assert used == set(sweep["search_space"])


def test_a_trial_logs_the_objective(
    sweep: dict, project_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = mlflow_or_fake(monkeypatch, "sklearn")
    import train

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    argv = trial_argv(sweep, str(project_root / "data" / "iris.csv"), tmp_path)
    # The privacy extra trains with diffprivlib, which the project's CI installs.
    pytest.importorskip("diffprivlib", reason="diffprivlib is not installed here")
    train.main(argv)
    if recorder is not None:
        logged = recorder.metric_names()
    else:  # the real MLflow (the project's CI)
        import mlflow

        logged = set(mlflow.last_active_run().data.metrics)
    assert sweep["objective"]["primary_metric"] in logged
