"""Ingest speed, reported (never asserted): a 300-slice CT series and a 200-page PDF.

    .venv/bin/python -m tests.benchmarks.bench_ingest [--slices 300] [--pages 200]

Each figure is printed beside a bare baseline on the same files: pydicom
dcmread(stop_before_pixels=True) for listing, dcmread + pixel_array for pixels, pypdf's
extract_text for the PDF; for window/level of one 512x512 CT frame, pydicom's own
apply_modality_lut + apply_voi_lut (float output), with Enclave's direct float path beside.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pydicom
from pypdf import PdfReader

from app.core.documents.registry import read_document, read_paths
from tests.core.documents import makers


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _row(name: str, ours: float, bare: float) -> None:
    print(f"  {name:<28} enclave {ours * 1000:9.1f} ms   bare {bare * 1000:9.1f} ms   "
          f"ratio {ours / bare:5.2f}")


def _best(fn, rounds: int = 30) -> float:  # type: ignore[no-untyped-def]
    return min(_timed(fn)[0] for _ in range(rounds))


def window_level() -> None:
    """One window/level change (what every drag in the viewer repeats), best of 30."""
    import numpy as np
    from pydicom.dataset import Dataset
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    from app.core.documents import dicom_pixels as px

    ds = Dataset()
    ds.PhotometricInterpretation, ds.RescaleSlope, ds.RescaleIntercept = "MONOCHROME2", 1.0, -1024.0
    ds.WindowCenter, ds.WindowWidth = 40.0, 400.0
    ds.BitsStored, ds.PixelRepresentation = 16, 1
    stored = np.random.default_rng(1).integers(0, 4096, size=(512, 512)).astype(np.int16)
    window = px.Window(40.0, 400.0)
    ours = _best(lambda: px.display(stored, ds, 0, window))
    bare = _best(lambda: apply_voi_lut(apply_modality_lut(stored, ds), ds))
    direct = _best(lambda: px.apply_window(px.modality_values(stored, ds), window))
    print("window/level, one 512x512 int16 frame (best of 30)")
    _row("lookup table (uint8 out)", ours, bare)
    print(f"  {'':<28} Enclave's direct float path {direct * 1000:.2f} ms: the table is "
          f"{direct / ours:.1f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=300)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ct"
        files = makers.ct_series(folder, args.slices)
        print(f"CT series: {args.slices} slices of 128x128 (from pydicom's CT_small)")
        bare_list, _ = _timed(lambda: [pydicom.dcmread(f, stop_before_pixels=True) for f in sorted(files)])
        ours_list, outcomes = _timed(lambda: read_paths([folder]))
        series = outcomes[0].documents[0].series[0]
        _row("list the series", ours_list, bare_list)
        bare_first, _ = _timed(lambda: pydicom.dcmread(files[0]).pixel_array)
        ours_first, _ = _timed(lambda: series.frame(0))
        _row("first image (windowed)", ours_first, bare_first)
        bare_all, _ = _timed(lambda: [pydicom.dcmread(f).pixel_array for f in files])
        series._cache.clear()
        ours_all, _ = _timed(lambda: [series.frame(i) for i in range(series.frame_count)])
        _row("all images (windowed)", ours_all, bare_all)
        window_level()

        lines = [[f"FINDINGS: page {p} line {n} of a long report text." for n in range(40)]
                 for p in range(args.pages)]  # fmt: skip
        pdf = makers.write_pdf(Path(tmp) / "long.pdf", lines)
        print(f"PDF: {args.pages} pages of 40 lines")
        bare_pdf, _ = _timed(lambda: [page.extract_text() for page in PdfReader(pdf).pages])
        ours_pdf, doc = _timed(lambda: read_document(pdf))
        _row("read, normalise, sections", ours_pdf, bare_pdf)
        print(f"  sections: {len(doc.sections)}")


if __name__ == "__main__":
    main()
