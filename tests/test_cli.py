"""cli: `sitrep code` on files and stdin, formats, bad items."""

import csv
import io
import json

from click.testing import CliRunner
from conftest import SEED_DATE, shared_file

from sitrep.cli import main


def test_code_jsonl_one_line_per_event(tmp_path):
    seed = shared_file("seed", "militias-truce.txt")
    result = CliRunner().invoke(main, ["code", str(seed), "--date", SEED_DATE, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) >= 8
    for rec in lines:
        assert {"article_id", "event_id", "event", "mode", "acled_event_type", "acled_sub_event_type", "cameo", "actor",
                "recipient", "location", "date", "date_precision", "fatalities", "injured", "count", "modality",
                "attribution", "confidence", "evidence"} <= set(rec)
        assert rec["article_id"] == "militias-truce"


def test_code_batch_with_bad_lines_goes_on(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": "Rebels attacked an army post near Goma on Monday.", "date": "2024-02-05"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "text": ""}) + "\n"
        + json.dumps({"id": "a3", "text": "Thousands of protesters marched in Nairobi.", "date": "2024-02-06"}) + "\n"
    )
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(main, ["code", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 1, result.output  # some items failed: 1 (the batch still went on)
    ids = {json.loads(x)["article_id"] for x in out.read_text().splitlines()}
    assert ids == {"a1", "a3"}
    assert "in.jsonl:2" in result.stderr and "a2" in result.stderr


def test_code_stdin_and_acled_csv():
    text = "Police fired tear gas at protesters in Kampala on Tuesday and arrested 20 people."
    result = CliRunner().invoke(main, ["code", "-", "--date", "2024-03-05", "--format", "acled-csv"], input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"event_type", "sub_event_type", "actor1", "fatalities"} <= set(rows[0])


def test_bad_date_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["code", "-", "--date", "2021-02-31"], input="Troops attacked.")
    assert result.exit_code != 0 and "2021-02-31" in result.output
