"""Studies across a real loopback consortium: a coordinator and three site nodes as processes,
TLS and SuperNode authentication on, each site's vault holding a disjoint slice of the corpus
(coded labels imported as the site's structured findings) plus report text with canaries."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.federation.ledger import SiteLedger
from app.core.federation.queries import BoundedMean, CrossTab, FindingCounts
from app.core.federation.records import SiteRecord, read_coded_csv
from app.core.federation.study import Study, StudyError
from app.core.vault.models import DocumentInput
from app.federation import bundle, processes, signing
from app.federation.certs import make_node_key
from app.federation.config import ConfigError, SiteConfig
from tests.conftest import CORPUS
from tests.federation.consortium import Consortium, build, free_port

pytestmark = pytest.mark.network_refusals  # the federation processes' guards refuse and name the rest

SITES = ("hospital_a", "hospital_b", "hospital_c")
CANARY_TEXT = "CANARY-REPORT-7c41e9 Mrs Zebedee Quartermaine, MRN 88412390"
CANARY_UNIT = "CANARY-UNIT-55d0a1"


@pytest.fixture(scope="module")
def consortium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Consortium]:
    records = read_coded_csv(CORPUS)
    cut = [0, 900, 1500, 1800]  # unequal sites: 900, 600 and 300 reports
    slices = {name: records[cut[i] : cut[i + 1]] for i, name in enumerate(SITES)}
    # A unit key that is an identifier: it bounds contributions and must never be sent.
    slices["hospital_c"] = [*slices["hospital_c"], SiteRecord(CANARY_UNIT, {"nodule": "present"})]
    built = build(tmp_path_factory.mktemp("consortium"), slices)
    for site in built.sites.values():  # report text with identifiers, in every vault
        with site.vault() as vault:
            session = vault.create_session(f"{CANARY_TEXT} ({site.name})")
            vault.add_message(session.id, "user", f"Summarise the report of {CANARY_TEXT}")
            vault.attach_document(
                session.id,
                DocumentInput(
                    "report", f"{CANARY_UNIT}.txt", "0" * 64, f"FINDINGS: nodule. {CANARY_TEXT}", {}
                ),
            )
    built.start(traced={"hospital_b": built.root / "hospital_b.strace"})
    yield built
    built.stop()


def _pooled(consortium: Consortium, query) -> list[list[int]]:
    everything = [r for site in consortium.sites.values() for r in site.records]
    return query.evaluate(everything)


def _approve_everywhere(consortium: Consortium, study: Study) -> None:
    for site in consortium.sites.values():
        site.approve(study)


def test_secagg_and_homomorphic_totals_without_noise_equal_the_pooled_count(consortium: Consortium):
    query = FindingCounts(("cardiomegaly", "opacity", "nodule"))
    for aggregation in ("secagg", "he"):
        study = Study(
            f"exact-{aggregation}",
            "Prevalence, exact (validation)",
            SITES,
            query,
            epsilon=None,
            aggregation=aggregation,
        )
        _approve_everywhere(consortium, study)
        started = time.perf_counter()
        outcome = consortium.run(study)
        assert outcome["ok"], outcome
        assert outcome["totals"] == _pooled(consortium, query), aggregation
        print(
            f"\n{aggregation}: exact total of {len(study.cells())} cells over 3 sites in "
            f"{time.perf_counter() - started:.1f} s"
        )


def test_a_noised_cross_tab_lands_in_its_interval_and_every_site_audits_what_it_sent(consortium: Consortium):
    query = CrossTab("cardiomegaly", "modality")
    study = Study("noised-xtab", "Cardiomegaly by modality", SITES, query, epsilon=1.0)
    _approve_everywhere(consortium, study)
    spent_before = {}
    for site in consortium.sites.values():
        with site.vault() as vault:
            spent_before[site.name] = SiteLedger(vault).spent()
    outcome = consortium.run(study)
    assert outcome["ok"], outcome
    pooled = [v for part in _pooled(consortium, query) for v in part]
    inside = [e["low"] <= v <= e["high"] for e, v in zip(outcome["estimates"], pooled, strict=True)]
    assert sum(inside) >= len(inside) - 1  # 95% simultaneous intervals: a miss is possible, two are not
    sent_sum = [0] * len(pooled)
    for site in consortium.sites.values():
        with site.vault() as vault:
            ledger = SiteLedger(vault)
            assert ledger.spent() == pytest.approx(spent_before[site.name] + 1.0)
            [answer] = [a for a in ledger.answers() if a["study"] == "noised-xtab"]
            assert answer["epsilon"] == pytest.approx(1.0) and answer["bytes"] > 0
            sent_sum = [a + b for a, b in zip(sent_sum, answer["numbers"][0], strict=True)]
    # What the coordinator reports is exactly the sum of what the sites recorded sending.
    assert outcome["totals"][0] == sent_sum


def test_refusals_end_in_clear_errors_and_no_vault_loses_anything(consortium: Consortium):
    query = FindingCounts(("nodule",))
    # Not approved at one site.
    study = Study("unapproved", "Nodules", SITES, query, epsilon=0.5)
    for site in list(consortium.sites.values())[:2]:
        site.approve(study)
    outcome = consortium.run(study)
    assert not outcome["ok"] and "hospital_c" in outcome["error"] and "not approved" in outcome["error"]
    # Signed by a key no site trusts, and unsigned.
    other = Study("foreign", "Nodules", SITES, query, epsilon=0.5)
    _approve_everywhere(consortium, other)
    forged = consortium.root / "forged.key"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    forged.write_bytes(
        ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    for signature in (signing.sign(other, bundle.fab_hash(), forged), ""):
        outcome = consortium.run(other, signature=signature)
        assert not outcome["ok"] and "sign" in outcome["error"], outcome
    # Over budget: hospital_b's budget is lowered below the study's ε.
    with consortium.sites["hospital_b"].vault() as vault:
        ledger = SiteLedger(vault)
        ledger.set_budget(ledger.spent() + 0.3)
    costly = Study("costly", "Nodules", SITES, query, epsilon=1.0)
    _approve_everywhere(consortium, costly)
    outcome = consortium.run(costly)
    assert not outcome["ok"] and "hospital_b" in outcome["error"] and "budget" in outcome["error"]
    with consortium.sites["hospital_b"].vault() as vault:
        SiteLedger(vault).set_budget(100.0)
    # A two-site study cannot even be declared.
    with pytest.raises(StudyError, match="at least 3"):
        Study("pair", "Nodules", SITES[:2], query)
    # Nothing was lost: every vault still holds all of its records.
    for site in consortium.sites.values():
        with site.vault() as vault:
            assert len(SiteLedger(vault).records()) == len(site.records)


def test_no_canary_text_or_identifier_reaches_the_coordinator(consortium: Consortium):
    study = Study("canary", "Mean findings per report", SITES, BoundedMean(upper=5), epsilon=1.0)
    _approve_everywhere(consortium, study)
    outcome = consortium.run(study)
    assert outcome["ok"], outcome
    assert outcome["mean"] is not None and 0 <= outcome["mean"]["value"] <= 5
    needles = [CANARY_TEXT.encode(), b"Zebedee", b"88412390", CANARY_UNIT.encode(), b"CANARY"]
    searched = 0
    for path in Path(consortium.config.state).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            searched += len(data)
            for needle in needles:
                assert needle not in data, f"{needle!r} found in the coordinator's {path.name}"
    assert searched > 10_000  # the SuperLink's database, logs and results were searched
    for site in consortium.sites.values():  # nor in any node's own Flower state and logs
        for path in (site.config.path.parent / "state").rglob("*"):
            if path.is_file():
                assert not any(n in path.read_bytes() for n in needles), path


INET_CONNECT = re.compile(
    r"connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\((\d+)\), "
    r'(?:sin6_flowinfo=htonl\(\d+\), )?(?:sin_addr=)?(?:inet_addr|inet_pton)\((?:AF_INET6, )?"([^"]+)"'
)


def test_under_strace_a_node_connects_only_to_its_allow_list(consortium: Consortium):
    """Native code included: every connect() of hospital_b's node and of every process it started,
    over all the studies above, went to the coordinator or to the node's own loopback API."""
    trace = consortium.root / "hospital_b.strace"
    text = trace.read_text(encoding="utf-8", errors="replace")
    site = consortium.sites["hospital_b"].config
    host, _, port = site.coordinator.rpartition(":")
    allowed = {(host, int(port)), ("127.0.0.1", site.runtime_port)}
    seen = {(address, int(p)) for p, address in INET_CONNECT.findall(text)}
    assert (host, int(port)) in seen  # the trace did see the node's own connections
    assert seen <= allowed, sorted(seen - allowed)
    unparsed = [line for line in text.splitlines() if "AF_INET" in line and not INET_CONNECT.search(line)]
    assert not unparsed, unparsed[:5]


def test_an_unregistered_node_is_refused(consortium: Consortium, tmp_path: Path):
    site = consortium.sites["hospital_a"]
    key, public = make_node_key(tmp_path / "intruder")
    text = site.config.path.read_text().replace('name = "hospital_a"', 'name = "intruder"')
    text = text.replace("../../certs/sites/hospital_a/node.key", str(key))
    text = text.replace("../../certs/sites/hospital_a/node.pub", str(public))
    text = text.replace("../../certs", str(consortium.root / "certs"))
    text = "\n".join(
        f"runtime_port = {free_port()}" if line.startswith("runtime_port") else line
        for line in text.splitlines()
        if not line.startswith("he_secret")
    )
    (tmp_path / "site.toml").write_text(
        text.replace("he/public.ctx", str(site.config.he_public)), encoding="utf-8"
    )
    (tmp_path / "state").mkdir()
    config = SiteConfig.load(tmp_path / "site.toml")
    node = processes.start_node(config, env=site.env())
    try:
        node.proc.wait(timeout=90)  # the SuperLink refuses it and the node gives up
        text = (config.path.parent / "state" / "logs" / "supernode.log").read_bytes().lower()
        assert node.proc.returncode != 0
        assert b"failed to activate supernode" in text and b"supernode id" not in text, text[-1500:]
    finally:
        node.stop()


def test_a_foreign_app_bundle_is_refused_at_the_coordinator_and_reads_no_key(
    consortium: Consortium, tmp_path: Path
):
    """Anyone who reaches the coordinator can submit a bundle (issue 27, item 2): one whose
    ServerApp copies the study-signing key and the CA key is refused by the coordinator's
    flwr-serverapp before Flower unpacks it, so its code never runs there, no key is read and
    no site is asked anything. (Before issue 27 only the nodes checked the bundle; this test
    then found the copied keys.)"""
    study = Study("foreign-code", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=0.5)
    _approve_everywhere(consortium, study)
    loot = tmp_path / "loot"
    folder = bundle.write(tmp_path / "bundle")
    server = folder / bundle.PACKAGE / "server.py"
    keys = [consortium.config.signing_key, consortium.root / "certs" / "ca.key"]
    server.write_text(
        "from pathlib import Path\n"
        f"_loot = Path({str(loot)!r})\n_loot.mkdir(exist_ok=True)\n"
        + "".join(f"(_loot / {k.name!r}).write_bytes(Path({str(k)!r}).read_bytes())\n" for k in keys)
        + server.read_text(),
        encoding="utf-8",
    )
    with pytest.raises(processes.FederationError, match="no result"):
        consortium.run(study, bundle_folder=folder, timeout=45, reply_timeout=20, join_timeout=5)
    assert not loot.exists()
    logs = b"".join(p.read_bytes() for p in (consortium.config.state / "logs").rglob("*.log"))
    assert b"refused an app bundle" in logs
    for site in consortium.sites.values():
        with site.vault() as vault:
            assert not [a for a in SiteLedger(vault).answers() if a["study"] == "foreign-code"]


def test_a_replayed_study_is_refused_by_every_site_and_charges_nothing(consortium: Consortium):
    """Issue 27: an approved study is answered once per approval; running it again (the same
    signed declaration) is refused at every site, and no budget is spent."""
    study = Study("replay", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=0.5)
    _approve_everywhere(consortium, study)
    first = consortium.run(study)
    assert first["ok"], first
    spent = {}
    for site in consortium.sites.values():
        with site.vault() as vault:
            spent[site.name] = SiteLedger(vault).spent()
    again = consortium.run(study)
    assert not again["ok"] and "already answered" in again["error"], again
    assert all(name in again["error"] for name in SITES)
    for site in consortium.sites.values():
        with site.vault() as vault:
            ledger = SiteLedger(vault)
            assert ledger.spent() == pytest.approx(spent[site.name])
            assert len([a for a in ledger.answers() if a["study"] == "replay"]) == 1


def _control_request(consortium: Consortium, source: str) -> tuple[int, bytes]:
    """A Control API request (start a run) to the coordinator, from the local ``source`` address."""
    import http.client
    import ssl

    from app.core import offline

    host, _, port = consortium.config.connect.rpartition(":")
    context = ssl.create_default_context(cafile=str(consortium.config.ca))
    with offline.allowing([consortium.config.connect]):
        connection = http.client.HTTPSConnection(
            host, int(port), context=context, source_address=(source, 0), timeout=30
        )
        try:
            connection.request("POST", "/v1/control/start-run", body=b"",
                               headers={"Content-Type": "application/protobuf"})  # fmt: skip
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def test_a_site_address_cannot_submit_a_run_to_the_coordinator(consortium: Consortium):
    """Issue 27, item 2: the Control API shares the sites' port; the coordinator answers it only
    from its own machine. From another address (127.0.0.2 stands for a site's) a request to
    start a run is refused before Flower reads it; the coordinator's own tools are not."""
    status, body = _control_request(consortium, "127.0.0.2")
    assert status == 403 and b"only from its own operator" in body
    status, body = _control_request(consortium, "127.0.0.1")
    assert b"only from its own operator" not in body  # Flower itself answers (here: a bad request)


def test_a_killed_node_fails_the_study_cleanly(consortium: Consortium):
    study = Study("dropout", "Nodules", SITES, FindingCounts(("nodule",)), epsilon=0.5)
    _approve_everywhere(consortium, study)
    victim = next(r for r in consortium.running if "supernode" in str(r.log) and "hospital_c" in str(r.log))
    victim.stop()
    try:
        outcome = consortium.run(study, reply_timeout=20, join_timeout=5)
        assert not outcome["ok"]
        assert "hospital_c" in outcome["error"] or "no reply" in outcome["error"], outcome
        for site in consortium.sites.values():  # no site charged for a study that did not finish
            with site.vault() as vault:
                assert not [a for a in SiteLedger(vault).answers() if a["study"] == "dropout"]
    finally:
        consortium.running.remove(victim)
        consortium.start_node("hospital_c")


def test_a_malformed_site_config_names_the_file_and_key(tmp_path: Path):
    bad = tmp_path / "site.toml"
    bad.write_text('[site]\nname = "Hospital A"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site\.toml: \[site\] trusted_signers"):
        SiteConfig.load(bad)
    bad.write_text("[site\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site\.toml: not valid TOML"):
        SiteConfig.load(bad)


def test_a_researcher_runs_a_study_from_the_command_line(consortium: Consortium, tmp_path: Path):
    import subprocess
    import sys

    from app.federation.api import load_study

    declaration = tmp_path / "study.toml"
    declaration.write_text(
        f"""[study]
study_id = "cli-prevalence"
title = "Three-hospital prevalence of pulmonary nodules"
participants = {list(SITES)!r}
epsilon = 1.0
aggregation = "secagg"

[study.query]
kind = "finding_counts"
labels = ["nodule", "pneumothorax"]
""".replace("'", '"'),
        encoding="utf-8",
    )
    _approve_everywhere(consortium, load_study(declaration))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "federation",
            "study",
            "run",
            str(declaration),
            "--config",
            str(consortium.config.path),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    cells = {e["cell"]: e for e in result["estimates"]}
    truth = dict(
        zip(
            load_study(declaration).cells(),
            _pooled(consortium, FindingCounts(("nodule", "pneumothorax")))[0],
            strict=True,
        )
    )
    assert cells["reports"]["low"] <= truth["reports"] <= cells["reports"]["high"]
    assert result["sites"] == list(SITES) and result["epsilon"] == 1.0
