"""Encrypted inference: the linear layer, the request contract and (with TenSEAL) a round trip."""

from __future__ import annotations

import base64
import importlib
import json

import numpy as np
import pytest
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import encrypted_client
import score_encrypted
from score_encrypted import linear_layer, plain_logits


@pytest.fixture
def encrypted(model_dir):
    """score_encrypted, freshly imported (with score) and initialised from the staged model."""
    importlib.reload(importlib.import_module("score"))
    module = importlib.reload(score_encrypted)
    module.init()
    return module


def _meta(model, names):
    return {"features": names, "classes": [str(c) for c in model.classes_]}


def test_linear_layer_reproduces_the_pipeline(trained, iris):
    model, _, names = trained
    X = iris[0]
    layer = linear_layer(model, _meta(model, names))
    scaled = encrypted_client.scale_rows(X, score_encrypted.public_parameters(layer))
    logits = plain_logits(layer, scaled)
    np.testing.assert_allclose(logits, model.decision_function(X), atol=1e-9)
    assert encrypted_client.predict_labels(logits, layer.classes) == list(model.predict(X))


def test_a_binary_model_gets_two_outputs_so_argmax_still_names_the_class(iris):
    X, y, names = iris
    keep = y != y[0]
    model = Pipeline([("scaler", StandardScaler()), ("classifier", LogisticRegression())])
    model.fit(X[keep], y[keep])
    layer = linear_layer(model, _meta(model, names))
    assert layer.weights.shape == (4, 2)
    logits = plain_logits(layer, (X[keep] - layer.mean) / layer.scale)
    assert [layer.classes[i] for i in logits.argmax(axis=1)] == list(model.predict(X[keep]))


def test_a_non_linear_model_is_refused(iris):
    X, y, names = iris
    model = Pipeline([("scaler", StandardScaler()), ("classifier", DecisionTreeClassifier())])
    model.fit(X, y)
    with pytest.raises(TypeError, match="not linear"):
        linear_layer(model, _meta(model, names))


def test_public_parameters_are_the_scaler(encrypted, trained):
    reply = encrypted.run(json.dumps({"public_parameters": True}))
    scaler = trained[0][0]
    np.testing.assert_allclose(reply["mean"], scaler.mean_)
    np.testing.assert_allclose(reply["scale"], scaler.scale_)
    assert reply["classes"] == [str(c) for c in trained[0].classes_]


def test_plaintext_requests_are_answered_by_score_py(encrypted, project_root):
    import score

    body = (project_root / "deploy" / "sample-request.json").read_text()
    assert encrypted.run(body) == score.run(body)
    assert "predictions" in encrypted.run(body)
    assert encrypted.run("not json") == score.run("not json")


@pytest.mark.parametrize(
    "payload",
    [
        {"encrypted": "abc"},
        {"encrypted": {"rows": [["AA=="] * 4]}},
        {"encrypted": {"context": "%%%", "rows": [["AA=="] * 4]}},
        {"encrypted": {"context": "AA==", "rows": []}},
        {"encrypted": {"context": "AA==", "rows": [["AA=="] * 3]}},
        {"encrypted": {"context": "AA==", "rows": [["AA=="] * 4] * 100}},
        {"encrypted": {"context": "AA==", "rows": [["AA==", "AA==", "AA==", "not base64!"]]}},
    ],
)
def test_malformed_encrypted_requests_get_an_error_payload(encrypted, payload):
    reply = encrypted.run(json.dumps(payload))
    assert set(reply) == {"error"} and "\n" not in reply["error"]


def test_an_oversized_body_is_refused(encrypted):
    reply = encrypted.run(" " * (score_encrypted.MAX_ENCRYPTED_BYTES + 1))
    assert "larger" in reply["error"]


def test_before_init_encrypted_requests_are_refused(model_dir):
    importlib.reload(importlib.import_module("score"))
    module = importlib.reload(score_encrypted)
    reply = module.run(json.dumps({"public_parameters": True}))
    assert "not loaded" in reply["error"]


def test_the_deployment_runs_this_script(project_root):
    deployment = yaml.safe_load((project_root / "deploy" / "deployment.yml").read_text())
    assert deployment["code_configuration"]["scoring_script"] == "score_encrypted.py"


def test_encrypted_round_trip_matches_plaintext(encrypted, project_root, trained):
    pytest.importorskip("tenseal", reason="tenseal is not installed (pinned in conda.yaml)")
    rows = json.loads((project_root / "deploy" / "sample-request.json").read_text())["data"]
    result = encrypted_client.classify(rows, lambda p: encrypted.run(json.dumps(p)))
    model = trained[0]
    expected = model.decision_function(np.asarray(rows, dtype=np.float64))
    np.testing.assert_allclose(np.asarray(result["logits"]), expected, atol=1e-3)
    assert result["predictions"] == list(model.predict(np.asarray(rows, dtype=np.float64)))


def test_a_context_holding_the_secret_key_is_refused(encrypted):
    ts = pytest.importorskip("tenseal", reason="tenseal is not installed (pinned in conda.yaml)")
    context = encrypted_client.make_context()
    private = base64.b64encode(context.serialize(save_secret_key=True)).decode()
    vector = base64.b64encode(ts.ckks_vector(context, [1.0, 1.0, 1.0]).serialize()).decode()
    reply = encrypted.run(json.dumps({"encrypted": {"context": private, "rows": [[vector] * 4]}}))
    assert "SECRET" in reply["error"]
