"""What a site does when asked about a study: check, compute, noise, record — no Flower here.

Every request is checked in this order, and the first failure ends it with a clear reason:
the coordinator's signature (under a key the site trusts) over the study and this version's
bundle; the site's approval of exactly this declaration; noise-free studies only where the
site allows them; SecAgg+'s ranges; and the privacy budget, which is charged in the same
vault transaction that records the numbers about to be sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.federation import homomorphic, privacy
from app.core.federation.ledger import SiteLedger
from app.core.federation.secagg import SecAggScale
from app.core.federation.study import Study, StudyError
from app.core.vault import repository
from app.core.vault.vault import Vault
from app.federation import signing
from app.federation.config import SiteConfig
from app.services.vault import read_passphrase


class StudyRefused(PermissionError):
    """This site will not answer the study; the message says why."""


@dataclass(frozen=True)
class Request:
    study: Study
    signature: str
    bundle_hash: str

    @classmethod
    def parse(cls, study_json: str, signature: str, bundle_hash: str) -> Request:
        try:
            study = Study.from_dict(json.loads(study_json))
        except (json.JSONDecodeError, StudyError) as exc:
            raise StudyRefused(f"the study declaration is malformed: {exc}") from exc
        return cls(study, signature, bundle_hash)


def open_vault() -> Vault:
    """The site's vault (ENCLAVE_HOME): the OS keyring, else ENCLAVE_PASSPHRASE."""
    return Vault.open(paths.home() / "vault", passphrase=read_passphrase())


def check(config: SiteConfig, request: Request, vault: Vault) -> None:
    from app.federation import bundle

    if request.bundle_hash != bundle.fab_hash():
        raise StudyRefused(
            f"the study's app bundle ({request.bundle_hash[:12]}…) is not the one this site's "
            f"Enclave builds ({bundle.fab_hash()[:12]}…): a different version or foreign code"
        )
    try:
        signing.verify(request.study, request.bundle_hash, request.signature, config.trusted_signers)
    except signing.SignatureError as exc:
        raise StudyRefused(str(exc)) from exc
    study = request.study
    if config.name not in study.participants:
        raise StudyRefused(f"{config.name} is not a participant of study {study.study_id}")
    ledger = SiteLedger(vault)
    if not ledger.approved(study):
        raise StudyRefused(
            f"study {study.study_id} is not approved at {config.name}: its operator must read "
            f"it and run 'enclave federation study approve {study.study_id}'"
        )
    if study.aggregation == "plain" and not config.allow_plain_aggregation:
        raise StudyRefused(
            f"study {study.study_id} asks for {config.name}'s numbers without secure "
            "aggregation, which its config does not allow (allow_plain_aggregation)"
        )
    if study.epsilon is None and not config.allow_noiseless:
        raise StudyRefused(
            f"study {study.study_id} asks for exact counts, which {config.name}'s config "
            "does not allow (allow_noiseless)"
        )
    if study.epsilon is not None and ledger.remaining() < study.epsilon - 1e-9:
        raise StudyRefused(
            f"study {study.study_id} would spend ε = {study.epsilon:g}; {config.name} has "
            f"{max(0.0, ledger.remaining()):g} of its budget left"
        )


def answer(
    config: SiteConfig, request: Request, vault: Vault, encode: Callable[[list[int]], bytes]
) -> tuple[list[list[int]], bytes]:
    """The noised parts this site sends and their encoding on the wire, after every check;
    recorded (with the encoding's exact size) in the site's audit log before anything leaves."""
    check(config, request, vault)
    study = request.study
    ledger = SiteLedger(vault)
    true_parts = study.query.evaluate(ledger.records())
    if study.epsilon is None:
        parts, spent = [list(p) for p in true_parts], 0.0
    else:
        noised = privacy.add_noise(study.query, true_parts, study.epsilon)
        parts, spent = noised.parts, noised.epsilon
    if study.aggregation == "secagg":
        for part in parts:
            SecAggScale().check_values(part)
    payload = encode([v for part in parts for v in part])
    ledger.record_answer(study, parts, spent, len(payload))
    return parts, payload


def encrypted_answer(config: SiteConfig, request: Request, vault: Vault, public_context: bytes) -> bytes:
    return answer(config, request, vault, lambda flat: homomorphic.encrypt(public_context, flat))[1]


def decrypt_total(config: SiteConfig, request: Request, vault: Vault, ciphertext: bytes) -> list[int]:
    """At the key-holder only: the decrypted total of a study, once per study (recorded)."""
    if config.he_secret is None:
        raise StudyRefused(f"{config.name} holds no homomorphic secret key")
    check(config, request, vault)
    already = [
        e
        for e in vault.audit_entries(limit=10_000)
        if e.action == "federation.decrypted" and e.detail.get("study") == request.study.study_id
    ]
    if already:
        raise StudyRefused(f"the total of study {request.study.study_id} was already decrypted once")
    values = homomorphic.decrypt(Path(config.he_secret).read_bytes(), ciphertext)
    size = sum(len(p.cells) for p in request.study.query.parts())
    vault.run_in_transaction(
        lambda c: repository.audit(
            c, "federation.decrypted", detail={"study": request.study.study_id, "epsilon": None}
        )
    )
    return [int(v) for v in values[:size]]
