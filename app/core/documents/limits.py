"""Size and structure limits for every reader: hostile files fail fast with a clear message."""

from __future__ import annotations

from dataclasses import dataclass, replace

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class Limits:
    report_bytes: int = 100 * MB  # PDF, DOCX, RTF, HL7, TXT on disk
    text_chars: int = 20_000_000  # extracted text of one document
    dicom_file_bytes: int = 2 * GB
    dicom_total_bytes: int = 8 * GB  # a dropped folder, DICOMDIR or zip of DICOM files
    dicom_files: int = 20_000
    decoded_frame_bytes: int = 512 * MB  # one decoded frame (decompression bombs)
    decoded_instance_bytes: int = 4 * GB  # all frames of one instance
    sr_depth: int = 64  # nesting of an SR content tree
    sr_items: int = 100_000
    pdf_pages: int = 2_000
    zip_members: int = 20_000
    zip_total_bytes: int = 8 * GB  # declared uncompressed size of everything in a zip
    zip_ratio: int = 200  # uncompressed / compressed of one member, beyond which it is a bomb
    docx_xml_bytes: int = 200 * MB  # word/document.xml, uncompressed
    hl7_segments: int = 100_000
    folder_depth: int = 32

    def with_overrides(self, **values: int) -> Limits:
        return replace(self, **values)


DEFAULT_LIMITS = Limits()


def human(size: int) -> str:
    if size >= GB:
        return f"{size / GB:g} GB"
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{size} bytes"
