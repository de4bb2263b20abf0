"""Query embeddings through ONNX Runtime: the same all-MiniLM-L6-v2 weights, no torch at run time.

The packaged model is exported once into `POEMS_HOME/models/` (at index build, or on the first
query that finds it missing). The exported graph includes sentence-transformers' mean pooling and
L2 normalisation, so its vectors match `SentenceTransformer.encode(normalize_embeddings=True)`.
Loading it needs only onnxruntime, tokenizers and numpy (all chromadb dependencies already).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.adapters.st_embedder import force_offline, resolve_model_path

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
# Exports made by this process, by weights folder: a build in another POEMS_HOME (tests,
# benchmarks) copies one (0.1 s) instead of exporting again (several seconds).
_EXPORTS: dict[Path, Path] = {}


def onnx_model_path(home: Path) -> Path:
    """Where the exported model lives under POEMS_HOME."""
    return home / "models" / "all-MiniLM-L6-v2.onnx"


def _source_stamp(model_dir: Path) -> dict[str, Any]:
    """What identifies the weights an export was made from (path, size and mtime)."""
    weights = model_dir / "model.safetensors"
    stat = weights.stat()
    return {"weights": str(weights), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _stamp_path(onnx_path: Path) -> Path:
    return onnx_path.with_suffix(".json")


def is_current(onnx_path: Path, model_dir: Path) -> bool:
    """True when an export exists and was made from these weights."""
    try:
        stamp = json.loads(_stamp_path(onnx_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return onnx_path.exists() and stamp == _source_stamp(model_dir)


def ensure_onnx_model(model_dir: Path, home: Path) -> Path:
    """The exported model for `model_dir`, exported first when missing or made from other weights.

    Exporting imports torch (a few seconds, once); the result is written atomically so that a
    concurrent reader never sees half a file.
    """
    target = onnx_model_path(home)
    if is_current(target, model_dir):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    earlier = _EXPORTS.get(model_dir)
    try:
        if earlier is not None and is_current(earlier, model_dir):
            shutil.copyfile(earlier, tmp)  # another POEMS_HOME in this process: no re-export
        else:
            export_onnx(model_dir, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _stamp_path(target).write_text(json.dumps(_source_stamp(model_dir)), encoding="utf-8")
    _EXPORTS[model_dir] = target
    return target


def export_onnx(model_dir: Path, out: Path) -> None:
    """Write an ONNX graph of the transformer plus mean pooling and L2 normalisation."""
    force_offline()
    import warnings

    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(
        str(model_dir), local_files_only=True, attn_implementation="eager"
    ).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            hidden = self.model(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer notes about Python booleans in the graph
        torch.onnx.export(
            Pooled(),
            (sample, sample, torch.zeros_like(sample)),
            str(out),
            dynamo=False,  # the TorchScript exporter needs onnx only, not onnxscript
            input_names=list(INPUTS),
            output_names=["sentence_embedding"],
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
            opset_version=OPSET,
        )


def _max_seq_length(model_dir: Path) -> int:
    """sentence-transformers' truncation length for this model (256 for all-MiniLM-L6-v2)."""
    config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return int(config["max_seq_length"])


class OnnxEmbedder:
    """Embedder (langchain Embeddings interface) backed by onnxruntime and tokenizers."""

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(_max_seq_length(model_dir))
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest
        options = ort.SessionOptions()
        # One short query takes ~10 ms of CPU on one thread; a second thread halves little of
        # it and its spinning pool doubled the CPU (measured), and the app's sessions already
        # run queries in parallel.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # measured on 2 cores: "extended" builds the session fastest and runs as fast as "all"
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )

    def _encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        encodings = self._tokenizer.encode_batch(texts)
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        out: npt.NDArray[np.float32] = self._session.run(None, feed)[0]
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for many texts (batches of 32, as the build does)."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), 32):
            vectors += self._encode(texts[start : start + 32]).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Vector for one query."""
        row: list[float] = self._encode([text])[0].tolist()
        return row


def load_onnx_embedder(configured: Path | None, home: Path) -> OnnxEmbedder:
    """The query embedder: the exported model for the configured (or packaged) weights."""
    model_dir = resolve_model_path(configured)
    return OnnxEmbedder(ensure_onnx_model(model_dir, home), model_dir)
