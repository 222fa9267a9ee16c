"""Online scoring exactly as the endpoint runs it: AZUREML_MODEL_DIR, init(), run(raw text)."""

from __future__ import annotations

import json

import pytest

SPECIES = {"setosa", "versicolor", "virginica"}
ROW = [5.1, 3.5, 1.4, 0.2]


def test_sample_request_from_disk(scorer, project_root):
    raw = (project_root / "deploy" / "sample-request.json").read_text(encoding="utf-8")
    result = scorer.run(raw)
    assert set(result) == {"predictions", "probabilities"}
    assert len(result["predictions"]) == len(json.loads(raw)["data"]) == 2
    assert set(result["predictions"]) <= SPECIES
    assert result["predictions"] == ["setosa", "virginica"]
    for probabilities in result["probabilities"]:
        assert len(probabilities) == 3
        assert sum(probabilities) == pytest.approx(1.0)
    json.dumps(result)  # the server must be able to serialise it


def test_init_finds_model_below_registered_folder(score_module, model_dir):
    assert not (model_dir / "model.pkl").exists()  # the folder name is inserted by Azure ML
    score_module.init()
    assert score_module.run({"data": [ROW]})["predictions"] == ["setosa"]


def test_accepts_parsed_dict_and_bytes(scorer):
    assert scorer.run({"data": [ROW]})["predictions"] == ["setosa"]
    assert scorer.run(json.dumps({"data": [ROW]}).encode())["predictions"] == ["setosa"]


def test_integers_are_numbers(scorer):
    assert len(scorer.run('{"data": [[5, 3, 1, 0]]}')["predictions"]) == 1


def test_exactly_max_rows_is_accepted(scorer):
    result = scorer.run(json.dumps({"data": [ROW] * scorer.MAX_ROWS}))
    assert len(result["predictions"]) == scorer.MAX_ROWS


OVERSIZE = '{"data": [[5.1, 3.5, 1.4, 0.2]], "pad": "' + "x" * 1_000_001 + '"}'


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("this is not json", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ('{"rows": [[5.1, 3.5, 1.4, 0.2]]}', '"data" key'),
        ("[[5.1, 3.5, 1.4, 0.2]]", '"data" key'),
        ('{"data": [[5.1, 3.5, 1.4]]}', "list of 4 numbers"),
        ('{"data": [[5.1, 3.5, 1.4, 0.2, 9.9]]}', "list of 4 numbers"),
        ('{"data": [5.1, 3.5, 1.4, 0.2]}', "list of 4 numbers"),
        ('{"data": [["5.1", "3.5", "1.4", "0.2"]]}', "must be a number"),
        ('{"data": [[true, 3.5, 1.4, 0.2]]}', "must be a number"),
        ('{"data": [[null, 3.5, 1.4, 0.2]]}', "must be a number"),
        ('{"data": [[NaN, 3.5, 1.4, 0.2]]}', "finite"),
        ('{"data": [[Infinity, 3.5, 1.4, 0.2]]}', "finite"),
        ('{"data": [[1e999, 3.5, 1.4, 0.2]]}', "finite"),
        ('{"data": []}', "non-empty"),
        ('{"data": "5.1,3.5,1.4,0.2"}', "non-empty list"),
        (json.dumps({"data": [ROW] * 1001}), "limit is 1000"),
        (OVERSIZE, "larger than"),
        (12345, "JSON object"),
    ],
    ids=[
        "not-json", "deeply-nested", "missing-key", "bare-list", "too-narrow", "too-wide",
        "flat-row", "strings", "bool", "null", "nan", "infinity", "overflow", "empty-list",
        "string-data", "too-many-rows", "oversize", "not-text",
    ],
)
def test_malformed_input_gives_error_payload(scorer, raw, message):
    result = scorer.run(raw)
    assert set(result) == {"error"}
    assert message in result["error"]
    assert "\n" not in result["error"] and "Traceback" not in result["error"]


def test_unexpected_failure_is_hidden_and_logged(scorer, monkeypatch, caplog):
    def boom(rows):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(scorer, "predict", boom)
    result = scorer.run({"data": [ROW]})
    assert "error" in result and "secret" not in result["error"]
    assert "secret internal detail" in caplog.text


def test_run_before_init_is_an_error_not_a_crash(score_module):
    assert "not loaded" in score_module.run({"data": [ROW]})["error"]


def test_init_fails_loudly_without_a_model(tmp_path, monkeypatch, score_module):
    empty = tmp_path / "no-model-here"
    empty.mkdir()
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(empty))
    with pytest.raises(FileNotFoundError):
        score_module.init()
