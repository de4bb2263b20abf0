"""The `poems` command: parses arguments, calls the service, prints, and translates errors."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assistant.cli_chat import chat_interactive, chat_jsonl, print_markdown
from assistant.contracts import Lang
from assistant.errors import UserFacingError
from assistant.i18n import t
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.service import Assistant

F = TypeVar("F", bound=Callable[..., Any])


def _settings() -> Settings:
    from assistant.settings import load_settings

    return load_settings()


def _progress_printer(label: str) -> tuple[Any, Callable[[int, int], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, update


class BuildNotice:
    """Progress for an index build that a query starts: a one-line notice, then a bar.

    Nothing is printed when the index is already up to date.
    """

    def __init__(self) -> None:
        self._progress: Any = None
        self._update: Callable[[int, int], None] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            click.echo(
                "Building the search index (first use, or the knowledge changed); "
                "this takes about a minute, once.",
                err=True,
            )
            self._progress, self._update = _progress_printer(t("indexing", "en"))
            self._progress.start()
        if self._update is not None and total:
            self._update(done, total)
        if total and done >= total:
            self.close()

    def close(self) -> None:
        """Stop the bar (the build finished, or the command ended)."""
        if self._progress is not None:
            self._progress.stop()
        self._progress, self._update = None, None


def _service(settings: Settings | None = None) -> Assistant:
    """The service for commands that need the index; a build it starts is shown."""
    import atexit

    from assistant.service import Assistant

    notice = BuildNotice()
    atexit.register(notice.close)
    return Assistant(settings or _settings(), build_progress=notice)


class PoemsGroup(click.Group):
    """Translates user-facing errors into `Error:`/`Hint:` on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserFacingError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"{t('error', 'en')}: {exc.message}", err=True)
            for line in getattr(exc, "problems", ()):
                click.echo(f"  - {line}", err=True)
            if exc.hint:
                click.echo(f"{t('hint', 'en')}: {exc.hint}", err=True)
            sys.exit(2)


class _WarningsToStderr(logging.Handler):
    """Warnings of the assistant (index waits, repairs, kept indexes) as `Warning:` on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"Warning: {record.getMessage()}", err=True)


def _show_warnings() -> None:
    for name in ("assistant", "ingest"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _WarningsToStderr) for h in logger.handlers):
            handler = _WarningsToStderr(logging.WARNING)
            logger.addHandler(handler)


@click.group(cls=PoemsGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def main(debug: bool) -> None:
    """POEMS guideline assistant: offline, cited decision support (English and Spanish)."""
    _show_warnings()


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild even if the index is up to date.")
def index_cmd(paths: tuple[Path, ...], rebuild: bool) -> None:
    """Build or refresh the index (knowledge/ plus any PDF, Markdown, text or HTML PATHs)."""
    from assistant.service import Assistant

    service = Assistant(_settings())
    progress, update = _progress_printer(t("indexing", "en"))
    with progress:
        manifest = service.index(list(paths), rebuild=rebuild, progress=update)
    click.echo(
        t(
            "index_built",
            "en",
            chunks=manifest.counts["chunks"],
            knowledge=manifest.knowledge_version,
            collection=manifest.collection,
        )
    )
    for src in manifest.user_sources:
        click.echo(f"  + {src.id}: {src.reference}")


@main.command("search")
@click.argument("query")
@click.option("--k", "k", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default=None, help="Default: detected.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def search_cmd(query: str, k: int, lang: str | None, as_json: bool) -> None:
    """Search the indexed guidelines (hybrid dense + BM25)."""
    from assistant.language import detect_language
    from assistant.settings import check_question_length

    settings = _settings()
    check_question_length(query, settings)
    service = _service(settings)
    qlang = detect_language(query) if lang is None else ("es" if lang == "es" else "en")
    passages = service.search(query, k=k, lang=qlang)
    if as_json:
        rows = [
            {
                "rank": p.rank,
                "score": p.score,
                "locator": p.locator,
                **p.chunk.model_dump(mode="json"),
            }
            for p in passages
        ]
        click.echo(
            json.dumps({"query": query, "lang": qlang, "passages": rows}, ensure_ascii=False)
        )
        return
    if not passages:
        click.echo(t("no_results", qlang))
    for p in passages:
        c = p.chunk
        page = f", {t('page', qlang)} {c.page}" if c.page else ""
        click.secho(f"[{p.rank}] {c.title} § {c.heading}{page}", bold=True)
        click.echo(f"    {c.source_id} · {c.lang} · {p.score:.4f}")
        click.echo(f"    {c.text}")
        if c.cites:
            click.echo(f"    {t('sources', qlang)}: {', '.join(c.cites)}")
        click.echo()


def _read_case(path: Path) -> Any:
    from assistant.case_io import read_case_file

    return read_case_file(path)


def _day(today: Any) -> Any:
    """--today as a date (checked to be within 20 years of the system date), or the system date."""
    import datetime as dt

    from assistant.case_io import check_plausible_today

    if today is None:
        return dt.date.today()
    check_plausible_today(today.date(), dt.date.today())
    return today.date()


@main.command("plan")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to plan from (default: the system date).",
)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option(
    "--audience",
    type=click.Choice(["clinician", "patient"]),
    default="clinician",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print the Plan JSON.")
def plan_cmd(case_file: Path, today: Any, lang: str, audience: str, as_json: bool) -> None:
    """Diagnosis check, work-up, stratum, treatment and dated follow-up for CASE_FILE."""
    from assistant.service import Assistant

    settings = _settings()
    case = _read_case(case_file)
    plan = Assistant(settings).plan(case, _day(today))
    if as_json:
        click.echo(plan.model_dump_json(indent=2))
        return
    from assistant.render import plan_markdown

    text = plan_markdown(
        plan, "es" if lang == "es" else "en", "patient" if audience == "patient" else "clinician"
    )
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text, nl=False)


LANG_CHOICE = click.Choice(["auto", "en", "es"])
AUDIENCE_CHOICE = click.Choice(["clinician", "patient"])


def _lang(value: str) -> Any:
    return None if value == "auto" else value


@main.command("ask")
@click.argument("question")
@click.option("--case", "case_file", type=click.Path(path_type=Path), default=None)
@click.option("--lang", type=LANG_CHOICE, default="auto", show_default=True)
@click.option("--audience", type=AUDIENCE_CHOICE, default="clinician", show_default=True)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the Answer JSON.")
def ask_cmd(
    question: str, case_file: Path | None, lang: str, audience: str, today: Any, as_json: bool
) -> None:
    """Answer a question from the guidelines (and the case, when given), with citations."""
    from assistant.render import answer_markdown
    from assistant.settings import check_question_length

    settings = _settings()
    check_question_length(question, settings)  # before any index work
    case = _read_case(case_file) if case_file else None
    answer = _service(settings).ask(
        question,
        case=case,
        lang=_lang(lang),
        audience=audience,  # type: ignore[arg-type]
        today=_day(today),
    )
    if as_json:
        click.echo(answer.model_dump_json())
        return
    print_markdown(answer_markdown(answer))


@main.command("chat")
@click.option("--case", "case_file", type=click.Path(path_type=Path), default=None)
@click.option("--lang", type=LANG_CHOICE, default="auto", show_default=True)
@click.option("--audience", type=AUDIENCE_CHOICE, default="clinician", show_default=True)
@click.option("--jsonl", is_flag=True, help="One message per stdin line, one Answer JSON per line.")
def chat_cmd(case_file: Path | None, lang: str, audience: str, jsonl: bool) -> None:
    """A conversation: follow-ups keep the case and the language. /new starts over."""
    from assistant.chat import Conversation

    service = _service()
    case = _read_case(case_file) if case_file else None

    def fresh() -> Conversation:
        return Conversation(case=case, forced_lang=_lang(lang), audience=audience)

    if jsonl:
        chat_jsonl(service, fresh)
    else:
        chat_interactive(service, fresh, lang)


@main.command("handout")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["en", "es"]), required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Handout file.")
@click.option("--ics", type=click.Path(path_type=Path), default=None, help="Calendar file.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def handout_cmd(
    case_file: Path, lang: str, fmt: str, out: Path, ics: Path | None, today: Any
) -> None:
    """A plain-language patient handout (and visit calendar) for CASE_FILE."""
    from assistant.calendar_export import plan_ics
    from assistant.education import handout_html, handout_markdown, handout_pdf
    from assistant.output_files import check_targets, write_all
    from assistant.service import Assistant

    targets = [out, ics] if ics else [out]
    check_targets(targets)  # both checked before any work, and again just before writing
    service = Assistant(_settings())
    case = _read_case(case_file)
    day = _day(today)
    language: Lang = "es" if lang == "es" else "en"
    handout, book = service.handout(case, language, day)
    data: bytes
    if fmt == "pdf":
        data = handout_pdf(handout, book, service.font())
    else:
        render = handout_html if fmt == "html" else handout_markdown
        data = render(handout, book).encode("utf-8")
    outputs = [(out, data)]
    if ics:
        outputs.append((ics, plan_ics(service.plan(case, day), language, "patient")))
    write_all(outputs)
    r = handout.readability
    click.echo(f"{out} · {r.index} {r.score} ({r.band})", err=True)


@main.command("eval")
@click.option(
    "--suite",
    "suites",
    multiple=True,
    type=click.Choice(["questions", "conversations", "vignettes", "retrieval", "handouts"]),
    help="Run only these suites (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("reports/eval"),
    show_default=True,
    help="Folder for report.json, report.md, report.html.",
)
@click.option(
    "--compare",
    "pair",
    nargs=2,
    type=click.Path(path_type=Path),
    default=None,
    help="Compare two report.json files instead of running.",
)
def eval_cmd(suites: tuple[str, ...], out: Path, pair: tuple[Path, Path] | None) -> None:
    """Score clinical correctness against the gold sets; exit 1 when a gate fails."""
    from evals.report import compare, console_table, write_reports
    from evals.run import SUITES, run_eval

    if pair:
        a, b = (_read_report(p) for p in pair)
        click.echo(compare(a, b), nl=False)
        return
    from assistant.service import Assistant

    service = Assistant(_settings())
    progress, update = _progress_printer("Evaluating")

    def report_progress(suite: str, done: int, total: int) -> None:
        progress.update(progress.task_ids[0], description=f"Evaluating {suite}")
        update(done, total)

    with progress:
        report = run_eval(service, suites or SUITES, report_progress)
    paths = write_reports(report, out)
    click.echo(console_table(report), nl=False)
    for g in report["gates"]:
        mark = "pass" if g["passed"] else "FAIL"
        target = "" if g.get("on_target", True) else f"  (target {g['op']} {g['target']})"
        click.echo(f"{mark:>4}  {g['gate']:<26} {g['value']:<8} {g['op']} {g['threshold']}{target}")
    click.echo(f"Reports: {', '.join(str(p) for p in paths)}")
    if not report["passed"]:
        click.echo("Error: an evaluation gate failed (see report.md)", err=True)
        sys.exit(1)


_REPORT_HINT = "give two report.json files written by `poems eval --out DIR`"


def _read_report(path: Path) -> dict[str, Any]:
    """A report.json: an object with `metrics`, `details` and `passed`; else an InputError."""
    from assistant.case_io import read_text_file
    from assistant.errors import InputError

    text = read_text_file(path, max_bytes=50_000_000)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})", _REPORT_HINT) from exc
    shape = {"metrics": dict, "details": dict, "passed": bool}
    if not isinstance(data, dict) or any(
        not isinstance(data.get(k), kind) for k, kind in shape.items()
    ):
        raise InputError(
            f"{path}: not an evaluation report (needs metrics, details, passed)", _REPORT_HINT
        )
    return data


@main.command("schema")
@click.argument("which", type=click.Choice(["case", "plan", "answer"]))
def schema_cmd(which: str) -> None:
    """Print the JSON Schema of a contract."""
    from pydantic import BaseModel

    from assistant.contracts import Answer, PatientCase, Plan

    models: dict[str, type[BaseModel]] = {"case": PatientCase, "plan": Plan, "answer": Answer}
    model = models[which]
    click.echo(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))


@main.command("app")
@click.option("--port", type=int, default=8501, show_default=True)
def app_cmd(port: int) -> None:
    """Start the Streamlit app on 127.0.0.1."""
    import subprocess

    from assistant.settings import PACKAGE_DATA

    app = (PACKAGE_DATA / "app.py").resolve()  # in the wheel; in a checkout, ./app.py
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",  # .streamlit/config.toml is not read outside a checkout
        "none",
        "--client.toolbarMode",
        "minimal",
    ]
    raise SystemExit(subprocess.call(cmd))
