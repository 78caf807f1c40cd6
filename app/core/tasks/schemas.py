"""JSON schemas the model's output is held to (through a llama.cpp grammar).

Bounds on lengths and counts keep every answer finite, so even a model that rambles ends
inside a token budget with JSON that parses. ``evidence`` comes first: the model quotes,
then classifies what it quoted.
"""

from __future__ import annotations

from typing import Any

MAX_FINDINGS = 16
LATERALITY = ("left", "right", "bilateral", "none")
SEVERITY = ("mild", "moderate", "severe", "none")
CERTAINTY = ("present", "absent", "possible")

FINDINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "findings": {
            "type": "array",
            "maxItems": MAX_FINDINGS,
            "items": {
                "type": "object",
                "properties": {
                    "evidence": {"type": "string", "minLength": 3, "maxLength": 200},
                    "label": {"type": "string", "minLength": 2, "maxLength": 60},
                    "body_site": {"type": "string", "maxLength": 40},
                    "laterality": {"enum": list(LATERALITY)},
                    "size_mm": {"type": ["number", "null"]},
                    "severity": {"enum": list(SEVERITY)},
                    "certainty": {"enum": list(CERTAINTY)},
                },
                "required": ["evidence", "label", "body_site", "laterality", "size_mm", "severity",
                             "certainty"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["findings"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict[str, Any]] = {"findings": FINDINGS_SCHEMA}
