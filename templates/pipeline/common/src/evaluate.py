"""Pipeline step 3, evaluate: the gate between a trained candidate and the champion.

The candidate's metric comes from the train step (measured on the held-out split of the prepared
data). The champion is the model currently registered under ``--model-name``: its metric and data
fingerprint are tags that the register step wrote. No champion: promote. Otherwise promote when the
candidate beats the champion by at least ``--min-improvement`` (in the metric's direction).
Writes ``decision.json`` into ``--decision``; the register step acts on it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from registry import open_registry


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Compare the candidate with the champion.")
    parser.add_argument("--metrics", required=True, help="folder with metrics.json")
    parser.add_argument("--stats", default=None, help="folder with the prep step's prep.json")
    parser.add_argument("--model-name", required=True)
    parser.add_argument("--metric", required=True, help="metric name, e.g. val_accuracy")
    parser.add_argument("--goal", choices=["maximize", "minimize"], default="maximize")
    parser.add_argument("--min-improvement", type=float, default=0.0)
    parser.add_argument("--decision", required=True, help="folder for decision.json")
    return parser.parse_args(argv)


def decide(
    candidate: float, champion: float | None, goal: str, min_improvement: float
) -> tuple[bool, str]:
    """(promote, reason). Pure, so the rule is tested on its own."""
    if champion is None:
        return True, "no champion registered yet"
    gain = candidate - champion if goal == "maximize" else champion - candidate
    if gain >= min_improvement:
        return True, (f"candidate {candidate:.4f} beats champion {champion:.4f} by {gain:.4f}"
                      f" (>= {min_improvement})")
    return False, (f"candidate {candidate:.4f} vs champion {champion:.4f}: gain {gain:.4f}"
                   f" < {min_improvement}")


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    metrics = json.loads((Path(args.metrics) / "metrics.json").read_text())
    if args.metric not in metrics:
        raise SystemExit(f"train did not report {args.metric}; it reported {sorted(metrics)}")
    candidate = float(metrics[args.metric])
    fingerprint = ""
    if args.stats:
        fingerprint = json.loads((Path(args.stats) / "prep.json").read_text())["data_fingerprint"]

    current = open_registry().champion(args.model_name)
    champion_value = None
    same_data = None
    if current is not None and args.metric in current["tags"]:
        champion_value = float(current["tags"][args.metric])
        same_data = current["tags"].get("data_fingerprint", "") == fingerprint
    promote, reason = decide(candidate, champion_value, args.goal, args.min_improvement)
    if current is not None and champion_value is None:
        # e.g. registered by hand or by the single-job workflow: nothing to compare with.
        reason = f"champion version {current['version']} has no {args.metric} tag"
    decision = {
        "promote": promote,
        "reason": reason,
        "metric": args.metric,
        "goal": args.goal,
        "min_improvement": args.min_improvement,
        "candidate": candidate,
        "champion": champion_value,
        "champion_version": current["version"] if current else None,
        # False: the champion was measured on other data (a new data asset version).
        "same_data": same_data,
        "data_fingerprint": fingerprint,
        "metrics": metrics,
    }
    out = Path(args.decision)
    out.mkdir(parents=True, exist_ok=True)
    (out / "decision.json").write_text(json.dumps(decision, indent=2) + "\n")
    print(("PROMOTE: " if promote else "KEEP CHAMPION: ") + reason)
    return decision


if __name__ == "__main__":
    main()
