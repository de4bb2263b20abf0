"""Patient-education handouts from a Plan: plain wording from the knowledge, readability measured,
exported as Markdown, HTML or PDF (Unicode font) with an .ics visit calendar."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts import Lang, Localized, Plan, Source
from assistant.readability import readability
from assistant.render import say

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Block(BaseModel):
    """Bilingual patient text lines with their sources."""

    model_config = _CONFIG

    en: tuple[str, ...]
    es: tuple[str, ...]
    citations: tuple[str, ...] = ()


class HandoutBook(BaseModel):
    """knowledge/education/handout.toml."""

    model_config = _CONFIG

    title: Localized
    headings: dict[str, Localized]
    what_is: Block
    found_intro: Localized
    no_tests: Localized
    no_treatment: Localized
    provisional: Localized
    expect: Block
    warning: Block
    questions: Block
    about: Localized


class Section(BaseModel):
    """One handout section: heading and lines (shown as bullets after the first paragraph)."""

    model_config = _CONFIG

    key: str
    heading: str
    lines: tuple[str, ...]


class Score(BaseModel):
    """The readability of the handout's prose."""

    model_config = _CONFIG

    index: str
    score: float
    band: str
    passes: bool


class Handout(BaseModel):
    """A patient handout in one language."""

    model_config = _CONFIG

    lang: Lang
    today: date = Field(description="Date the plan was made for.")
    title: str
    sections: tuple[Section, ...]
    visits: tuple[tuple[str, str], ...] = Field(description="(date, what is planned) rows.")
    about: str
    sources: tuple[str, ...]
    readability: Score


MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def long_date(d: date, lang: Lang) -> str:
    """'1 December 2026' / '1 de diciembre de 2026'."""
    month = MONTHS[lang][d.month - 1]
    return f"{d.day} {month} {d.year}" if lang == "en" else f"{d.day} de {month} de {d.year}"


def _pick(text: Localized | Block, lang: Lang) -> tuple[str, ...]:
    value = text.en if lang == "en" else text.es
    return (value,) if isinstance(value, str) else value


def _findings(plan: Plan, book: HandoutBook, lang: Lang) -> tuple[str, ...]:
    dx, s = plan.diagnosis, plan.stratification
    met = [say(c.label, lang, "patient") for c in dx.criteria if c.status == "met"]
    intro = [_pick(book.found_intro, lang)[0]] if met else []
    return (say(dx.summary, lang, "patient"), *intro, *met, say(s.reason, lang, "patient"))


def _treatment(plan: Plan, book: HandoutBook, lang: Lang) -> tuple[str, ...]:
    tr = plan.treatment
    lines = [
        f"{say(o.label, lang, 'patient')}. {say(o.detail, lang, 'patient')}" for o in tr.primary
    ]
    lines += [say(g.text, lang, "patient") for o in tr.primary for g in o.gates]  # issue #11 gates
    if not lines:
        return (
            *_pick(book.no_treatment, lang),
            *(say(g.text, lang, "patient") for g in tr.withheld),
        )
    return (*(_pick(book.provisional, lang) if tr.provisional else ()), *lines)


def _sections(plan: Plan, book: HandoutBook, lang: Lang) -> list[Section]:
    h = {k: (v.en if lang == "en" else v.es) for k, v in book.headings.items()}
    tr = plan.treatment
    needed = [
        f"{say(w.label, lang, 'patient')}: {say(w.reason, lang, 'patient')}" for w in plan.workup
    ] or list(_pick(book.no_tests, lang))
    cautions = [
        f"{say(n.label, lang, 'patient')}: {say(n.reason, lang, 'patient')}"
        for n in (*tr.caution, *tr.not_recommended)
    ]
    care = [
        f"{say(s.label, lang, 'patient')}: {say(s.reason, lang, 'patient')}"
        for s in plan.supportive
    ]
    return [
        Section(key="what_is", heading=h["what_is"], lines=_pick(book.what_is, lang)),
        Section(key="found", heading=h["found"], lines=_findings(plan, book, lang)),
        Section(key="needed", heading=h["needed"], lines=tuple(needed)),
        Section(key="treatment", heading=h["treatment"], lines=_treatment(plan, book, lang)),
        Section(key="expect", heading=h["expect"], lines=_pick(book.expect, lang)),
        Section(key="caution", heading=h["caution"], lines=tuple(cautions)),
        Section(key="care", heading=h["care"], lines=tuple(care)),
        Section(key="warning", heading=h["warning"], lines=_pick(book.warning, lang)),
        Section(key="questions", heading=h["questions"], lines=_pick(book.questions, lang)),
    ]


def _source_ids(plan: Plan, book: HandoutBook) -> list[str]:
    items: list[Any] = [
        plan.diagnosis,
        plan.stratification,
        *plan.workup,
        *plan.treatment.primary,
        *plan.treatment.caution,
        *plan.treatment.not_recommended,
        *plan.supportive,
        *plan.monitoring,
    ]
    ids = [c for item in items for c in item.citations]
    ids += [
        *book.what_is.citations,
        *book.expect.citations,
        *book.warning.citations,
        *book.questions.citations,
    ]
    return sorted(set(ids))


def prose(sections: tuple[Section, ...] | list[Section]) -> str:
    """The text whose readability is measured: headings and list lines, each read as one
    sentence; the visit dates and the reference list are not prose and are left out."""

    def sentence(line: str) -> str:
        return line if line.rstrip().endswith((".", "?", "!", ":")) else f"{line}."

    return "\n\n".join(
        sentence(s.heading) + "\n" + "\n".join(sentence(x) for x in s.lines) for s in sections
    )


def build_handout(plan: Plan, book: HandoutBook, sources: dict[str, Source], lang: Lang) -> Handout:
    """The handout for a plan in `lang`. Pure: the same plan gives the same handout."""
    sections = _sections(plan, book, lang)
    by_date: dict[date, list[str]] = {}
    for m in plan.monitoring:
        for v in m.dates:
            by_date.setdefault(v.date, []).append(say(m.label, lang, "patient"))
    visits = tuple(
        (long_date(d, lang), "; ".join(sorted(set(items)))) for d, items in sorted(by_date.items())
    )
    r = readability(prose(sections), lang)
    about = _pick(book.about, lang)[0].format(
        today=plan.today.isoformat(), version=plan.knowledge_version
    )
    return Handout(
        lang=lang,
        today=plan.today,
        title=_pick(book.title, lang)[0],
        sections=tuple(sections),
        visits=visits,
        about=about,
        sources=tuple(
            f"{sid}: {sources[sid].reference}" if sid in sources else sid
            for sid in _source_ids(plan, book)
        ),
        readability=Score(index=r.index, score=r.score, band=r.band, passes=r.passes),
    )


def handout_markdown(h: Handout, book: HandoutBook) -> str:
    """The handout as Markdown."""
    head = {k: (v.en if h.lang == "en" else v.es) for k, v in book.headings.items()}
    out = [f"# {h.title}", ""]
    for s in h.sections:
        out += [f"## {s.heading}", "", *(f"- {line}" for line in s.lines), ""]
    out += [f"## {head['calendar']}", "", f"| {head['date']} | {head['what']} |", "|---|---|"]
    out += [f"| {d} | {what} |" for d, what in h.visits]
    out += ["", f"## {head['about']}", "", h.about, "", *(f"- {s}" for s in h.sources)]
    return "\n".join(out) + "\n"


def handout_html(h: Handout, book: HandoutBook) -> str:
    """The handout as a standalone HTML page."""
    head = {k: (v.en if h.lang == "en" else v.es) for k, v in book.headings.items()}
    e = html.escape
    parts = [f"<h1>{e(h.title)}</h1>"]
    for s in h.sections:
        items = "".join(f"<li>{e(line)}</li>" for line in s.lines)
        parts.append(f"<h2>{e(s.heading)}</h2><ul>{items}</ul>")
    rows = "".join(f"<tr><td>{e(d)}</td><td>{e(w)}</td></tr>" for d, w in h.visits)
    parts.append(
        f"<h2>{e(head['calendar'])}</h2><table><tr><th>{e(head['date'])}</th>"
        f"<th>{e(head['what'])}</th></tr>{rows}</table>"
    )
    refs = "".join(f"<li>{e(s)}</li>" for s in h.sources)
    parts.append(f"<h2>{e(head['about'])}</h2><p>{e(h.about)}</p><ul class='refs'>{refs}</ul>")
    style = (
        "body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5;"
        "font-size:17px}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:.3em .6em;text-align:left}.refs{font-size:13px}"
    )
    return (
        f"<!doctype html><html lang='{h.lang}'><head><meta charset='utf-8'>"
        f"<title>{e(h.title)}</title><style>{style}</style></head><body>"
        + "".join(parts)
        + "</body></html>\n"
    )


def handout_pdf(h: Handout, book: HandoutBook, font: Path) -> bytes:
    """The handout as a PDF with an embedded Unicode font (accents and ñ intact)."""
    from fpdf import FPDF

    head = {k: (v.en if h.lang == "en" else v.es) for k, v in book.headings.items()}
    pdf = FPDF(format="A4")
    pdf.set_title(h.title)
    # the plan's date, not the clock: the same plan gives the same file
    pdf.set_creation_date(datetime.combine(h_today(h), time(), tzinfo=UTC))
    pdf.add_font("body", "", str(font))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("body", size=18)
    pdf.multi_cell(0, 9, h.title, new_x="LMARGIN", new_y="NEXT", align="L")
    for s in h.sections:
        _pdf_block(pdf, s.heading, [f"• {line}" for line in s.lines])
    _pdf_block(pdf, head["calendar"], [f"{d}   {w}" for d, w in h.visits])
    _pdf_block(pdf, head["about"], [h.about, *h.sources], size=9)
    return bytes(pdf.output())


def h_today(h: Handout) -> date:
    """The handout's date."""
    return h.today


def _pdf_block(pdf: Any, heading: str, lines: list[str], size: int = 11) -> None:
    pdf.set_font("body", size=14)
    pdf.ln(3)
    pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("body", size=size)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT", align="L")
