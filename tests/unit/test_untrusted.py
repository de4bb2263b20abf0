"""Untrusted text renders as inert quoted text (checked with a real Markdown renderer)."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from assistant.untrusted import inline, neutralise, quote_block

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_ACTIVE = re.compile(r"<(img|a|h\d|ul|ol|li|script|iframe|table|em|strong|code)\b")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("![x](http://127.0.0.1:9/a.png)", id="image"),
        pytest.param("<img src=x onerror=alert(1)>", id="html"),
        pytest.param("[click](javascript:alert(1))", id="link"),
        pytest.param("# Advice\n\n- Thalidomide 400 mg **daily**\n1. first", id="structure"),
        pytest.param("<https://127.0.0.1:9/x>", id="autolink"),
    ],
)
def test_quote_block_renders_no_active_markup(raw: str) -> None:
    html = _MD.render(quote_block(raw))
    assert not _ACTIVE.search(html), html
    assert html.count("<blockquote>") == 1


def test_neutralise_breaks_citation_and_source_markers() -> None:
    out = neutralise("see [1] and [@dispenzieri2023]")
    assert not re.search(r"\[\d+\]", out)
    assert not re.search(r"\[@[\w-]+\]", out)


def test_quote_block_every_line_stays_quoted() -> None:
    lines = quote_block("one\n\ntwo\r\nthree").split("\n")
    assert lines == ["> one", ">", "> two", "> three"]


def test_inline_collapses_and_truncates() -> None:
    out = inline("a\n\nb " + "c" * 300, limit=20)
    assert "\n" not in out and out.endswith("…") and len(out) <= 20
