"""Readers that turn dropped files into one :class:`Document` model.

API summary (kept accurate; the DICOM viewer builds on it)
==========================================================

Reading (app.core.documents.registry)::

    read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document
        one file; recognised by content (DICM / preamble-less DICOM, %PDF, DOCX zip,
        zip of DICOM files, {\\rtf, MSH|, text). Raises DocumentError(path, problem).
    read_paths(paths, limits=DEFAULT_LIMITS, progress=None, cancel=None) -> list[FileOutcome]
        files and folders (recursed, DICOMDIR followed); DICOM images grouped into one
        Document per study; one outcome per input item: FileOutcome(path, documents, error).
        progress(done: int, total: int, name: str); cancel: threading.Event.

Model (app.core.documents.model)::

    Document(source: Path, kind: str, sections: list[Section], metadata: dict[str, str],
             series: list[ImageSeries], warnings: list[str], source_text: str,
             privacy: dict, member: str | None)
        kind: "text" | "pdf" | "docx" | "rtf" | "hl7" | "dicom" | "dicom-sr" | "dicom-pdf"
        .name, .text() (what the model reads), .has_text, .burned_in_warnings
    Section(title: str, text: str, page: int | None = None, start: int | None = None)
        start: offset of text in Document.source_text (.end = start + len(text))
    DocumentError(path, problem)  .path .problem; str() = "name: problem", never contents

Images (app.core.documents.series); Document.series holds these::

    ImageSeries
        .study_uid .series_uid .modality .description .study_description .body_part
        .number .rows .columns .photometric .transfer_syntax
        .instances: list[InstanceRef]   (ordered along the slice normal, then InstanceNumber)
        .frame_count: int               (frames over all instances)
        .label: str                     ("CT series #2 AXIAL")
        .burned_in: str | None          (why pixels may carry patient text; show it to the user)
        .deidentified: bool             (privacy level applies: header()/tags() de-identify)
        .frame(index, window: Window | None = None) -> np.ndarray uint8
              (rows, cols) grey or (rows, cols, 3) RGB; Modality LUT, then `window` or the
              file's VOI LUT / window centre-width (else 1st-99th percentile), MONOCHROME1
              inverted, palette colour applied
        .stored_frame(index) -> np.ndarray   raw stored values (after decompression)
        .modality_frame(index) -> np.ndarray float64 (e.g. Hounsfield units)
        .default_window(index=0) -> Window | None
        .thumbnail(max_size=128, index=None) -> np.ndarray uint8 (middle frame by default)
        .header(index=0, deidentified: bool | None = None) -> pydicom Dataset (no pixels)
        .tags(index=0, deidentified: bool | None = None) -> list[TagRow]
              None = as the privacy level says; True = de-identified copy; False = full
        .locate(index) -> (InstanceRef, frame_in_instance)
    Window(center: float, width: float, explanation: str = "")
    TagRow(tag: "(0010,0010)", keyword, name, vr, value: str, depth: int)
    Pixel access may raise DocumentError (undecodable, too large, file gone); it is
    thread-safe and decodes only the frame asked for (a few frames are cached).
    Models read text only: an image is never described to the model as seen.

Limits (app.core.documents.limits)::

    Limits(report_bytes=100 MB, dicom_file_bytes=2 GB, dicom_total_bytes=8 GB,
           decoded_frame_bytes=512 MB, sr_depth=64, pdf_pages=2000, zip_ratio=200, ...)
"""

from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import Document, DocumentError, Section

__all__ = ["DEFAULT_LIMITS", "Document", "DocumentError", "Limits", "Section"]
