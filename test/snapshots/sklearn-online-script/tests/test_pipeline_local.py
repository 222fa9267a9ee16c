"""The training pipeline, run offline: every step of jobs/pipeline.yml, in order, through the same
command its component (components/*.yml) runs in Azure ML, with ``${{inputs.x}}`` and
``${{outputs.x}}`` replaced by local paths, on tiny data (tests/pipeline_case.py).

The model registry is a local folder (``MODEL_REGISTRY_DIR``, see src/registry.py): the gate reads
its champion there and the register step writes there, so no Azure and no MLflow server is needed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import runpy
import shlex
import sys
from pathlib import Path

import pytest
import yaml

import pipeline_case
from registry import LocalRegistry

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "jobs" / "pipeline.yml"
PLACEHOLDER = re.compile(r"\$\{\{(inputs|outputs)\.([A-Za-z0-9_]+)\}\}")
BINDING = re.compile(
    r"^\$\{\{parent\.(inputs\.(\w+)|jobs\.(\w+)\.outputs\.(\w+))\}\}$"
)


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def component_of(step: dict) -> tuple[Path, dict]:
    path = (PIPELINE.parent / step["component"]).resolve()
    return path, load_yaml(path)


def run_component(
    path: Path, spec: dict, values: dict[str, str], extra: tuple[str, ...] = ()
) -> None:
    """Run the component's command in this process (so the MLflow fake applies)."""
    declared = {**spec.get("inputs", {}), **spec.get("outputs", {})}

    def substitute(match: re.Match) -> str:
        name = match.group(2)
        assert name in declared, f"{path.name}: {match.group(0)} is not declared"
        if name in values:
            return shlex.quote(str(values[name]))
        default = spec["inputs"][name].get("default")
        assert default is not None, f"{path.name}: no value for {name}"
        return shlex.quote(str(default))

    argv = shlex.split(PLACEHOLDER.sub(substitute, spec["command"])) + list(extra)
    assert argv[0] == "python", argv
    script = (path.parent / spec["code"] / argv[1]).resolve()
    saved = sys.argv
    sys.argv = [str(script), *argv[2:]]
    try:
        runpy.run_path(str(script), run_name="__main__")
    finally:
        sys.argv = saved


def run_steps(workdir: Path, names: list[str] | None = None, outputs: dict | None = None,
              inputs: dict[str, str] | None = None) -> dict[tuple[str, str], Path]:
    """Run the pipeline's steps (all, or ``names``) in file order; return the output paths."""
    pipeline = load_yaml(PIPELINE)
    outputs = dict(outputs or {})
    parent_inputs = {
        k: (v["path"] if isinstance(v, dict) else v) for k, v in pipeline["inputs"].items()
    }
    parent_inputs.update(inputs or {})
    for step_name, step in pipeline["jobs"].items():
        if names is not None and step_name not in names:
            continue
        path, spec = component_of(step)
        values: dict[str, str] = {}
        for name, binding in (step.get("inputs") or {}).items():
            match = BINDING.match(str(binding))
            if not match:
                values[name] = str(binding)
            elif match.group(2):
                values[name] = str(parent_inputs[match.group(2)])
            else:
                source = (match.group(3), match.group(4))
                assert source in outputs, f"{step_name} needs {source}, which no earlier step wrote"
                values[name] = str(outputs[source])
        for name in spec.get("outputs", {}):
            folder = workdir / step_name / name
            folder.mkdir(parents=True)  # Azure ML mounts an existing, empty folder
            outputs[(step_name, name)] = folder
            values[name] = str(folder)
        extra: tuple[str, ...] = ()
        if step_name == "train":
            fast = pipeline_case.TRAIN_INPUTS
            values.update({k: v for k, v in fast.items() if k in spec["inputs"]})
            extra = pipeline_case.TRAIN_ARGS
        try:
            run_component(path, spec, values, extra)
        except ModuleNotFoundError as exc:
            missing = missing_module(exc)
            if missing is None:
                raise
            # An extra's or serving mode's package (skl2onnx, diffprivlib...) that the project's CI
            # installs from requirements-dev.txt.
            pytest.skip(f"{missing} is not installed (the {step_name} command needs it)")
    return outputs


def missing_module(exc: BaseException | None) -> str | None:
    """The top-level package behind an import error, when it is really not installed."""
    while exc is not None:
        if isinstance(exc, ModuleNotFoundError) and exc.name:
            top = exc.name.split(".")[0]
            if importlib.util.find_spec(top) is None:
                return top
        exc = exc.__cause__ or exc.__context__
    return None


def read(outputs: dict, step: str, name: str, file: str) -> dict:
    return json.loads((outputs[(step, name)] / file).read_text())


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """A working folder, a local registry, and MLflow (the real one, or the recording fake)."""
    for module in pipeline_case.REQUIRES:
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed")
    if pipeline_case.FAKE_FLAVOR is not None:
        from fake_mlflow import mlflow_or_fake

        mlflow_or_fake(monkeypatch, pipeline_case.FAKE_FLAVOR)
    monkeypatch.chdir(tmp_path)  # relative defaults (checkpoints) land in tmp, never in the repo
    monkeypatch.setenv("MLFLOW_TRACKING_URI", (tmp_path / "mlruns").as_uri())
    registry = tmp_path / "registry"
    monkeypatch.setenv("MODEL_REGISTRY_DIR", str(registry))
    return tmp_path, LocalRegistry(registry)


def training_inputs(tmp_path: Path) -> dict[str, str]:
    data = pipeline_case.training_data(tmp_path)
    return {} if data is None else {"training_data": str(data)}


def seed_champion(registry: LocalRegistry, name: str, metric: str, value: float, fingerprint: str,
                  folder: Path) -> None:
    folder.mkdir()
    (folder / "MLmodel").write_text("flavors: {}\n")
    registry.register(name, folder, {metric: repr(value), "data_fingerprint": fingerprint})


def test_the_steps_are_wired_in_order_and_every_binding_resolves():
    pipeline = load_yaml(PIPELINE)
    seen: set[tuple[str, str]] = set()
    for step_name, step in pipeline["jobs"].items():
        path, spec = component_of(step)
        assert path.is_file(), step["component"]
        for name, binding in (step.get("inputs") or {}).items():
            assert name in spec["inputs"], f"{step_name}: {name} is not an input of {path.name}"
            match = BINDING.match(str(binding))
            if match and match.group(3):
                source = (match.group(3), match.group(4))
                assert source in seen, f"{step_name}.{name} reads a later step"
        seen.update((step_name, o) for o in spec.get("outputs", {}))
    assert list(pipeline["jobs"])[-2:] == ["evaluate", "register"]


def test_pipeline_promotes_and_registers_the_first_model(offline):
    tmp_path, registry = offline
    inputs = training_inputs(tmp_path)
    run_inputs = {**inputs, "git_commit": "abc123", "pipeline_run": "run-1"}
    outputs = run_steps(tmp_path / "run", inputs=run_inputs)

    decision = read(outputs, "evaluate", "decision", "decision.json")
    assert decision["promote"] is True and decision["champion"] is None
    registered = read(outputs, "register", "registration", "registered.json")
    assert registered["promoted"] is True and registered["version"] == "1"

    _, evaluate = component_of(load_yaml(PIPELINE)["jobs"]["evaluate"])
    name = evaluate["inputs"]["model_name"]["default"]
    metric = evaluate["inputs"]["metric"]["default"]
    champion = registry.champion(name)
    assert champion["version"] == "1"
    tags = champion["tags"]
    assert tags["git_commit"] == "abc123" and tags["pipeline_run"] == "run-1"
    assert float(tags[metric]) == pytest.approx(decision["candidate"])
    assert (registry.root / name / "1").is_dir()  # the model files were registered


def test_gate_keeps_a_better_champion_and_promotes_over_a_worse_one(offline):
    tmp_path, registry = offline
    inputs = training_inputs(tmp_path)
    # Train once; then run the gate and the register step against different champions.
    trained = run_steps(tmp_path / "train", names=["prep", "train"], inputs=inputs)
    _, evaluate = component_of(load_yaml(PIPELINE)["jobs"]["evaluate"])
    name = evaluate["inputs"]["model_name"]["default"]
    metric = evaluate["inputs"]["metric"]["default"]
    candidate = json.loads((trained[("train", "metrics")] / "metrics.json").read_text())[metric]
    fingerprint = ""
    if ("prep", "stats") in trained:
        fingerprint = read(trained, "prep", "stats", "prep.json")["data_fingerprint"]
    sign = 1 if evaluate["inputs"]["goal"]["default"] == "maximize" else -1

    # A champion better than the candidate: not promoted, nothing registered.
    gate = ["evaluate", "register"]
    better = candidate + sign * 0.5
    seed_champion(registry, name, metric, better, fingerprint, tmp_path / "champion")
    kept = run_steps(tmp_path / "kept", names=gate, outputs=trained, inputs=inputs)
    decision = read(kept, "evaluate", "decision", "decision.json")
    assert decision["promote"] is False and decision["same_data"] is True
    registered = read(kept, "register", "registration", "registered.json")
    assert registered == {"promoted": False, "name": name, "version": None}
    assert registry.champion(name)["version"] == "1"

    # A worse champion: promoted and registered as the next version.
    seed_champion(registry, name, metric, candidate - sign * 0.5, fingerprint, tmp_path / "worse")
    promoted = run_steps(tmp_path / "promoted", names=gate, outputs=trained, inputs=inputs)
    assert read(promoted, "evaluate", "decision", "decision.json")["promote"] is True
    assert read(promoted, "register", "registration", "registered.json")["version"] == "3"
    assert float(registry.champion(name)["tags"][metric]) == pytest.approx(candidate)

    # A champion registered without the metric (by hand): nothing to compare, so promote.
    (tmp_path / "untagged").mkdir()
    registry.register(name, tmp_path / "untagged", {})
    replaced = run_steps(tmp_path / "replaced", names=gate, outputs=trained, inputs=inputs)
    decision = read(replaced, "evaluate", "decision", "decision.json")
    assert decision["promote"] is True and "has no" in decision["reason"]


def test_a_tie_is_not_promoted_and_the_threshold_is_an_input():
    from evaluate import decide

    assert decide(0.9, None, "maximize", 0.005) == (True, "no champion registered yet")
    assert decide(0.9, 0.9, "maximize", 0.005)[0] is False  # a rerun on the same data
    assert decide(0.91, 0.9, "maximize", 0.005)[0] is True
    assert decide(0.91, 0.9, "maximize", 0.05)[0] is False
    assert decide(0.2, 0.3, "minimize", 0.005)[0] is True
