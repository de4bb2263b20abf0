"""Where an optional language model (POEMS_LLM) runs, and what it may be sent.

Local (a server on this machine's loopback) is the default and the only thing accepted unless
POEMS_LLM_ALLOW_REMOTE=true. A remote model never receives patient data (a case, a plan, or a
passage from a user-added document) unless POEMS_LLM_SEND_CASE=true as well.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from assistant.errors import ModelUnavailableError

if TYPE_CHECKING:
    from assistant.contracts import Answer
    from assistant.settings import Settings

LOOPBACK_NAMES = frozenset({"localhost"})
DEFAULT_SERVERS = {"ollama": "http://127.0.0.1:11434"}  # providers that run on this machine


def split_spec(spec: str) -> tuple[str, str]:
    """(provider, model) of `provider:model`, or ModelUnavailableError."""
    provider, _, model = spec.partition(":")
    if not provider or not model:
        raise ModelUnavailableError(
            f"POEMS_LLM={spec!r} is not provider:model", "e.g. POEMS_LLM=ollama:llama3"
        )
    return provider.strip().lower(), model.strip()


def endpoint(settings: Settings) -> str | None:
    """The URL requests go to: POEMS_LLM_BASE_URL, else the provider's local default (if any)."""
    if not settings.llm:
        return None
    provider, _ = split_spec(settings.llm)
    return settings.llm_base_url or DEFAULT_SERVERS.get(provider)


def is_loopback(host: str | None) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_local(settings: Settings) -> bool:
    """True when the configured model is served from this machine."""
    url = endpoint(settings)
    return url is not None and is_loopback(urlparse(url).hostname)


def check_policy(settings: Settings) -> None:
    """Refuse a remote language model unless POEMS_LLM_ALLOW_REMOTE=true."""
    if not settings.llm or is_local(settings) or settings.llm_allow_remote:
        return
    where = endpoint(settings) or f"the {split_spec(settings.llm)[0]} provider's servers"
    raise ModelUnavailableError(
        f"POEMS_LLM={settings.llm} would send answers to {where}, which is not this machine",
        "use a local model (e.g. POEMS_LLM=ollama:llama3 with Ollama on 127.0.0.1), or set "
        "POEMS_LLM_ALLOW_REMOTE=true after reading 'What leaves this machine' in README.md",
    )


def holds_patient_data(answer: Answer) -> bool:
    """True when the answer carries a case, a plan or a passage from a user-added document."""
    user_passage = any(c.source_id.startswith("user-") for c in answer.citations)
    return answer.case is not None or answer.plan is not None or user_passage


def may_send(answer: Answer, settings: Settings) -> bool:
    """True when this answer may be sent to the configured model."""
    if is_local(settings) or settings.llm_send_case:
        return True
    return not holds_patient_data(answer)
