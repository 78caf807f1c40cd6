"""Bugs the adversarial suite found, kept as regression tests (see docs/security.md).

1. Privacy high kept a patient's name that the report text repeated from the file's own
   header (an SR's ContentSequence "Seen for Zephyrine Quillfeather", an HL7 OBX that
   names the PID-5 patient): the rule-based redactor does not know unusual names. The
   readers now hand the header's identifiers to de-identification, which redacts them
   wherever the text repeats them.
"""

from __future__ import annotations

import pydicom
import pytest

from app.services import documents as document_services
from tests.core.documents.makers import write_hl7, write_sr

NAME = ("Quillfeather", "Zephyrine")
MRN = "K7Q40417733"


@pytest.mark.parametrize("level", ["high", "ephemeral"])
def test_sr_text_that_repeats_the_header_name_is_redacted(tmp_path, level):
    path = write_sr(tmp_path / "sr.dcm", [("FINDINGS", f"Seen for {NAME[1]} {NAME[0]}; MRN {MRN}. "
                                           "QUILLFEATHER has cardiomegaly.")], patient="^".join(NAME))
    ds = pydicom.dcmread(path)
    ds.PatientID = MRN
    ds.save_as(path)
    read = document_services.read([path], level)
    assert not read.errors
    text = read.documents[0].text()
    assert "cardiomegaly" in text  # the clinical text is kept
    for value in (*NAME, MRN):
        assert value.lower() not in text.lower(), f"{value} kept at privacy {level}"
    assert "[NAME]" in text and "[ID]" in text


def test_hl7_text_that_repeats_the_pid_name_is_redacted(tmp_path):
    path = write_hl7(tmp_path / "oru.hl7", [("FINDINGS", f"Discussed with {NAME[1]} {NAME[0]} today.")],
                     patient="^".join(NAME))
    read = document_services.read([path], "high")
    assert not read.errors
    text = read.documents[0].text()
    assert "Discussed with" in text and NAME[0] not in text and NAME[1] not in text


def test_standard_keeps_the_text_and_identifiers_are_never_shown(tmp_path):
    path = write_sr(tmp_path / "sr.dcm", [("FINDINGS", f"Seen for {NAME[1]} {NAME[0]}.")],
                    patient="Hollowmere^Ottoline")
    doc = document_services.read([path], "standard").documents[0]
    assert NAME[0] in doc.text()  # standard: documents are analysed as they are
    assert ("NAME", "Hollowmere") in doc.identifiers
    assert "Hollowmere" not in repr(doc)  # the header's identifiers stay out of reprs and logs
