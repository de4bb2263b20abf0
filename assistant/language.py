"""English/Spanish detection for questions, follow-ups and user documents."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.contracts import Lang

if TYPE_CHECKING:
    from lingua import LanguageDetector

_SPANISH_PUNCT = re.compile(r"[¿¡ñÑ]")  # only Spanish writes these: decisive
_ACCENTED = re.compile(r"[áéíóúÁÉÍÓÚü]")  # also in names (Guillain-Barré): one vote per word
_WORD = re.compile(r"[a-záéíóúñü]+", re.IGNORECASE)
_ES_WORDS = frozenset(
    "el la los las de del y que en un una para por con sin es son qué cuál cuáles cómo cuándo "
    "si se lo al su sus más debe hay ante tras según pero también "
    "dosis tratamiento seguimiento paciente pacientes médula medula enfermedad plaquetas "
    "aspirina radioterapia trasplante riesgo diagnóstico diagnostico criterios pronóstico "
    "pronostico recaída recaida lesiones lesión lesion localizada diseminada sangre "
    "monitorización monitorizacion calendario umbral fármacos farmacos evitar debo "
    "hipertensión hipertension pulmonar derrame neuropatía neuropatia respuesta "
    "cuidados soporte embarazo edad años meses positiva negativa ósea osea "
    "efectos adversos secundarios factores evidencia diferencias diferencia entre frente "
    "cuanto cuantos cuanta cuantas cuando donde cual cuales como que quien porque "
    "primera primer linea segunda tras despues antes durante mientras hasta desde "
    "niveles nivel valor valores pruebas prueba estudio estudios manejo tratar tratamos "
    "recomendada recomendado recomendacion indicacion indicado contraindicado mejor "
    "puedo puede pueden podemos hacer hago hacemos dar damos usar usamos sirve vale "
    "tiene tengo tenemos esta estan estoy otra otro otros nueva nuevo sobre mi mis "
    "cada vez veces semanas dias ciclos ciclo riñon rinon insuficiencia o "
    "intervalo intervalos "
    "tto pte pcte hormonas hormona endocrinopatia endocrinopatía tiroides rehabilitacion "
    "rehabilitación fisioterapia rayos sesiones nervios piernas pies manos analitica analítica "
    "analisis análisis pastillas quimio medico médico marido esposa papá mamá viejo vieja "
    "hermano hermana hijo hija".split()
)
_EN_WORDS = frozenset(
    "the of and to in for with without is are what which how when if should there after "
    "does do but also "
    "dose doses treatment follow patient patients marrow disease platelets aspirin "
    "radiation transplant risk diagnosis criteria prognosis relapse lesions lesion "
    "localized disseminated blood monitoring schedule threshold drugs avoid should "
    "hypertension pulmonary effusion neuropathy response care supportive pregnancy age "
    "years months positive negative bone "
    "side effects adverse factors evidence differences difference between versus "
    "much many where who whom why first line second before during while until from "
    "levels level value values tests test study studies management manage treat treated "
    "recommended recommendation indication indicated contraindicated better best "
    "can could would will we my our give use used have has having this that these those "
    "other another new about each times weeks days cycles cycle kidney failure or "
    "interval intervals "
    "hormones hormone nerves legs feet hands physiotherapy physio rehab pills chemo doctor "
    "husband wife dad mum mom brother sister son daughter".split()
)


MAX_DETECT_CHARS = 2000  # detection reads this prefix: linear time, whatever the input


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH).build()


def _word_vote(text: str) -> Lang | None:
    """English or Spanish by known words; an accented word is one Spanish vote."""
    words = [w.lower() for w in _WORD.findall(text)]
    es = sum(w in _ES_WORDS or bool(_ACCENTED.search(w)) for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if es == en:
        return None
    return "es" if es > en else "en"


def detect_language(text: str, default: Lang | None = None) -> Lang:
    """Guess en/es: ¿ ¡ ñ first, then known words and accents, then lingua.

    `default` is the conversation's language: a one- or two-word input without a clear signal
    keeps it, so "dose?" after a Spanish exchange stays Spanish. Without a default, lingua
    decides, and English is the last resort. Only the first MAX_DETECT_CHARS characters are
    read (lingua is quadratic on one long word).
    """
    text = text[:MAX_DETECT_CHARS]
    if _SPANISH_PUNCT.search(text):
        return "es"
    vote = _word_vote(text)
    if default is not None and len(_WORD.findall(text)) <= 2:
        return "es" if _ACCENTED.search(text) else default
    if vote is not None:
        return vote
    from lingua import Language

    found = _detector().detect_language_of(text)
    # lingua's enum comes from Rust: each call builds a new object, so compare by value
    if found == Language.SPANISH:
        return "es"
    if found == Language.ENGLISH:
        return "en"
    return default or "en"
