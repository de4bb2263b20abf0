"""Optional language model (POEMS_LLM=provider:model): rephrases a composed answer from the same
passages; the grounding check then drops anything the passages do not support."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import llm_policy
from assistant.chat.grounding import ground
from assistant.contracts import Answer
from assistant.errors import ModelUnavailableError

if TYPE_CHECKING:
    from assistant.settings import Settings

SYSTEM = {
    "en": "You rewrite a cited clinical answer about POEMS syndrome into clear prose for "
    "clinicians. Use only the numbered passages. Keep every [n] citation on the sentence it "
    "supports. Do not add facts, numbers or citations. Answer in English.",
    "es": "Reescribe una respuesta clínica citada sobre el síndrome POEMS en prosa clara para "
    "profesionales. Usa solo los pasajes numerados. Mantén cada cita [n] en la frase que "
    "respalda. No añadas datos, cifras ni citas. Responde en español.",
}


def load_generator(settings: Settings) -> Any:
    """A langchain chat model for POEMS_LLM (init_chat_model), local unless remote is allowed.

    The server URL is always passed explicitly (a local default for Ollama), so no provider
    environment variable can silently point the model elsewhere.
    """
    spec = settings.llm or ""
    provider, model = llm_policy.split_spec(spec)
    llm_policy.check_policy(settings)
    extra: dict[str, Any] = {}
    url = llm_policy.endpoint(settings)
    if url:
        extra["base_url"] = url
    try:
        from langchain.chat_models import init_chat_model

        return init_chat_model(model, model_provider=provider, temperature=0, **extra)
    except Exception as exc:
        raise ModelUnavailableError(
            f"cannot load the language model {spec!r}: {exc}",
            "install its langchain provider package and local weights, or unset POEMS_LLM",
        ) from exc


def _prompt(answer: Answer) -> list[tuple[str, str]]:
    passages = "\n\n".join(f"[{c.n}] {c.quote}" for c in answer.citations)
    return [
        ("system", SYSTEM[answer.lang]),
        ("human", f"Passages:\n{passages}\n\nDraft answer:\n{answer.text}"),
    ]


def rephrase(answer: Answer, model: Any, settings: Settings | None = None) -> Answer:
    """The model's rewrite, grounded; the composed answer when nothing survives the check.

    With `settings` (the service always passes them), an answer holding patient data is not
    sent to a remote model without POEMS_LLM_SEND_CASE=true.
    """
    if settings is not None and not llm_policy.may_send(answer, settings):
        return answer
    reply = model.invoke(_prompt(answer))
    content = reply.content if isinstance(reply.content, str) else str(reply.content)
    text, citations, dropped = ground(content, answer.citations)
    if not citations:
        return answer.model_copy(update={"dropped_sentences": dropped})
    return answer.model_copy(
        update={"text": text, "citations": citations, "dropped_sentences": dropped}
    )
