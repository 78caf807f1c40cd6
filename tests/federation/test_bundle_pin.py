"""The bundle pin, in both Flower runtimes that install an app bundle (issue 27, item 2): a
site's flwr-clientapp and the coordinator's flwr-serverapp refuse any bundle but this Enclave
version's own before Flower unpacks it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from app.federation import bundle, runtime


@pytest.mark.parametrize("command", sorted(runtime.PINNED))
def test_each_runtime_refuses_a_foreign_bundle_before_installing_it(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FLWR_HOME", str(tmp_path / "flwr"))
    monkeypatch.setenv("ENCLAVE_FEDERATION_REFUSALS", str(tmp_path / "refused.log"))
    module = importlib.import_module(runtime.PINNED[command])
    monkeypatch.setattr(module, "install_from_fab", module.install_from_fab)  # restored after the test
    runtime._pin_bundle(runtime.PINNED[command])
    foreign = bytearray(bundle.fab_bytes())
    foreign[-1] ^= 1  # one bit of someone else's code
    with pytest.raises(runtime.ForeignBundle, match="refused an app bundle"):
        module.install_from_fab(bytes(foreign), skip_prompt=True)
    assert not (tmp_path / "flwr").exists() or not list((tmp_path / "flwr").rglob("*.py"))
    assert "refused an app bundle" in (tmp_path / "refused.log").read_text(encoding="utf-8")
    module.install_from_fab(bundle.fab_bytes(), skip_prompt=True)  # its own is installed
    assert list((tmp_path / "flwr").rglob("server.py"))
