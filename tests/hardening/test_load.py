"""Load: 20 concurrent sessions through one shared service (as the app runs them).

60 seconds under CI=true; 5 seconds otherwise (LOAD_SECONDS overrides)."""

from __future__ import annotations

import os
import threading
import time
from datetime import date

import pytest

from assistant.chat import Conversation
from assistant.service import Assistant

pytestmark = [pytest.mark.slow, pytest.mark.load]
SESSIONS = 20
MESSAGES = [
    "What is the radiation dose for localized disease?",
    "¿y el seguimiento?",
    "and if the marrow were positive?",
    "¿Hay que evitar la talidomida?",
    "What supportive care is needed?",
]


def test_twenty_concurrent_sessions(built_service: Assistant) -> None:
    seconds = float(os.environ.get("LOAD_SECONDS") or (60 if os.environ.get("CI") else 5))
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def session(i: int) -> None:
        age = 30 + i  # each session's own patient: an answer with another age means sharing
        conv = Conversation()
        try:
            _, conv = built_service.chat(
                conv,
                f"Patient aged {age} with polyneuropathy and "
                "a lambda M-protein, 2 sclerotic lesions",
                date(2026, 11, 24),
            )
            n = 0
            while time.monotonic() < deadline:
                start = time.perf_counter()
                answer, conv = built_service.chat(
                    conv, MESSAGES[n % len(MESSAGES)], date(2026, 11, 24)
                )
                with lock:
                    latencies.append(time.perf_counter() - start)
                if answer.case is None or answer.case.age_years != age:
                    raise AssertionError(f"session {i} saw another session's case")
                n += 1
        except Exception as exc:
            with lock:
                errors.append(f"{i}: {exc!r}")

    threads = [threading.Thread(target=session, args=(i,)) for i in range(SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    assert errors == []
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
    print(
        f"\nload: {SESSIONS} sessions, {seconds:.0f} s, {len(ordered)} answers, "
        f"p50 {ordered[len(ordered) // 2] * 1000:.0f} ms, p95 {p95:.0f} ms"
    )
    assert len(ordered) >= SESSIONS
