"""score_monitored.py: score.py's answers unchanged, request rows and predictions collected."""

from __future__ import annotations

import json
import sys
import types

import pytest


class FakeCollector:
    calls: list = []

    def __init__(self, name: str) -> None:
        self.name = name

    def collect(self, frame, context=None):
        FakeCollector.calls.append((self.name, frame.to_dict("list"), context))
        return f"context-of-{self.name}"


@pytest.fixture
def monitored(monkeypatch):
    pytest.importorskip("pandas")
    fake_score = types.ModuleType("score")
    fake_score.init = lambda: None
    fake_score.run = lambda raw: (
        {"error": "bad input"} if "bad" in raw else {"predictions": ["setosa", "virginica"]}
    )
    monitoring = types.ModuleType("azureml.ai.monitoring")
    monitoring.Collector = FakeCollector
    for name in ("azureml", "azureml.ai"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "azureml.ai.monitoring", monitoring)
    monkeypatch.setitem(sys.modules, "score", fake_score)
    monkeypatch.delitem(sys.modules, "score_monitored", raising=False)
    FakeCollector.calls = []
    import score_monitored

    score_monitored.init()
    return score_monitored


def test_answers_are_unchanged_and_rows_and_predictions_are_collected(monitored):
    request = json.dumps({"data": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]})
    assert monitored.run(request) == {"predictions": ["setosa", "virginica"]}
    (name_in, rows, _), (name_out, predictions, context) = FakeCollector.calls
    assert name_in == "model_inputs" and rows[0] == [5.1, 6.7]
    assert name_out == "model_outputs" and predictions == {"prediction": ["setosa", "virginica"]}
    assert context == "context-of-model_inputs"  # inputs and outputs are correlated


def test_error_answers_are_not_collected_and_never_fail(monitored, monkeypatch):
    assert monitored.run("bad") == {"error": "bad input"}
    assert FakeCollector.calls == []
    monkeypatch.setattr(FakeCollector, "collect", None)  # broken: the answer still comes back
    answer = monitored.run(json.dumps({"data": [[1.0]]}))
    assert answer == {"predictions": ["setosa", "virginica"]}
