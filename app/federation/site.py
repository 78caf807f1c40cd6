"""What a site does when asked about a study: check, compute, noise, record — no Flower here.

Every request is checked in this order, and the first failure ends it with a clear reason:
the coordinator's signature (under a key the site trusts) over the study and this version's
bundle; the site's approval of exactly this declaration; noise-free studies only where the
site allows them; SecAgg+'s ranges; and the privacy budget, which is charged in the same
vault transaction that records the numbers about to be sent.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core import paths
from app.core.federation import (
    consortium_models,
    homomorphic,
    model_file,
    privacy,
    site_training,
    training_set,
)
from app.core.federation.ledger import SiteLedger
from app.core.federation.records import STUDY_LABELS
from app.core.federation.secagg import SecAggScale
from app.core.federation.study import Study, StudyError
from app.core.federation.training_plan import TrainingPlan
from app.core.vault import repository
from app.core.vault.vault import Vault
from app.federation import signing
from app.federation.config import SiteConfig
from app.services.vault import read_passphrase


class StudyRefused(PermissionError):
    """This site will not answer the study; the message says why."""


@dataclass(frozen=True)
class TrainingRequest:
    plan: TrainingPlan
    signature: str
    bundle_hash: str

    @classmethod
    def parse(cls, plan_json: str, signature: str, bundle_hash: str) -> TrainingRequest:
        try:
            plan = TrainingPlan.from_dict(json.loads(plan_json))
        except (json.JSONDecodeError, StudyError) as exc:
            raise StudyRefused(f"the training plan is malformed: {exc}") from exc
        return cls(plan, signature, bundle_hash)


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


def _check_declaration(config: SiteConfig, declaration: Study | TrainingPlan, signature: str,
                       bundle_hash: str, vault: Vault) -> None:  # fmt: skip
    """The checks every request shares: this version's bundle, a trusted signature, this site
    a participant, and its operator's approval of exactly this declaration."""
    from app.federation import bundle

    if bundle_hash != bundle.fab_hash():
        raise StudyRefused(
            f"the study's app bundle ({bundle_hash[:12]}…) is not the one this site's "
            f"Enclave builds ({bundle.fab_hash()[:12]}…): a different version or foreign code"
        )
    try:
        signing.verify(declaration, bundle_hash, signature, config.trusted_signers)
    except signing.SignatureError as exc:
        raise StudyRefused(str(exc)) from exc
    what = "training plan" if isinstance(declaration, TrainingPlan) else "study"
    if config.name not in declaration.participants:
        raise StudyRefused(f"{config.name} is not a participant of {what} {declaration.study_id}")
    if not SiteLedger(vault).approved(declaration):
        raise StudyRefused(
            f"{what} {declaration.study_id} is not approved at {config.name}: its operator must read "
            f"it and run 'enclave federation study approve' on it"
        )


def check(config: SiteConfig, request: Request, vault: Vault) -> None:
    _check_declaration(config, request.study, request.signature, request.bundle_hash, vault)
    study = request.study
    ledger = SiteLedger(vault)
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


# -- federated training ----------------------------------------------------------------------------


def check_training(config: SiteConfig, request: TrainingRequest, vault: Vault) -> int:
    """Every check before this site trains for ``request``; returns its labelled report count."""
    _check_declaration(config, request.plan, request.signature, request.bundle_hash, vault)
    plan = request.plan
    ledger = SiteLedger(vault)
    if plan.epsilon is None and not config.allow_noiseless:
        raise StudyRefused(
            f"training plan {plan.study_id} has no differential privacy, which {config.name}'s config "
            "does not allow (allow_noiseless)"
        )
    examples = len(training_set.training_set(vault))
    if ledger.enrolment(plan) is None:
        if examples < site_training.MIN_EXAMPLES:
            raise StudyRefused(
                f"{config.name} has {examples} labelled report(s); training needs at least "
                f"{site_training.MIN_EXAMPLES} ('enclave federation import' a coded CSV, or review findings)"
            )
        if plan.epsilon is not None and ledger.remaining() < plan.epsilon - 1e-9:
            raise StudyRefused(
                f"training plan {plan.study_id} would spend up to ε = {plan.epsilon:g}; {config.name} has "
                f"{max(0.0, ledger.remaining()):g} of its budget left"
            )
    return examples


def training_round(config: SiteConfig, request: TrainingRequest, vault: Vault,
                   weights: np.ndarray, round_number: int) -> np.ndarray:  # fmt: skip
    """This site's encoded update for one round, recorded in its ledger before it is returned."""
    check_training(config, request, vault)
    plan = request.plan
    ledger = SiteLedger(vault)
    enrolment = ledger.enrolment(plan)
    if enrolment is None:
        if round_number != 1:
            raise StudyRefused(
                f"{config.name} did not take part in round 1 of {plan.study_id}; it does not join late"
            )
        enrolment = site_training.enrol(plan, len(training_set.training_set(vault)), time.time())
    reports = training_set.training_set(vault, cutoff=enrolment.cutoff)
    expected = (plan.dims + 1) * len(STUDY_LABELS)
    if weights.size != expected:
        raise StudyRefused(f"the coordinator sent {weights.size:,} weights; the model has {expected:,}")
    rng = site_training.round_rng(plan, config.name, round_number)
    update = site_training.run_round(plan, enrolment, reports, weights.reshape(plan.dims + 1, -1), rng)
    flat = site_training.encode_update(update)
    ledger.record_training_round(plan, round_number, enrolment, int(flat.nbytes))
    return flat


def install_model(config: SiteConfig, request: TrainingRequest, vault: Vault, data: bytes) -> str:
    """Check the coordinator's signed model against this site's trusted signers and the plan it
    approved, then install it where the desktop app finds it; returns the installed path."""
    _check_declaration(config, request.plan, request.signature, request.bundle_hash, vault)
    try:
        signed = model_file.decode(data, config.trusted_signers, "the consortium model")
    except model_file.ModelRefused as exc:
        raise StudyRefused(str(exc)) from exc
    if signed.provenance.fingerprint != request.plan.fingerprint():
        raise StudyRefused("the model was not made by the training plan this site approved")
    for key in config.trusted_signers:  # the app trusts what this site's node trusts
        consortium_models.trust(key)
    path, _ = consortium_models.install(data, "the consortium model")
    vault.run_in_transaction(lambda c: repository.audit(c, "federation.model_installed", detail={
        "study": request.plan.study_id, "sha256": signed.sha256, "epsilon": None,
        "model_epsilon": signed.provenance.epsilon, "rounds": signed.provenance.rounds,
    }))  # fmt: skip
    return str(path)
