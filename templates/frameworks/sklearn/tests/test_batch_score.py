"""Batch scoring: one output row per input file, errors as rows, never an exception."""

from __future__ import annotations

SPECIES = {"setosa", "versicolor", "virginica"}


def count_data_rows(path) -> int:
    return len([line for line in path.read_text().splitlines()[1:] if line.strip()])


def test_sample_batch_one_row_per_file(batch_scorer, project_root):
    files = sorted((project_root / "deploy" / "sample-batch").glob("*.csv"))
    assert len(files) >= 2
    rows = batch_scorer.run([str(f) for f in files])
    assert len(rows) == len(files)
    for path, row in zip(files, rows):
        name, count, labels = row.split(",")
        assert name == path.name
        assert int(count) == count_data_rows(path)
        assert len(labels.split(" ")) == int(count)
        assert set(labels.split(" ")) <= SPECIES


def test_label_column_and_column_order_are_ignored(batch_scorer, tmp_path):
    csv = tmp_path / "labelled.csv"
    csv.write_text(
        "species,petal_width,petal_length,sepal_width,sepal_length\n"
        "virginica,0.2,1.4,3.5,5.1\n"
    )
    assert batch_scorer.run([str(csv)]) == ["labelled.csv,1,setosa"]


def test_broken_files_give_error_rows(batch_scorer, project_root, tmp_path):
    good = sorted((project_root / "deploy" / "sample-batch").glob("*.csv"))[0]
    bad_number = tmp_path / "bad-number.csv"
    bad_number.write_text("sepal_length,sepal_width,petal_length,petal_width\n5.1,x,1.4,0.2\n")
    missing_column = tmp_path / "missing-column.csv"
    missing_column.write_text("sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    rows = batch_scorer.run(
        [str(bad_number), str(good), str(missing_column), str(empty), str(tmp_path / "gone.csv")]
    )
    assert len(rows) == 5
    assert rows[1].startswith(f"{good.name},") and ",error," not in rows[1]
    for row, name in zip(
        [rows[0], rows[2], rows[3], rows[4]],
        ["bad-number.csv", "missing-column.csv", "empty.csv", "gone.csv"],
    ):
        file_name, status, reason = row.split(",", 2)
        assert (file_name, status) == (name, "error")
        assert reason and "\n" not in reason and "," not in reason
    assert "petal_width" in rows[2]
