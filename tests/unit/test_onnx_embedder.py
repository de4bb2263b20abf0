"""The torch-free query embedder gives the vectors sentence-transformers gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.adapters import onnx_embedder
from assistant.adapters.st_embedder import resolve_model_path
from assistant.settings import PROJECT_ROOT

GOLD = PROJECT_ROOT / "evals" / "gold"


def _gold_questions() -> list[str]:
    questions: list[str] = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "question" in row:
                questions.append(row["question"])
            questions += [turn["message"] for turn in row.get("turns", [])]
    return questions


def test_gold_questions_are_found() -> None:
    assert len(_gold_questions()) >= 100


@pytest.mark.slow
def test_onnx_vectors_match_sentence_transformers_on_every_gold_question(tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    questions = _gold_questions()
    model_dir = resolve_model_path(None)
    embedder = onnx_embedder.load_onnx_embedder(None, tmp_path)
    reference = SentenceTransformer(str(model_dir), device="cpu").encode(
        questions, normalize_embeddings=True
    )
    one_by_one = [embedder.embed_query(q) for q in questions]
    batched = embedder.embed_documents(questions)
    for q, ref, single, batch in zip(questions, reference, one_by_one, batched, strict=True):
        assert float(ref @ single) >= 0.999, q
        assert float(ref @ batch) >= 0.999, q


@pytest.mark.slow
def test_export_is_reused_until_the_weights_change(tmp_path: Path) -> None:
    model_dir = resolve_model_path(None)
    first = onnx_embedder.ensure_onnx_model(model_dir, tmp_path)
    mtime = first.stat().st_mtime_ns
    assert onnx_embedder.ensure_onnx_model(model_dir, tmp_path).stat().st_mtime_ns == mtime
    stamp = first.with_suffix(".json")
    stamp.write_text(json.dumps({"weights": "elsewhere", "size": 1, "mtime_ns": 1}))
    assert not onnx_embedder.is_current(first, model_dir)
    onnx_embedder.ensure_onnx_model(model_dir, tmp_path)
    assert onnx_embedder.is_current(first, model_dir)


@pytest.mark.slow
def test_second_home_copies_the_export_instead_of_exporting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model_dir = resolve_model_path(None)
    first = onnx_embedder.ensure_onnx_model(model_dir, tmp_path / "a")

    def no_export(model: Path, out: Path) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_embedder, "export_onnx", no_export)
    second = onnx_embedder.ensure_onnx_model(model_dir, tmp_path / "b")
    assert second != first and second.read_bytes() == first.read_bytes()
    assert onnx_embedder.is_current(second, model_dir)


def test_missing_export_is_not_current(tmp_path: Path) -> None:
    path = onnx_embedder.onnx_model_path(tmp_path)
    assert not onnx_embedder.is_current(path, resolve_model_path(None))
