"""Federated training across a real loopback consortium: a coordinator and three site nodes as
processes (TLS, node authentication, SecAgg+), each site's vault holding its own labelled
reports — a slice of the corpus plus a report with a canary — and nothing else shared."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.federation import accounting, model_file, training_set
from app.core.federation.features import featurise
from app.core.federation.findings_model import f1_scores, labels_matrix
from app.core.federation.labelled import LabelledReport, label_row, read_labelled_csv, split
from app.core.federation.ledger import SiteLedger
from app.core.federation.secagg import UPDATE_UNIT, UpdateScale
from app.core.federation.site_training import simulate
from app.core.federation.training_plan import TrainingPlan
from tests.conftest import CORPUS
from tests.federation.consortium import Consortium, build

pytestmark = pytest.mark.network_refusals

SITES = ("hospital_a", "hospital_b", "hospital_c")
CANARY = "CANARY-TRAIN-4b19f2 Mr Octavius Pemberton-Vane, MRN 77120934"


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Consortium, dict, list]]:
    test, *parts = split(read_labelled_csv(CORPUS), (0.2, 0.4, 0.2, 0.1), seed=11)
    reports = {name: part for name, part in zip(SITES, parts, strict=True)}
    for name in SITES:  # a report whose text is an identifier, in every site's training set
        reports[name] = [*reports[name], LabelledReport(f"canary-{name}", f"{CANARY}. Cardiomegaly.",
                                                         label_row({"cardiomegaly"}))]  # fmt: skip
    built = build(tmp_path_factory.mktemp("training"), {name: [] for name in SITES})
    for name, site in built.sites.items():
        with site.vault() as vault:
            training_set.import_reports(vault, reports[name], "corpus slice")
    built.start()
    yield built, reports, test
    built.stop()


def _approve(consortium: Consortium, plan: TrainingPlan) -> None:
    for site in consortium.sites.values():
        site.approve(plan)


def _installed(site) -> Path:
    return site.home / "consortium" / "models" / "findings.enclave-model"


def test_three_sites_train_five_rounds_from_the_command_line_and_every_site_installs_the_model(
    training, tmp_path
):
    consortium, reports, test = training
    declaration = tmp_path / "plan.toml"
    declaration.write_text(
        f'[training]\nstudy_id = "findings-exact"\ntitle = "Findings model (validation run)"\n'
        f"participants = {json.dumps(list(SITES))}\nrounds = 5\nnoise = false\n",
        encoding="utf-8",
    )
    plan = TrainingPlan("findings-exact", "Findings model (validation run)", SITES, rounds=5, epsilon=None)
    _approve(consortium, plan)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app", "federation", "train", str(declaration), "--config",
         str(consortium.config.path), "--json"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r["sites"] for r in result["rounds"]] == [3] * 5
    assert "round 5/5" in done.stderr
    print(f"5 rounds, 3 sites: {seconds:.0f} s; {result['bytes_sent']:,} bytes sent, "
          f"{result['bytes_received']:,} received")  # fmt: skip

    # Every site installed the very file the coordinator signed, and trusts its signer.
    data = Path(result["model"]).read_bytes()
    for site in consortium.sites.values():
        assert _installed(site).read_bytes() == data
        assert result["installed"][site.name] == str(_installed(site))
    signed = model_file.decode(data, [consortium.root / "certs" / "study-signing.pub"])
    assert signed.provenance.rounds == 5 and signed.provenance.sites == SITES
    assert signed.provenance.epsilon is None

    # It is the model the sites' own code computes in one process, up to SecAgg+'s rounding.
    # Stochastic rounding moves each site's (delta * n) / UPDATE_UNIT by under one step per cell
    # and round, so the averaged update by at most sites * UPDATE_UNIT * step / n; the local
    # rounds after it carry that on (a max of 1.9x that bound was seen over 53k weights).
    reference = simulate(plan, reports)
    scale = UpdateScale()
    step = 2 * scale.clipping_range / scale.quantization_range
    bound = plan.rounds * len(SITES) * UPDATE_UNIT * step / sum(len(r) for r in reports.values())
    difference = np.abs(signed.model.weights - reference.weights)
    assert difference.mean() < bound / 4
    assert difference.max() < 4 * bound
    features = featurise([r.text for r in test], plan.dims)
    targets = labels_matrix([dict(r.labels) for r in test])
    assert (
        abs(
            f1_scores(signed.model, features, targets).macro_f1
            - f1_scores(reference, features, targets).macro_f1
        )
        < 0.01
    )

    # No training text in the model, nor anywhere the coordinator keeps anything.
    needles = [CANARY.encode(), b"Pemberton", b"77120934", b"Cardiomegaly."]
    for path in [Path(result["model"]), *(p for p in consortium.config.state.rglob("*") if p.is_file())]:
        content = path.read_bytes()
        assert not [n for n in needles if n in content], path

    # Every site audited each round it sent, with the enrolment in round 1.
    for site in consortium.sites.values():
        with site.vault() as vault:
            sent = [a for a in SiteLedger(vault).answers() if a["study"] == "findings-exact"]
        assert [a["round"] for a in sent] == [1, 2, 3, 4, 5]
        assert sent[0]["enrolment"]["examples"] == len(reports[site.name])

    # Issue 27: running the same approved plan again is refused by every site (a new run needs
    # a new approval): no round is answered, no model issued or replaced.
    installed = {s.name: _installed(s).read_bytes() for s in consortium.sites.values()}
    again = subprocess.run(
        [sys.executable, "-m", "app", "federation", "train", str(declaration), "--config",
         str(consortium.config.path), "--json"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert again.returncode == 1, again.stdout[-2000:]
    assert "findings-exact" in again.stderr and "already answered rounds 1-5 of 5" in again.stderr
    for site in consortium.sites.values():
        assert _installed(site).read_bytes() == installed[site.name]
        with site.vault() as vault:
            sent = [a for a in SiteLedger(vault).answers() if a["study"] == "findings-exact"]
        assert [a["round"] for a in sent] == [1, 2, 3, 4, 5]


def test_a_private_run_charges_each_site_its_accountant_epsilon_and_a_killed_site_stops_it(training):
    consortium, _reports, _test = training
    plan = TrainingPlan("findings-dp", "Findings model, DP", SITES, rounds=4, epsilon=3.0)
    _approve(consortium, plan)
    before = {s.name: _installed(s).stat().st_mtime_ns if _installed(s).exists() else None
              for s in consortium.sites.values()}  # fmt: skip
    victim = next(r for r in consortium.running if "supernode" in str(r.log) and "hospital_c" in str(r.log))
    results = consortium.config.state / "results"
    seen = set(results.glob("*.progress")) if results.exists() else set()

    import threading

    def kill_after_round_one() -> None:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            fresh = [p for p in results.glob("findings-dp-*.progress") if p not in seen]
            if fresh and json.loads(fresh[0].read_text() or "{}").get("round", 0) >= 1:
                victim.stop()
                return
            time.sleep(0.2)

    killer = threading.Thread(target=kill_after_round_one)
    killer.start()
    try:
        outcome = consortium.train(plan, reply_timeout=90)  # round 1 enrols: the accountant takes ~20 s
        killer.join()
        assert not outcome["ok"]
        assert "round 2" in outcome["error"] or "hospital_c" in outcome["error"], outcome
        assert "no model" in outcome["error"]
        for site in consortium.sites.values():  # nothing installed, nothing replaced
            now = _installed(site).stat().st_mtime_ns if _installed(site).exists() else None
            assert now == before[site.name]
            with site.vault() as vault:
                sent = [a for a in SiteLedger(vault).answers() if a["study"] == "findings-dp"]
            # Each round sent was charged when it was sent (issue 27: per answer, not once for the
            # plan): round 1 its accountant's ε for one round, the rounds together within the plan's.
            assert sent and [a["round"] for a in sent] == list(range(1, len(sent) + 1))
            enrolment = sent[0]["enrolment"]
            one = accounting.epsilon(
                enrolment["noise_multiplier"], enrolment["sample_rate"], enrolment["steps"], plan.delta
            )
            assert sent[0]["epsilon"] == pytest.approx(one) and one > 0
            assert sum(a["epsilon"] for a in sent) <= enrolment["epsilon"] + 1e-9 <= 3.0 + 1e-9
    finally:
        killer.join()
        consortium.running.remove(victim)
        consortium.start_node("hospital_c")
