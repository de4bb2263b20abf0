"""Every bad input to the CLI ends with exit 2, `Error:` and `Hint:` on stderr, no traceback
(issue #13 item 8, 10). None of these needs an index."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.settings import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "case-localized.json"
CASE = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _run(args: list[str], env: dict[str, str] | None = None, seconds: float = 20) -> Result:
    """Invoke the CLI in a thread, so that a hang fails the test instead of blocking it."""
    box: list[Result] = []
    thread = threading.Thread(
        target=lambda: box.append(CliRunner().invoke(main, args, env=env)), daemon=True
    )
    thread.start()
    thread.join(seconds)
    assert box, f"poems {' '.join(args)} did not finish in {seconds} s"
    return box[0]


def _assert_user_error(result: Result, words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert "Error:" in result.stderr and "Hint:" in result.stderr, result.stderr
    assert words.lower() in result.stderr.lower(), result.stderr


def _case_file(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "case.json"
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param(
            json.dumps(CASE | {"sex": "féminin"}, ensure_ascii=False).encode("latin-1"),
            "UTF-8",
            id="latin1",
        ),
        pytest.param(b"\x00\x01\x02binary\xff" * 50, "binary", id="binary"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested", id="deep-json"),
        pytest.param(b'{"age_years": ' + b"9" * 5001 + b"}", "cannot be read", id="5001-digits"),
        pytest.param(
            json.dumps(CASE | {"treatment_start_date": "9999-01-01"}).encode(),
            "20 years",
            id="year-9999",
        ),
        pytest.param(
            json.dumps(CASE | {"treatment_start_date": "0001-01-01"}).encode(),
            "20 years",
            id="year-1",
        ),
        pytest.param(
            json.dumps(CASE | {"treatment_start_date": "2090-01-01"}).encode(),
            "20 years",
            id="year-2090",
        ),
        pytest.param(json.dumps(CASE | {"age_years": True}).encode(), "invalid", id="true-age"),
        pytest.param(
            json.dumps(CASE | {"bone_lesion_count": True}).encode(), "invalid", id="true-lesions"
        ),
        pytest.param(
            json.dumps(CASE | {"platelets_10e9_l": True}).encode(), "invalid", id="true-platelets"
        ),
        pytest.param(b"\xff\xfe" + b"\x00\xd8" * 10, "utf-16", id="broken-utf16"),
    ],
)
def test_plan_bad_case_file_exits_2_with_hint(tmp_path: Path, data: bytes, words: str) -> None:
    result = _run(["plan", _case_file(tmp_path, data), "--today", "2026-11-24"])
    _assert_user_error(result, "Error")
    assert words.lower() in (result.stderr).lower(), result.stderr


def test_plan_json_boolean_names_the_field(tmp_path: Path) -> None:
    result = _run(["plan", _case_file(tmp_path, json.dumps(CASE | {"age_years": True}).encode())])
    _assert_user_error(result, "age_years")


def test_plan_utf16_case_with_bom_is_read(tmp_path: Path) -> None:
    data = json.dumps(CASE).encode("utf-16")  # Python writes a BOM
    result = _run(["plan", _case_file(tmp_path, data), "--today", "2026-11-24", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stratification"]["status"] == "localized"


def test_plan_today_in_year_9999_exits_2() -> None:
    _assert_user_error(_run(["plan", str(EXAMPLE), "--today", "9999-12-31"]), "--today")


def test_plan_dev_zero_is_refused_quickly() -> None:
    _assert_user_error(_run(["plan", "/dev/zero"], seconds=10), "not a regular file")


def test_plan_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "case.fifo"
    os.mkfifo(fifo)
    _assert_user_error(_run(["plan", str(fifo)], seconds=10), "not a regular file")


def test_plan_folder_is_refused(tmp_path: Path) -> None:
    _assert_user_error(_run(["plan", str(tmp_path)]), "folder")


@pytest.mark.parametrize(
    ("env", "words"),
    [
        pytest.param({"POEMS_RETRIEVAL__K": "abc"}, "POEMS_RETRIEVAL__K", id="k-abc"),
        pytest.param({"POEMS_INDEX__MAX_FILE_MB": "-1"}, "POEMS_INDEX__MAX_FILE_MB", id="mb-neg"),
        pytest.param({"POEMS_RULES__INTERVAL_OVERRIDES": "{bad"}, "POEMS_", id="overrides-json"),
        pytest.param(
            {"POEMS_RULES__INTERVAL_OVERRIDES": '{"cbc": -3}'}, "1-120 months", id="negative"
        ),
        pytest.param(
            {"POEMS_RULES__INTERVAL_OVERRIDES": '{"no_such_test": 3}'},
            "no_such_test",
            id="unknown-code",
        ),
        pytest.param({"POEMS_KNOWLEDGE_DIR": "/nonexistent/k"}, "knowledge", id="no-knowledge"),
        pytest.param({"POEMS_CHROMA_URL": "ftp://127.0.0.1:8000"}, "http", id="chroma-ftp"),
        pytest.param({"POEMS_CHROMA_URL": "file:///etc/passwd"}, "http", id="chroma-file"),
        pytest.param({"POEMS_MAX_QUESTION_CHARS": "lots"}, "MAX_QUESTION_CHARS", id="max-q"),
        pytest.param({"POEMS_LLM": "openai:gpt-4o"}, "not this machine", id="remote-llm"),
        pytest.param({"POEMS_LLM": "nocolon"}, "provider:model", id="llm-spec"),
    ],
)
def test_bad_settings_exit_2_with_hint(env: dict[str, str], words: str) -> None:
    result = _run(["plan", str(EXAMPLE), "--today", "2026-11-24"], env=env)
    _assert_user_error(result, words)


def test_font_that_is_not_ttf_exits_2(tmp_path: Path) -> None:
    fake = tmp_path / "font.ttf"
    fake.write_text("not a font", encoding="utf-8")
    result = _run(["plan", str(EXAMPLE)], env={"POEMS_FONT_PATH": str(fake)})
    _assert_user_error(result, "font")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("not json", id="not-json"),
        pytest.param("{}", id="empty-object"),
        pytest.param("[1, 2]", id="list"),
        pytest.param('{"metrics": 1}', id="wrong-shape"),
    ],
)
def test_eval_compare_bad_report_exits_2(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "a.json"
    bad.write_text(content, encoding="utf-8")
    _assert_user_error(_run(["eval", "--compare", str(bad), str(bad)]), "report")


def test_ask_overlong_question_exits_2_before_any_index_work(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run(["ask", "x" * 5000], env={"POEMS_HOME": str(home)})
    _assert_user_error(result, "limit is 4,000")
    assert "límite" in result.stderr
    assert not (home / "chroma").exists()


def test_chroma_server_down_at_start_exits_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = _run(
        ["search", "radiation dose"], env={"POEMS_CHROMA_URL": f"http://127.0.0.1:{port}"}
    )
    _assert_user_error(result, "cannot reach the Chroma server")
    assert "chroma run" in result.stderr


def test_wrong_model_path_exits_2(tmp_path: Path) -> None:
    env = {"POEMS_HOME": str(tmp_path / "h"), "POEMS_MODEL_PATH": str(tmp_path / "no-model")}
    result = _run(["search", "radiation dose"], env=env, seconds=60)
    _assert_user_error(result, "no sentence-transformers model")
    assert "POEMS_MODEL_PATH" in result.stderr


def test_search_overlong_query_exits_2(tmp_path: Path) -> None:
    result = _run(["search", "y" * 4001], env={"POEMS_HOME": str(tmp_path / "home")})
    _assert_user_error(result, "limit is 4,000")
