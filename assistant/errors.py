"""The one exception tree of the assistant: library code raises these, the shells report them."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error a user can act on; the message says what failed and how to fix it."""


class SourceError(AssistantError):
    """A document could not be read or parsed into projects."""


class IndexMissingError(AssistantError):
    """No usable index exists where one was expected."""


class IndexCorruptError(AssistantError):
    """An index exists but one of its files is damaged or incomplete."""


class EmbedderMismatchError(AssistantError):
    """The index was built with another embedder than the one configured."""


class EmbedderError(AssistantError):
    """The embedding model could not be loaded or failed while encoding."""


class IndexBusyError(AssistantError):
    """Another build holds the index lock."""


class QuestionError(AssistantError):
    """A question that cannot be processed (empty, too long)."""


class ConfigError(AssistantError):
    """A setting has an invalid value."""


class FeedbackError(AssistantError):
    """A rating could not be stored (bad value, unwritable folder, locked or damaged file)."""


class GenerationError(AssistantError):
    """The language model could not write an answer (timeout, refusal, HTTP error, unreachable,
    cut-off stream); the assistant then shows the extracted answer with a notice.

    ``reason`` is one of ``timeout``, ``unreachable``, ``rate_limited``, ``refused``,
    ``server``, ``cut``, ``failed``; ``retry_after`` the seconds a 429 asked to wait.
    """

    def __init__(self, message: str, *, reason: str = "failed", retry_after: float | None = None):
        super().__init__(message)
        self.reason = reason
        self.retry_after = retry_after


class DatabaseError(AssistantError):
    """The PostgreSQL store failed (the message never holds the password)."""


class DatabaseUnreachableError(DatabaseError):
    """No PostgreSQL server answers at the configured address (down, wrong host or port)."""


class DatabaseAuthError(DatabaseError):
    """The server refused the credentials (user, password) or the database does not exist."""


class DatabaseExtensionError(DatabaseError):
    """The pgvector extension is not installed on the server or cannot be created."""


class DatabaseSchemaError(DatabaseError):
    """The database's schema is older (run `assistant migrate`) or newer than this version."""
