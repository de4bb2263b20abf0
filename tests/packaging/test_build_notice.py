"""A query that has to build the index says so (one line and a bar on stderr), once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main

NOTICE = "Building the search index"


@pytest.mark.slow
def test_search_announces_the_build_once_and_keeps_stdout_clean(
    small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(small_knowledge))
    runner = CliRunner()
    first = runner.invoke(main, ["search", "radiation dose", "--json"], catch_exceptions=False)
    assert first.exit_code == 0
    assert first.stderr.count(NOTICE) == 1
    assert json.loads(first.stdout)["passages"][0]["section_id"] == "rt-dose"
    again = runner.invoke(main, ["search", "radiation dose", "--json"], catch_exceptions=False)
    assert again.exit_code == 0 and NOTICE not in again.stderr


def test_notice_is_silent_until_a_build_reports_progress(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assistant.cli import BuildNotice

    notice = BuildNotice()
    notice.close()  # nothing started: nothing to stop
    assert capsys.readouterr().err == ""
    notice(0, 0)
    notice(5, 10)
    notice(10, 10)
    notice.close()
    captured = capsys.readouterr()
    assert captured.err.count(NOTICE) == 1 and captured.out == ""
