"""Responsible-AI extra: the pure helpers (numpy only) and, where installed, the full report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from sklearn.model_selection import train_test_split

import extra_responsible_ai
from responsible_ai import (
    SYNTHETIC,
    agreement,
    by_group_rows,
    importance_rows,
    render_html,
    sensitive_groups,
    validation_labels,
)


def test_synthetic_groups_split_the_first_feature_at_its_median_and_say_so(iris):
    X, _, names = iris
    groups, info = sensitive_groups(X, X, names, SYNTHETIC)
    median = float(np.median(X[:, 0]))
    assert info["synthetic"] is True and info["feature"] == names[0]
    assert "SYNTHETIC" in info["note"]
    low = groups == f"{names[0]} <= {median:g}"
    assert set(groups) == {f"{names[0]} <= {median:g}", f"{names[0]} > {median:g}"}
    assert np.array_equal(low, X[:, 0] <= median)


def test_synthetic_group_on_a_named_feature(iris):
    X, _, names = iris
    groups, info = sensitive_groups(X, X[:10], names, f"{SYNTHETIC}:{names[3]}")
    assert info["feature"] == names[3] and info["synthetic"] is True
    assert len(groups) == 10


def test_a_real_column_with_few_values_groups_by_value():
    X = np.array([[0.0, 1.5], [1.0, 2.5], [0.0, 3.5], [1.0, 4.5]])
    groups, info = sensitive_groups(X, X, ["sex", "height"], "sex")
    assert list(groups) == ["sex=0", "sex=1", "sex=0", "sex=1"]
    assert info["synthetic"] is False and "note" not in info


def test_a_real_continuous_column_is_split_at_its_median_without_the_synthetic_label(iris):
    X, _, names = iris
    groups, info = sensitive_groups(X, X, names, names[2])
    assert len(set(groups)) == 2 and info["synthetic"] is False and "median" in info["rule"]


def test_an_unknown_column_names_the_choices(iris):
    X, _, names = iris
    with pytest.raises(ValueError, match=names[0]):
        sensitive_groups(X, X, names, "gender")


def test_validation_labels_are_recovered_from_the_split(iris):
    X, y, _ = iris
    _, X_val, _, y_val = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
    assert list(validation_labels(X, y, X_val)) == list(y_val)


def test_by_group_rows_are_json_safe():
    rows = by_group_rows(["a", "b"], ["accuracy", "count"], np.array([[0.5, 3], [np.nan, 2]]))
    assert rows == [
        {"group": "a", "accuracy": 0.5, "count": 3.0},
        {"group": "b", "accuracy": None, "count": 2.0},
    ]
    json.dumps(rows, allow_nan=False)


def test_importances_are_sorted_and_agreement_counts_matches():
    rows = importance_rows(["a", "b", "c"], np.array([0.1, 0.7, 0.3]))
    assert [r["feature"] for r in rows] == ["b", "c", "a"]
    assert agreement(["x", "y", "y", "z"], ["x", "y", "z", "z"]) == 0.75


def test_html_report_escapes_every_value():
    report = {
        "sensitive_feature": {"feature": "<b>", "rule": "r", "note": "SYNTHETIC <demo>"},
        "fairness": {"by_group": [{"group": "<script>", "accuracy": 1.0}],
                     "difference": {"accuracy": 0.25}},
        "explanation": {"method": "EBM", "fidelity": 0.9,
                        "importances": [{"feature": "f", "importance": 0.5}]},
        "images": ["fairness.png"],
    }
    page = render_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "SYNTHETIC &lt;demo&gt;" in page and "fairness.png" in page and "0.25" in page


def test_flag_defaults_off_and_the_job_passes_it(project_root):
    parser = argparse.ArgumentParser()
    extra_responsible_ai.add_arguments(parser)
    assert parser.parse_args([]).sensitive_column is None
    assert parser.parse_args(["--sensitive-column", "sex"]).sensitive_column == "sex"
    job = yaml.safe_load((project_root / "jobs" / "train.yml").read_text())
    assert "--sensitive-column ${{inputs.sensitive_column}}" in job["command"]
    assert job["inputs"]["sensitive_column"] == SYNTHETIC


def _ctx(trained, iris, tmp_path: Path, column: str | None, mlflow) -> SimpleNamespace:
    model, metrics, _ = trained
    X, y, names = iris
    _, X_val = train_test_split(X, test_size=0.2, random_state=42, stratify=y)
    args = argparse.Namespace(sensitive_column=column, random_state=42)
    return SimpleNamespace(framework="sklearn", args=args, model=model, X=X, y=y, X_val=X_val,
                           feature_names=names, metrics=metrics, mlflow=mlflow,
                           outputs_dir=tmp_path / "outputs")


class RecordingMlflow:
    def __init__(self) -> None:
        self.params: dict[str, object] = {}
        self.artifacts: list[tuple[str, str]] = []

    def log_param(self, key, value):
        self.params[key] = value

    def log_artifact(self, path, artifact_path=None):
        self.artifacts.append((Path(path).name, artifact_path))


def test_no_flag_means_no_report(trained, iris, tmp_path):
    ctx = _ctx(trained, iris, tmp_path, None, RecordingMlflow())
    assert extra_responsible_ai.after_training(ctx) is None
    assert not (tmp_path / "outputs").exists()


def test_missing_libraries_skip_the_report_with_a_warning(trained, iris, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fairlearn", None)  # makes `import fairlearn` fail
    monkeypatch.setitem(sys.modules, "fairlearn.metrics", None)
    ctx = _ctx(trained, iris, tmp_path, SYNTHETIC, RecordingMlflow())
    with pytest.warns(RuntimeWarning, match="fairlearn"):
        assert extra_responsible_ai.after_training(ctx) is None


def test_full_report_is_written_and_logged(trained, iris, tmp_path):
    pinned = "is not installed (pinned in conda.yaml)"
    pytest.importorskip("fairlearn", reason=f"fairlearn {pinned}")
    pytest.importorskip("interpret", reason=f"interpret-core {pinned}")
    pytest.importorskip("matplotlib", reason=f"matplotlib {pinned}")
    mlflow = RecordingMlflow()
    metrics = extra_responsible_ai.after_training(_ctx(trained, iris, tmp_path, SYNTHETIC, mlflow))
    folder = tmp_path / "outputs" / "responsible_ai"
    names = {"fairness.json", "explanation.json", "fairness.png", "importance.png", "report.html"}
    assert names <= {p.name for p in folder.iterdir()}
    fairness = json.loads((folder / "fairness.json").read_text())
    assert fairness["sensitive_feature"]["synthetic"] is True
    assert sum(row["count"] for row in fairness["by_group"]) == 30
    explanation = json.loads((folder / "explanation.json").read_text())
    assert {r["feature"] for r in explanation["importances"]} == set(iris[2])
    assert set(metrics) == {"fairness_accuracy_difference",
                            "fairness_selection_rate_difference_max", "explanation_fidelity"}
    assert 0.0 <= metrics["explanation_fidelity"] <= 1.0
    assert mlflow.params == {"sensitive_column": SYNTHETIC}
    assert {name for name, _ in mlflow.artifacts} == names
