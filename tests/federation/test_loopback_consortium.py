"""Studies across a real loopback consortium: a coordinator and three site nodes as processes,
TLS and SuperNode authentication on, each site's vault holding a disjoint slice of the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.federation.queries import FindingCounts
from app.core.federation.records import read_coded_csv
from app.core.federation.study import Study
from tests.conftest import CORPUS
from tests.federation.consortium import Consortium, build

pytestmark = pytest.mark.network_refusals  # the nodes' guards refuse and name what is not allowed

SITES = ("hospital_a", "hospital_b", "hospital_c")


@pytest.fixture(scope="module")
def consortium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Consortium]:
    records = read_coded_csv(CORPUS)
    cut = [0, 900, 1500, 1800]  # unequal sites: 900, 600 and 300 reports
    slices = {name: records[cut[i]:cut[i + 1]] for i, name in enumerate(SITES)}
    built = build(tmp_path_factory.mktemp("consortium"), slices)
    built.start()
    yield built
    built.stop()


def _pooled(consortium: Consortium, query: FindingCounts) -> list[int]:
    everything = [r for site in consortium.sites.values() for r in site.records]
    return query.evaluate(everything)[0]


def test_secagg_total_without_noise_equals_the_pooled_count(consortium: Consortium):
    query = FindingCounts(("cardiomegaly", "opacity", "nodule"))
    study = Study("exact-secagg", "Prevalence, exact (validation)", SITES, query, epsilon=None)
    for site in consortium.sites.values():
        site.approve(study)
    outcome = consortium.run(study)
    assert outcome["ok"], outcome
    assert outcome["totals"][0] == _pooled(consortium, query)
