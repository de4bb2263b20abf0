"""The gate fails for the right reasons: small fixtures and fake engines, no real index.

The real evaluation runs once, in `make test` (`poems eval --out reports/eval`); these tests
check the harness: each way an engine can be wrong moves the right metric and fails the gate.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.contracts import Answer, PatientCase
from assistant.service import Assistant
from assistant.settings import Settings
from evals.gold import GOLD_DIR, Fact, GoldConversation, GoldSet, Question, RubricLine, Turn
from evals.report import compare, console_table, markdown_report, write_reports
from evals.run import EvalInputs, run_eval
from tests.conftest import KNOWLEDGE

DOSE = r"(?i)40\s*(?:-|–|to|a|y)\s*50\s*Gy"
EN_TEXT = "Radiation of 40-50 Gy is given to the lesion, and the plan is then reviewed."
ES_TEXT = "La radioterapia de 40 a 50 Gy se da sobre la lesión y después se revisa el plan."


def _q(qid: str, split: str, lang: str, text: str, refused: bool = False) -> Question:
    rubric = () if refused else (RubricLine(fact="rt-dose", points=2),)
    return Question.model_validate(
        {"id": qid, "family": qid, "split": split, "lang": lang, "topic": "radiation",
         "question": text, "refused": refused, "one_fact": not refused, "rubric": rubric}
    )  # fmt: skip


def _gold() -> GoldSet:
    fact = Fact(id="rt-dose", regex=DOSE, match=("40-50 Gy",), no_match=("45 Gy",))
    questions = (
        _q("t-en", "test", "en", "What radiation dose for a single lesion?"),
        _q("t-es", "test", "es", "¿Qué dosis de radioterapia para una lesión?"),
        _q("t-cand", "test", "en", "Is he a transplant candidate, and the radiation dose?"),
        _q("t-off", "test", "en", "What is the capital of France?", refused=True),
        _q("d-en", "dev", "en", "radiation dose please (dev wording)"),
    )
    turns = (
        Turn(
            message="62-year-old man with one sclerotic lesion", lang="en", case={"age_years": 62}
        ),
        Turn(message="and the dose?", lang="en", must=("rt-dose",), must_not_change_case=True),
    )
    conv = GoldConversation(id="c1", split="test", turns=turns)
    return GoldSet(facts={"rt-dose": fact}, questions=questions, conversations=(conv,))


@dataclass
class FakeConversation:
    case: PatientCase | None = None


@dataclass
class FakeEngine:
    """Answers every question with the dose, unless told to go wrong in one way."""

    faults: set[str] = field(default_factory=set)
    settings: Any = field(
        default_factory=lambda: SimpleNamespace(llm=None, fingerprint=lambda: "fp")
    )

    def stamp(self) -> dict[str, str]:
        return {"knowledge_version": "k", "index_id": "i", "settings_fingerprint": "fp"}

    def _answer(self, message: str, case: PatientCase | None) -> Answer:
        spanish = "¿" in message and "stuck-language" not in self.faults
        refuse = "France" in message or "refuse-all" in self.faults
        if "answer-all" in self.faults:
            refuse = False
        text = ES_TEXT if spanish else EN_TEXT
        if "verbose" in self.faults:
            text = ("The team reviews the whole case first. " * 40) + text
        if "dev" in message and "dev-harm" in self.faults:
            text += " Thalidomide is the first choice."
        if "dev" in message and "dev-miss" in self.faults:
            text = "The team reviews the whole case before deciding."
        if "candidate" in message and "case-change" in self.faults:
            case = PatientCase(transplant_eligible=True)
        lang = "es" if spanish else "en"
        if refuse:
            text = "I can only answer questions about POEMS syndrome from the loaded guidelines."
        return Answer(
            text=text, lang=lang, intent="x", citations=(), knowledge_version="k",
            refused=refuse, case=case,
        )  # fmt: skip

    def ask(self, question: str, case: PatientCase | None = None, **_: Any) -> Answer:
        return self._answer(question, case)

    def chat(
        self, conv: FakeConversation, message: str, today: date
    ) -> tuple[Answer, FakeConversation]:
        case = conv.case
        if "year-old" in message:
            case = PatientCase(age_years=62)
        answer = self._answer(message, case)
        return answer, FakeConversation(case=answer.case)


def _run(*faults: str) -> dict[str, Any]:
    inputs = EvalInputs(gold=_gold(), new_conversation=lambda _aud: FakeConversation())
    return run_eval(FakeEngine(set(faults)), ["questions", "conversations"], inputs=inputs)


def _failed(report: dict[str, Any]) -> set[str]:
    """Gates missed at the issue's target (a floor miss is a target miss too)."""
    return {g["gate"] for g in report["gates"] if not g["on_target"]}


def test_a_correct_engine_passes_the_answer_gates() -> None:
    report = _run()
    assert report["passed"], report["gates"]
    m = report["metrics"]
    assert m["rubric_score"] == 1.0 and m["answer_first"] == 1.0
    assert m["over_refusals"] == m["under_refusals"] == m["case_changes_by_questions"] == 0
    assert m["language_accuracy"] == 1.0 and m["median_words_non_overview"] < 30


@pytest.mark.parametrize(
    ("fault", "gate"),
    [
        ("stuck-language", "language_accuracy"),
        ("case-change", "case_changes_by_questions"),
        ("refuse-all", "over_refusals"),
        ("answer-all", "under_refusals"),
        ("verbose", "answer_first"),
        ("verbose", "median_words_non_overview"),
        ("dev-harm", "severity1_errors"),
    ],
)
def test_each_fault_fails_its_gate(fault: str, gate: str) -> None:
    report = _run(fault)
    assert gate in _failed(report)


def test_dev_split_failures_do_not_move_the_test_gate() -> None:
    report = _run("dev-miss")
    assert report["passed"], report["gates"]
    assert report["by_split"]["dev"]["rubric_score"] == 0.0
    assert report["metrics"]["rubric_score"] == 1.0


def test_reports_show_splits_languages_and_topics(tmp_path: Path) -> None:
    report = _run("stuck-language")
    md = markdown_report(report)
    assert (
        "| language_accuracy |" in md
        and "## By language (test, questions)" in md
        and "| es |" in md
    )
    assert "test (gate)" in md and "FAIL" in md
    table = console_table(report)
    assert "answer_first" in table and "test by lang" in table
    paths = write_reports(report, tmp_path)
    assert json.loads(paths[0].read_text())["passed"] is False and "<svg" in paths[2].read_text()


def test_compare_shows_what_changed(tmp_path: Path) -> None:
    good, bad = _run(), _run("stuck-language")
    text = compare(good, bad)
    assert "| language_accuracy | 1 |" in text and "Result: A PASS → B FAIL" in text
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(good))
    b.write_text(json.dumps(bad))
    result = CliRunner().invoke(main, ["eval", "--compare", str(a), str(b)])
    assert result.exit_code == 0 and "language_accuracy" in result.stdout


def _broken_knowledge(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dest)
    rules = dest / "rules" / "treatment.toml"
    text = rules.read_text().replace('code = "melphalan_dexamethasone"', 'code = "thalidomide"')
    rules.write_text(text)
    return dest


def _few_vignettes(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    lines = (GOLD_DIR / "vignettes.jsonl").read_text(encoding="utf-8").splitlines()
    disseminated = [line for line in lines if '"disseminated"' in line][:3]
    (gold / "vignettes.jsonl").write_text("\n".join(disseminated) + "\n", encoding="utf-8")
    return gold


def test_rule_table_recommending_thalidomide_first_fails_the_gate(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", knowledge_dir=_broken_knowledge(tmp_path))
    inputs = EvalInputs(gold_dir=_few_vignettes(tmp_path))
    report = run_eval(Assistant(settings), ["vignettes"], inputs=inputs)
    assert report["metrics"]["severity1_errors"] > 0
    assert report["passed"] is False


def test_cli_eval_exits_nonzero_on_a_broken_rule_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(_broken_knowledge(tmp_path)))
    monkeypatch.setenv("POEMS_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(
        main, ["eval", "--suite", "vignettes", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "FAIL  severity1_errors" in result.stdout
    assert "an evaluation gate failed" in result.stderr


def test_gate_below_target_but_above_floor_passes_and_is_flagged(tmp_path: Path) -> None:
    from evals.run import gates

    spec = tmp_path / "t.toml"
    spec.write_text(
        "[gate.rubric_score]\nmin = 0.7\ntarget = 0.95\n"
        "[gate.over_refusals]\nmax = 5\ntarget = 0\n",
        encoding="utf-8",
    )
    checked = {g["gate"]: g for g in gates({"rubric_score": 0.8, "over_refusals": 9}, spec)}
    assert checked["rubric_score"]["passed"] and not checked["rubric_score"]["on_target"]
    assert not checked["over_refusals"]["passed"]
    met = gates({"rubric_score": 0.96, "over_refusals": 0}, spec)
    assert all(g["passed"] and g["on_target"] for g in met)
