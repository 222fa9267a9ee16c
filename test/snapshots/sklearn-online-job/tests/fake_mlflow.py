"""A recording stand-in for MLflow, used when the real package is not installed.

It lets the offline suite run ``train.main()`` end to end on any machine and check what the training
script asks of MLflow (autolog without models, the objective metric, ``save_model`` with the
monitoring requirement and never ``log_model``). The project's CI installs the real MLflow, and then
the same test runs against it.
"""

from __future__ import annotations

import sys
import types
from contextlib import contextmanager
from pathlib import Path


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]

    def kwargs(self, name: str) -> dict:
        return next(kw for n, _, kw in self.calls if n == name)

    def metric_names(self) -> set[str]:
        names = {args[0] for n, args, _ in self.calls if n == "log_metric"}
        for n, args, kwargs in self.calls:
            if n == "log_metrics":
                names.update((args[0] if args else kwargs["metrics"]).keys())
        return names


def install(monkeypatch, flavor: str) -> Recorder:
    """Put fake ``mlflow``, ``mlflow.<flavor>`` and ``mlflow.models`` into ``sys.modules``."""
    rec = Recorder()

    def record(name):
        def fn(*args, **kwargs):
            rec.calls.append((name, args, kwargs))

        return fn

    @contextmanager
    def start_run(*args, **kwargs):
        rec.calls.append(("start_run", args, kwargs))
        yield types.SimpleNamespace(info=types.SimpleNamespace(run_id="fake"))

    def save_model(model, path, **kwargs):
        rec.calls.append((f"{flavor}.save_model", (model, path), kwargs))
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        (out / "MLmodel").write_text("flavors: {}\n")
        extra = kwargs.get("extra_pip_requirements") or []
        (out / "requirements.txt").write_text("\n".join([flavor, *extra]) + "\n")

    mlflow = types.ModuleType("mlflow")
    # log_artifact(s)/log_dict: extras attach files (ONNX, plots) to the run after training.
    files = ("log_artifact", "log_artifacts", "log_dict")
    for name in ("log_metric", "log_metrics", "log_param", "log_params", "autolog", "set_tag",
                 *files):
        setattr(mlflow, name, record(name))
    mlflow.start_run = start_run
    module = types.ModuleType(f"mlflow.{flavor}")
    module.autolog = record(f"{flavor}.autolog")
    module.save_model = save_model
    module.log_model = record(f"{flavor}.log_model")
    module.SERIALIZATION_FORMAT_PICKLE = "pickle"
    models = types.ModuleType("mlflow.models")
    models.infer_signature = lambda x, y=None: ("signature", getattr(x, "shape", None))
    setattr(mlflow, flavor, module)
    mlflow.models = models
    for name, mod in (("mlflow", mlflow), (f"mlflow.{flavor}", module), ("mlflow.models", models)):
        monkeypatch.setitem(sys.modules, name, mod)
    return rec


def mlflow_or_fake(monkeypatch, flavor: str) -> Recorder | None:
    """The real MLflow when installed (the project's CI), else the recording fake."""
    import importlib.util

    if importlib.util.find_spec("mlflow") is not None:
        return None
    return install(monkeypatch, flavor)
