"""What a site does when asked about a study: check, compute, noise, record — no Flower here.

Every request is checked in this order, and the first failure ends it with a clear reason:
the coordinator's signature (under a key the site trusts) over the study and this version's
bundle; the site's current, unexpired approval of exactly this declaration; the phase
matching the study's declared aggregation; noise-free studies only where the site allows
them; SecAgg+'s ranges; and the site's own record of what it already sent. A study is answered
once per approval; a training plan's rounds once each, in order, up to its ``rounds``; the key-
holder decrypts only a sum it makes itself of every participant's signed ciphertext, once per
approval. Nothing the coordinator says (a round number, a "total") is taken on trust: the
privacy budget is charged in the same vault transaction that records the answer, before
anything is sent.
"""

from __future__ import annotations

import hashlib
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
from app.core.federation.ledger import BudgetExceeded, NotApproved, SiteLedger
from app.core.federation.records import STUDY_LABELS
from app.core.federation.secagg import SecAggScale
from app.core.federation.study import Study, StudyError
from app.core.federation.training_plan import TrainingPlan
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
    a participant, and its operator's current (unexpired) approval of exactly this declaration."""
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
    try:
        SiteLedger(vault).check_approval(declaration, what)
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc


def check(config: SiteConfig, request: Request, vault: Vault) -> None:
    _check_declaration(config, request.study, request.signature, request.bundle_hash, vault)
    study = request.study
    ledger = SiteLedger(vault)
    if ledger.answered(study):
        approval = ledger.approval(study)
        when = approval.when() if approval else "?"
        raise StudyRefused(
            f"study {study.study_id} was already answered by {config.name} under its approval of {when}; "
            "it is answered once per approval (its operator must approve it again for another run)"
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


def _aggregation(study: Study, phase: str, expected: str) -> None:
    if study.aggregation != expected:
        raise StudyRefused(
            f"study {study.study_id} is declared with {study.aggregation!r} aggregation; this site does "
            f"not answer it in the {phase!r} phase (that is for {expected!r} studies)"
        )


def answer(
    config: SiteConfig,
    request: Request,
    vault: Vault,
    encode: Callable[[list[int]], bytes],
    aggregation: str | None = None,
) -> tuple[list[list[int]], bytes]:
    """The noised parts this site sends and their encoding on the wire, after every check;
    recorded (with the encoding's exact size and hash) in the site's audit log, once per
    approval, before anything leaves. ``aggregation``: the one the asking phase is for."""
    study = request.study
    if aggregation is not None:
        _aggregation(study, aggregation, aggregation)
    check(config, request, vault)
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
    try:
        ledger.record_answer(study, parts, spent, len(payload), hashlib.sha256(payload).hexdigest())
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
    return parts, payload


def encrypted_answer(
    config: SiteConfig, request: Request, vault: Vault, public_context: bytes
) -> tuple[bytes, str]:
    """This site's ciphertext for a homomorphic study and its node key's signature over it
    (what lets the key-holder check that it decrypts a sum of every site's own ciphertext)."""
    _, payload = answer(config, request, vault, lambda flat: homomorphic.encrypt(public_context, flat), "he")
    signature = signing.sign_contribution(config.node_key, request.study.fingerprint(), config.name, payload)
    return payload, signature


def decrypt_total(config: SiteConfig, request: Request, vault: Vault,
                  contributions: dict[str, tuple[bytes, str]]) -> list[int]:  # fmt: skip
    """At the key-holder only: the decrypted total of a homomorphic study, once per approval.

    It never decrypts a ciphertext it is handed: it adds, itself, one ciphertext per
    participant — each signed by that site's node key (``[peers]`` in site.toml), its own the
    very one it recorded sending — and decrypts that sum. A request naming fewer sites than the
    study's participants (one site alone, say) is refused, and nothing is recorded."""
    study = request.study
    if config.he_secret is None:
        raise StudyRefused(f"{config.name} holds no homomorphic secret key")
    _aggregation(study, "decrypt", "he")
    _check_declaration(config, study, request.signature, request.bundle_hash, vault)
    expected, given = set(study.participants), set(contributions)
    if given != expected:
        missing = ", ".join(sorted(expected - given)) or "none"
        extra = ", ".join(sorted(given - expected)) or "none"
        raise StudyRefused(
            f"study {study.study_id}: {config.name} decrypts only the sum of every participant's ciphertext "
            f"({len(expected)} sites); this request has {len(given & expected)} (missing: {missing}; "
            f"not participants: {extra})"
        )
    ledger = SiteLedger(vault)
    try:
        mine = ledger.own_answer(study)
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
    if mine is None or mine.get("sha256") is None:
        raise StudyRefused(
            f"study {study.study_id}: {config.name} has not answered it under its current approval, so it "
            "decrypts nothing for it"
        )
    fingerprint = study.fingerprint()
    for site_name in study.participants:
        data, signature = contributions[site_name]
        if site_name == config.name:
            if hashlib.sha256(data).hexdigest() != mine["sha256"]:
                raise StudyRefused(
                    f"study {study.study_id}: the ciphertext given as {config.name}'s is not the one it sent"
                )
            continue
        key = config.peers.get(site_name)
        if key is None:
            raise StudyRefused(
                f"{config.name} has no node public key of {site_name} ([peers] in its site.toml), so it "
                "cannot check that site's ciphertext; it decrypts nothing"
            )
        if not signing.verify_contribution(key, fingerprint, site_name, data, signature):
            raise StudyRefused(
                f"study {study.study_id}: the ciphertext given as {site_name}'s is not signed by "
                f"{site_name}'s node key; nothing is decrypted"
            )
    if config.he_public is None:
        raise StudyRefused(f"{config.name} has no he_public context configured")
    public, secret = config.he_public.read_bytes(), Path(config.he_secret).read_bytes()
    total = homomorphic.add(public, [contributions[s][0] for s in study.participants])
    size = sum(len(p.cells) for p in study.query.parts())
    try:
        values = ledger.record_decryption(study, lambda: homomorphic.decrypt(secret, total))
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
    return [int(v) for v in values[:size]]


# -- federated training ----------------------------------------------------------------------------


def _check_plan(config: SiteConfig, request: TrainingRequest, vault: Vault) -> None:
    _check_declaration(config, request.plan, request.signature, request.bundle_hash, vault)
    plan = request.plan
    if plan.epsilon is None and not config.allow_noiseless:
        raise StudyRefused(
            f"training plan {plan.study_id} has no differential privacy, which {config.name}'s config "
            "does not allow (allow_noiseless)"
        )


def _enrolment_checks(config: SiteConfig, plan: TrainingPlan, ledger: SiteLedger, examples: int) -> None:
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


def _next_round(config: SiteConfig, plan: TrainingPlan, ledger: SiteLedger) -> int:
    try:
        return ledger.next_round(plan)
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc


def check_training(config: SiteConfig, request: TrainingRequest, vault: Vault) -> int:
    """Every check before this site starts a run of ``request``'s plan: a run starts only under
    an approval no round was answered under (a re-run needs a new approval); returns the
    site's labelled report count."""
    _check_plan(config, request, vault)
    plan = request.plan
    ledger = SiteLedger(vault)
    try:
        sent = ledger.rounds_sent(plan)
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
    if sent:
        raise StudyRefused(
            f"training plan {plan.study_id}: {config.name} already answered rounds 1-{sent} of "
            f"{plan.rounds} under its current approval; it does not start the run again (its operator "
            "must approve the plan again, and the budget must allow it)"
        )
    examples = len(training_set.training_set(vault))
    _enrolment_checks(config, plan, ledger, examples)
    return examples


def training_round(config: SiteConfig, request: TrainingRequest, vault: Vault,
                   weights: np.ndarray, round_number: int) -> np.ndarray:  # fmt: skip
    """This site's encoded update for one round, recorded (and charged) in its ledger before it
    is returned. The round is the site's own next one under its approval: the coordinator's
    ``round_number`` must match it, and is never what the site accounts by."""
    _check_plan(config, request, vault)
    plan = request.plan
    ledger = SiteLedger(vault)
    expected = _next_round(config, plan, ledger)
    if round_number != expected:
        raise StudyRefused(
            f"training plan {plan.study_id}: the coordinator asked {config.name} for round {round_number}, "
            f"but it answers each round once and in order, and its next round is {expected} of {plan.rounds}"
        )
    if expected == 1:
        examples = len(training_set.training_set(vault))
        _enrolment_checks(config, plan, ledger, examples)
        enrolment = site_training.enrol(plan, examples, time.time())
    else:
        found = ledger.enrolment(plan)
        if found is None:
            raise StudyRefused(f"training plan {plan.study_id}: {config.name} has no enrolment from round 1")
        enrolment = found
    reports = training_set.training_set(vault, cutoff=enrolment.cutoff)
    expected_size = (plan.dims + 1) * len(STUDY_LABELS)
    if weights.size != expected_size:
        raise StudyRefused(f"the coordinator sent {weights.size:,} weights; the model has {expected_size:,}")
    rng = site_training.round_rng(plan, config.name, expected)
    update = site_training.run_round(plan, enrolment, reports, weights.reshape(plan.dims + 1, -1), rng)
    flat = site_training.encode_update(update)
    try:
        ledger.record_training_round(plan, expected, enrolment, int(flat.nbytes))
    except (NotApproved, BudgetExceeded) as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
    return flat


def install_model(config: SiteConfig, request: TrainingRequest, vault: Vault, data: bytes) -> str:
    """Check the coordinator's signed model against this site's trusted signers and the plan it
    approved, then install it where the desktop app finds it — once per approval, and only
    after this site sent every round of the run; returns the installed path."""
    _check_declaration(config, request.plan, request.signature, request.bundle_hash, vault)
    try:
        signed = model_file.decode(data, config.trusted_signers, "the consortium model")
    except model_file.ModelRefused as exc:
        raise StudyRefused(str(exc)) from exc
    if signed.provenance.fingerprint != request.plan.fingerprint():
        raise StudyRefused("the model was not made by the training plan this site approved")

    def install() -> str:
        for key in config.trusted_signers:  # the app trusts what this site's node trusts
            consortium_models.trust(key)
        path, _ = consortium_models.install(data, "the consortium model")
        return str(path)

    detail = {"model_epsilon": signed.provenance.epsilon, "rounds": signed.provenance.rounds}
    try:
        return str(SiteLedger(vault).record_install(request.plan, signed.sha256, install, detail))
    except NotApproved as exc:
        raise StudyRefused(f"{config.name}: {exc}") from exc
