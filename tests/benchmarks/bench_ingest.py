"""Ingest speed, reported (never asserted): a 300-slice CT series and a 200-page PDF.

    .venv/bin/python -m tests.benchmarks.bench_ingest [--slices 300] [--pages 200]

Each figure is printed beside a bare baseline on the same files: pydicom
dcmread(stop_before_pixels=True) for listing, dcmread + pixel_array for pixels, pypdf's
extract_text for the PDF.
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
