"""A real consortium on loopback: certificates, a coordinator and site nodes as processes, each
site with its own ENCLAVE_HOME and SQLCipher vault filled from a disjoint slice of the corpus."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path

from app.core.federation import homomorphic
from app.core.federation.ledger import SiteLedger
from app.core.federation.records import SiteRecord
from app.core.federation.study import Study
from app.core.vault.keys import Argon2Params
from app.core.vault.vault import Vault
from app.federation import bundle, processes, signing
from app.federation.certs import make_consortium
from app.federation.config import ConsortiumConfig, SiteConfig

PASSPHRASE = "loopback consortium test passphrase 7f3a"
FAST_ARGON2 = Argon2Params(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Site:
    name: str
    home: Path
    config: SiteConfig
    records: list[SiteRecord]

    def env(self) -> dict[str, str]:
        return {
            "ENCLAVE_HOME": str(self.home),
            "ENCLAVE_PASSPHRASE": PASSPHRASE,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }

    def vault(self) -> Vault:
        return Vault.open(self.home / "vault", passphrase=PASSPHRASE)

    def approve(self, study: Study) -> None:
        with self.vault() as vault:
            SiteLedger(vault).approve(study)


@dataclass
class Consortium:
    root: Path
    config: ConsortiumConfig
    sites: dict[str, Site]
    he: homomorphic.KeyPair
    running: list[processes.Running] = field(default_factory=list)

    def start(self, only: list[str] | None = None, traced: dict[str, Path] | None = None) -> None:
        self.running.append(processes.start_coordinator(self.config))
        for name in only or list(self.sites):
            self.start_node(name, trace=(traced or {}).get(name))

    def start_node(self, name: str, trace: Path | None = None) -> processes.Running:
        """A site's node; with ``trace``, under strace (every connect of it and its children)."""
        site = self.sites[name]
        prefix = (
            ("strace", "-f", "-qq", "-e", "trace=connect", "-e", "signal=none", "-o", str(trace))
            if trace
            else ()
        )
        node = processes.start_node(site.config, env=site.env(), prefix=prefix)
        self.running.append(node)
        return node

    def stop(self) -> None:
        for item in reversed(self.running):
            item.stop()
        self.running.clear()

    def run(
        self,
        study: Study,
        signature: str | None = None,
        timeout: float = 240.0,
        reply_timeout: int = 60,
        join_timeout: int = 30,
        bundle_folder: Path | None = None,
    ) -> dict:
        signature = (
            signature
            if signature is not None
            else signing.sign(study, bundle.fab_hash(), self.config.signing_key)
        )
        extra = {
            "he_public": str(self.root / "he" / "public.ctx"),
            "he_key_holder": self.config.he_key_holder or "",
            "reply_timeout": reply_timeout,
            "join_timeout": join_timeout,
        }
        import json

        return processes.submit_study(
            self.config,
            json.dumps(study.to_dict()),
            signature,
            timeout=timeout,
            extra=extra,
            bundle_folder=bundle_folder,
        )


def _train(self: Consortium, plan, reply_timeout: int = 60, join_timeout: int = 30,
           timeout: float = 900.0) -> dict:  # fmt: skip
    """Run a training plan; the outcome as the ServerApp wrote it."""
    import json

    signature = signing.sign(plan, bundle.fab_hash(), self.config.signing_key)
    extra = {"signing_key": str(self.config.signing_key), "reply_timeout": reply_timeout,
             "join_timeout": join_timeout}  # fmt: skip
    return processes.submit_study(self.config, json.dumps(plan.to_dict()), signature, timeout=timeout,
                                  extra=extra, key="plan")  # fmt: skip


Consortium.train = _train  # type: ignore[attr-defined]


def build(root: Path, slices: dict[str, list[SiteRecord]], allow_noiseless: bool = True) -> Consortium:
    names = list(slices)
    make_consortium(root / "certs", "loopback", ["127.0.0.1", "localhost"], names)
    he = homomorphic.make_keys("bfv")
    (root / "he").mkdir(parents=True, exist_ok=True)
    (root / "he" / "public.ctx").write_bytes(he.public)
    port = free_port()
    sites_toml = "".join(f'[sites.{n}]\npublic_key = "certs/sites/{n}/node.pub"\n\n' for n in names)
    (root / "consortium.toml").write_text(
        f"""[consortium]
name = "loopback"
address = "127.0.0.1:{port}"
connect = "127.0.0.1:{port}"
ca = "certs/ca.pem"
certificate = "certs/coordinator.pem"
key = "certs/coordinator.key"
signing_key = "certs/study-signing.key"
state = "coordinator-state"
he_public = "he/public.ctx"
he_key_holder = "{names[0]}"

{sites_toml}""",
        encoding="utf-8",
    )
    sites: dict[str, Site] = {}
    for index, (name, records) in enumerate(slices.items()):
        folder = root / "sites" / name
        (folder / "he").mkdir(parents=True, exist_ok=True)
        (folder / "he" / "public.ctx").write_bytes(he.public)
        secret_line = ""
        if index == 0:
            (folder / "he" / "secret.ctx").write_bytes(he.secret)
            # The key-holder checks every other site's signature on its ciphertext.
            peers = ", ".join(f'{n} = "../../certs/sites/{n}/node.pub"' for n in names if n != name)
            secret_line = f'he_secret = "he/secret.ctx"\npeers = {{ {peers} }}\n'
        (folder / "site.toml").write_text(
            f"""[site]
name = "{name}"
coordinator = "127.0.0.1:{port}"
ca = "../../certs/ca.pem"
node_key = "../../certs/sites/{name}/node.key"
node_public_key = "../../certs/sites/{name}/node.pub"
trusted_signers = ["../../certs/study-signing.pub"]
runtime_port = {free_port()}
allow_noiseless = {str(allow_noiseless).lower()}
he_public = "he/public.ctx"
{secret_line}""",
            encoding="utf-8",
        )
        home = folder / "home"
        vault, _ = Vault.create(home / "vault", passphrase=PASSPHRASE, argon2=FAST_ARGON2)
        with vault:
            SiteLedger(vault).import_records(records, "corpus slice")
        sites[name] = Site(name, home, SiteConfig.load(folder / "site.toml"), records)
    return Consortium(root, ConsortiumConfig.load(root / "consortium.toml"), sites, he)
