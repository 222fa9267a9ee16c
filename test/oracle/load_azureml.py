"""Load Azure ML YAML files with the official azure-ai-ml loaders, offline, and print JSON verdicts.

Usage: PYTHONPATH=test/oracle /usr/bin/python3 test/oracle/load_azureml.py < requests.json

stdin: a JSON list of {"path": <file>, "kind": <kind>}; kinds are the $schema names (commandJob,
sweepJob, pipelineJob, environment, model, data, managedOnlineEndpoint, kubernetesOnlineEndpoint,
managedOnlineDeployment, kubernetesOnlineDeployment, batchEndpoint, modelBatchDeployment,
commandComponent) or "yaml" (PyYAML only).
stdout: a JSON list, one object per request, in order:
  {"path", "kind", "ok": bool, "error": str | null, "applied": [the exceptions applied first],
   "yaml": <the document as yaml.safe_load reads it, made JSON-safe>}

Before loading, the exceptions listed in sdk_1_4_exceptions.json for the file's kind (fields that
azure-ai-ml 1.4.0 predates) are applied, and nothing else. Every file is also read with
yaml.safe_load, which is what the Azure CLI uses, so callers can compare values with their own parser.
"""
import base64
import datetime
import json
import os
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def _loaders():
    from azure.ai import ml

    return {
        "commandJob": ml.load_job,
        "sweepJob": ml.load_job,
        "pipelineJob": ml.load_job,
        "commandComponent": ml.load_component,
        "environment": ml.load_environment,
        "model": ml.load_model,
        "data": ml.load_data,
        "managedOnlineEndpoint": ml.load_online_endpoint,
        "kubernetesOnlineEndpoint": ml.load_online_endpoint,
        "managedOnlineDeployment": ml.load_online_deployment,
        "kubernetesOnlineDeployment": ml.load_online_deployment,
        "batchEndpoint": ml.load_batch_endpoint,
        "modelBatchDeployment": ml.load_batch_deployment,
        "batchDeployment": ml.load_batch_deployment,
    }


def exceptions_for(kind):
    with open(os.path.join(HERE, "sdk_1_4_exceptions.json"), encoding="utf-8") as f:
        table = json.load(f)["exceptions"]
    return [e for e in table if kind in e["kinds"]]


def json_safe(value):
    """PyYAML's value as JSON, keeping the types JSON lacks visible (a date is not a string)."""
    if isinstance(value, dict):
        return {str(k) if isinstance(k, str) else json.dumps(json_safe(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$binary": base64.b64encode(value).decode()}
    if isinstance(value, float) and value != value:
        return {"$float": "nan"}
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return {"$float": str(value)}
    return value


def apply_exceptions(doc, exceptions):
    """Apply the listed exceptions (top-level fields) to a document; returns those that applied."""
    applied = []
    for e in exceptions:
        key, action = e["path"], e["action"]
        if action == "strip" and key in doc:
            del doc[key]
        elif action == "hoist" and isinstance(doc.get(key), dict):
            block = doc.pop(key)
            clash = [k for k in block if k in doc]
            if clash:
                raise ValueError(f"{key}: {clash} set both at the root and under {key}")
            doc.update(block)
        elif action == "fill" and key not in doc:
            doc[key] = e["value"]
        else:
            continue
        applied.append(key)
    return applied


def verdict(request, loaders):
    path, kind = request["path"], request["kind"]
    out = {"path": path, "kind": kind, "ok": False, "error": None, "applied": [], "yaml": None}
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except Exception as e:  # noqa: BLE001 - the verdict carries any failure
        out["error"] = f"yaml.safe_load: {type(e).__name__}: {e}"
        return out
    out["yaml"] = json_safe(doc)
    if kind == "yaml":
        out["ok"] = True
        return out
    loader = loaders.get(kind)
    if loader is None:
        out["error"] = f"no azure-ai-ml loader for kind {kind}"
        return out
    if not isinstance(doc, dict):
        out["error"] = "not a mapping"
        return out
    out["applied"] = apply_exceptions(doc, exceptions_for(kind))
    # Load the adjusted copy from the file's own folder, so relative paths (code, conda_file) resolve.
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(suffix=".yml", dir=folder, prefix=".oracle-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, sort_keys=False)
        loader(source=tmp)
        out["ok"] = True
    except Exception as e:  # noqa: BLE001
        out["error"] = f"{type(e).__name__}: {' '.join(str(e).split())}"[:600]
    finally:
        os.unlink(tmp)
    return out


def main():
    requests = json.load(sys.stdin)
    loaders = _loaders()
    json.dump([verdict(r, loaders) for r in requests], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
