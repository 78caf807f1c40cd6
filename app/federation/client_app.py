"""Enclave's ClientApp, at each site: answers a study through app/federation/site.py.

A legacy NumPyClient so that Flower's ``secaggplus_mod`` wraps ``fit``: ``get_properties``
answers the coordinator's checks and the homomorphic phases; ``fit`` returns the site's
noised vector for SecAgg+ (weight = SecAgg+'s max_weight, so the unmasked mean times the
number of sites is the exact sum). The site's config comes from the node's
``site-config`` node-config value; its vault from ENCLAVE_HOME.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from flwr.client import ClientApp, NumPyClient
from flwr.client.mod import secaggplus_mod
from flwr.common import Context

from app.core.federation.secagg import MAX_WEIGHT
from app.federation import bundle, site
from app.federation.config import SiteConfig


class SiteClient(NumPyClient):
    def __init__(self, context: Context) -> None:
        self.config = SiteConfig.load(Path(str(context.node_config["site-config"])))
        self.fab_hash = bundle.fab_hash()

    def _request(self, config: dict[str, Any]) -> site.Request:
        return site.Request.parse(
            str(config.get("study", "")), str(config.get("signature", "")), self.fab_hash
        )

    def _training(self, config: dict[str, Any]) -> site.TrainingRequest:
        return site.TrainingRequest.parse(
            str(config.get("plan", "")), str(config.get("signature", "")), self.fab_hash
        )

    def get_properties(self, config: dict[str, Any]) -> dict[str, Any]:
        reply: dict[str, Any] = {"site": self.config.name}
        if config.get("kind") == "training":
            try:
                training = self._training(config)
                with site.open_vault() as vault:
                    if config.get("phase") == "check":
                        site.check_training(self.config, training, vault)
                        reply["ok"] = True
                    elif config.get("phase") == "install":
                        model = bytes(config["model"])
                        reply["installed"] = site.install_model(self.config, training, vault, model)
                    else:
                        raise site.StudyRefused(f"unknown training phase {config.get('phase')!r}")
            except (site.StudyRefused, PermissionError, ValueError, OSError) as exc:
                reply["error"] = str(exc)
            return reply
        try:
            request = self._request(config)
            with site.open_vault() as vault:
                phase = config.get("phase")
                if phase == "check":
                    site.check(self.config, request, vault)
                    reply["ok"] = True
                elif phase == "encrypt":
                    # The site's own copy of the consortium's public context, never one the
                    # coordinator sends (it could hold that one's secret key).
                    if self.config.he_public is None:
                        raise site.StudyRefused(f"{self.config.name} has no he_public context configured")
                    public = self.config.he_public.read_bytes()
                    ciphertext, signature = site.encrypted_answer(self.config, request, vault, public)
                    reply["ciphertext"], reply["contribution_signature"] = ciphertext, signature
                elif phase == "plain":
                    if request.study.aggregation != "plain":
                        raise site.StudyRefused("this study is not a plain-aggregation study")
                    _, payload = site.answer(
                        self.config, request, vault, lambda flat: json.dumps(flat).encode(), "plain"
                    )
                    reply["values"] = payload.decode()
                elif phase == "decrypt":
                    # One signed ciphertext per site, as "ciphertext.SITE" and "signature.SITE".
                    contributions = {
                        key.split(".", 1)[1]: (bytes(value), str(config.get("signature." + key[11:], "")))
                        for key, value in config.items()
                        if key.startswith("ciphertext.") and isinstance(value, bytes)
                    }
                    total = site.decrypt_total(self.config, request, vault, contributions)
                    reply["values"] = json.dumps(total)
                else:
                    raise site.StudyRefused(f"unknown phase {phase!r}")
        except (site.StudyRefused, PermissionError, ValueError, OSError) as exc:
            reply["error"] = str(exc)
        return reply

    def fit(self, parameters: list[Any], config: dict[str, Any]) -> tuple[list[Any], int, dict[str, Any]]:
        if config.get("kind") == "training":
            # One round: the update (Δ·n, n) SecAgg+ masks; an error fails this site's part of
            # the round, and the coordinator ends the run if too few sites remain.
            training = self._training(config)
            weights = np.concatenate([np.asarray(p, dtype=float).ravel() for p in parameters])
            with site.open_vault() as vault:
                flat = site.training_round(self.config, training, vault, weights, int(config["round"]))
            return [flat], int(MAX_WEIGHT), {}
        request = self._request(config)
        with site.open_vault() as vault:
            # The vector SecAgg+ masks (float64, before Flower adds its weight factor and masks).
            _, payload = site.answer(
                self.config, request, vault, lambda flat: np.array(flat, dtype=float).tobytes(), "secagg"
            )
        return [np.frombuffer(payload, dtype=float).copy()], int(MAX_WEIGHT), {}


def client_fn(context: Context) -> Any:
    return SiteClient(context).to_client()


app = ClientApp(client_fn=client_fn, mods=[secaggplus_mod])
