"""Typed settings with a schema version and upgrade hooks. No secrets are ever stored here.

The file is JSON in the data folder. Each released schema change adds one function to
``_MIGRATIONS`` that upgrades a dict from version N to N+1, so an old settings file is
upgraded step by step rather than reset. Unknown keys are dropped with a warning; bad
values fall back to the default for that key, so a hand-edited file never stops the app.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, cast

from app.core import fileops, paths

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

PrivacyLevel = Literal["standard", "high", "ephemeral"]
KvCacheType = Literal["f16", "q8_0"]
PRIVACY_LEVELS: tuple[PrivacyLevel, ...] = ("standard", "high", "ephemeral")
KV_CACHE_TYPES: tuple[KvCacheType, ...] = ("f16", "q8_0")


def physical_cores() -> int:
    """Physical core count: llama.cpp decodes fastest with one thread per physical core.

    llama-cpp-python's own default (cpu_count // 2) is 1 on a 2-core machine.
    """
    try:
        siblings: set[tuple[str, str]] = set()
        for cpu in Path("/sys/devices/system/cpu").glob("cpu[0-9]*"):
            topo = cpu / "topology"
            core = (topo / "core_id").read_text().strip()
            package = (topo / "physical_package_id").read_text().strip()
            siblings.add((package, core))
        if siblings:
            usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
            return max(1, min(len(siblings), usable or len(siblings)))
    except OSError:
        pass
    return max(1, os.cpu_count() or 1)


@dataclass
class Sampling:
    temperature: float = 0.2
    top_p: float = 0.9
    top_k: int = 40
    repeat_penalty: float = 1.05
    max_tokens: int = 1024
    seed: int = 42


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    privacy_level: PrivacyLevel = "high"
    language: str = "en"
    model_path: str = ""
    n_gpu_layers: int = -1
    n_ctx: int = 8192
    n_batch: int = 512
    n_threads: int = 0  # 0 = physical core count
    flash_attn: bool = False
    kv_cache_type: KvCacheType = "f16"
    # Exact (same output as plain decoding) but off until it pays: on a 2-core CPU it gave
    # 1.1-1.2x decode on the quoting tasks, and its kernels cost ~15% prompt speed there.
    prompt_lookup_decoding: bool = False
    batch_parallel: int = 1  # documents decoded as parallel sequences by `enclave batch`
    # The optional vision model (Qwen2.5-VL + its mmproj); empty: looked for in models/.
    vision_model_path: str = ""
    vision_projector_path: str = ""
    vision_max_image_tokens: int = 1024  # per image: 1,024 tokens is about 900 x 900 pixels
    sampling: Sampling = field(default_factory=Sampling)

    def effective_threads(self) -> int:
        return self.n_threads if self.n_threads > 0 else physical_cores()


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # v1 kept the GPU switch as a boolean ``use_gpu``; v2 has n_gpu_layers (-1 = all).
    use_gpu = data.pop("use_gpu", True)
    data.setdefault("n_gpu_layers", -1 if use_gpu else 0)
    # v1 named the context ``context_size``.
    if "context_size" in data:
        data.setdefault("n_ctx", data.pop("context_size"))
    return data


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a settings dict to SCHEMA_VERSION, one version at a time."""
    version = int(data.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        log.warning("settings file is from a newer Enclave (schema %s); reading what we know", version)
        version = SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        data = _MIGRATIONS[version](dict(data))
        version += 1
    data["schema_version"] = SCHEMA_VERSION
    return data


def _coerce(cls: type[Any], data: dict[str, Any]) -> Any:
    defaults = cls()
    values: dict[str, Any] = {}
    for item in fields(cls):
        if item.name not in data:
            continue
        default = getattr(defaults, item.name)
        raw = data[item.name]
        if item.name == "sampling":
            values[item.name] = _coerce(Sampling, raw if isinstance(raw, dict) else {})
            continue
        if isinstance(default, bool):
            ok = isinstance(raw, bool)
        elif isinstance(default, int):
            ok = isinstance(raw, int) and not isinstance(raw, bool)
        elif isinstance(default, float):
            ok = isinstance(raw, int | float) and not isinstance(raw, bool)
            raw = float(raw) if ok else raw
        else:
            ok = isinstance(raw, str)
        if item.name == "privacy_level" and raw not in PRIVACY_LEVELS:
            ok = False
        if item.name == "kv_cache_type" and raw not in KV_CACHE_TYPES:
            ok = False
        if ok:
            values[item.name] = raw
        else:
            log.warning("setting %s has an invalid value; using the default", item.name)
    unknown = set(data) - {item.name for item in fields(cls)}
    for name in sorted(unknown):
        log.warning("ignoring unknown setting %s", name)
    return cls(**values)


def from_dict(data: dict[str, Any]) -> Settings:
    return cast(Settings, _coerce(Settings, migrate(dict(data))))


def load(path: Path | None = None) -> Settings:
    """Read settings; a missing or unreadable file gives the defaults (never a crash)."""
    path = path or paths.settings_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path.name, exc)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    return from_dict(raw)


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    path = path or paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings), indent=2, sort_keys=True)
    fileops.atomic_write(path, text.encode("utf-8"))
