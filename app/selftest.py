"""``enclave --self-test``: proves that a build (the frozen bundle or a source checkout)
has everything it needs, on this machine, offline.

It imports every dependency and every Enclave module, draws a window offscreen, loads a
model (the bundled demonstration model unless ``--model`` says otherwise) and generates a
few tokens, creates, reopens and deletes a throwaway encrypted database, decodes DICOM
pixel data in each compressed syntax the bundled decoders cover, and reads a PDF. Nothing
touches the user's data folder: ENCLAVE_HOME points at a temporary folder meanwhile.
The network guard runs in strict mode, and any attempt fails the test.

Exit status: 0 when every check passed, 1 otherwise (each failure is named on stdout).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import json
import logging
import os
import pkgutil
import re
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from app import __version__
from app.core import offline, paths

MARKER = "Enclave self-test 7f3a"  # text the PDF check must find again


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float


@contextlib.contextmanager
def _temporary_home() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="enclave-selftest-"))
    saved = os.environ.get("ENCLAVE_HOME")
    os.environ["ENCLAVE_HOME"] = str(folder / "home")
    try:
        yield folder
    finally:
        if saved is None:
            os.environ.pop("ENCLAVE_HOME", None)
        else:
            os.environ["ENCLAVE_HOME"] = saved
        shutil.rmtree(folder, ignore_errors=True)


# -- dependencies ----------------------------------------------------------------------------


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_requirements() -> list[str]:
    """Distribution names Enclave depends on at run time, from its own metadata."""
    names = []
    for line in metadata.requires("enclave") or []:
        if "extra ==" in line:
            continue
        names.append(re.split(r"[\s<>=!~;\[(]", line, maxsplit=1)[0])
    return names


def _top_level_modules(dist: str) -> list[str]:
    """Importable top-level names a distribution installs, from its RECORD of files.

    RECORD is read as text: ``Distribution.files`` of the importlib_metadata backport (which
    keyring brings in) drops paths missing on disk, and the frozen app keeps only .pyc files.
    top_level.txt is not trusted either: PySide6 lists a "Shiboken" there that does not exist.
    """
    record = metadata.distribution(dist).read_text("RECORD") or ""
    names: set[str] = set()
    for row in csv.reader(record.splitlines()):
        parts = PurePosixPath(row[0]).parts if row else ()
        if not parts or parts[0].endswith((".dist-info", ".egg-info", ".data")) or parts[0] == "..":
            continue
        if len(parts) == 1:
            stem, _, suffix = parts[0].partition(".")
            if suffix in ("py", "pyc") or suffix.endswith(("so", "pyd")):
                names.add(stem)
        elif len(parts) == 2 and parts[1] in ("__init__.py", "__init__.pyc"):
            names.add(parts[0])
    return sorted(n for n in names if n.isidentifier())


def check_dependencies() -> str:
    required = _runtime_requirements()
    if not required:
        raise RuntimeError("Enclave's metadata lists no dependencies (enclave.dist-info missing?)")
    imported: list[str] = []
    missing: list[str] = []
    for dist in required:
        try:
            modules = _top_level_modules(dist)
        except metadata.PackageNotFoundError:
            missing.append(f"{dist} (its metadata is not bundled)")
            continue
        if not modules:
            missing.append(f"{dist} (its RECORD names no module)")
            continue
        for module in sorted(set(modules)):
            try:
                importlib.import_module(module)
                imported.append(module)
            except Exception as exc:
                missing.append(f"{dist}: import {module} failed ({type(exc).__name__}: {exc})")
    if missing:
        raise RuntimeError("; ".join(missing))
    return f"{len(required)} distributions, {len(imported)} top-level modules"


def check_app_modules() -> str:
    import app

    failed: list[str] = []
    count = 0
    for info in pkgutil.walk_packages(app.__path__, "app."):
        name = info.name
        if name.rsplit(".", 1)[-1] == "__main__" or name == __name__:
            continue
        try:
            importlib.import_module(name)
            count += 1
        except Exception as exc:
            failed.append(f"{name} ({type(exc).__name__}: {exc})")
    if failed:
        raise RuntimeError("; ".join(failed))
    if count < 10:
        raise RuntimeError(f"only {count} Enclave modules found: the bundle is incomplete")
    return f"{count} Enclave modules"


# -- Qt --------------------------------------------------------------------------------------


def check_qt() -> str:
    if os.environ.get("QT_QPA_PLATFORM") is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QColor, QGuiApplication, QImage
    from PySide6.QtWidgets import QApplication, QLabel

    application = QApplication.instance() or QApplication(["enclave-self-test"])
    label = QLabel("Enclave 自检 self-test")
    label.resize(240, 40)
    label.setStyleSheet("background: white; color: black;")
    image: QImage = label.grab().toImage()
    background = QColor("white").rgb()
    drawn = sum(
        1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
        if image.pixel(x, y) != background
    )  # fmt: skip
    label.deleteLater()
    application.processEvents()
    if image.isNull() or image.width() < 200:
        raise RuntimeError("Qt did not render the test window")
    platform = QGuiApplication.platformName()
    fonts = "text drawn" if drawn else "no text drawn (no fonts installed?)"
    return f"Qt {qVersion()}, platform {platform}, {image.width()}x{image.height()} window, {fonts}"


# -- model -----------------------------------------------------------------------------------


def check_model(model: str | None) -> str:
    from app.core.llm import catalogue
    from app.core.llm.engine import Engine, EngineConfig, SamplingParams

    if model:
        path = Path(model)
        if not path.is_file():
            raise RuntimeError(f"{path}: the model file does not exist")
    else:
        demo = catalogue.embedded_demo_model()
        path = demo if demo is not None else catalogue.find_model().path
    check = catalogue.verify(path, use_cache=False)
    if not check.ok:
        raise RuntimeError(check.message())
    engine = Engine()
    try:
        report = engine.load(path, EngineConfig(n_ctx=512, n_batch=128))
        generation = engine.stream(
            [{"role": "user", "content": "Say hello."}],
            SamplingParams(temperature=0.0, max_tokens=8, seed=1),
        )
        text = generation.text()
        timings = generation.timings
    finally:
        engine.close()
    tokens = timings.generated_tokens if timings else 0
    if tokens < 1 or not text.strip():
        raise RuntimeError(f"{path.name}: the model generated nothing")
    variant = os.environ.get("ENCLAVE_LLAMA_VARIANT", "")
    notice = os.environ.get("ENCLAVE_LLAMA_NOTICE", "")
    parts = [f"{path.name} ({check.status})", report.summary(), f"{tokens} tokens generated"]
    if variant:
        parts.append(f"llama.cpp build: {variant}")
    if notice:
        parts.append(f"notice: {notice}")
    return "; ".join(parts)


def check_vision_library() -> str:
    """The multimodal library the vision model needs ships with the bundle and loads."""
    from app.core.llm.projector import multimodal_library

    mtmd = multimodal_library()
    if mtmd is None:
        raise RuntimeError("libmtmd is missing or does not load: the vision model cannot look at images")
    params = mtmd.mtmd_context_params_default()
    return f"libmtmd loaded (image encoder threads default {params.n_threads})"


# -- encrypted store -------------------------------------------------------------------------


@contextlib.contextmanager
def _no_keyring() -> Iterator[None]:
    """The self-test's vault never reaches the OS keyring: with keyring's "fail" backend the
    vault keeps no key there and opens with the passphrase, so no entry is left behind."""
    import keyring
    from keyring.backends import fail

    saved = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        keyring.set_keyring(saved)


def check_vault(folder: Path) -> str:
    """Create, close, reopen and refuse a wrong passphrase with the app's own vault service."""
    from app.core.vault.errors import NeedsSecretError, WrongSecretError
    from app.services.vault import VaultService

    where = folder / "selftest-vault"
    passphrase = "self-test " + secrets.token_urlsafe(12)
    text = "Self-test note: 胸片未见异常 / no acute findings"
    try:
        with _no_keyring():
            service = VaultService(folder=where)
            created = service.create(passphrase)
            session = service.vault.create_session("self-test", "standard")
            service.vault.add_message(session.id, "user", text)
            service.close()
            stored = b"".join(p.read_bytes() for p in where.iterdir() if p.is_file())
            if text.encode("utf-8") in stored or b"SQLite format 3\x00" in stored[:16]:
                raise RuntimeError("the vault's files hold the note in clear")
            try:
                VaultService(folder=where).unlock()
                raise RuntimeError("the vault opened without a secret")
            except NeedsSecretError:
                pass
            try:
                VaultService(folder=where).unlock(passphrase=passphrase + "x")
                raise RuntimeError("a wrong passphrase opened the vault")
            except WrongSecretError:
                pass
            service = VaultService(folder=where)
            status = service.unlock(passphrase=passphrase)
            messages = service.vault.messages(session.id)
            service.close()
    finally:
        shutil.rmtree(where, ignore_errors=True)
    if [m.content for m in messages] != [text]:
        raise RuntimeError("the note written could not be read back")
    if status.unlocked_by != "passphrase" or status.keyring_holds_key or created.status.keyring_holds_key:
        raise RuntimeError(f"the vault opened by {status.unlocked_by}, not by the passphrase alone")
    if where.exists():
        raise RuntimeError(f"{where}: the throwaway vault could not be deleted")
    return (f"SQLCipher {status.cipher_version} through the vault service: created, reopened with "
            "the passphrase, no secret and a wrong passphrase refused, deleted")


# -- DICOM -----------------------------------------------------------------------------------


def _dicom_dataset(bits: int) -> Any:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "OT"
    ds.PatientName = "Selftest^Enclave"
    ds.PatientID = "SELFTEST"
    ds.Rows = ds.Columns = 64
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    return ds


def check_dicom(folder: Path) -> str:
    import numpy as np
    import PIL.Image
    import pydicom
    from pydicom.encaps import encapsulate
    from pydicom.pixels.utils import pixel_array
    from pydicom.uid import JPEG2000Lossless, JPEGBaseline8Bit, RLELossless

    from app.core.documents import registry

    image = (np.add.outer(np.arange(64), np.arange(64)) * 7).astype(np.uint16)
    decoded: list[str] = []
    files: list[Path] = []
    for syntax in (RLELossless, JPEG2000Lossless):
        ds = _dicom_dataset(16)
        ds.compress(syntax, image, encoding_plugin="pylibjpeg")
        files.append(folder / f"selftest-{len(files)}.dcm")
        ds.save_as(files[-1], enforce_file_format=True)
        back = pixel_array(pydicom.dcmread(files[-1]), decoding_plugin="pylibjpeg")
        if not np.array_equal(back, image):
            raise RuntimeError(f"{syntax.name}: decoded pixels differ from those encoded")
        decoded.append(syntax.name)
    small = (image // 4).astype(np.uint8)
    jpeg = io.BytesIO()
    PIL.Image.fromarray(small).save(jpeg, format="JPEG", quality=95)
    ds = _dicom_dataset(8)
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.PixelData = encapsulate([jpeg.getvalue()])
    ds["PixelData"].VR = "OB"
    ds.LossyImageCompression = "01"
    files.append(folder / "selftest-jpeg.dcm")
    ds.save_as(files[-1], enforce_file_format=True)
    back = pixel_array(pydicom.dcmread(files[-1]), decoding_plugin="pylibjpeg")
    if back.shape != small.shape or int(np.abs(back.astype(int) - small).max()) > 8:
        raise RuntimeError("JPEG Baseline: decoded pixels are not close to those encoded")
    decoded.append(JPEGBaseline8Bit.name)
    detail = "decoded " + ", ".join(decoded)
    if "dicom" in registry.READERS:
        document = registry.read_document(files[0])
        detail += f"; Enclave's reader: {document.kind}"
    return detail


# -- PDF -------------------------------------------------------------------------------------


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line in a standard font (no font files needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def check_pdf(folder: Path) -> str:
    import pypdf

    from app.core.documents import registry

    path = folder / "selftest.pdf"
    path.write_bytes(_tiny_pdf(MARKER))
    text = pypdf.PdfReader(path).pages[0].extract_text()
    if MARKER not in text:
        raise RuntimeError("pypdf did not find the text written into the test PDF")
    detail = f"pypdf {pypdf.__version__} read the text back"
    if "pdf" in registry.READERS:
        document = registry.read_document(path)
        if MARKER not in document.text():
            raise RuntimeError("Enclave's PDF reader did not find the text of the test PDF")
        detail += "; Enclave's reader too"
    return detail


# -- keyring ---------------------------------------------------------------------------------


def check_keyring() -> str:
    import keyring

    module = "keyring.backends.Windows" if sys.platform == "win32" else "keyring.backends.SecretService"
    importlib.import_module(module)
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if name.startswith("keyring.backends.fail"):
        return f"{module} bundled; no keyring service here (vault opens with a passphrase)"
    return f"{module} bundled; in use: {name}"


# -- runner ----------------------------------------------------------------------------------


def _run(name: str, fn: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail, ok = fn(), True
    except Exception as exc:
        detail, ok = f"{type(exc).__name__}: {exc}", False
        if os.environ.get("ENCLAVE_DEBUG"):
            traceback.print_exc()
    return Check(name, ok, detail, round(time.perf_counter() - started, 3))


def run_checks(model: str | None = None) -> list[Check]:
    offline.install(strict=True)
    offline.clear_attempts()
    with _temporary_home() as folder:
        checks = [
            _run("dependencies", check_dependencies),
            _run("enclave modules", check_app_modules),
            _run("qt", check_qt),
            _run("keyring", check_keyring),
            _run("model", lambda: check_model(model)),
            _run("vision library", check_vision_library),
            _run("vault", lambda: check_vault(folder)),
            _run("dicom", lambda: check_dicom(folder)),
            _run("pdf", lambda: check_pdf(folder)),
        ]
    attempts = offline.attempts()
    detail = "none" if not attempts else "; ".join(f"{a.operation} {a.target}" for a in attempts)
    checks.append(Check("offline", not attempts, f"network attempts: {detail}", 0.0))
    return checks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enclave --self-test",
                                     description="Check this installation, offline.")  # fmt: skip
    parser.add_argument("--model", metavar="PATH", help="GGUF file to load (default: the demo model)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(list(argv or []))
    if not logging.getLogger().handlers:  # warnings belong in the check details, not stderr
        logging.getLogger().addHandler(logging.NullHandler())
    started = time.perf_counter()
    checks = run_checks(args.model)
    ok = all(c.ok for c in checks)
    where = paths.install_root()
    frozen = bool(getattr(sys, "frozen", False))
    if args.json:
        print(json.dumps({
            "enclave": __version__, "frozen": frozen, "install_root": str(where), "ok": ok,
            "seconds": round(time.perf_counter() - started, 3),
            "checks": [asdict(c) for c in checks],
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(f"Enclave {__version__} self-test ({'frozen' if frozen else 'source'}: {where})")
        for c in checks:
            print(f"  {'ok  ' if c.ok else 'FAIL'}  {c.name:<16} {c.detail} ({c.seconds:.2f} s)")
        failed = [c.name for c in checks if not c.ok]
        print("self-test passed" if ok else f"self-test FAILED: {', '.join(failed)}")
    sys.stdout.flush()
    return 0 if ok else 1
