"""README stays true: its commands exist and its settings table matches Settings."""

from __future__ import annotations

import re

from assistant.cli import main
from assistant.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text()


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_readme_poems_commands_exist() -> None:
    used = set(re.findall(r"^poems (\w+)", README, re.MULTILINE))
    assert used, "README lists no poems command"
    assert used <= set(main.commands), used - set(main.commands)


def test_readme_settings_table_names_real_settings() -> None:
    names = re.findall(r"`POEMS_([A-Z_]+)`", README)
    fields = Settings.model_fields
    for name in names:
        parts = name.lower().split("__")
        assert parts[0] in fields, name
        if len(parts) == 2:
            sub = fields[parts[0]].default_factory().__class__  # type: ignore[misc]
            assert parts[1] in sub.model_fields, name
