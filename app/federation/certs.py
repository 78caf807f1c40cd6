"""``enclave federation certs``: a consortium CA, the coordinator's TLS certificate, each site's
node key (SuperNode authentication) and the coordinator's study-signing key, made with
``cryptography`` on this machine. Private keys are written 0600; hand each site only its own
node key, the CA certificate and the coordinator's public signing key.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALID_DAYS = 825  # the longest server-certificate life browsers and most hospital PKIs accept


@dataclass(frozen=True)
class ConsortiumFiles:
    folder: Path
    ca_cert: Path
    server_cert: Path
    server_key: Path
    signing_key: Path
    signing_public: Path
    node_keys: dict[str, tuple[Path, Path]]  # site -> (private, public)


def _write(path: Path, data: bytes, private: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Enclave consortium"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _san(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def make_consortium(
    folder: Path, consortium: str, coordinator_hosts: Sequence[str], sites: Sequence[str]
) -> ConsortiumFiles:
    """Every key and certificate a consortium needs, under ``folder``."""
    if not coordinator_hosts:
        raise ValueError("name at least one host name or address for the coordinator")
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP384R1())
    ca_name = _name(f"{consortium} CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA384())
    )
    server_key = ec.generate_private_key(ec.SECP384R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(_name(coordinator_hosts[0]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_san(h) for h in coordinator_hosts]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA384())
    )
    pem = serialization.Encoding.PEM
    pkcs8 = serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    folder = Path(folder)
    ca_cert = _write(folder / "ca.pem", ca.public_bytes(pem), private=False)
    _write(folder / "ca.key", ca_key.private_bytes(pem, pkcs8, none), private=True)
    server_cert = _write(folder / "coordinator.pem", server.public_bytes(pem), private=False)
    server_key_path = _write(
        folder / "coordinator.key", server_key.private_bytes(pem, pkcs8, none), private=True
    )
    signing = ed25519.Ed25519PrivateKey.generate()
    signing_key = _write(folder / "study-signing.key", signing.private_bytes(pem, pkcs8, none), private=True)
    signing_public = _write(
        folder / "study-signing.pub",
        signing.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH),
        private=False,
    )
    node_keys: dict[str, tuple[Path, Path]] = {}
    for site in sites:
        node_keys[site] = make_node_key(folder / "sites" / site)
    return ConsortiumFiles(
        folder, ca_cert, server_cert, server_key_path, signing_key, signing_public, node_keys
    )


def make_node_key(folder: Path) -> tuple[Path, Path]:
    """A SuperNode authentication key pair in the OpenSSH formats Flower reads."""
    key = ec.generate_private_key(ec.SECP384R1())
    private = _write(
        folder / "node.key",
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        ),
        private=True,
    )
    public = _write(
        folder / "node.pub",
        key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH),
        private=False,
    )
    return private, public
