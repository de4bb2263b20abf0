"""No network: sockets to anything but loopback are refused in tests, and settings are offline."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from pytest_socket import SocketConnectBlockedError

from assistant.adapters.chroma_store import _chroma_settings
from assistant.adapters.st_embedder import OFFLINE_ENV


def test_outbound_connection_is_blocked() -> None:
    with (
        pytest.raises(SocketConnectBlockedError),
        socket.create_connection(("93.184.216.34", 80), 1),
    ):
        pass


def test_force_offline_sets_the_offline_variables_in_a_clean_process() -> None:
    """conftest sets these variables for tests; a fresh process shows what the code itself does."""
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE_ENV}
    code = (
        "import os; from assistant.adapters.st_embedder import force_offline;"
        "before = os.environ.get('HF_HUB_OFFLINE'); force_offline();"
        "print(before, os.environ['HF_HUB_OFFLINE'], os.environ['ANONYMIZED_TELEMETRY'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["None", "1", "False"], out.stderr


def test_chroma_client_settings_disable_telemetry() -> None:
    assert _chroma_settings().anonymized_telemetry is False


def test_streamlit_config_disables_usage_stats() -> None:
    from assistant.settings import PROJECT_ROOT

    config = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config


def test_no_code_names_a_hub_model_id() -> None:
    from assistant.settings import PROJECT_ROOT

    for folder in ("assistant", "ingest", "evals"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            text = path.read_text()
            assert "sentence-transformers/" not in text, path
