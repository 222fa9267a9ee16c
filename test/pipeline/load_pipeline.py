"""Load a generated pipeline project's Azure ML files with the official azure-ai-ml loaders (offline).

Usage: PYTHONPATH=test/oracle /usr/bin/python3 test/pipeline/load_pipeline.py <project>
Prints a JSON object {relative path: null (loaded) or "error"}. Besides loading, the pipeline job is
checked with the SDK's own validation (every step's required inputs bound, bindings resolve), which
is what `az ml job create` runs before it submits.

azure-ai-ml 1.4.0 (2023) predates the GA `data_collector.collections` form of online deployments
(https://learn.microsoft.com/azure/machine-learning/reference-yaml-deployment-managed-online) and
model monitoring schedules (https://learn.microsoft.com/azure/machine-learning/reference-yaml-monitor):
data_collector is removed before loading a deployment, and monitoring/monitor.yml is not loaded.
"""
import glob
import json
import os
import sys
import tempfile

import yaml
from azure.ai.ml import load_component, load_data, load_environment, load_job, load_online_deployment
from azure.ai.ml.entities._load_functions import load_schedule


def check_pipeline(path):
    job = load_job(source=path)
    for name, step in job.jobs.items():
        if step.component is None:
            raise ValueError(f"step {name} has no component")
    result = job._validate()
    if not result.passed:
        raise ValueError(json.dumps(result.error_messages))


def load_deployment(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc.pop("data_collector", None)
    fd, tmp = tempfile.mkstemp(suffix=".yml", dir=os.path.dirname(path), prefix=".oracle-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f)
        load_online_deployment(source=tmp)
    finally:
        os.unlink(tmp)


def main(root):
    checks = [(p, load_component) for p in sorted(glob.glob(f"{root}/components/*.yml"))]
    checks += [(f"{root}/jobs/pipeline.yml", check_pipeline)]
    checks += [(p, load_data) for p in sorted(glob.glob(f"{root}/data/*.yml"))]
    checks += [(f"{root}/environment/environment.yml", load_environment)]
    checks += [(p, load_schedule) for p in sorted(glob.glob(f"{root}/schedules/*.yml"))]
    deployment = f"{root}/deploy/deployment.yml"
    if os.path.exists(deployment) and "OnlineDeployment" in open(deployment, encoding="utf-8").read():
        checks.append((deployment, load_deployment))
    verdicts = {}
    for path, check in checks:
        try:
            check(path)
            verdicts[os.path.relpath(path, root)] = None
        except Exception as e:  # noqa: BLE001 - the verdict carries any failure
            verdicts[os.path.relpath(path, root)] = f"{type(e).__name__}: {' '.join(str(e).split())}"[:800]
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
