"""Wall time and bytes of one study on a loopback consortium: plain / SecAgg+ / HE, 3, 5, 10 sites.

``.venv/bin/python -m tests.benchmarks.bench_federation [--sites 3 5 10] [--json]``

Real processes (a SuperLink and N SuperNodes with TLS and node authentication), each site
with its own vault holding an equal slice of the IU corpus; one ``finding_counts`` study over
all 13 labels (40 cells) at ε = 1 per aggregation. Bytes are the message contents the
ServerApp sent and received (before TLS and HTTP framing); plain = each site's noised numbers
in the clear, the baseline. Anchor: Bonawitz et al. (CCS 2017) report 1.73-1.98x the
communication of plain aggregation for SecAgg.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import keyring
from keyring.backends import fail

from app.core import offline
from app.core.federation.queries import FindingCounts
from app.core.federation.records import read_coded_csv
from app.core.federation.study import Study
from tests.conftest import CORPUS
from tests.federation.consortium import build


def _measure(sites: int, folder: Path) -> list[dict[str, object]]:
    records = read_coded_csv(CORPUS)
    share = len(records) // sites
    names = [f"site_{i:02d}" for i in range(sites)]
    slices = {name: records[i * share : (i + 1) * share] for i, name in enumerate(names)}
    consortium = build(folder, slices, allow_noiseless=True)
    for site in consortium.sites.values():
        text = site.config.path.read_text(encoding="utf-8") + "allow_plain_aggregation = true\n"
        site.config.path.write_text(text, encoding="utf-8")
    from app.federation.config import SiteConfig

    for site in consortium.sites.values():
        site.config = SiteConfig.load(site.config.path)
    rows: list[dict[str, object]] = []
    consortium.start()
    try:
        for aggregation in ("plain", "secagg", "he"):
            study = Study(
                f"bench-{aggregation}-{sites}",
                "benchmark",
                tuple(names),
                FindingCounts(),
                epsilon=1.0,
                aggregation=aggregation,
            )  # type: ignore[arg-type]
            for site in consortium.sites.values():
                site.approve(study)
                with site.vault() as vault:
                    from app.core.federation.ledger import SiteLedger

                    SiteLedger(vault).set_budget(100.0)
            outcome = consortium.run(study, timeout=1200, reply_timeout=600, join_timeout=120)
            if not outcome.get("ok"):
                raise SystemExit(f"{aggregation} with {sites} sites failed: {outcome.get('error')}")
            rows.append(
                {
                    "sites": sites,
                    "aggregation": aggregation,
                    "seconds": outcome["seconds"],
                    "bytes": int(outcome["bytes_sent"]) + int(outcome["bytes_received"]),
                }
            )
    finally:
        consortium.stop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, nargs="+", default=[3, 5, 10])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    offline.install()
    keyring.set_keyring(fail.Keyring())
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="enclave-bench-federation-") as tmp:
        for sites in args.sites:
            rows += _measure(sites, Path(tmp) / f"sites-{sites}")
    plain = {r["sites"]: r for r in rows if r["aggregation"] == "plain"}
    for row in rows:
        base = plain[row["sites"]]
        row["time_vs_plain"] = round(float(row["seconds"]) / float(base["seconds"]), 2)  # type: ignore[arg-type]
        row["bytes_vs_plain"] = round(int(row["bytes"]) / int(base["bytes"]), 2)  # type: ignore[call-overload]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'sites':>5}  {'aggregation':<11} {'wall s':>8} {'bytes':>12} {'time/plain':>10} "
        f"{'bytes/plain':>11}"
    )
    for r in rows:
        print(
            f"{r['sites']:>5}  {r['aggregation']:<11} {float(r['seconds']):>8.1f} {int(r['bytes']):>12,} "  # type: ignore[arg-type]
            f"{r['time_vs_plain']:>10.2f} {r['bytes_vs_plain']:>11.2f}"
        )
    print("anchor: Bonawitz et al. 2017, SecAgg at 1.73-1.98x the communication of plain aggregation")


if __name__ == "__main__":
    main()
