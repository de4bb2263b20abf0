"""docs/rules.md lists every gate with its id (the documentation cannot fall behind the table)."""

from __future__ import annotations

from assistant.rulebook import load_rulebook
from assistant.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE

DOC = (PROJECT_ROOT / "docs" / "rules.md").read_text()
BOOK = load_rulebook(KNOWLEDGE)


def test_docs_list_every_gate_with_id_and_code() -> None:
    rows = (*BOOK.gates.gates, *BOOK.gates.treatment_gates)
    missing = [r.id for r in rows if f"| {r.id} | `{r.code}` |" not in DOC]
    assert missing == []


def test_docs_name_every_gate_source() -> None:
    rows = (*BOOK.gates.gates, *BOOK.gates.treatment_gates)
    for r in rows:
        line = next(x for x in DOC.splitlines() if x.startswith(f"| {r.id} |"))
        assert all(c in line for c in r.citations), r.id
