"""Patient handouts: readability on every vignette, exports, and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from pypdf import PdfReader

from assistant.cli import main
from assistant.contracts import PatientCase
from assistant.education import build_handout, handout_html, handout_markdown, long_date
from assistant.knowledge import load_handout_book, load_sources
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from tests.conftest import KNOWLEDGE

GOLD = KNOWLEDGE.parent / "evals" / "gold" / "vignettes.jsonl"
VIGNETTES = [json.loads(x) for x in GOLD.read_text().splitlines() if x.strip()]
BOOK, RULES, SOURCES = (
    load_handout_book(KNOWLEDGE),
    load_rulebook(KNOWLEDGE),
    load_sources(KNOWLEDGE),
)
EXAMPLE = KNOWLEDGE.parent / "examples" / "case-localized.json"


def _plan(v: dict[str, Any]) -> Any:
    return build_plan(PatientCase.model_validate(v["case"]), RULES, date.fromisoformat(v["today"]))


def test_handout_readability_on_every_vignette_in_both_languages() -> None:
    rows, failures = [], []
    for v in VIGNETTES:
        for lang in ("en", "es"):
            r = build_handout(_plan(v), BOOK, SOURCES, lang).readability  # type: ignore[arg-type]
            rows.append(f"{v['id']:<5} {lang}  {r.index:<28} {r.score:>6}  {r.band}")
            if not r.passes:
                failures.append(rows[-1])
    print("\n" + "\n".join(rows))
    assert failures == []


def test_handout_uses_patient_wording_not_clinician_text() -> None:
    plan = _plan(VIGNETTES[0])
    md = handout_markdown(build_handout(plan, BOOK, SOURCES, "en"), BOOK)
    assert "Radiation treatment aimed at the bone spots" in md
    assert "Radiation therapy to the lesion(s), 40-50 Gy" not in md
    assert "Nerves heal slowly." in md and "Warning signs: get help now" in md
    es = handout_markdown(build_handout(plan, BOOK, SOURCES, "es"), BOOK)
    assert "Radioterapia dirigida a las zonas afectadas del hueso" in es
    assert "Señales de alarma" in es and "Los nervios se curan despacio." in es


def test_handout_html_escapes_and_declares_language() -> None:
    html = handout_html(build_handout(_plan(VIGNETTES[0]), BOOK, SOURCES, "es"), BOOK)
    assert html.startswith("<!doctype html><html lang='es'>")
    assert "<h2>Sus visitas y pruebas</h2>" in html


def test_long_date_in_both_languages() -> None:
    assert long_date(date(2026, 12, 1), "en") == "1 December 2026"
    assert long_date(date(2026, 12, 1), "es") == "1 de diciembre de 2026"


def test_cli_handout_pdf_keeps_accents_and_dates_and_ics_has_every_visit(tmp_path: Path) -> None:
    out, ics = tmp_path / "guia.pdf", tmp_path / "visitas.ics"
    result = CliRunner().invoke(
        main,
        [
            "handout",
            str(EXAMPLE),
            "--lang",
            "es",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--ics",
            str(ics),
            "--today",
            "2026-11-24",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Szigriszt-Pazos (INFLESZ)" in result.stderr and "bastante fácil" in result.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in (
        "síndrome",
        "médula ósea",
        "¿Qué",
        "Señales",
        "1 de diciembre de 2026",
        "1 de marzo de 2027",
    ):
        assert expected in text, expected
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    plan = build_plan(
        PatientCase.model_validate_json(EXAMPLE.read_text()), RULES, date(2026, 11, 24)
    )
    assert len(events) == len({v.date for m in plan.monitoring for v in m.dates})  # one per day


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_cli_handout_text_formats(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"handout.{fmt}"
    result = CliRunner().invoke(
        main,
        [
            "handout",
            str(EXAMPLE),
            "--lang",
            "en",
            "--format",
            fmt,
            "--out",
            str(out),
            "--today",
            "2026-11-24",
        ],
    )
    assert result.exit_code == 0
    assert "Your POEMS syndrome plan" in out.read_text()
    assert "Flesch-Kincaid grade" in result.stderr


def test_cli_handout_bad_case_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"age_years": -1}')
    result = CliRunner().invoke(
        main, ["handout", str(bad), "--lang", "en", "--out", str(tmp_path / "x.md")]
    )
    assert result.exit_code == 2 and "age_years" in result.stderr
    assert not (tmp_path / "x.md").exists()
