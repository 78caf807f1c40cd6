"""Decrypt every page of a SQLCipher 4 file (and its WAL) with the raw key, to look inside.

SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC, 80 reserved bytes per page (16-byte
IV + 64-byte HMAC-SHA512); page 1 starts with the 16-byte salt. A raw ``x'..'`` key is the
encryption key itself. See https://www.zetetic.net/sqlcipher/design/.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE, RESERVE, SALT = 4096, 80, 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt_page(raw_key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(raw_key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(raw_key: bytes, db: Path) -> list[bytes]:
    data = db.read_bytes()
    pages = [_decrypt_page(raw_key, data[i:i + PAGE], i == 0) for i in range(0, len(data) - PAGE + 1, PAGE)]
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        body = wal.read_bytes()
        offset = WAL_HEADER
        while offset + FRAME_HEADER + PAGE <= len(body):
            page_no = int.from_bytes(body[offset:offset + 4], "big")
            frame = body[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE]
            pages.append(_decrypt_page(raw_key, frame, page_no == 1))
            offset += FRAME_HEADER + PAGE
    return pages
