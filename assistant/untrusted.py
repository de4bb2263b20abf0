"""Make untrusted text (user documents, their titles, chat messages) inert in Markdown (pure).

Anything a user wrote or added is shown as a quotation, never as the assistant's own words:
Markdown and HTML syntax is escaped so that no heading, list, link, image (and so no remote
request), raw HTML, citation marker `[n]` or source marker `[@key]` can take effect.
"""

from __future__ import annotations

import re

# Characters with a meaning in CommonMark, GitHub Markdown or Streamlit's Markdown
# (images, links, HTML, emphasis, code, tables, headings, LaTeX, strike-through, directives).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>$~=])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


_MARKUP = re.compile(
    r"!?\[[^\]\n]{0,200}\]\([^)\s]{0,500}\)"  # markdown images and links
    r"|<[^<>\n]{0,500}>"  # HTML tags
    r"|\b(?:https?|ftp|file|data|javascript):\S*"  # bare URLs and schemes
)


def strip_markup(text: str) -> str:
    """Text without pasted links, images and tags, for deciding what a message asks (the
    message itself is still shown, inert)."""
    return _MARKUP.sub(" ", text)


def neutralise(text: str) -> str:
    """The text with every Markdown/HTML special character escaped and control characters gone."""
    clean = _CONTROL.sub("", text)
    lines = [_LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", line)) for line in clean.split("\n")]
    return "\n".join(lines)


def inline(text: str, limit: int = 200) -> str:
    """One escaped line (for labels and titles): whitespace collapsed, cut at `limit` chars."""
    flat = " ".join(_CONTROL.sub("", text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return neutralise(flat)


def quote_block(text: str) -> str:
    """A Markdown blockquote in which every line of `text` stays inside the quote, inert."""
    lines = neutralise(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
