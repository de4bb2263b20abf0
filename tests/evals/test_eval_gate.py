"""The evaluation gate: the real build passes; deliberately broken builds fail it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.service import Assistant
from assistant.settings import Settings
from evals.report import compare, write_reports
from evals.run import run_eval
from tests.conftest import KNOWLEDGE

pytestmark = pytest.mark.slow


def test_full_evaluation_passes_every_gate(built_service: Assistant, tmp_path: Path) -> None:
    report = run_eval(built_service)
    failed = [g for g in report["gates"] if not g["passed"]]
    assert failed == [], failed
    m = report["metrics"]
    assert m["severity1_errors"] == 0 and m["rubric_score"] >= 0.9
    assert m["language_accuracy"] == 1.0 and m["plan_field_accuracy"] == 1.0
    assert m["retrieval_recall_at_5"] >= 0.95 > m["dense_recall_at_5"]
    assert set(report["by_lang"]) == {"en", "es"}
    paths = write_reports(report, tmp_path)
    assert "<svg" in paths[2].read_text() and "PASS" in paths[1].read_text()
    assert json.loads(paths[0].read_text())["passed"] is True
    print("\n" + paths[1].read_text().split("## Rubric")[0])


def _broken_knowledge(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dest)
    rules = dest / "rules" / "treatment.toml"
    text = rules.read_text().replace('code = "melphalan_dexamethasone"', 'code = "thalidomide"')
    rules.write_text(text)
    return dest


def test_rule_file_recommending_thalidomide_first_fails_the_gate(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", knowledge_dir=_broken_knowledge(tmp_path))
    report = run_eval(Assistant(settings), ["vignettes"])
    assert report["metrics"]["severity1_errors"] > 0
    assert report["metrics"]["plan_field_accuracy"] < 1.0
    assert report["passed"] is False


def test_cli_eval_exits_nonzero_on_a_broken_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(_broken_knowledge(tmp_path)))
    result = CliRunner().invoke(
        main, ["eval", "--suite", "vignettes", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "FAIL  severity1_errors" in result.stdout
    assert "an evaluation gate failed" in result.stderr


def test_spanish_answers_switched_to_english_fail_the_gate(
    built_service: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.chat.understand

    monkeypatch.setattr(assistant.chat.understand, "detect_language", lambda *_a, **_k: "en")
    report = run_eval(built_service, ["questions"])
    assert report["metrics"]["language_accuracy"] < 1.0
    assert report["passed"] is False


def test_compare_shows_what_changed(built_service: Assistant, tmp_path: Path) -> None:
    good = run_eval(built_service, ["vignettes"])
    bad = run_eval(
        Assistant(Settings(home=tmp_path / "h", knowledge_dir=_broken_knowledge(tmp_path))),
        ["vignettes"],
    )
    text = compare(good, bad)
    assert "| plan_field_accuracy | 1 |" in text and "Result: A PASS → B FAIL" in text
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(good))
    b.write_text(json.dumps(bad))
    result = CliRunner().invoke(main, ["eval", "--compare", str(a), str(b)])
    assert result.exit_code == 0 and "severity1_errors" in result.stdout
