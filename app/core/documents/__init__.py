"""Readers that turn dropped files into one :class:`Document` model."""

from app.core.documents.model import Document, DocumentError, Section

__all__ = ["Document", "DocumentError", "Section"]
