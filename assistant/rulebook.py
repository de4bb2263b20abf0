"""Load knowledge/rules/*.toml into a validated RuleBook (the file-reading edge of the rule core).

A rule without a citation, with an unknown source or an unknown guideline section fails to
load, and the error names the file, the rule id and the field.
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import KnowledgeError
from assistant.knowledge import guideline_files, knowledge_version, load_sources
from assistant.rules.book import RuleBook

FAMILIES = (
    "diagnosis",
    "vegf",
    "workup",
    "stratification",
    "treatment",
    "monitoring",
    "supportive",
    "prognosis",
    "warnings",
    "gates",
)
_LIST_FAMILIES = {
    "workup": "test",
    "supportive": "item",
    "prognosis": "factor",
    "warnings": "warning",
}


def read_rule_file(path: Path) -> dict[str, Any]:
    """One rule file as a dict (its worked examples are removed; see `examples`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path} is missing", "restore it from the repository") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: invalid TOML: {exc}", "fix the syntax") from exc
    data.pop("example", None)
    return data


def examples(knowledge_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """(file name, example) for every worked example in every rule file."""
    out: list[tuple[str, dict[str, Any]]] = []
    for family in FAMILIES:
        path = knowledge_dir / "rules" / f"{family}.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out += [(path.name, ex) for ex in data.get("example", [])]
    return out


def _collect_rows(obj: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = []
    if isinstance(obj, dict):
        if "id" in obj and "section" in obj:
            rows.append((where, obj))
        for key, value in obj.items():
            rows += _collect_rows(value, f"{where}.{key}")
    elif isinstance(obj, list):
        for value in obj:
            rows += _collect_rows(value, where)
    return rows


def _known_facts() -> set[str]:
    from assistant.contracts import PatientCase
    from assistant.rules.facts import DERIVED_FACTS

    return set(PatientCase.model_fields) | set(DERIVED_FACTS)


def _check_clauses(where: str, rid: str, row: dict[str, Any], known: set[str]) -> None:
    for clause in row.get("when") or []:
        for part, value in clause.items():
            names = value.keys() if isinstance(value, dict) else value
            unknown = [n for n in names if n not in known]
            if unknown:
                raise KnowledgeError(
                    f"{where}: rule {rid}: when.{part} names unknown fact(s) {unknown}",
                    "use a PatientCase field or a derived fact (assistant/rules/facts.py)",
                )


def _check_references(raw: dict[str, Any], knowledge_dir: Path) -> None:
    sources = load_sources(knowledge_dir)
    sections = {
        line.split("{#", 1)[1].split("}", 1)[0]
        for f in guideline_files(knowledge_dir)
        for line in f.text.splitlines()
        if line.startswith("#") and "{#" in line
    }
    seen: dict[str, str] = {}
    known = _known_facts()
    for where, row in _collect_rows(raw, "rules"):
        rid = row["id"]
        _check_clauses(where, rid, row, known)
        if rid in seen:
            raise KnowledgeError(
                f"{where}: rule id {rid} is also used in {seen[rid]}",
                "rule ids are unique and never reused",
            )
        seen[rid] = where
        for sid in row.get("citations") or []:
            if sid not in sources:
                raise KnowledgeError(
                    f"{where}: rule {rid}: citation {sid!r} is not in sources.toml",
                    "add the source or fix the id",
                )
        extra = row.get("dose_section")
        if extra is not None and extra not in sections:
            raise KnowledgeError(
                f"{where}: rule {rid}: dose_section {extra!r} is not a guideline section id",
                "use an id from knowledge/guideline",
            )
        if row["section"] not in sections:
            raise KnowledgeError(
                f"{where}: rule {rid}: section {row['section']!r} is not a guideline section id",
                "use an id from knowledge/guideline",
            )


def load_rulebook(knowledge_dir: Path, cache_dir: Path | None = None) -> RuleBook:
    """Read, cross-check and validate every rule file.

    With `cache_dir`, the checked tables are kept there as JSON named by the knowledge version
    (a content hash), so a new process skips the TOML parsing and the cross-checks; they are
    still validated on every load. A missing, unreadable or corrupt cache is rebuilt.
    """
    version = knowledge_version(knowledge_dir)
    raw = _cached_tables(cache_dir, version)
    if raw is None:
        raw = _read_tables(knowledge_dir, version)
        _keep_tables(cache_dir, version, raw)
    try:
        book = RuleBook.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise KnowledgeError(
            f"knowledge/rules/{loc.split('.')[0]}.toml: {loc}: {first['msg']}",
            "every rule row needs id, citations, section and its texts in en/es",
        ) from exc
    _check_gate_targets(book)
    return book


def _read_tables(knowledge_dir: Path, version: str) -> dict[str, Any]:
    raw: dict[str, Any] = {"knowledge_version": version}
    for family in FAMILIES:
        data = read_rule_file(knowledge_dir / "rules" / f"{family}.toml")
        raw[family] = data[_LIST_FAMILIES[family]] if family in _LIST_FAMILIES else data
        if family == "prognosis":
            raw["prognosis_scores"] = data.get("score", [])
    _check_references(raw, knowledge_dir)
    return raw


def _cache_file(cache_dir: Path, version: str) -> Path:
    return cache_dir / f"rulebook-{version.replace('+', '-')}.json"


def _cached_tables(cache_dir: Path | None, version: str) -> dict[str, Any] | None:
    if cache_dir is None:
        return None
    try:
        raw = json.loads(_cache_file(cache_dir, version).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("knowledge_version") != version:
        return None
    return raw


def _keep_tables(cache_dir: Path | None, version: str, raw: dict[str, Any]) -> None:
    """Write the cache atomically; a folder that cannot be written only costs speed."""
    if cache_dir is None:
        return
    from assistant.errors import InputError
    from assistant.output_files import write_atomic

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(_cache_file(cache_dir, version), json.dumps(raw, ensure_ascii=False).encode())
    except (OSError, InputError, TypeError, ValueError):  # TypeError: a value JSON cannot hold
        return


def _check_gate_targets(book: RuleBook) -> None:
    """A gate naming an option code or agent that no row has would silently never apply."""
    options, cautions = book.treatment.options, book.treatment.caution
    codes = {r.code for r in options} | {r.code for r in cautions}
    agents = {a for r in options for a in r.agents} | {a for r in cautions for a in r.agents}
    for gate in book.gates.gates:
        unknown = [c for c in gate.options if c not in codes]
        unknown += [a for a in gate.agents if a not in agents]
        if unknown:
            raise KnowledgeError(
                f"knowledge/rules/gates.toml: rule {gate.id}: unknown option or agent {unknown}",
                "use option codes and agents that appear in treatment.toml",
            )


@lru_cache(maxsize=4)
def cached_rulebook(knowledge_dir: Path, version: str, cache_dir: Path | None = None) -> RuleBook:
    """load_rulebook memoised per knowledge version (callers pass the current version)."""
    del version
    return load_rulebook(knowledge_dir, cache_dir)
