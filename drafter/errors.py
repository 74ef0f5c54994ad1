"""One error hierarchy. Every message says, in Chinese, what went wrong and what to do next.

The CLI and the UI turn these into their own error displays; nothing else catches them.
"""

from __future__ import annotations


class DrafterError(Exception):
    """Base of every error drafter raises on purpose."""


class SettingsError(DrafterError):
    """An environment variable (DRAFTER_*, OPENAI_*) holds a value that cannot be used."""


class InputFileError(DrafterError):
    """A file that cannot be read as a report or as notes (empty, binary, encoding, size)."""


class OutputFileError(DrafterError):
    """An output file that cannot be written (missing folder, locked by Word, disk full)."""


class NotesError(DrafterError):
    """Notes that cannot be turned into a draft."""


class KindError(DrafterError):
    """An unknown or malformed document kind."""


class PromptError(DrafterError):
    """A prompt template that is missing or lacks a variable."""


class ModelError(DrafterError):
    """The language model could not be loaded or did not answer usably."""


class DraftCancelled(DrafterError):
    """The user stopped a draft while it was being written; nothing half-written is kept."""


class StoreError(DrafterError):
    """The vector store or lexical index cannot be used as asked."""


class DraftStoreError(DrafterError):
    """The drafts database cannot be used as asked."""


class ExportError(OutputFileError):
    """A report cannot be exported."""
