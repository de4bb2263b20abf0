"""Round-24 extraction rows (#12): a day count after the graft tells a transplant given; a plan,
a referral or a collection day does not."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.helpers import NO_NOTE, check_row, row

ROWS = [
    row(
        "51-year-old man, day +9 after melphalan 200 mg/m2 autologous transplant for POEMS.",
        {"sex": "male", "age_years": 51, "prior_asct": True},
        NO_NOTE,
        "day-after-asct-en",
    ),
    row(
        "Mujer de 44 años, día +10 de TASPE con melfalán 200 mg/m2 por POEMS.",
        {"sex": "female", "age_years": 44, "prior_asct": True},
        NO_NOTE,
        "dia-de-taspe-es",
    ),
    row("Day +10 after mel200 ASCT.", {"prior_asct": True}, NO_NOTE, "day-after-mel200"),
    # a referral, a collection day or a future date is no transplant given
    row("Referred for ASCT on day 1 of next month.", {}, NO_NOTE, "referred-for-asct"),
    row("Stem cell collection on day 5, ASCT in March.", {}, NO_NOTE, "collection-day"),
    # "plasmocitoma esclerótico único" (masculine) counts one sclerotic lesion
    row(
        "Plasmocitoma esclerótico único en ala ilíaca derecha.",
        {"sclerotic_bone_lesions": "present", "bone_lesion_count": 1},
        NO_NOTE,
        "plasmocitoma-unico-es",
    ),
]


@pytest.mark.parametrize(("text", "updates", "note"), ROWS)
def test_extract_round24(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)
