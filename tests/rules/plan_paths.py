"""Resolve dotted paths in a Plan dump: `treatment.primary.codes`, `monitoring.vegf.dates.0.date`.

In a list, an integer picks by position, `codes` lists every element's code, and any other name
picks the first element with that code.
"""

from __future__ import annotations

from typing import Any


def resolve(data: Any, path: str) -> Any:
    """The value at `path`, or a KeyError naming the part that did not resolve."""
    node = data
    for part in path.split("."):
        if isinstance(node, list):
            if part == "codes":
                node = [x["code"] for x in node]
            elif part.isdigit():
                node = node[int(part)]
            else:
                matches = [x for x in node if isinstance(x, dict) and x.get("code") == part]
                if not matches:
                    raise KeyError(f"{path}: no element with code {part!r}")
                node = matches[0]
        else:
            node = node[part]
    return node
