"""The scoring script with --training pipeline: score.py plus production data collection.

``init()`` and ``run()`` are score.py's own; after each answer the request rows (tabular payloads)
and the predictions go to Azure ML's data collector (``azureml-ai-monitoring``), the
``model_inputs`` and ``model_outputs`` collections that deploy/deployment.yml enables and
monitoring/monitor.yml reads. Collection never changes or fails an answer.
"""

from __future__ import annotations

import json
import logging

import score

log = logging.getLogger(__name__)
_collectors: tuple | None = None


def init() -> None:
    global _collectors
    score.init()
    try:
        from azureml.ai.monitoring import Collector
    except ImportError:  # local runs without the package: no collection
        _collectors = None
        return
    _collectors = (Collector(name="model_inputs"), Collector(name="model_outputs"))


def _body(value):
    """A dict or list, from a plain value, a JSON string, or an HTTP response object."""
    if hasattr(value, "get_data"):
        value = value.get_data(as_text=True)
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8")
    return json.loads(value) if isinstance(value, str) else value


def _rows(payload) -> list | None:
    """The request's feature rows when they are tabular (lists of numbers), else None."""
    rows = payload.get("data", payload.get("input_data")) if isinstance(payload, dict) else None
    is_table = isinstance(rows, list) and rows and all(
        isinstance(r, list) and all(isinstance(v, (int, float)) for v in r) for r in rows
    )
    return rows if is_table else None


def collect(raw_data, result) -> None:
    import pandas as pd

    inputs, outputs = _collectors
    body = _body(result)
    predictions = body.get("predictions") if isinstance(body, dict) else None
    if not isinstance(predictions, list):
        return  # an error answer: nothing to monitor
    rows = _rows(_body(raw_data))
    context = inputs.collect(pd.DataFrame(rows)) if rows is not None else None
    frame = pd.DataFrame({"prediction": [json.dumps(p) if isinstance(p, (list, dict)) else p
                                         for p in predictions]})
    if context is not None:
        outputs.collect(frame, context)
    else:
        outputs.collect(frame)


def run(raw_data):
    result = score.run(raw_data)
    if _collectors is not None:
        try:
            collect(raw_data, result)
        except Exception as exc:  # collection must never fail a request
            log.warning("data collection skipped: %s", exc)
    return result
