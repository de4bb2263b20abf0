"""Work-up still needed: tests whose trigger (mostly an unknown finding) holds for this case."""

from __future__ import annotations

from assistant.contracts import WorkupItem
from assistant.rules.book import Facts, LabelledRow, any_holds


def workup(facts: Facts, rows: tuple[LabelledRow, ...], extra: tuple[str, ...]) -> list[WorkupItem]:
    """Tests to order, in table order; `extra` forces codes (e.g. a stratum's deciding test)."""
    items: list[WorkupItem] = []
    for row in rows:
        if row.code in {i.code for i in items}:
            continue
        if (row.when and any_holds(row.when, facts)) or row.code in extra:
            items.append(
                WorkupItem(
                    **row.cited(),
                    code=row.code,
                    label=row.label.wording(),
                    reason=row.reason.wording(),
                )
            )
    return items
