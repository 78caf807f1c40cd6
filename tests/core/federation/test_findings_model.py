"""The findings classifier, its features, DP-SGD's clipping and accounting, and the signed file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from app.core.federation import accounting, consortium_models, model_file
from app.core.federation.features import featurise, tokens
from app.core.federation.findings_model import FindingsModel, f1_scores, labels_matrix
from app.core.federation.labelled import read_labelled_csv, split
from app.core.federation.secagg import ClippingError
from app.core.federation.second_opinion import compare
from app.core.federation.site_training import encode_update, enrol, simulate
from app.core.federation.study import StudyError
from app.core.federation.training import (
    PLAIN_RECIPE,
    DpSgd,
    LocalTraining,
    SiteUpdate,
    TrainingError,
    _gradient_sum,
    _residuals,
    initial_model,
    local_update,
    train_alone,
)
from app.core.federation.training_plan import TrainingPlan
from tests.conftest import CORPUS

SITES = ("hospital_a", "hospital_b", "hospital_c")


@pytest.fixture(scope="module")
def corpus_split():
    return split(read_labelled_csv(CORPUS), (0.2, 0.5, 0.3), seed=3)


@pytest.fixture(scope="module")
def trained(corpus_split) -> FindingsModel:
    _test, train, _rest = corpus_split
    features = featurise([r.text for r in train], 1024)
    targets = labels_matrix([dict(r.labels) for r in train])
    return train_alone(features, targets, 10, np.random.default_rng(0))


def _keys(folder: Path, name: str) -> tuple[Path, Path]:
    key = ed25519.Ed25519PrivateKey.generate()
    private = folder / f"{name}.key"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    public = folder / f"{name}.pub"
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                     serialization.PublicFormat.OpenSSH))  # fmt: skip
    return private, public


def _provenance(epsilon: float | None = 8.0) -> model_file.Provenance:
    return model_file.Provenance("plan-1", "f" * 64, 5, SITES, epsilon, 1e-5 if epsilon else None)


# -- features ------------------------------------------------------------------------------------


def test_negated_words_are_other_tokens_in_english_and_chinese():
    assert "effusion" in tokens("Small left pleural effusion.")
    assert "neg:effusion" in tokens("No pleural effusion.") and "effusion" not in tokens(
        "No pleural effusion."
    )
    # The scope ends with the clause: the second finding is stated.
    stated = tokens("No pneumothorax, but there is cardiomegaly.")
    assert "neg:pneumothorax" in stated and "cardiomegaly" in stated
    assert "neg:积液" in tokens("双侧未见胸腔积液。") and "积液" in tokens("右侧胸腔积液。")
    assert "xxxx" not in tokens("There are no XXXX of a pleural effusion")


def test_each_row_has_unit_norm_and_the_sparse_products_match_dense_algebra():
    texts = [
        "Cardiomegaly. No effusion.",
        "",
        "右肺结节，未见气胸。",
        "Opacity opacity opacity in the right base.",
    ]
    features = featurise(texts, 64)
    dense = np.zeros((len(texts), 64))
    for row in range(features.rows):
        span = slice(features.indptr[row], features.indptr[row + 1])
        dense[row, features.indices[span]] = features.values[span]
    assert np.allclose(np.linalg.norm(dense, axis=1), [1, 0, 1, 1])
    weights = np.random.default_rng(1).normal(size=(64, 3))
    residuals = np.random.default_rng(2).normal(size=(len(texts), 3))
    assert np.allclose(features.dot(weights), dense @ weights)
    assert np.allclose(features.transpose_dot(residuals), dense.T @ residuals)
    assert np.allclose(features.take([3, 0]).dot(weights), (dense @ weights)[[3, 0]])


# -- training --------------------------------------------------------------------------------------


def test_dp_sgd_clips_every_report_to_the_norm_its_accountant_assumes(corpus_split):
    """Clipping uses |x|·|r| for a report's gradient; checked against each report's own
    gradient matrix computed in full."""
    reports = corpus_split[1][:40]
    features = featurise([r.text for r in reports], 256)
    targets = labels_matrix([dict(r.labels) for r in reports])
    model = initial_model(256)
    residuals = _residuals(model.weights, features, targets)
    for row in range(features.rows):
        single = features.take([row])
        full = _gradient_sum(single, residuals[[row]])
        row_norm = np.linalg.norm(single.values)
        assert np.isclose(np.linalg.norm(full), np.sqrt(row_norm**2 + 1) * np.linalg.norm(residuals[row]))
    # One full-batch SGD step with (almost) no noise moves the weights by at most lr x C: the
    # mean of gradients each clipped to C. Unclipped, it would move them far more.
    sgd = LocalTraining(epochs=1, batch_size=len(reports), learning_rate=1.0, l2=0.0, optimizer="sgd")
    rng = np.random.default_rng(3)
    clipped = local_update(model, features, targets, sgd, rng, DpSgd(1e-9, clip=0.01), steps=1, rate=1.0)
    unclipped = local_update(model, features, targets, sgd, rng, None, steps=1)
    assert 0 < np.linalg.norm(clipped - model.weights) <= 0.01 + 1e-9
    assert np.linalg.norm(unclipped - model.weights) > 10 * 0.01


def test_the_noise_multiplier_is_the_smallest_that_keeps_epsilon_within_the_plan():
    q, steps, delta = 0.05, 400, 1e-5
    for target in (1.0, 3.0, 8.0):
        z = accounting.noise_for(target, q, steps, delta)
        assert accounting.epsilon(z, q, steps, delta) <= target
        assert accounting.epsilon(z * 0.99, q, steps, delta) > target


def test_enrolment_refuses_a_site_with_too_few_reports_and_accounts_a_private_run():
    private = TrainingPlan("p", "t", SITES, rounds=10, epsilon=3.0)
    with pytest.raises(TrainingError, match="at least 20"):
        enrol(private, 5, 0.0)
    enrolment = enrol(private, 800, 0.0)
    assert enrolment.noise_multiplier is not None and 0 < enrolment.epsilon <= 3.0
    assert enrol(TrainingPlan("p", "t", SITES, epsilon=None), 800, 0.0).noise_multiplier is None


def test_a_plan_is_checked_when_declared():
    with pytest.raises(StudyError, match="at least 3"):
        TrainingPlan("p", "t", SITES[:2])
    with pytest.raises(StudyError, match="min_sites"):
        TrainingPlan("p", "t", SITES, min_sites=4)
    with pytest.raises(StudyError, match="ε"):
        TrainingPlan("p", "t", SITES, epsilon=0.0)
    plan = TrainingPlan("p", "t", SITES)
    assert TrainingPlan.from_dict(plan.to_dict()) == plan
    assert TrainingPlan("p", "t", SITES, rounds=21).fingerprint() != plan.fingerprint()


def test_an_update_outside_secaggs_range_is_refused_not_clipped():
    huge = SiteUpdate(np.full((3, 2), 1e9), 100)
    with pytest.raises(ClippingError, match="clipping range"):
        encode_update(huge)
    with pytest.raises(ClippingError, match="not finite"):
        encode_update(SiteUpdate(np.full((3, 2), np.nan), 100))


def test_federated_training_learns_and_a_noise_free_run_is_reproducible(corpus_split):
    test, train, rest = corpus_split
    sites = {"hospital_a": train[:600], "hospital_b": train[600:900], "hospital_c": rest[:150]}
    plan = TrainingPlan("p", "t", SITES, rounds=3, epsilon=None, dims=1024)
    first, second = simulate(plan, sites), simulate(plan, sites)
    assert np.array_equal(first.weights, second.weights)
    features = featurise([r.text for r in test], 1024)
    targets = labels_matrix([dict(r.labels) for r in test])
    assert (
        f1_scores(first, features, targets).macro_f1
        > f1_scores(initial_model(1024), features, targets).macro_f1 + 0.2
    )


# -- the signed file ---------------------------------------------------------------------------------


def test_a_signed_model_round_trips_and_every_kind_of_bad_file_is_refused(tmp_path, trained):
    private, public = _keys(tmp_path, "coordinator")
    _other_private, other_public = _keys(tmp_path, "stranger")
    data = model_file.encode(trained, _provenance(), private)
    signed = model_file.decode(data, [other_public, public])
    assert np.array_equal(signed.model.weights, trained.weights) and signed.signer == str(public)
    assert signed.provenance.epsilon == 8.0 and signed.provenance.sites == SITES
    refusals = {
        "untrusted signer": (data, [other_public], "does not verify"),
        "no trusted key": (data, [], "trusts no model signer"),
        "a flipped weight byte": (
            data[:200] + bytes([data[200] ^ 1]) + data[201:],
            [public],
            "does not verify",
        ),
        "the signature removed": (data[:-64], [public], "does not verify|cut short"),
        "not a model": (b"GGUF" + data[4:], [public], "not an Enclave consortium model"),
    }
    for what, (candidate, trusted, message) in refusals.items():
        with pytest.raises(model_file.ModelRefused, match=message):
            model_file.decode(candidate, trusted)
        assert what
    # Properly signed, but not this Enclave's shape: other labels, other feature width in the header.
    other = FindingsModel(trained.labels[:5], trained.dims, trained.weights[:, :5])
    with pytest.raises(model_file.ModelRefused, match="labels"):
        model_file.decode(model_file.encode(other, _provenance(), private), [public])
    lying = model_file.encode(trained, _provenance(), private)
    header_end = lying.index(b"\n", len(model_file.MAGIC))
    forged = lying[:header_end].replace(b'"dims": 1024', b'"dims": 2048') + lying[header_end:-64]
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    with pytest.raises(model_file.ModelRefused, match="shape"):
        model_file.decode(forged + key.sign(forged), [public])  # type: ignore[union-attr]


def test_the_model_file_holds_no_report_text(tmp_path, corpus_split):
    reports = corpus_split[1][:300]
    canary = "CANARY-MODEL-91ac Mrs Philippa Gallowglass"
    texts = [r.text for r in reports] + [f"{canary}. Cardiomegaly."] * 5
    features = featurise(texts, 512)
    targets = labels_matrix([dict(r.labels) for r in reports] + [{"cardiomegaly": 1}] * 5)
    model = initial_model(512)
    model = model.with_weights(local_update(model, features, targets, PLAIN_RECIPE, np.random.default_rng(0)))
    private, _ = _keys(tmp_path, "coordinator")
    data = model_file.encode(model, _provenance(None), private)
    # Words of the reports that are not label names (the header lists the labels it predicts).
    for needle in (canary, "Gallowglass", "silhouette", "mediastinum", "within normal limits"):
        assert needle.encode() not in data and needle.lower().encode() not in data


def test_installed_models_are_checked_on_every_use(tmp_path, trained):
    private, public = _keys(tmp_path, "coordinator")
    data = model_file.encode(trained, _provenance(), private)
    with pytest.raises(model_file.ModelRefused, match="trusts no model signer"):
        consortium_models.install(data, "m")
    consortium_models.trust(public)
    path, _ = consortium_models.install(data, "m")
    current = consortium_models.current()
    assert current is not None and current.sha256 == hashlib.sha256(data).hexdigest()
    [listed] = consortium_models.listing()
    assert listed.model is not None and listed.refused is None
    damaged = bytearray(path.read_bytes())
    damaged[300] ^= 0xFF
    path.write_bytes(bytes(damaged))  # altered in place after it was installed
    assert consortium_models.current() is None
    [listed] = consortium_models.listing()
    assert listed.model is None and "does not verify" in (listed.refused or "")


def test_the_second_opinion_flags_only_real_disagreements(trained):
    from dataclasses import replace
    from types import SimpleNamespace as Finding

    calibrated = replace(trained, label_precision={label: 0.95 for label in trained.labels})
    text = "There is a large left pleural effusion. Heart size is normal."
    p = calibrated.predict(text)
    assert p["pleural effusion"] >= 0.5
    said_absent = [Finding(label="pleural effusion", certainty="absent", vocabulary_label="pleural effusion")]
    [flag] = [f for f in compare(calibrated, text, said_absent) if f.label == "pleural effusion"]
    assert flag.disagrees and flag.calibrated
    assert flag.model_says == "present" and flag.draft_says == "absent" and flag.finding == 0
    assert (
        flag.text.startswith("consortium model: pleural effusion present, 0.")
        and "the draft says absent" in flag.text
    )
    agreeing = [Finding(label="Left pleural effusion", certainty="present", vocabulary_label=None)]
    flagged = [f for f in compare(calibrated, text, agreeing) if f.disagrees]
    assert not [f for f in flagged if f.label == "pleural effusion"]
    possible = [Finding(label="pleural effusion", certainty="possible", vocabulary_label="pleural effusion")]
    flagged = [f for f in compare(calibrated, text, possible) if f.disagrees]
    assert not [f for f in flagged if f.label == "pleural effusion"]
    clear = "The lungs are clear. No pneumothorax."
    said_present = [Finding(label="pneumothorax", certainty="present", vocabulary_label="pneumothorax")]
    [flag] = [f for f in compare(calibrated, clear, said_present) if f.label == "pneumothorax"]
    assert flag.disagrees and flag.model_says == "absent" and "unlikely" in flag.text


def test_an_uncalibrated_model_shows_its_probability_and_never_flags(trained):
    """Issue 26 item 5: without a held-out precision per label in the model file, the model
    may not contradict the draft; it shows its probability beside each label instead."""
    from dataclasses import replace
    from types import SimpleNamespace as Finding

    assert trained.label_precision is None
    text = "There is a large left pleural effusion. Heart size is normal."
    said_absent = [Finding(label="pleural effusion", certainty="absent", vocabulary_label="pleural effusion")]
    entries = compare(trained, text, said_absent)
    assert {e.label for e in entries} == set(trained.labels)  # a probability for every label
    assert not [e for e in entries if e.disagrees]
    [effusion] = [e for e in entries if e.label == "pleural effusion"]
    assert effusion.finding == 0 and not effusion.calibrated
    shown = f"{effusion.probability:.2f}"
    assert effusion.text == f"consortium model (uncalibrated, not a flag): pleural effusion {shown}"
    # A label measured below the precision bar stays a probability too.
    weak = replace(trained, label_precision={"pleural effusion": 0.6})
    assert not [e for e in compare(weak, text, said_absent) if e.disagrees]


def test_the_training_benchmark_prints_its_table_with_every_arm(tmp_path, capsys):
    from tests.benchmarks import bench_federated_training

    out = tmp_path / "bench.json"
    assert bench_federated_training.main(["--rounds", "2", "--repeats", "1", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "federated / central" in printed and "smallest site's gain" in printed
    data = json.loads(out.read_text())
    arms = [row["arm"].split(" ")[0] for row in data["rows"]]
    assert arms == ["(a)", "(a)", "(a)", "(b)", "(c)", "(d)", "(d)", "(d)"]
    assert set(data["ratios"]) == {
        "federated/central",
        "federated ε=8/central",
        "smallest site: federated - alone",
        "smallest site: federated ε=8 - alone",
    }
    # Even two rounds of federation leave the smallest site better off than training alone.
    assert data["ratios"]["smallest site: federated - alone"] > 0
