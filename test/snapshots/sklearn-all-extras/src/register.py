"""Pipeline step 4, register: register the candidate only if the gate promoted it.

Tags every version with the git commit, the pipeline run, the data fingerprint and the metrics
(the next run's gate reads its champion metric from them). Writes ``registered.json`` into
``--output``: ``{"promoted": bool, "name", "version"}``; the workflow deploys only that version.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from registry import open_registry


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Register a promoted model.")
    parser.add_argument("--model", required=True, help="the train step's model folder")
    parser.add_argument("--decision", required=True, help="folder with decision.json")
    parser.add_argument("--model-name", required=True)
    parser.add_argument("--git-commit", default="unknown")
    parser.add_argument("--pipeline-run", default="")
    parser.add_argument("--output", required=True, help="folder for registered.json")
    return parser.parse_args(argv)


def tags_for(decision: dict, git_commit: str, pipeline_run: str) -> dict[str, str]:
    tags = {
        "git_commit": git_commit,
        "pipeline_run": pipeline_run,
        "data_fingerprint": decision.get("data_fingerprint", ""),
        "gate": decision["reason"][:250],
    }
    for name, value in decision["metrics"].items():
        tags[name] = repr(float(value))
    return tags


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    decision = json.loads((Path(args.decision) / "decision.json").read_text())
    # The pipeline job's name (Azure ML sets it for every step), unless the caller passed one.
    env = os.environ
    run = args.pipeline_run or env.get("AZUREML_ROOT_RUN_ID", "") or env.get("AZUREML_RUN_ID", "")
    result: dict = {"promoted": bool(decision["promote"]), "name": args.model_name, "version": None}
    if decision["promote"]:
        registry = open_registry()
        tags = tags_for(decision, args.git_commit, run)
        result["version"] = registry.register(args.model_name, Path(args.model), tags)
        print(f"registered {args.model_name} version {result['version']}")
    else:
        print(f"not registered: {decision['reason']}")
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "registered.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
