"""Writers for test fixtures: each format made at test time with its own library (or by hand
where no writer is installed: a minimal PDF, RTF and HL7 are plain text formats)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pydicom
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SECTIONS = (("INDICATION", "indication"), ("COMPARISON", "comparison"), ("FINDINGS", "findings"),
            ("IMPRESSION", "impression"))  # fmt: skip


def report_parts(row: dict[str, str]) -> list[tuple[str, str]]:
    return [(title, " ".join(row[key].split())) for title, key in SECTIONS if row[key].strip()]


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one Helvetica text line per entry (Latin-1 text only)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for index, lines in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
                       f"/F1 3 0 R >> >> /Contents {content_id} 0 R >>".encode())  # fmt: skip
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 750 Td"]
        for line in lines:
            ops.append(f"({esc(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, parts: list[tuple[str, str]], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for title, text in parts:
        document.add_paragraph(f"{title}: {text}")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(str(path))
    return path


def rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            code = ord(char)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(char)
    return "".join(out)


def write_rtf(path: Path, parts: list[tuple[str, str]]) -> Path:
    body = "".join(f"{rtf_escape(title)}: {rtf_escape(text)}\\par\n" for title, text in parts)
    path.write_text("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20\n" + body + "}",
                    encoding="ascii")  # fmt: skip
    return path


def hl7_escape(text: str) -> str:
    return (text.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\")
            .replace("~", "\\R\\"))  # fmt: skip


def write_hl7(path: Path, parts: list[tuple[str, str]], patient: str = "DOE^JOHN") -> Path:
    codes = {"FINDINGS": "18782-3&FND", "IMPRESSION": "19005-8&IMP"}
    segments = [
        "MSH|^~\\&|RIS|HOSP|EHR|HOSP|20240101120000||ORU^R01|MSG0001|P|2.5",
        f"PID|1||123456^^^HOSP^MR||{patient}||19500101|M",
        "OBR|1|||71020^XR CHEST 2 VIEWS|||20240101",
    ]
    for index, (title, text) in enumerate(parts, start=1):
        code = codes.get(title, "18782-3&GDT")
        value = text if title in codes else f"{title}: {text}"
        segments.append(f"OBX|{index}|TX|{code}^{title.title()}||{hl7_escape(value)}||||||F")
    path.write_bytes(("\r".join(segments) + "\r").encode("utf-8"))
    return path


def _code(value: str, scheme: str, meaning: str) -> Sequence:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return Sequence([item])


def _text_item(name: tuple[str, str, str], text: str) -> Dataset:
    item = Dataset()
    item.RelationshipType = "CONTAINS"
    item.ValueType = "TEXT"
    item.ConceptNameCodeSequence = _code(*name)
    item.TextValue = text
    return item


def write_sr(path: Path, parts: list[tuple[str, str]], patient: str = "Doe^John",
             nested: int = 0) -> Path:  # fmt: skip
    """A Comprehensive SR: one container per section with one TEXT item (DCM codes)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.88.33"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = pydicom.dataset.FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality = "SR"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = patient, "MRN998877", "19400101", "F"
    ds.StudyDate = ds.ContentDate = "20240102"
    ds.StudyTime = ds.ContentTime = "101010"
    ds.AccessionNumber, ds.ReferringPhysicianName, ds.StudyID = "ACC12345", "Smith^Ann", "1"
    ds.SeriesNumber, ds.InstanceNumber = 1, 1
    ds.Manufacturer = "Enclave tests"
    ds.StudyDescription = "XR CHEST 2 VIEWS"
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    ds.ConceptNameCodeSequence = _code("18748-4", "LN", "Diagnostic imaging report")
    ds.CompletionFlag, ds.VerificationFlag = "COMPLETE", "UNVERIFIED"
    names = {"INDICATION": ("121109", "DCM", "Indications for Procedure"),
             "COMPARISON": ("121065", "DCM", "Procedure Description"),
             "FINDINGS": ("121070", "DCM", "Findings"), "IMPRESSION": ("121072", "DCM", "Impressions")}
    items = Sequence()
    observer = Dataset()
    observer.RelationshipType, observer.ValueType = "HAS OBS CONTEXT", "PNAME"
    observer.ConceptNameCodeSequence = _code("121008", "DCM", "Person Observer Name")
    observer.PersonName = "Observer^Olivia"
    items.append(observer)
    for title, text in parts:
        container = Dataset()
        container.RelationshipType, container.ValueType = "CONTAINS", "CONTAINER"
        container.ContinuityOfContent = "SEPARATE"
        code = names.get(title, ("121070", "DCM", "Findings"))
        container.ConceptNameCodeSequence = _code(*code)
        item_name = (code[0], code[1], code[2].rstrip("s"))
        container.ContentSequence = Sequence([_text_item(item_name, text)])
        items.append(container)
    if nested:
        inner = _text_item(("121071", "DCM", "Finding"), "deep")
        for _ in range(nested):
            outer = Dataset()
            outer.RelationshipType, outer.ValueType = "CONTAINS", "CONTAINER"
            outer.ConceptNameCodeSequence = _code("121070", "DCM", "Findings")
            outer.ContentSequence = Sequence([inner])
            inner = outer
        items.append(inner)
    ds.ContentSequence = items
    ds.save_as(path, enforce_file_format=True)
    return path


def ct_series(folder: Path, count: int, shuffle: bool = True) -> list[Path]:
    """``count`` slices made from CT_small with new UIDs, 2.5 mm apart along z; written in a
    shuffled order with InstanceNumber reversed, so only the position orders them."""
    import random

    source = pydicom.dcmread(get_testdata_file("CT_small.dcm", download=False))
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(count))
    if shuffle:
        random.Random(7).shuffle(order)
    paths = []
    for index in order:
        ds = copy.deepcopy(source)
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.ImagePositionPatient = [-158.0, -179.0, -50.0 + 2.5 * index]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.InstanceNumber = count - index
        path = folder / f"slice_{index:04d}_{dt.datetime.now().microsecond}.dcm"
        ds.save_as(path)
        paths.append(path)
    return paths
