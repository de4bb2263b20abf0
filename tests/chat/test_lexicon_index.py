"""The cue-list index (first letters of a term's first word) finds exactly what trying every
term at every word finds."""

from __future__ import annotations

import json

from assistant.chat.lexicon import Lexicon, words
from assistant.settings import PROJECT_ROOT
from tests.fakes import FakeChatEngine


def _naive_spans(lex: Lexicon, cue: str, toks: list[str]) -> list[tuple[int, int]]:
    terms = lex._cue_terms[cue]
    found = []
    for i in range(len(toks)):
        sizes = [len(t.parts) for t in terms if t.match(toks, i)]
        if sizes:
            found.append((i, i + max(sizes)))
    return found


def test_indexed_cue_lists_match_every_term_at_every_word(engine: FakeChatEngine) -> None:
    lex = engine.lexicon()
    gold = PROJECT_ROOT / "evals" / "gold" / "questions.jsonl"
    messages = [json.loads(line)["question"] for line in gold.read_text().splitlines()][::20]
    messages += ["x rays", "a1c 7", "TC de cuerpo entero", "Gy/fx", "l2 plasmocitoma"]
    cues = sorted(lex._cue_terms)
    checked = 0
    for message in messages:
        toks = words(message)
        for cue in cues:
            naive = _naive_spans(lex, cue, toks)
            assert lex.spans(cue, toks) == naive, (cue, message)
            assert lex.has(cue, toks) == bool(naive), (cue, message)
            checked += bool(naive)
    assert checked > 200  # the comparison saw many real matches, not only empty lists
