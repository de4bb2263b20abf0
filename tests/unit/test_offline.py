"""No network: sockets to anything but loopback are refused in tests, and settings are offline."""

from __future__ import annotations

import os
import socket

import pytest
from pytest_socket import SocketConnectBlockedError

from assistant.adapters.chroma_store import _chroma_settings


def test_outbound_connection_is_blocked() -> None:
    with (
        pytest.raises(SocketConnectBlockedError),
        socket.create_connection(("93.184.216.34", 80), 1),
    ):
        pass


def test_offline_environment_and_no_telemetry() -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
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
