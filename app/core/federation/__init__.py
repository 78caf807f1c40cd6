"""Cross-hospital studies, the part with no network: what a site may compute and send.

A site's structured findings (:mod:`records`) answer a declared study query (:mod:`queries`)
as a fixed-shape vector of counts; each site adds its own differentially private noise
(:mod:`privacy`, OpenDP) within a kept budget (:mod:`ledger`), and the vector is aggregated
either under Flower's SecAgg+ (:mod:`secagg`, which this package scales and checks so that
nothing is clipped silently) or under homomorphic encryption (:mod:`homomorphic`, TenSEAL).
The Flower-facing processes live in ``app/federation``; nothing here imports flwr.
"""
