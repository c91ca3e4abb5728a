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
