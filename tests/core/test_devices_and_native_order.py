import subprocess
import sys

from app.core.llm.devices import list_devices
from app.core.llm.engine import build_info


def test_ggml_device_registry_is_read_through_the_c_api():
    devices = list_devices()
    cpu = [d for d in devices if d.kind == "CPU"]
    assert len(cpu) == 1
    assert cpu[0].memory_total_mib > 100  # this machine's RAM, as ggml reports it
    info = build_info()
    assert info["devices"][0]["kind"] in ("CPU", "GPU")
    if not info["gpu_offload_supported"]:
        assert all(d["kind"] == "CPU" for d in info["devices"])


def test_llama_cpp_loads_before_any_dicom_codec():
    """A CUDA build segfaults when a pylibjpeg codec was imported before llama_cpp (seen
    on an H200): every entry point loads llama.cpp first."""
    for entry in ("import app.services", "import app.cli"):
        code = (
            f"{entry}\nimport sys, pydicom\n"
            "import pylibjpeg, libjpeg, openjpeg, rle\n"
            "names = list(sys.modules)\n"
            "print(names.index('llama_cpp') < min(names.index(m) for m in "
            "('pylibjpeg', 'libjpeg', 'openjpeg', 'rle')))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True", entry
