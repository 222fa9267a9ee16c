"""Where the evaluation gate finds the champion and where the register step puts a promoted model.

Two implementations behind one small interface:

* ``MlflowRegistry``: the Azure ML workspace's model registry through MLflow, which a pipeline
  step is already signed in to (Azure ML sets ``MLFLOW_TRACKING_URI`` and the credentials);
* ``LocalRegistry``: a folder with one JSON file per model version, for offline tests and local
  runs. Set ``MODEL_REGISTRY_DIR`` to use it.

MLflow is imported only inside ``MlflowRegistry``, so the local path never needs it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Protocol


class Registry(Protocol):
    def champion(self, name: str) -> dict | None:
        """The current version of ``name``, as ``{"version": str, "tags": {...}}``, or None."""

    def register(self, name: str, path: Path, tags: dict[str, str]) -> str:
        """Register the model folder ``path`` as a new version of ``name``; return the version."""


class LocalRegistry:
    """``<root>/<name>/<version>.json`` (+ ``<version>/`` holding a copy of the model)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def _versions(self, name: str) -> list[int]:
        folder = self.root / name
        if not folder.is_dir():
            return []
        return sorted(int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit())

    def champion(self, name: str) -> dict | None:
        versions = self._versions(name)
        if not versions:
            return None
        record = json.loads((self.root / name / f"{versions[-1]}.json").read_text())
        return {"version": str(versions[-1]), "tags": record["tags"]}

    def register(self, name: str, path: Path, tags: dict[str, str]) -> str:
        versions = self._versions(name)
        version = str((versions[-1] if versions else 0) + 1)
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copytree(path, folder / version)
        record = {"name": name, "version": version, "tags": tags}
        (folder / f"{version}.json").write_text(json.dumps(record, indent=2) + "\n")
        return version


class MlflowRegistry:
    """The workspace registry through MLflow (azureml-mlflow), from inside an Azure ML step."""

    def champion(self, name: str) -> dict | None:
        from mlflow.exceptions import MlflowException
        from mlflow.tracking import MlflowClient

        try:
            versions = MlflowClient().search_model_versions(f"name='{name}'")
        except MlflowException:
            return None  # no model of that name yet
        if not versions:
            return None
        latest = max(versions, key=lambda v: int(v.version))
        return {"version": str(latest.version), "tags": dict(latest.tags or {})}

    def register(self, name: str, path: Path, tags: dict[str, str]) -> str:
        import mlflow
        from mlflow.exceptions import MlflowException
        from mlflow.tracking import MlflowClient

        # The files become artifacts of this step's run; the version points at them. No
        # log_model: on MLflow 3 it calls the logged-models API, which Azure ML does not serve.
        with mlflow.start_run() as run:
            mlflow.log_artifacts(str(path), artifact_path="model")
            source = mlflow.get_artifact_uri("model")
            client = MlflowClient()
            try:
                client.create_registered_model(name)
            except MlflowException:
                pass  # it exists already
            version = client.create_model_version(name, source, run_id=run.info.run_id, tags=tags)
        return str(version.version)


def open_registry() -> Registry:
    """``LocalRegistry`` when ``MODEL_REGISTRY_DIR`` is set, else the workspace through MLflow."""
    local = os.environ.get("MODEL_REGISTRY_DIR")
    return LocalRegistry(local) if local else MlflowRegistry()
