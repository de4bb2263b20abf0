"""Patient answers without a case state situation-bound rule rows as conditional (#12 item 6)."""

from __future__ import annotations

from assistant.chat.cite import Composer
from assistant.chat.plan_part import patient_lines, routes_for
from tests.fakes import FakeChatEngine


def test_every_gate_that_needs_a_situation_is_worded_as_conditional() -> None:
    engine = FakeChatEngine()
    book, chat = engine.rulebook(), engine.chatbook()
    for lang in ("en", "es"):
        comp = Composer(lang=lang, audience="patient", lookup=engine.section_lookup())
        lines = patient_lines(comp, book, chat, ("gates",), routes_for("side_effects"))
        rows = book.gates.gates
        assert len(lines) == len(rows)
        prefix = chat.say("conditional", lang, text="").strip()
        for row, (text, _, conditional) in zip(rows, lines, strict=True):
            situational = any(c.model_dump(exclude_defaults=True) for c in row.when)
            assert conditional == situational, row.code
            if conditional and row.code not in chat.conditional:
                assert text.startswith(prefix), (row.code, text)
