"""Core's fixed sentences (engine, document and Fleischner messages) in the interface language.

app/core returns English text made from the templates in :mod:`app.core.messages`; this reads
such a text back into its template and fields and fills in Qt's translation of the template
("Messages" context of the .ts files). Text that is not from the catalogue (a file name, a
quote from a report, a model's answer) is shown unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core import messages


def template_translation(template: str) -> str:
    """One catalogue template in the interface language (its fields still to fill)."""
    return QCoreApplication.translate(messages.CONTEXT, template)


_translate = template_translation


def translated(text: str) -> str:
    """``text`` in the installed interface language where it is one of core's messages."""
    return messages.render(text, _translate)


def translated_all(texts: list[str] | tuple[str, ...]) -> list[str]:
    return [translated(text) for text in texts]
