"""Pipeline step 2, train: run ``train.py`` unchanged and write its metrics as a step output.

Every argument except ``--metrics-output`` goes to ``train.main()`` exactly as the single command
job (jobs/train.yml) passes it. Under distributed training only rank 0 writes the metrics.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import train


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="Train and write metrics.json.", add_help=False)
    parser.add_argument("--metrics-output", required=True, help="folder for metrics.json")
    known, rest = parser.parse_known_args(argv)
    metrics = train.main(rest) or {}
    if os.environ.get("RANK", "0") == "0":
        out = Path(known.metrics_output)
        out.mkdir(parents=True, exist_ok=True)
        clean = {k: float(v) for k, v in metrics.items() if isinstance(v, (int, float))}
        (out / "metrics.json").write_text(json.dumps(clean, indent=2, sort_keys=True) + "\n")
    return metrics


if __name__ == "__main__":
    main()
