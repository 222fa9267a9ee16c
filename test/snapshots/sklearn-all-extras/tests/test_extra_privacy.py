"""Privacy extra: flags, the data-norm rule, the job contract and, with diffprivlib, training."""

from __future__ import annotations

import argparse
import sys
import warnings
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

import extra_privacy
from model import load_artifacts, save_artifacts, train_and_evaluate


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    extra_privacy.add_arguments(parser)
    args = parser.parse_args(list(argv))
    args.data, args.label_column, args.C, args.max_iter, args.random_state = None, None, 1.0, 200, 0
    return args


def test_epsilon_is_off_unless_given():
    assert _args().epsilon is None
    assert extra_privacy.make_classifier(_args()) is None  # plain logistic regression


def test_flags_parse_and_reject_non_positive_budgets(capsys):
    args = _args("--epsilon", "0.5", "--dp-data-norm", "3")
    assert (args.epsilon, args.dp_data_norm) == (0.5, 3.0)
    for bad in ("0", "-1", "nan"):
        with pytest.raises(SystemExit):
            _args("--epsilon", bad)
    capsys.readouterr()


def test_data_norm_depends_on_the_schema_only(project_root, tmp_path):
    assert extra_privacy.default_data_norm(4) == pytest.approx(4.0)
    assert extra_privacy.default_data_norm(9) == pytest.approx(6.0)
    assert extra_privacy.feature_count(None) == 4
    assert extra_privacy.feature_count(str(project_root / "data" / "iris.csv")) == 4
    (tmp_path / "d.csv").write_text("a,b,label,c\n1,2,x,3\n")
    assert extra_privacy.feature_count(str(tmp_path), "label") == 3
    with pytest.raises(ValueError, match="label column"):
        extra_privacy.feature_count(str(tmp_path / "d.csv"), "species")


def test_a_missing_library_is_a_clear_error_never_silent_plain_training(monkeypatch):
    monkeypatch.setitem(sys.modules, "diffprivlib", None)
    monkeypatch.setitem(sys.modules, "diffprivlib.models", None)
    monkeypatch.setitem(sys.modules, "diffprivlib.accountant", None)
    with pytest.raises(ModuleNotFoundError, match="diffprivlib") as caught:
        extra_privacy.make_classifier(_args("--epsilon", "1"))
    assert caught.value.name == "diffprivlib"  # lets a caller skip, naming the package


def test_the_job_passes_the_budget(project_root):
    job = yaml.safe_load((project_root / "jobs" / "train.yml").read_text())
    assert "--epsilon ${{inputs.epsilon}}" in job["command"]
    assert job["inputs"]["epsilon"] > 0


class RecordingMlflow:
    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def log_param(self, key, value):
        self.params[key] = value


def test_private_training_spends_the_budget_and_still_scores(iris, tmp_path):
    pytest.importorskip("diffprivlib", reason="diffprivlib is not installed (pinned in conda.yaml)")
    from diffprivlib.utils import PrivacyLeakWarning

    X, y, names = iris
    args = _args("--epsilon", "2")
    with warnings.catch_warnings():
        warnings.simplefilter("error", PrivacyLeakWarning)  # data_norm given: nothing leaks
        classifier = extra_privacy.make_classifier(args)
        model, metrics, X_val = train_and_evaluate(X, y, classifier=classifier)
    assert model[-1] is classifier
    assert type(classifier).__module__.startswith("diffprivlib")
    assert classifier.coef_.shape == (3, 4) and classifier.data_norm == pytest.approx(4.0)
    assert set(model.predict(X_val)) <= set(np.unique(y))
    assert 0.0 <= metrics["val_accuracy"] <= 1.0

    mlflow = RecordingMlflow()
    ctx = SimpleNamespace(framework="sklearn", args=args, model=model, mlflow=mlflow)
    assert extra_privacy.after_training(ctx) == {"epsilon_spent": pytest.approx(2.0)}
    assert mlflow.params["epsilon"] == 2.0 and mlflow.params["dp_library"] == "diffprivlib"

    loaded, _ = load_artifacts(save_artifacts(model, names, tmp_path / "model"))
    assert list(loaded.predict(X_val)) == list(model.predict(X_val))


def test_no_budget_no_logging():
    ctx = SimpleNamespace(framework="sklearn", args=_args(), model=None, mlflow=RecordingMlflow())
    assert extra_privacy.after_training(ctx) is None
    assert ctx.mlflow.params == {}
