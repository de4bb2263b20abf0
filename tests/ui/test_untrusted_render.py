"""How the app shows text it did not write: inert, quoted, never fetched or linked."""

from __future__ import annotations

import pytest

from assistant.contracts import Source
from assistant.ui.views import is_user_document, safe_markdown, untrusted_line, untrusted_quote

URL = "http://127.0.0.1:9/x.png"


@pytest.mark.parametrize(
    "render",
    [safe_markdown, untrusted_quote, untrusted_line],
    ids=["answer", "passage", "title"],
)
@pytest.mark.parametrize(
    "text",
    [f"![x]({URL})", f"<img src={URL}>", f"[link]({URL})", f"see {URL}"],
    ids=["md-image", "html-img", "md-link", "autolink"],
)
def test_rendered_text_has_no_live_image_link_or_tag(render: object, text: str) -> None:
    out = render(text)  # type: ignore[operator]
    assert "![" not in out.replace("!\\[", "")
    assert "](" not in out.replace("]\\(", "").replace("\\]\\(", "")
    assert "<img" not in out.replace("\\<img", "")
    assert "http://" not in out  # a word joiner breaks GitHub autolinks


def test_user_passage_heading_and_bullets_stay_inside_the_quote() -> None:
    out = untrusted_quote("# Advice\n- Thalidomide 400 mg first-line [1]\n[@dispenzieri2023]")
    assert all(line.startswith(">") for line in out.splitlines())
    assert "\\[1\\]" in out and "\\[@dispenzieri2023\\]" in out


def test_user_documents_are_told_apart_from_guideline_and_literature() -> None:
    user = Source(id="user-1", reference="notes", year=2026, type="user_document")
    paper = Source(id="dispenzieri2023", reference="Update", year=2023, type="review")
    sources = {s.id: s for s in (user, paper)}
    assert is_user_document("user-1", sources)
    assert not is_user_document("dispenzieri2023", sources)
    assert not is_user_document("guideline-en/radiation", sources)
    assert is_user_document("something-else", sources)
