"""The lexicon loader: the bundled files validate; a malformed one names the file and the key."""

from __future__ import annotations

import shutil
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import KnowledgeError
from assistant.extract import extract, parse_number
from assistant.findings import compile_lexicon, load_lexicon, parse_lexicon
from assistant.findings.numbers import read_number

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def _docs() -> tuple[dict[str, Any], dict[str, Any]]:
    folder = KNOWLEDGE / "lexicon"
    return (
        tomllib.loads((folder / "findings.toml").read_text(encoding="utf-8")),
        tomllib.loads((folder / "cues.toml").read_text(encoding="utf-8")),
    )


def test_lexicon_bundled_files_load() -> None:
    lex = load_lexicon(KNOWLEDGE)
    assert len(lex.findings.entries) > 40
    assert {q.field for q in lex.findings.quantities} >= {
        "vegf",
        "platelets_10e9_l",
        "hemoglobin_g_dl",
        "creatinine_clearance_ml_min",
        "neutrophils_10e9_l",
    }


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        pytest.param(lambda f, c: f["entry"][0].update(field="no_such"), "entry.0", id="field"),
        pytest.param(lambda f, c: f["entry"][0].update(present="maybe"), "entry.0", id="value"),
        pytest.param(
            lambda f, c: f["entry"][2]["terms"].append("Castlemán"), "entry.2.terms", id="fold"
        ),
        pytest.param(lambda f, c: f["entry"][0].update(colour="red"), "entry.0.colour", id="extra"),
        pytest.param(
            lambda f, c: f["quantity"][0]["units"][0].update(factor="-1"),
            "quantity.0.units.0.factor",
            id="factor",
        ),
        pytest.param(lambda f, c: c["negation"].pop("before"), "negation.before", id="cues"),
        pytest.param(lambda f, c: f["quantity"][1].update(max=9000), "quantity.1", id="range"),
    ],
)
def test_lexicon_error_names_file_and_key(mutate: Any, key: str) -> None:
    findings, cues = _docs()
    mutate(findings, cues)
    with pytest.raises(KnowledgeError) as err:
        parse_lexicon(findings, cues)
    name = "cues.toml" if key.startswith("negation") else "findings.toml"
    assert name in err.value.message and key in err.value.message


def test_lexicon_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    shutil.copy(KNOWLEDGE / "lexicon" / "cues.toml", tmp_path / "lexicon" / "cues.toml")
    with pytest.raises(KnowledgeError, match=r"findings\.toml is missing"):
        load_lexicon(tmp_path)


def test_lexicon_is_data_a_new_term_is_recognised_without_code() -> None:
    findings, cues = _docs()
    castleman = next(e for e in findings["entry"] if e["field"] == "castleman_disease")
    castleman["terms"].append("unicentric cd")
    matcher = compile_lexicon(parse_lexicon(findings, cues))
    assert extract("unicentric CD", matcher=matcher).updates == {"castleman_disease": "present"}
    assert extract("unicentric CD").updates == {}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1 200", Decimal(1200)),
        ("1.200", Decimal(1200)),
        ("1,200", Decimal(1200)),
        ("620.000", Decimal(620000)),
        ("1,2", Decimal("1.2")),
        ("1.2", Decimal("1.2")),
        ("10,5", Decimal("10.5")),
        ("1.200,5", Decimal("1200.5")),
        ("1,200.5", Decimal("1200.5")),
        ("1.2345", Decimal("1.2345")),
        ("1.200.5", None),
    ],
)
def test_number_rule_thousands_and_decimals(raw: str, value: Decimal | None) -> None:
    assert read_number(raw) == value


def test_parse_number_keeps_its_old_contract() -> None:
    assert parse_number("620.000", thousands=True) == 620000
    assert parse_number("10,5") == 10.5
    with pytest.raises(ValueError, match="not a number"):
        parse_number("1.200.5")
