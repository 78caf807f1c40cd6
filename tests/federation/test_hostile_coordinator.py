"""A hostile coordinator against a site's own code: every request below is one a dishonest or
compromised coordinator can send (it signs whatever it likes with the consortium's key), and
each is refused at the site from the site's own vault, with nothing recorded as answered and
no budget spent for it (issue 27, items 1, 4 and 5).

The sites are real — certificates, node keys, the homomorphic key pair, site.toml and a
SQLCipher vault each, as tests/federation/consortium.py builds them — and the requests go to
app/federation/site.py, the code the ClientApp runs for every message, without the transport.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.core.federation import accounting, homomorphic, model_file, training_set
from app.core.federation.findings_model import FindingsModel
from app.core.federation.labelled import read_labelled_csv
from app.core.federation.ledger import DECRYPT_ACTION, SiteLedger
from app.core.federation.queries import FindingCounts
from app.core.federation.records import STUDY_LABELS, read_coded_csv
from app.core.federation.study import Study
from app.core.federation.training import initial_model
from app.core.federation.training_plan import TrainingPlan
from app.federation import bundle, signing, site
from tests.conftest import CORPUS
from tests.federation.consortium import Consortium, Site, build

SITES = ("hospital_a", "hospital_b", "hospital_c")  # hospital_a holds the homomorphic secret key


@pytest.fixture(scope="module")
def consortium(tmp_path_factory: pytest.TempPathFactory) -> Consortium:
    records = read_coded_csv(CORPUS)
    slices = {name: records[i * 300 : (i + 1) * 300] for i, name in enumerate(SITES)}
    built = build(tmp_path_factory.mktemp("hostile"), slices)
    reports = read_labelled_csv(CORPUS)
    for index, member in enumerate(built.sites.values()):
        with member.vault() as vault:
            training_set.import_reports(vault, reports[index * 150 : (index + 1) * 150], "corpus slice")
    return built


def _request(consortium: Consortium, study: Study) -> site.Request:
    signature = signing.sign(study, bundle.fab_hash(), consortium.config.signing_key)
    return site.Request(study, signature, bundle.fab_hash())


def _training(consortium: Consortium, plan: TrainingPlan) -> site.TrainingRequest:
    signature = signing.sign(plan, bundle.fab_hash(), consortium.config.signing_key)
    return site.TrainingRequest(plan, signature, bundle.fab_hash())


def _answers(member: Site, study_id: str) -> list[dict]:
    with member.vault() as vault:
        return [a for a in SiteLedger(vault).answers() if a["study"] == study_id]


def _spent(member: Site) -> float:
    with member.vault() as vault:
        return SiteLedger(vault).spent()


def _secagg_bytes(flat: list[int]) -> bytes:
    return np.array(flat, dtype=float).tobytes()


def test_a_replayed_study_is_answered_once_per_approval(consortium: Consortium):
    member = consortium.sites["hospital_b"]
    study = Study("replayed", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=0.5)
    member.approve(study)
    request = _request(consortium, study)
    before = _spent(member)
    with member.vault() as vault:
        site.answer(member.config, request, vault, _secagg_bytes, "secagg")
        for _ in range(3):  # the coordinator replays the signed study
            with pytest.raises(site.StudyRefused, match=r"replayed was already answered .*once per approval"):
                site.check(member.config, request, vault)
            with pytest.raises(site.StudyRefused, match="replayed was already answered"):
                site.answer(member.config, request, vault, _secagg_bytes, "secagg")
    assert len(_answers(member, "replayed")) == 1
    assert _spent(member) == pytest.approx(before + 0.5)
    member.approve(study)  # its operator approves one more run
    with member.vault() as vault:
        site.answer(member.config, request, vault, _secagg_bytes, "secagg")
    assert len(_answers(member, "replayed")) == 2 and _spent(member) == pytest.approx(before + 1.0)


def test_a_study_is_answered_only_in_the_aggregation_it_declares(consortium: Consortium):
    member = consortium.sites["hospital_c"]
    secure = Study("declared-secagg", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=0.5)
    encrypted = Study("declared-he", "Nodules", SITES, FindingCounts(("nodule",)), 0.5, aggregation="he")
    for study in (secure, encrypted):
        member.approve(study)
    public = consortium.he.public
    with member.vault() as vault:
        with pytest.raises(site.StudyRefused, match=r"'secagg' aggregation.*'he'"):
            site.encrypted_answer(member.config, _request(consortium, secure), vault, public)
        with pytest.raises(site.StudyRefused, match=r"'he' aggregation.*'secagg'"):
            site.answer(member.config, _request(consortium, encrypted), vault, _secagg_bytes, "secagg")
        with pytest.raises(site.StudyRefused, match=r"'secagg' aggregation.*'plain'"):
            site.answer(member.config, _request(consortium, secure), vault, _secagg_bytes, "plain")
    assert not _answers(member, "declared-secagg") and not _answers(member, "declared-he")


def _foreign_signature(tmp_path: Path, fingerprint: str, name: str, data: bytes) -> str:
    """The coordinator's own signature over a ciphertext it made, as if it were ``name``'s."""
    key = ec.generate_private_key(ec.SECP384R1())
    path = tmp_path / "coordinator-made.key"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                       serialization.NoEncryption()))  # fmt: skip
    return signing.sign_contribution(path, fingerprint, name, data)


def _decrypted(member: Site, study_id: str) -> int:
    with member.vault() as vault:
        return sum(
            1
            for e in vault.audit_entries(limit=100_000)
            if e.action == DECRYPT_ACTION and e.detail.get("study") == study_id
        )


def test_the_key_holder_decrypts_only_the_signed_sum_of_every_site(consortium: Consortium, tmp_path: Path):
    """Before issue 27 the key-holder decrypted whatever ciphertext it was sent: the coordinator
    could hand it one site's ciphertext and read that site's numbers."""
    holder = consortium.sites["hospital_a"]
    study = Study("he-total", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=1.0, aggregation="he")
    request = _request(consortium, study)
    sent: dict[str, tuple[bytes, str]] = {}
    for name, member in consortium.sites.items():
        member.approve(study)
        with member.vault() as vault:
            sent[name] = site.encrypted_answer(member.config, request, vault, consortium.he.public)
    fingerprint = study.fingerprint()
    zero = homomorphic.encrypt(consortium.he.public, [0] * len(study.cells()))  # anyone can encrypt
    attacks = {
        "one site alone": ({"hospital_b": sent["hospital_b"]}, "decrypts only the sum of every participant"),
        "two of three": (
            {"hospital_a": sent["hospital_a"], "hospital_b": sent["hospital_b"]},
            "this request has 2 .*missing: hospital_c",
        ),
        "made-up ciphertexts for the others": (
            {
                "hospital_a": sent["hospital_a"],
                "hospital_b": sent["hospital_b"],
                "hospital_c": (zero, _foreign_signature(tmp_path, fingerprint, "hospital_c", zero)),
            },
            "given as hospital_c's is not signed by hospital_c's node key",
        ),
        "another site's ciphertext in the key-holder's place": (
            {name: sent["hospital_b" if name == "hospital_a" else name] for name in SITES},
            "given as hospital_a's is not the one it sent",
        ),
        "a site's signature moved to another ciphertext": (
            {
                "hospital_a": sent["hospital_a"],
                "hospital_b": (zero, sent["hospital_b"][1]),
                "hospital_c": sent["hospital_c"],
            },
            "hospital_b's is not signed",
        ),
    }
    with holder.vault() as vault:
        for name, (contributions, message) in attacks.items():
            with pytest.raises(site.StudyRefused, match=message):
                site.decrypt_total(holder.config, request, vault, contributions)
            assert _decrypted(holder, "he-total") == 0, name
        total = site.decrypt_total(holder.config, request, vault, dict(sent))
        with pytest.raises(site.StudyRefused, match="already decrypted once"):
            site.decrypt_total(holder.config, request, vault, dict(sent))
    recorded = [_answers(member, "he-total")[0]["numbers"][0] for member in consortium.sites.values()]
    assert total == [sum(column) for column in zip(*recorded, strict=True)]
    assert _decrypted(holder, "he-total") == 1


def test_the_key_holder_decrypts_nothing_for_a_study_that_is_not_homomorphic(consortium: Consortium):
    holder = consortium.sites["hospital_a"]
    study = Study("not-he", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=1.0)
    holder.approve(study)
    blob = homomorphic.encrypt(consortium.he.public, [0] * len(study.cells()))
    refused = "not answer it in the 'decrypt' phase"
    with holder.vault() as vault, pytest.raises(site.StudyRefused, match=refused):
        site.decrypt_total(holder.config, _request(consortium, study), vault, {s: (blob, "") for s in SITES})
    assert _decrypted(holder, "not-he") == 0


def test_a_hostile_coordinator_cannot_draw_more_training_rounds_than_the_plan(consortium: Consortium):
    """The review's sequence: rounds 1-3, then 1-3 again, then 4, 50, 199, 2, 2, 2 gave twelve
    noised updates for one charge. Now the site sends the plan's three, each charged by its
    accountant before it leaves, and refuses the nine others naming the plan and the round."""
    member = consortium.sites["hospital_b"]
    plan = TrainingPlan("drawn", "Findings model", SITES, rounds=3, epsilon=4.0)
    member.approve(plan)
    request = _training(consortium, plan)
    weights = np.zeros((plan.dims + 1) * len(STUDY_LABELS))
    before = _spent(member)
    updates, refusals = [], []
    with member.vault() as vault:
        assert site.check_training(member.config, request, vault) == 150
        for number in (1, 2, 3, 1, 2, 3, 4, 50, 199, 2, 2, 2):
            try:
                updates.append(site.training_round(member.config, request, vault, weights, number))
            except site.StudyRefused as exc:
                refusals.append(str(exc))
    assert len(updates) == 3 and len(refusals) == 9
    assert all("training plan drawn" in r and "round" in r for r in refusals)
    sent = _answers(member, "drawn")
    assert [a["round"] for a in sent] == [1, 2, 3]
    enrolment = sent[0]["enrolment"]
    whole = accounting.epsilon(enrolment["noise_multiplier"], enrolment["sample_rate"],
                               enrolment["steps"] * 3, plan.delta)  # fmt: skip
    assert sum(a["epsilon"] for a in sent) == pytest.approx(whole) and whole <= plan.epsilon
    assert all(a["epsilon"] > 0 for a in sent)  # every round sent was charged
    assert _spent(member) == pytest.approx(before + whole)
    # Re-running the plan (a careless 'enclave federation train' again) is refused up front.
    refused = "drawn: hospital_b already answered rounds 1-3 of 3"
    with member.vault() as vault, pytest.raises(site.StudyRefused, match=refused):
        site.check_training(member.config, request, vault)
    assert _spent(member) == pytest.approx(before + whole)


def test_a_round_the_coordinator_numbers_out_of_order_is_refused_before_any_training(consortium: Consortium):
    member = consortium.sites["hospital_c"]
    plan = TrainingPlan("skipped", "Findings model", SITES, rounds=5, epsilon=4.0)
    member.approve(plan)
    request = _training(consortium, plan)
    weights = np.zeros((plan.dims + 1) * len(STUDY_LABELS))
    with member.vault() as vault:
        for number in (2, 5, 0):
            refused = rf"asked hospital_c for round {number}.*next round is 1 of 5"
            with pytest.raises(site.StudyRefused, match=refused):
                site.training_round(member.config, request, vault, weights, number)
    assert _answers(member, "skipped") == []


def test_a_model_is_installed_once_per_approval_and_only_after_every_round(
    consortium: Consortium, monkeypatch: pytest.MonkeyPatch
):
    member = consortium.sites["hospital_a"]
    monkeypatch.setenv("ENCLAVE_HOME", str(member.home))
    plan = TrainingPlan("installed", "Findings model", SITES, rounds=2, epsilon=None)
    member.approve(plan)
    request = _training(consortium, plan)
    model: FindingsModel = initial_model(plan.dims)
    provenance = model_file.Provenance(plan.study_id, plan.fingerprint(), plan.rounds, SITES, None, None)
    data = model_file.encode(model, provenance, consortium.config.signing_key)
    weights = np.zeros((plan.dims + 1) * len(STUDY_LABELS))
    with member.vault() as vault:
        site.training_round(member.config, request, vault, weights, 1)
        with pytest.raises(site.StudyRefused, match="sent 1 of its 2 rounds"):
            site.install_model(member.config, request, vault, data)
        site.training_round(member.config, request, vault, weights, 2)
        where = site.install_model(member.config, request, vault, data)
        assert Path(where).read_bytes() == data
        with pytest.raises(site.StudyRefused, match="already installed"):
            site.install_model(member.config, request, vault, data)

