#!/usr/bin/env bash
# The GPU bundle's two llama.cpp builds, checked on a machine with an NVIDIA GPU, its driver,
# the CUDA toolkit, cmake, ninja and scikit-build-core. Nothing is downloaded.
#
# Builds llama-cpp-python twice from the sdist it is given: the portable CPU build
# (GGML_NATIVE=OFF, as the bundle ships it in llama_cpp/lib) and the CUDA build (shipped as
# llama_cpp/lib-cuda). Lays them out as the frozen bundle does, then runs `enclave doctor`
# with a tiny model three times: driver present (expects variant cuda, every layer on the
# GPU), ENCLAVE_FORCE_CPU=1 (variant cpu, CPU only) and a missing driver (variant cpu, the
# "No NVIDIA driver found" notice). Exit 0 only if all three hold.
#
#   LLAMA_SDIST=path/to/llama_cpp_python-X.tar.gz [WHEELS=path/to/wheels] [OUT=results/] \
#     bash packaging/gpu_variant_check.sh
#   LLAMA_CPU_PKG=... LLAMA_CUDA_LIB=...   use builds made earlier instead of building
DEFAULT_OUT=gpu-variant-results DEFAULT_WORK=/tmp/enclave-gpu-variant
. "$(dirname "$0")/gpu_common.sh"

build() {  # $1 name, $2 CMAKE_ARGS, $3 parallel level
  (set +e; CMAKE_ARGS="$2" CMAKE_BUILD_PARALLEL_LEVEL=$3 \
   $PY -m pip install -q --no-index --no-deps --no-build-isolation --target "$WORK/$1" \
     "${LLAMA_SDIST:?set LLAMA_SDIST}" > "$OUT/build-$1.log" 2>&1; echo $? > "$WORK/$1.rc")
}

CPU_PKG=${LLAMA_CPU_PKG:-}
CUDA_LIB=${LLAMA_CUDA_LIB:-}
if [ -z "$CPU_PKG" ] || [ -z "$CUDA_LIB" ]; then
  stamp "building the CPU and CUDA builds side by side"
  cpu_threads=$(( THREADS / 4 > 2 ? THREADS / 4 : 2 ))
  build cpu "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" "$cpu_threads" &
  cpu_pid=$!
  build cuda "-DGGML_CUDA=on -DGGML_NATIVE=OFF -DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCH:-native}" "$THREADS" &
  cuda_pid=$!
  wait $cpu_pid $cuda_pid || true
  for name in cpu cuda; do
    if [ "$(cat "$WORK/$name.rc")" != "0" ]; then tail -30 "$OUT/build-$name.log"; exit 1; fi
  done
  CPU_PKG=$WORK/cpu/llama_cpp
  CUDA_LIB=$WORK/cuda/llama_cpp/lib
  stamp "builds done"
fi

# The bundle's layout: one llama_cpp package, CPU libraries in lib/, the CUDA build in lib-cuda/.
rm -rf "$WORK/bundle" && mkdir -p "$WORK/bundle"
cp -a "$CPU_PKG" "$WORK/bundle/llama_cpp"
cp -a "$CUDA_LIB" "$WORK/bundle/llama_cpp/lib-cuda"
export PYTHONPATH="$WORK/bundle:$PWD:${PYTHONPATH:-}"
$PY -c "import sys; sys.path.insert(0, '$PWD'); from tests.fixtures.tiny_qwen2 import write_tiny_qwen2; \
write_tiny_qwen2(__import__('pathlib').Path('$WORK/tiny.gguf'))"

run_doctor() {  # $1 label, then env assignments
  local label=$1; shift
  env "$@" ENCLAVE_HOME="$WORK/home-$label" $PY -m app doctor --json --model "$WORK/tiny.gguf" \
    > "$OUT/doctor-$label.json" 2> "$OUT/doctor-$label.err" || true
}
stamp "doctor: driver present"; run_doctor cuda
stamp "doctor: ENCLAVE_FORCE_CPU=1"; run_doctor forced ENCLAVE_FORCE_CPU=1
stamp "doctor: driver missing"; run_doctor nodriver ENCLAVE_CUDA_DRIVER=libcuda-enclave-missing.so.1

$PY - "$OUT" <<'EOF'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
failures = []
for label, variant, gpu in (("cuda", "cuda", True), ("forced", "cpu", False), ("nodriver", "cpu", False)):
    try:
        report = json.loads((out / f"doctor-{label}.json").read_text())
    except (OSError, ValueError) as exc:
        failures.append(f"{label}: no doctor report ({exc}); stderr: {(out / f'doctor-{label}.err').read_text()[-800:]}")
        continue
    build = report.get("llama_build", {})
    load = report.get("model", {}).get("load", {})
    summary = load.get("summary", "")
    print(f"{label:>9}: variant={build.get('variant')} notice={build.get('notice')!r}\n           load: {summary}")
    if build.get("variant") != variant:
        failures.append(f"{label}: variant {build.get('variant')}, expected {variant}")
    on_gpu = "CUDA" in summary and "layers on GPU" in summary
    if on_gpu != gpu:
        failures.append(f"{label}: load summary {summary!r}, expected {'GPU' if gpu else 'CPU'}")
    if label == "nodriver" and "No NVIDIA driver found" not in (build.get("notice") or ""):
        failures.append("nodriver: the CPU-fallback notice is missing")
(out / "verdict.txt").write_text("\n".join(failures) or "ok\n")
print("\n".join(failures) if failures else "all three variants behave as documented")
sys.exit(1 if failures else 0)
EOF
stamp "done"
