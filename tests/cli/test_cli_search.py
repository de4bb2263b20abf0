"""`poems search` and `poems index` through the real CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.settings import Settings

pytestmark = pytest.mark.slow


def test_cli_search_json_is_one_document_with_citable_passages(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POEMS_HOME", str(built_settings.home))
    result = CliRunner().invoke(
        main, ["search", "dosis de lenalidomida", "--k", "3", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["lang"] == "es" and len(doc["passages"]) == 3
    first = doc["passages"][0]
    assert first["lang"] == "es" and first["chunk_id"].startswith("kc-")
    assert {"source_id", "title", "section_id", "heading", "cites", "locator"} <= first.keys()


def test_cli_search_text_output_in_spanish(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POEMS_HOME", str(built_settings.home))
    result = CliRunner().invoke(main, ["search", "aspirina plaquetas", "--k", "2"])
    assert result.exit_code == 0
    assert result.stdout.startswith("[1] ")
    assert "Fuentes: " in result.stdout


def test_cli_index_missing_path_exits_2_without_traceback() -> None:
    result = CliRunner().invoke(main, ["index", "/nonexistent/guide.pdf"])
    assert result.exit_code == 2
    assert "Error: /nonexistent/guide.pdf: no such file" in result.stderr
    assert "Traceback" not in result.output
