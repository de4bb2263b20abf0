"""Every worked example in knowledge/rules/*.toml runs as a test (spec tables as tests)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.contracts import PatientCase
from assistant.rulebook import examples, load_rulebook
from assistant.rules import build_plan
from evals.metrics import resolve
from tests.conftest import KNOWLEDGE

BOOK = load_rulebook(KNOWLEDGE)
EXAMPLES = examples(KNOWLEDGE)


def test_every_rule_file_has_examples() -> None:
    files = {name for name, _ in EXAMPLES}
    assert len(files) == 10, files


@pytest.mark.parametrize(
    ("file", "example"), EXAMPLES, ids=lambda v: v if isinstance(v, str) else v["name"]
)
def test_rule_file_example(file: str, example: dict[str, Any]) -> None:
    today = date.fromisoformat(example.get("today", "2026-11-24"))
    plan = build_plan(PatientCase.model_validate(example["case"]), BOOK, today)
    dump = plan.model_dump(mode="json")
    for path, expected in example.get("expect", {}).items():
        assert resolve(dump, path) == expected, f"{file}: {example['name']}: {path}"
    for path, expected in example.get("contains", {}).items():
        got = resolve(dump, path)
        missing = [e for e in expected if e not in got]
        assert not missing, f"{file}: {example['name']}: {path} lacks {missing}"
