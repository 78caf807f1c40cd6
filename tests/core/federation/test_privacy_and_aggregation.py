"""OpenDP noise and its intervals, SecAgg+ scaling through Flower's own quantizer, TenSEAL sums."""

from __future__ import annotations

import random

import numpy as np
import pytest

from app.core.federation import homomorphic, privacy
from app.core.federation.queries import BoundedMean, FindingCounts
from app.core.federation.secagg import ClippingError, SecAggScale
from app.core.federation.study import Study, StudyError, combine


def _sites(records, shares=(0.5, 0.3, 0.2)):
    cut, out = 0, []
    for share in shares:
        size = int(len(records) * share)
        out.append(records[cut : cut + size])
        cut += size
    return out


def test_opendp_confirms_the_epsilon_and_refuses_bad_ones(corpus_records):
    query = FindingCounts(("cardiomegaly", "nodule"))
    true = query.evaluate(corpus_records[:500])
    noised = privacy.add_noise(query, true, epsilon=1.0)
    assert noised.epsilon == pytest.approx(1.0)
    assert noised.scales == [3.0]  # sensitivity 1 + 2 labels, at ε = 1
    assert noised.parts[0] != true[0]  # noise was added (a tie on all 7 cells is vanishingly rare)
    assert all(isinstance(v, int) for v in noised.parts[0])
    for bad in (0, -1, 50, float("nan")):
        with pytest.raises(privacy.PrivacyError, match="ε must be between"):
            privacy.add_noise(query, true, epsilon=bad)


def test_intervals_hold_the_pooled_count_in_at_least_95_percent_of_runs(corpus_records):
    """Repeated three-site studies: every site noises its own counts; the stated 95% interval
    of each consortium total must contain the noise-free pooled count at least 95% of the time."""
    sites = _sites(corpus_records)
    names = ("a", "b", "c")
    for query, epsilon in ((FindingCounts(("cardiomegaly", "opacity")), 1.0), (BoundedMean(upper=3), 2.0)):
        study = Study("coverage", "coverage", names, query, epsilon=epsilon)
        pooled = query.evaluate(corpus_records[: sum(len(s) for s in sites)])
        true_site = [query.evaluate(s) for s in sites]
        runs, covered = 300, 0
        for _ in range(runs):
            noised = [privacy.add_noise(query, t, epsilon).parts for t in true_site]
            totals = [[sum(site[p][c] for site in noised) for c in range(len(part.cells))]
                      for p, part in enumerate(query.parts())]  # fmt: skip
            result = combine(study, totals, names)
            flat = [v for part in pooled for v in part]
            covered += all(e.low <= v <= e.high for e, v in zip(result.estimates, flat, strict=True))
        print(f"\n{query.kind} at ε = {epsilon}: {covered}/{runs} runs had every total inside its interval")
        assert covered / runs >= 0.95


def test_secagg_scaling_is_exact_through_flowers_quantizer():
    """Flower's own quantize/dequantize (what SecAgg+ applies) leave integers unchanged at this
    scale, and a value that would be clipped is refused before it is sent."""
    from flwr.common.secure_aggregation.quantization import dequantize, quantize

    scale = SecAggScale()
    rng = random.Random(3)
    values = [rng.randint(-5000, 2_000_000) for _ in range(64)]
    scale.check_values(values)
    q = quantize([np.array(values, dtype=float)], scale.clipping_range, scale.quantization_range)[0]
    back = dequantize([q], scale.clipping_range, scale.quantization_range)[0]
    assert [int(v) for v in back] == values
    sites = 5
    assert scale.total_from_mean([sum(values) / sites], sites) == [sum(values)]
    with pytest.raises(ClippingError, match="exceeds the clipping range"):
        scale.check_values([scale.clipping_range + 1])
    with pytest.raises(ClippingError, match="integers"):
        scale.check_values([1.5])  # type: ignore[list-item]
    with pytest.raises(ClippingError, match="overflow"):
        scale.check_sites(2000)
    with pytest.raises(ClippingError, match="not an integer sum"):
        scale.total_from_mean([10.4], 1)


def test_homomorphic_total_is_exact_and_the_coordinator_holds_only_ciphertext():
    keys = homomorphic.make_keys("bfv")
    site_vectors = [[120, -3, 0, 5_000_000], [7, 9, 1, 0], [0, 0, 2, 17]]
    ciphertexts = [homomorphic.encrypt(keys.public, v) for v in site_vectors]
    total = homomorphic.add(keys.public, ciphertexts)
    assert homomorphic.decrypt(keys.secret, total)[:4] == [127, 6, 3, 5_000_017]
    for blob in (*ciphertexts, total):  # no plaintext number shows in what the coordinator stores
        for needle in (b"5000000", (5_000_000).to_bytes(4, "little"), (5_000_017).to_bytes(8, "little")):
            assert needle not in blob
    with pytest.raises(homomorphic.HomomorphicError, match="no secret key"):
        homomorphic.decrypt(keys.public, total)
    with pytest.raises(homomorphic.HomomorphicError, match="must not hold the secret"):
        homomorphic.encrypt(keys.secret, [1])
    other = homomorphic.make_keys("bfv")
    with pytest.raises(homomorphic.HomomorphicError, match=r"not a BFV ciphertext"):
        homomorphic.add(keys.public, [ciphertexts[0], b"garbage" * 100])
    assert homomorphic.decrypt(other.secret, homomorphic.add(other.public, [ciphertexts[0]]))[:1] != [120]
    with pytest.raises(homomorphic.HomomorphicError, match="integers below"):
        homomorphic.encrypt(keys.public, [2**40])
    ckks = homomorphic.make_keys("ckks")
    summed = homomorphic.add(
        ckks.public,
        [
            homomorphic.encrypt(ckks.public, [0.25, -1.5], "ckks"),
            homomorphic.encrypt(ckks.public, [0.5, 1.0], "ckks"),
        ],
        "ckks",
    )
    assert homomorphic.decrypt(ckks.secret, summed, "ckks")[:2] == pytest.approx([0.75, -0.5], abs=1e-6)


def test_studies_need_three_sites_and_an_approval_binds_to_every_field():
    query = FindingCounts(("nodule",))
    with pytest.raises(StudyError, match="at least 3"):
        Study("two", "two sites", ("a", "b"), query)
    with pytest.raises(StudyError, match="named twice"):
        Study("dup", "dup", ("a", "a", "b"), query)
    with pytest.raises(StudyError, match="ε must be between"):
        Study("eps", "eps", ("a", "b", "c"), query, epsilon=100)
    base = Study("nodules-2026", "Nodule prevalence", ("a", "b", "c"), query, epsilon=1.0)
    again = Study.from_dict(base.to_dict())
    assert again == base and again.fingerprint() == base.fingerprint()
    changed = Study.from_dict({**base.to_dict(), "epsilon": 2.0})
    assert changed.fingerprint() != base.fingerprint()
    with pytest.raises(StudyError, match="participants must be a list"):
        Study.from_dict({**base.to_dict(), "participants": "a,b,c"})
    with pytest.raises(StudyError, match="kind is one of"):
        Study.from_dict({**base.to_dict(), "query": {"kind": "rows"}})
    description = base.describe()
    assert "ε = 1 of this site's budget" in description and "never sent" in description
    assert base.fingerprint() in description
