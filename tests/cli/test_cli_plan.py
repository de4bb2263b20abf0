"""`poems plan` and `poems schema` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import main
from assistant.settings import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "case-localized.json"


def test_plan_json_is_one_document_with_knowledge_version() -> None:
    result = CliRunner().invoke(
        main, ["plan", str(EXAMPLE), "--today", "2026-11-24", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["diagnosis"]["status"] == "meets_criteria"
    assert plan["stratification"]["status"] == "localized"
    assert plan["treatment"]["primary"][0]["code"] == "radiation"
    assert plan["knowledge_version"].startswith("2026-11-24+")
    assert plan["monitoring"][0]["dates"][0]["date"] == "2026-12-01"


def test_plan_text_in_spanish_and_patient_wording() -> None:
    es = CliRunner().invoke(main, ["plan", str(EXAMPLE), "--today", "2026-11-24", "--lang", "es"])
    assert es.exit_code == 0
    assert "# Plan de manejo del síndrome POEMS" in es.stdout
    assert "Radioterapia sobre la(s) lesión(es), 40-50 Gy" in es.stdout
    assert "Calendario de seguimiento" in es.stdout
    patient = CliRunner().invoke(
        main, ["plan", str(EXAMPLE), "--today", "2026-11-24", "--audience", "patient"]
    )
    assert "Radiation treatment aimed at the bone spots" in patient.stdout


def test_plan_same_input_same_output() -> None:
    args = ["plan", str(EXAMPLE), "--today", "2026-11-24", "--json"]
    assert CliRunner().invoke(main, args).stdout == CliRunner().invoke(main, args).stdout


def test_plan_bad_input_exits_2_one_line_per_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"age_years": 150, "polyneuropathy": "maybe", "colour": "red"}))
    result = CliRunner().invoke(main, ["plan", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"Error: {bad}: 3 invalid field(s)"
    assert any(
        line.startswith("  - age_years: Input should be less than or equal to 120")
        for line in lines
    )
    assert any(
        "polyneuropathy: Input should be 'present', 'absent' or 'unknown'" in line for line in lines
    )
    assert any(line.startswith("  - colour: unknown field") for line in lines)
    assert lines[-1].startswith("Hint: ")
    assert "Traceback" not in result.output


def test_plan_missing_file_and_bad_json_exit_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["plan", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = CliRunner().invoke(main, ["plan", str(broken)])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_schema_case_and_plan_are_json_schema() -> None:
    case = json.loads(CliRunner().invoke(main, ["schema", "case"]).stdout)
    assert case["additionalProperties"] is False
    assert case["properties"]["age_years"]["anyOf"][0]["maximum"] == 120
    plan = json.loads(CliRunner().invoke(main, ["schema", "plan"]).stdout)
    assert {
        "diagnosis",
        "workup",
        "stratification",
        "treatment",
        "monitoring",
        "supportive",
        "prognosis",
        "warnings",
        "knowledge_version",
    } <= set(plan["properties"])


def test_poems_plan_process_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"vegf": {"value_pg_ml": -3, "specimen": "plasma"}}')
    exe = Path(sys.executable).parent / "poems"
    proc = subprocess.run([str(exe), "plan", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "vegf.value_pg_ml: Input should be greater than or equal to 0" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
