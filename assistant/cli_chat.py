"""The `poems chat` loops: a failed turn prints an error line and the conversation goes on."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from assistant.errors import UserFacingError
from assistant.i18n import t


def print_markdown(text: str) -> None:
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text, nl=False)


def chat_jsonl(service: Any, fresh: Callable[[], Any]) -> None:
    """One Answer JSON per line; a turn that fails prints an error line and the chat goes on."""
    conv = fresh()
    for line in _bounded_lines(sys.stdin, service.settings.max_question_chars):
        if not line:
            continue
        if line == "/new":
            conv = fresh()
            continue
        try:
            answer, conv = service.chat(conv, line)
        except UserFacingError as exc:
            _turn_error(exc)
            continue
        except Exception as exc:  # one failed turn must not end the conversation
            if click.get_current_context().find_root().params.get("debug"):
                raise
            _turn_error(_internal(exc))
            continue
        click.echo(answer.model_dump_json())
        sys.stdout.flush()


def _internal(exc: Exception) -> UserFacingError:
    return UserFacingError(
        f"this message could not be answered ({type(exc).__name__}); the conversation is kept",
        "try again; run with --debug to see the cause",
    )


def _turn_error(exc: UserFacingError) -> None:
    """A failed turn: `{"error", "hint"}` JSON on stdout (one line), Error/Hint on stderr."""
    click.echo(json.dumps({"error": exc.message, "hint": exc.hint}, ensure_ascii=False))
    sys.stdout.flush()
    click.echo(f"{t('error', 'en')}: {exc.message}", err=True)
    if exc.hint:
        click.echo(f"{t('hint', 'en')}: {exc.hint}", err=True)


def _bounded_lines(stream: Any, max_chars: int) -> Any:
    """Stripped lines of `stream`, never holding more than ~`max_chars` of one line in memory.

    A longer line is yielded cut just past the limit, so the service refuses it with a message.
    """
    while True:
        raw = stream.readline(max_chars + 2)
        if not raw:
            return
        if not raw.endswith("\n") and len(raw) > max_chars:
            while (rest := stream.readline(65536)) and not rest.endswith("\n"):
                pass  # drop the rest of the overlong line
        yield raw.strip()


def chat_interactive(service: Any, fresh: Callable[[], Any], lang: str) -> None:
    from assistant.render import answer_markdown

    conv = fresh()
    click.echo(t("chat_intro", "es" if lang == "es" else "en"))
    while True:
        try:
            line = input("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if line in ("/quit", "/exit"):
            return
        if line == "/new":
            conv = fresh()
            continue
        if line:
            try:
                answer, conv = service.chat(conv, line)
            except UserFacingError as exc:
                _turn_error(exc)
                continue
            print_markdown(answer_markdown(answer))
