"""Generate knowledge/lexicon/light-verbs.txt: the inflected forms of light verbs.

A light verb carries the grammar of a question, not its subject: "¿le va a *volver*?", "eso
*salió* en el análisis", "¿la va a *tener* que usar siempre?", "will it *keep* going?". Such
words are never what a question is about, so the chat treats every form as a function word.
Verbs that can be the subject of a request (write, translate, drive, work, travel, eat, ask,
need, treat, improve, worsen, rise, fall) are left out on purpose.

Run once after editing the tables below: `python scripts/light_verbs.py`. Forms are folded
(no accents), like every lexicon word.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon" / "light-verbs.txt"

# Regular Spanish verbs by ending (irregular ones get their irregular forms added below).
ES_REGULAR = (
    "sacar llevar esperar aguantar quitar dejar tomar pasar usar quedar ayudar notar mandar "
    "llegar tocar andar terminar acabar tardar estar mirar buscar "
    "parar retirar colocar agarrar aparecer parecer creer deber meter correr "
    "servir salir seguir volver poner hacer tener venir decir saber poder querer "
    "pensar empezar comenzar encontrar arrancar aceptar indicar ofrecer lograr intentar "
    "conseguir resolver soler valer merecer"
).split()

ES_IRREGULAR = {
    "volver": "vuelve vuelven vuelva vuelvan vuelvo vuelto vuelta",
    "poner": "pone ponen pongo ponga pongan puso pusieron pusimos puesto puesta pondra pondran",
    "hacer": "hace hacen hago haga hagan hizo hicieron hicimos hecho hecha hara haran haria "
    "hiciera hicieran",
    "tener": "tiene tienen tengo tenga tengan tuvo tuvieron tuvimos tendra tendran tendria "
    "tuviera tuvieran tuviese",
    "venir": "viene vienen vengo venga vengan vino vinieron vendra vendran viniendo",
    "decir": "dice dicen digo diga digan dijo dijeron dijimos dicho dira diran diciendo",
    "saber": "sabe saben se sepa sepan supo supieron sabra sabran",
    "poder": "puede pueden puedo pueda puedan pudo pudieron podra podran podria podrian pudiendo "
    "pudiera pudieran",
    "querer": "quiere quieren quiero quiera quieran quiso quisieron querra querran",
    "pensar": "piensa piensan pienso piense piensen",
    "empezar": "empieza empiezan empiece empiecen empece",
    "comenzar": "comienza comienzan comience comiencen comence",
    "encontrar": "encuentra encuentran encuentro encuentre encuentren",
    "arrancar": "arranque arranquen arranque",
    "seguir": "sigue siguen sigo siga sigan siguio siguieron siguiendo",
    "servir": "sirve sirven sirva sirvan sirvio sirvieron sirviendo",
    "salir": "sale salen salgo salga salgan saldra saldran",
    "ver": "ve ven veo vea vean vio vieron visto vista vera veran viendo",
    "dar": "da dan doy de den dio dieron dimos dado dada dara daran diera dieran darle darles "
    "darla darlo darselo darsela",
    "estar": "esta estan estoy este esten estuvo estuvieron estuvimos",
    "andar": "anduvo anduvieron",
    "ir": "va van voy vaya vayan fue fueron fuimos ido yendo ira iran iria ir",
    "ser": "es son soy sea sean era eran fue fueron sido sera seran seria fuera fueran",
    "parecer": "parezca parezcan parezco",
    "elegir": "elegir elige eligen elijo elija elijan eligio eligieron eligiendo",
    "haber": "ha han he haya hayan hubo habia habian habra habran habria",
    "resolver": "resuelve resuelven resuelva resuelvan resuelvo resuelto resuelta",
    "conseguir": "consigue consiguen consiga consigan consiguio",
    "soler": "suele suelen suela suelan suelo",
    "merecer": "merece merecen merezca",
}

ES_ENDINGS = {
    "ar": (
        "ar o as a amos ais an e aste o amos asteis aron aba abas abamos aban ara aran ado "
        "aramos ase asen "
        "ada ados adas ando e es emos en aria arian are aras aremos"
    ),
    "er": (
        "er o es e emos eis en i iste io imos isteis ieron ia ias iamos ian era eran ido ida "
        "iera ieran iese "
        "idos idas iendo a as amos an eria erian ere eras eremos"
    ),
    "ir": (
        "ir o es e imos is en i iste io imos isteis ieron ia ias iamos ian ira iran ido ida "
        "iera ieran iese "
        "idos idas iendo a as amos an iria irian ire iras iremos"
    ),
}
CLITICS = "le la lo les las los se selo sela"

EN_VERBS = {
    "get": "gets got gotten getting",
    "keep": "keeps kept keeping",
    "come": "comes came coming",
    "take": "takes took taken taking",
    "put": "puts putting",
    "make": "makes made making",
    "seem": "seems seemed seeming",
    "happen": "happens happened happening",
    "mean": "means meant meaning",
    "stay": "stays stayed staying",
    "bring": "brings brought bringing",
    "hold": "holds held holding",
    "give": "gives gave given giving",
    "look": "looks looked looking",
    "tell": "tells told telling",
    "say": "says said saying",
    "think": "thinks thought thinking",
    "know": "knows knew known knowing",
    "let": "lets letting",
    "show": "shows showed shown showing",
    "believe": "believes believed believing",
    "wake": "wakes woke woken waking",
    "try": "tries tried trying",
    "run": "runs ran running",
    "carry": "carries carried carrying",
    "allow": "allows allowed allowing",
    "sit": "sits sat sitting",
    "accept": "accepts accepted accepting",
    "suppose": "supposes supposed supposing",
    "begin": "begins began begun beginning",
    "start": "starts started starting",
    "help": "helps helped helping",
    "become": "becomes became becoming",
    "find": "finds found finding",
    "turn": "turns turned turning",
    "finish": "finishes finished finishing",
    "call": "calls called calling",
    "add": "adds added adding",
}


def fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn"
    )


def spanish(verb: str) -> set[str]:
    stem, end = verb[:-2], verb[-2:]
    forms = {stem + e for e in ES_ENDINGS[end].split()} if stem else set()
    forms |= {verb + c for c in CLITICS.split()}
    forms |= set(ES_IRREGULAR.get(verb, "").split())
    return forms


def main() -> int:
    forms: set[str] = set()
    for verb in ES_REGULAR:
        forms |= spanish(verb)
    for verb, more in ES_IRREGULAR.items():  # ver, dar, ir, ser, haber: irregular forms only
        forms |= set(more.split()) | {verb}
    for verb, more in EN_VERBS.items():
        forms |= {verb, *more.split()}
    keep = sorted({fold(f) for f in forms if len(f) >= 2})
    header = [
        "# Inflected forms of light verbs (ES and EN), generated by scripts/light_verbs.py.",
        "# They are never the subject of a question; the chat treats them as function words.",
    ]
    OUT.write_text("\n".join([*header, *keep]) + "\n", encoding="utf-8")
    print(f"{len(keep)} forms -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
