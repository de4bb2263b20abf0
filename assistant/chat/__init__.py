"""The chat engine, as a flow: `understand` (language, findings vs question, topics, scope) ->
`evidence` (candidate sections, sentence ranking, cannot-answer gate) -> `compose` (direct
answer first, then "For this patient", then bounded detail) -> `grounding` (for the optional
generator). `conversation` holds the state; `lexicon` and `knowledge` load the data."""

from assistant.chat.conversation import ChatEngine, Conversation, Turn, respond
from assistant.chat.evidence import sentences, strip_markers

__all__ = ["ChatEngine", "Conversation", "Turn", "respond", "sentences", "strip_markers"]
