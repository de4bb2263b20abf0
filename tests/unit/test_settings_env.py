"""POEMS_* variables become settings the way the README documents them."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def _no_poems_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start each test from an environment without POEMS_* variables."""
    import os

    for key in list(os.environ):
        if key.upper().startswith("POEMS_"):
            monkeypatch.delenv(key)


def test_defaults_without_variables() -> None:
    settings = Settings()
    assert settings.retrieval.k == 5
    assert settings.rules.interval_overrides == {}
    assert settings.chroma_url is None


def test_nested_variable_sets_one_field_and_keeps_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POEMS_RETRIEVAL__K", "9")
    settings = Settings()
    assert settings.retrieval.k == 9
    assert settings.retrieval.candidates == 30


def test_names_match_in_any_case(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("poems_home", str(tmp_path))
    monkeypatch.setenv("Poems_Index__Batch_Size", "7")
    settings = Settings()
    assert settings.home == tmp_path
    assert settings.index.batch_size == 7


def test_maps_and_sections_are_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POEMS_RULES__INTERVAL_OVERRIDES", '{"cbc": 2}')
    monkeypatch.setenv("POEMS_RETRIEVAL", '{"k": 4, "candidates": 40}')
    monkeypatch.setenv("POEMS_RETRIEVAL__CANDIDATES", "50")  # the field variable wins
    settings = Settings()
    assert settings.rules.interval_overrides == {"cbc": 2}
    assert (settings.retrieval.k, settings.retrieval.candidates) == (4, 50)


def test_constructor_values_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POEMS_HOME", "/nowhere")
    monkeypatch.setenv("POEMS_RETRIEVAL__K", "9")
    settings = Settings(home=tmp_path, retrieval={"candidates": 10})
    assert settings.home == tmp_path
    assert (settings.retrieval.k, settings.retrieval.candidates) == (9, 10)


def test_unrelated_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POEMS_NOT_A_SETTING", "x")
    monkeypatch.setenv("POEMSX_K", "x")
    assert Settings().retrieval.k == 5


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"POEMS_RETRIEVAL__K": "abc"}, "POEMS_RETRIEVAL__K"),
        ({"POEMS_RETRIEVAL__NO_SUCH": "1"}, "POEMS_RETRIEVAL__NO_SUCH"),
        ({"POEMS_RULES__INTERVAL_OVERRIDES": "{bad"}, "POEMS_RULES__INTERVAL_OVERRIDES"),
        ({"POEMS_RETRIEVAL": "[1, 2"}, "POEMS_RETRIEVAL"),
        ({"POEMS_LLM_ALLOW_REMOTE": "perhaps"}, "POEMS_LLM_ALLOW_REMOTE"),
    ],
)
def test_a_bad_variable_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], named: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(InputError) as info:
        load_settings()
    text = info.value.message + " ".join(getattr(info.value, "problems", ()))
    assert named in text
