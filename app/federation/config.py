"""The two configuration files: ``site.toml`` (a hospital's node) and ``consortium.toml`` (the
coordinating site). Paths in them are relative to the file. Every error names the file and key.

site.toml::

    [site]
    name = "hospital_a"
    coordinator = "coordinator.example.org:9092"   # the only address this node ever reaches
    ca = "certs/ca.pem"                              # the consortium CA (TLS)
    node_key = "certs/node.key"                      # SuperNode authentication
    node_public_key = "certs/node.pub"
    trusted_signers = ["certs/study-signing.pub"]    # who may ask this site for studies
    runtime_port = 9094                              # the node's own loopback API
    allow_noiseless = false                          # exact counts only for validation runs
    allow_plain_aggregation = false                  # noised numbers in the clear (benchmarks)
    he_public = "he/public.ctx"                      # the consortium's public context (homomorphic studies)
    he_secret = ""                                   # only at the key-holder site
    # Only at the key-holder: every other site's node public key, so that it decrypts only a
    # sum of ciphertexts each participant signed.
    peers = { hospital_b = "certs/sites/hospital_b/node.pub", hospital_c = "certs/sites/hospital_c/node.pub" }

consortium.toml::

    [consortium]
    name = "lung-nodules"
    address = "0.0.0.0:9092"       # where the SuperLink listens (the one inbound port)
    connect = "127.0.0.1:9092"     # how this machine's own tools reach it
    ca = "certs/ca.pem"
    certificate = "certs/coordinator.pem"
    key = "certs/coordinator.key"
    signing_key = "certs/study-signing.key"
    state = "state"
    he_public = "he/public.ctx"    # the key-holder's public context (homomorphic studies)
    he_key_holder = "hospital_a"

    [sites.hospital_a]
    public_key = "certs/sites/hospital_a/node.pub"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SITE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(ValueError):
    """A configuration file is missing, malformed or names a file that is not there."""


def _load(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: {len(data):,} bytes is too large for a configuration file")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


class _Reader:
    def __init__(self, path: Path, table: Any, name: str) -> None:
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: no [{name}] table")
        self.path, self.table, self.name = path, table, name

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str) or (default is None and not value):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be a non-empty string")
        return value

    def file(self, key: str, required: bool = True) -> Path | None:
        value = self.table.get(key, "")
        if not value:
            if required:
                raise ConfigError(f"{self.path}: [{self.name}] {key} is required")
            return None
        if not isinstance(value, str):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be a path")
        resolved = (self.path.parent / value).resolve()
        if not resolved.is_file():
            raise ConfigError(f"{self.path}: [{self.name}] {key} = {value!r}: no such file")
        return resolved

    def endpoint(self, key: str) -> str:
        value = self.text(key)
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigError(f"{self.path}: [{self.name}] {key} = {value!r} is not host:port")
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 65536:
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be a port number")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be true or false")
        return value


def _site_name(path: Path, value: str) -> str:
    if not _SITE_NAME.match(value):
        raise ConfigError(f"{path}: {value!r} is not a site name (lower-case letters, digits, '-', '_')")
    return value


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    name: str
    coordinator: str
    ca: Path
    node_key: Path
    node_public_key: Path
    trusted_signers: tuple[Path, ...]
    runtime_port: int
    allow_noiseless: bool
    allow_plain_aggregation: bool
    he_public: Path | None
    he_secret: Path | None
    peers: dict[str, Path] = field(default_factory=dict)  # site -> its node public key

    @classmethod
    def load(cls, path: Path) -> SiteConfig:
        path = Path(path).resolve()
        data = _load(path)
        site = _Reader(path, data.get("site"), "site")
        signers = site.table.get("trusted_signers", [])
        if not isinstance(signers, list) or not signers:
            raise ConfigError(f"{path}: [site] trusted_signers must list at least one public key file")
        trusted = []
        for index, value in enumerate(signers):
            reader = _Reader(path, {"trusted_signers": value}, "site")
            found = reader.file("trusted_signers")
            if found is None:
                raise ConfigError(f"{path}: [site] trusted_signers[{index}] is empty")
            trusted.append(found)
        node_key, node_public, ca = site.file("node_key"), site.file("node_public_key"), site.file("ca")
        assert node_key and node_public and ca  # required files
        peers_table = site.table.get("peers", {})
        if not isinstance(peers_table, dict):
            raise ConfigError(f"{path}: [site] peers must be a table of site = node public key file")
        peers: dict[str, Path] = {}
        for peer, value in peers_table.items():
            found = _Reader(path, {peer: value}, "site.peers").file(peer)
            assert found is not None
            peers[_site_name(path, peer)] = found
        return cls(
            path,
            _site_name(path, site.text("name")),
            site.endpoint("coordinator"),
            ca,
            node_key,
            node_public,
            tuple(trusted),
            site.integer("runtime_port", 9094),
            site.flag("allow_noiseless", False),
            site.flag("allow_plain_aggregation", False),
            site.file("he_public", required=False),
            site.file("he_secret", required=False),
            peers,
        )

    def allowed_endpoints(self) -> list[str]:
        """The node's allow-list: its coordinator and its own loopback runtime API."""
        return [self.coordinator, f"127.0.0.1:{self.runtime_port}", f"localhost:{self.runtime_port}"]


@dataclass(frozen=True)
class ConsortiumConfig:
    path: Path
    name: str
    address: str
    connect: str
    ca: Path
    certificate: Path
    key: Path
    signing_key: Path
    state: Path
    sites: dict[str, Path]  # site -> node public key
    he_public: Path | None
    he_key_holder: str | None

    @classmethod
    def load(cls, path: Path) -> ConsortiumConfig:
        path = Path(path).resolve()
        data = _load(path)
        consortium = _Reader(path, data.get("consortium"), "consortium")
        sites_table = data.get("sites")
        if not isinstance(sites_table, dict) or not sites_table:
            raise ConfigError(
                f"{path}: no [sites.NAME] tables: the consortium registers its sites' node keys"
            )
        sites: dict[str, Path] = {}
        for name, table in sites_table.items():
            key = _Reader(path, table, f"sites.{name}").file("public_key")
            assert key is not None
            sites[_site_name(path, name)] = key
        holder = consortium.table.get("he_key_holder") or None
        if holder is not None and holder not in sites:
            raise ConfigError(f"{path}: [consortium] he_key_holder {holder!r} is not one of the sites")
        files = [consortium.file(k) for k in ("ca", "certificate", "key", "signing_key")]
        assert all(files)
        ca, certificate, key, signing = (f for f in files if f is not None)
        state = (path.parent / consortium.text("state", "state")).resolve()
        return cls(
            path,
            consortium.text("name"),
            consortium.endpoint("address"),
            consortium.endpoint("connect"),
            ca,
            certificate,
            key,
            signing,
            state,
            sites,
            consortium.file("he_public", required=False),
            holder,
        )
