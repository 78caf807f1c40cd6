"""Reading a GGUF file's header and metadata in pure Python, before llama.cpp sees it.

llama.cpp aborts or crashes on some malformed files; checking the magic, version, counts
and sizes here turns every bad file into a :class:`ModelError` that names the file.
The reader is bounded: it refuses absurd counts and lengths instead of allocating them.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from app.core.llm.errors import ModelError

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
MIN_MODEL_BYTES = 1024
MAX_KV_COUNT = 100_000
MAX_TENSOR_COUNT = 1_000_000
MAX_STRING_BYTES = 64 * 1024 * 1024
MAX_ARRAY_ITEMS = 16 * 1024 * 1024

# GGUF value types (gguf spec).
_UINT8, _INT8, _UINT16, _INT16, _UINT32, _INT32, _FLOAT32, _BOOL = range(8)
_STRING, _ARRAY, _UINT64, _INT64, _FLOAT64 = 8, 9, 10, 11, 12
_SCALARS: dict[int, str] = {
    _UINT8: "<B",
    _INT8: "<b",
    _UINT16: "<H",
    _INT16: "<h",
    _UINT32: "<I",
    _INT32: "<i",
    _FLOAT32: "<f",
    _BOOL: "<?",
    _UINT64: "<Q",
    _INT64: "<q",
    _FLOAT64: "<d",
}

# general.file_type -> the quantisation name llama.cpp's tools print.
FILE_TYPES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
    10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
    16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 24: "IQ1_S",
    25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS",
    32: "BF16",
}  # fmt: skip

# Arrays we never need in full (vocabularies): skipped, only their length is kept.
_SKIP_ARRAYS = ("tokenizer.ggml.tokens", "tokenizer.ggml.merges", "tokenizer.ggml.scores",
                "tokenizer.ggml.token_type")  # fmt: skip


@dataclass
class GGUFInfo:
    path: Path
    version: int
    tensor_count: int
    size_bytes: int
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", "unknown"))

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name", self.path.stem))

    @property
    def block_count(self) -> int:
        value = self.metadata.get(f"{self.architecture}.block_count", 0)
        return int(value) if isinstance(value, int) else 0

    @property
    def head_dim(self) -> int:
        """Key length per attention head (0 when the header does not say)."""
        arch = self.architecture
        explicit = self.metadata.get(f"{arch}.attention.key_length")
        if isinstance(explicit, int):
            return explicit
        embedding = self.metadata.get(f"{arch}.embedding_length")
        heads = self.metadata.get(f"{arch}.attention.head_count")
        if isinstance(embedding, int) and isinstance(heads, int) and heads > 0:
            return embedding // heads
        return 0

    @property
    def context_length(self) -> int:
        value = self.metadata.get(f"{self.architecture}.context_length", 0)
        return int(value) if isinstance(value, int) else 0

    @property
    def quantization(self) -> str:
        file_type = self.metadata.get("general.file_type")
        if isinstance(file_type, int):
            return FILE_TYPES.get(file_type, f"type {file_type}")
        return "unknown"

    @property
    def chat_template(self) -> str | None:
        value = self.metadata.get("tokenizer.chat_template")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def split_count(self) -> int:
        value = self.metadata.get("split.count", 1)
        return int(value) if isinstance(value, int) else 1


_LENGTH = struct.Struct("<Q")
_BLOCK = 1 << 20
_TRUNCATED_HEADER = (
    "the file is truncated (it ends inside the GGUF header). Copy the model again and compare its SHA-256."
)


class _Reader:
    def __init__(self, handle: BinaryIO, path: Path, size: int) -> None:
        self.handle = handle
        self.path = path
        self.size = size

    def read(self, count: int) -> bytes:
        data = self.handle.read(count)
        if len(data) != count:
            raise ModelError(f"{self.path.name}: {_TRUNCATED_HEADER}")
        return data

    def scalar(self, kind: int) -> Any:
        fmt = _SCALARS[kind]
        return struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]

    def _check_length(self, length: int) -> None:
        if length > MAX_STRING_BYTES:
            raise ModelError(f"{self.path.name}: a metadata string has an impossible length")
        if self.handle.tell() + length > self.size:
            raise ModelError(f"{self.path.name}: the file is truncated (a metadata string runs "
                             "past its end). Copy the model again.")

    def string(self) -> str:
        length = self.scalar(_UINT64)
        self._check_length(length)
        return self.read(length).decode("utf-8", errors="replace")

    def skip_strings(self, count: int) -> None:
        """Step over ``count`` length-prefixed strings (a vocabulary: 49k-152k of them).
        Read in large blocks and walked in memory: a read and a seek per string held the
        GIL long enough to stall the window while a model loaded."""
        position = self.handle.tell()
        block = b""
        offset = 0  # into ``block``
        unpack = _LENGTH.unpack_from
        for _ in range(count):
            if offset + 8 > len(block):
                position += offset
                self.handle.seek(position)
                block = self.handle.read(_BLOCK)
                offset = 0
                if len(block) < 8:
                    raise ModelError(f"{self.path.name}: {_TRUNCATED_HEADER}")
            (length,) = unpack(block, offset)
            if length > MAX_STRING_BYTES:
                raise ModelError(f"{self.path.name}: a metadata string has an impossible length")
            offset += 8 + length
        end = position + offset
        if end > self.size:
            raise ModelError(f"{self.path.name}: the file is truncated (a metadata string runs "
                             "past its end). Copy the model again.")  # fmt: skip
        self.handle.seek(end)

    def value(self, kind: int, key: str) -> Any:
        if kind in _SCALARS:
            return self.scalar(kind)
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            item_kind = self.scalar(_UINT32)
            count = self.scalar(_UINT64)
            if count > MAX_ARRAY_ITEMS:
                raise ModelError(f"{self.path.name}: metadata array {key} is impossibly long")
            if key in _SKIP_ARRAYS or count > 4096:
                if item_kind == _STRING:
                    self.skip_strings(count)
                elif item_kind in _SCALARS:
                    width = struct.calcsize(_SCALARS[item_kind]) * count
                    if self.handle.tell() + width > self.size:
                        raise ModelError(f"{self.path.name}: the file is truncated")
                    self.handle.seek(width, os.SEEK_CUR)
                else:
                    raise ModelError(f"{self.path.name}: nested arrays in {key} are not valid")
                return {"array_length": count}
            if item_kind == _ARRAY:
                raise ModelError(f"{self.path.name}: nested arrays in {key} are not valid")
            return [self.value(item_kind, key) for _ in range(count)]
        raise ModelError(f"{self.path.name}: unknown metadata value type {kind} for {key}")


def read_gguf(path: str | os.PathLike[str]) -> GGUFInfo:
    """Check that ``path`` is a plausible GGUF model and return its metadata.

    Raises :class:`ModelError` for a missing, empty, truncated or non-GGUF file.
    """
    file = Path(path)
    if not file.exists():
        raise ModelError(f"{file}: the model file does not exist")
    if file.is_dir():
        raise ModelError(f"{file}: is a folder, not a GGUF model file")
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise ModelError(f"{file}: cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise ModelError(f"{file.name}: the model file is empty (0 bytes)")
    if size < MIN_MODEL_BYTES:
        raise ModelError(f"{file.name}: only {size} bytes, too small to be a GGUF model")
    try:
        with file.open("rb") as handle:
            reader = _Reader(handle, file, size)
            magic = reader.read(4)
            if magic != GGUF_MAGIC:
                raise ModelError(
                    f"{file.name}: not a GGUF model (the file starts with {magic!r}, not b'GGUF')"
                )
            version = reader.scalar(_UINT32)
            if version not in SUPPORTED_VERSIONS:
                raise ModelError(f"{file.name}: GGUF version {version} is not supported (2 or 3)")
            tensor_count = reader.scalar(_UINT64)
            kv_count = reader.scalar(_UINT64)
            if tensor_count > MAX_TENSOR_COUNT or kv_count > MAX_KV_COUNT:
                raise ModelError(f"{file.name}: the GGUF header has impossible counts")
            metadata: dict[str, Any] = {}
            for _ in range(kv_count):
                key = reader.string()
                kind = reader.scalar(_UINT32)
                metadata[key] = reader.value(kind, key)
            # Tensor infos follow; walk them to be sure the data they point at is present.
            alignment = metadata.get("general.alignment", 32)
            alignment = alignment if isinstance(alignment, int) and alignment > 0 else 32
            data_end = 0
            for _ in range(tensor_count):
                reader.string()
                n_dims = reader.scalar(_UINT32)
                if n_dims > 8:
                    raise ModelError(f"{file.name}: a tensor has {n_dims} dimensions")
                for _ in range(n_dims):
                    reader.scalar(_UINT64)
                reader.scalar(_UINT32)  # ggml type
                offset = reader.scalar(_UINT64)
                data_end = max(data_end, offset)
            header_end = handle.tell()
            data_start = (header_end + alignment - 1) // alignment * alignment
            if tensor_count and data_start + data_end > size:
                raise ModelError(
                    f"{file.name}: the file is truncated ({size} bytes, but its tensors "
                    f"reach past byte {data_start + data_end}). Copy it again."
                )
    except OSError as exc:
        raise ModelError(f"{file.name}: cannot be read ({exc.strerror})") from exc
    return GGUFInfo(path=file, version=version, tensor_count=tensor_count, size_bytes=size,
                    metadata=metadata)
