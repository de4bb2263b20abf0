"""Gold vignettes (evals/gold/vignettes.jsonl): expected plan fields written by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.contracts import PatientCase
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from evals.metrics import resolve
from tests.conftest import KNOWLEDGE

GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold" / "vignettes.jsonl"
VIGNETTES = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
BOOK = load_rulebook(KNOWLEDGE)


def _plan(v: dict[str, Any]) -> dict[str, Any]:
    case = PatientCase.model_validate(v["case"])
    return build_plan(case, BOOK, date.fromisoformat(v["today"])).model_dump(mode="json")


def test_vignette_set_is_large_enough() -> None:
    assert len(VIGNETTES) >= 60


@pytest.mark.parametrize("v", VIGNETTES, ids=lambda v: f"{v['id']}-{v['description'][:40]}")
def test_vignette_plan_fields(v: dict[str, Any]) -> None:
    dump = _plan(v)
    for path, expected in v["expect"].items():
        assert resolve(dump, path) == expected, path
    for path, expected in v["contains"].items():
        got = resolve(dump, path)
        assert [e for e in expected if e not in got] == [], f"{path}: {got}"
    for path, forbidden in v["absent"].items():
        got = resolve(dump, path)
        assert [e for e in forbidden if e in got] == [], f"{path}: {got}"


@pytest.mark.parametrize("v", VIGNETTES, ids=lambda v: v["id"])
def test_vignette_never_thalidomide_or_bortezomib_first(v: dict[str, Any]) -> None:
    codes = " ".join(resolve(_plan(v), "treatment.primary.codes"))
    assert "thalidomide" not in codes and "bortezomib" not in codes
