"""`poems handout` writes: both targets checked before anything is written, atomic writes, no
temporary files left, never the same path twice, never through or over a symlink (#13 item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.settings import PROJECT_ROOT

EXAMPLE = str(PROJECT_ROOT / "examples" / "case-localized.json")


@pytest.fixture(autouse=True)
def _home_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """POEMS_HOME (where the rule-table cache goes) outside the folder these tests list."""
    monkeypatch.setenv("POEMS_HOME", str(tmp_path_factory.mktemp("home")))


def _handout(*extra: str) -> Result:
    args = ["handout", EXAMPLE, "--lang", "en", "--today", "2026-11-24", *extra]
    return CliRunner().invoke(main, args)


def _assert_refused(result: Result, words: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Hint:" in result.stderr and words in result.stderr, result.stderr


def test_handout_and_calendar_written_with_no_temporary_files(tmp_path: Path) -> None:
    result = _handout("--out", str(tmp_path / "h.md"), "--ics", str(tmp_path / "v.ics"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.md", "v.ics"]
    assert (tmp_path / "v.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_out_is_a_folder_refused_and_no_tmp_left(tmp_path: Path) -> None:
    target = tmp_path / "DIR"
    target.mkdir()
    _assert_refused(_handout("--out", str(target)), "is a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DIR"]
    assert list(target.iterdir()) == []


def test_calendar_in_missing_folder_refused_before_handout_written(tmp_path: Path) -> None:
    out = tmp_path / "h.md"
    _assert_refused(
        _handout("--out", str(out), "--ics", str(tmp_path / "missing" / "x.ics")), "does not exist"
    )
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_same_path_for_handout_and_calendar_refused(tmp_path: Path) -> None:
    same = tmp_path / "same"
    _assert_refused(
        _handout("--out", str(same), "--ics", str(tmp_path / "." / "same")), "same file"
    )
    assert list(tmp_path.iterdir()) == []


def test_out_symlink_is_neither_followed_nor_replaced(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "h.md"
    link.symlink_to(victim)
    _assert_refused(_handout("--out", str(link)), "symbolic link")
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "keep me"


def test_ics_symlink_refused_before_handout_written(tmp_path: Path) -> None:
    (tmp_path / "cal.ics").symlink_to(tmp_path / "elsewhere.ics")
    out = tmp_path / "h.md"
    _assert_refused(
        _handout("--out", str(out), "--ics", str(tmp_path / "cal.ics")), "symbolic link"
    )
    assert not out.exists() and not (tmp_path / "elsewhere.ics").exists()


def test_existing_handout_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "h.md"
    out.write_text("old", encoding="utf-8")
    assert _handout("--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    assert [p.name for p in tmp_path.iterdir()] == ["h.md"]


def test_pdf_handout_with_a_non_ttf_font_in_settings_object_exits_2(tmp_path: Path) -> None:
    from assistant.errors import UserFacingError
    from assistant.service import Assistant
    from assistant.settings import Settings

    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"<html>not a font</html>")
    with pytest.raises(UserFacingError, match="no Unicode font"):
        Assistant(Settings(font_path=fake)).font()
