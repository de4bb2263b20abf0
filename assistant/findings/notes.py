"""What extraction tells the clinician, in English and Spanish, in clinical words (pure)."""

from __future__ import annotations

from typing import Literal

from assistant.contracts import Localized


def _n(en: str, es: str) -> Localized:
    return Localized(en=en, es=es)


def doubt(label: Localized, reason: Literal["uncertain", "pending", "resolved"]) -> Localized:
    """A finding mentioned with doubt, as pending or as resolved: not recorded."""
    if reason == "resolved":
        return _n(
            f"{_cap(label.en)}: described as gone or resolved, so it is not recorded as a current "
            "finding. If it was present at diagnosis, enter it as such.",
            f"{_cap(label.es)}: se describe como resuelto o desaparecido; no se registra como "
            "hallazgo actual. Si estaba presente al diagnóstico, indíquelo así.",
        )
    if reason == "pending":
        return _n(
            f"{_cap(label.en)}: result pending or test not done, so it stays unknown.",
            f"{_cap(label.es)}: resultado pendiente o prueba no realizada; no se registra hasta "
            "tener el resultado.",
        )
    return _n(
        f"{_cap(label.en)}: mentioned with doubt, so it stays unknown until it is confirmed.",
        f"{_cap(label.es)}: se menciona con duda; no se registra hasta que se confirme.",
    )


def no_unit(label: Localized, written: str, units: str) -> Localized:
    """A number whose unit is not clear."""
    return _n(
        f"{_cap(label.en)} {written}: which unit ({units})? "
        "The value is not used until it is given.",
        f"{_cap(label.es)} {written}: ¿en qué unidad ({units})? No se usa hasta conocerla.",
    )


def bound(label: Localized, cmp: str, written: str) -> Localized:
    """A value given as a bound ('< 200'): shown, never used as a measurement."""
    en_word, es_word = ("below", "por debajo de") if cmp == "<" else ("above", "por encima de")
    return _n(
        f"{_cap(label.en)} reported {en_word} {written}: a bound, not a measured value, so it is "
        "not compared with any threshold. Please give the measured value if there is one.",
        f"{_cap(label.es)}: valor informado {es_word} {written}; es un límite, no un valor "
        "medido, y no se compara con ningún umbral. Indique el valor medido si lo hay.",
    )


def refused(
    label: Localized,
    written: str,
    why: Literal["negative", "range", "implausible", "unreadable"],
) -> Localized:
    """A value that cannot be right as written."""
    en, es = {
        "negative": (
            "a concentration cannot be negative",
            "una concentración no puede ser negativa",
        ),
        "range": ("a range is not one value", "un intervalo no es un único valor"),
        "implausible": ("outside the possible range for this unit", "fuera del intervalo posible"),
        "unreadable": ("the number cannot be read", "el número no se puede leer"),
    }[why]
    return _n(
        f"{_cap(label.en)} {written}: not used ({en}). Please check the value and its unit.",
        f"{_cap(label.es)} {written}: no se usa ({es}). Compruebe el valor y la unidad.",
    )


def converted(label: Localized, written: str, value: float, unit: str) -> Localized:
    """A value converted to the unit the rules use."""
    return _n(
        f"{_cap(label.en)} {written} recorded as {value:g} {unit}.",
        f"{_cap(label.es)}: {written} se registra como {value:g} {unit}.",
    )


def later_value(label: Localized, earlier: str, later: str) -> Localized:
    """Two values of one finding told as a change ("700, ahora 1500"): the later is recorded."""
    return _n(
        f"{_cap(label.en)}: {earlier} then {later}; the later value ({later}) is recorded. "
        "If the earlier one is the value to use, enter it on its own.",
        f"{_cap(label.es)}: {earlier} y después {later}; se registra el valor posterior "
        f"({later}). Si el que vale es el anterior, escríbalo solo.",
    )


def vegf_specimen(value: float) -> Localized:
    """VEGF without its specimen: kept, never compared."""
    return _n(
        f"VEGF {value:g} pg/mL: was it measured in serum or plasma? The thresholds differ, so it "
        "is not compared with either until the specimen is known.",
        f"VEGF {value:g} pg/mL: ¿se midió en suero o en plasma? Los umbrales son distintos; no se "
        "compara con ninguno hasta conocer la muestra.",
    )


def conflict(label: Localized) -> Localized:
    """Two different values for one finding in one message."""
    return _n(
        f"{_cap(label.en)}: the message gives two different answers, so nothing was recorded. "
        "Please state it once.",
        f"{_cap(label.es)}: el mensaje da dos respuestas distintas y no se ha registrado nada. "
        "Indíquelo una sola vez.",
    )


def truncated(max_chars: int) -> Localized:
    """Only the beginning of a long message was read."""
    return _n(
        f"Only the first {max_chars:,} characters of this message were read for patient findings.",
        f"Solo se han leído los primeros {f'{max_chars:,}'.replace(',', '.')} caracteres de este "
        "mensaje para buscar datos del paciente.",
    )


def lesions_unspecified(count: int) -> Localized:
    """A lesion count without saying the lesions are sclerotic."""
    return _n(
        f"{count} bone lesion(s) recorded as the count; are they sclerotic? The sclerotic-lesion "
        "criterion stays unknown until that is stated.",
        f"Se registran {count} lesión(es) ósea(s); ¿son escleróticas? El criterio de lesiones "
        "escleróticas queda como desconocido hasta que se indique.",
    )


def ecog(written: str) -> Localized:
    """An ECOG value that is not a single grade 0-4."""
    return _n(
        f"ECOG {written}: please give one grade from 0 to 4.",
        f"ECOG {written}: indique un único grado de 0 a 4.",
    )


def age(written: str, limit: int) -> Localized:
    """An age phrase with an impossible age: asked about, not used."""
    return _n(
        f"Age {written}: not used (it must be at most {limit} years). Please check it.",
        f"Edad {written}: no se usa (debe ser como máximo de {limit} años). Compruébela.",
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
