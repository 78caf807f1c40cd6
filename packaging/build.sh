#!/usr/bin/env bash
# Build the frozen Linux app (PyInstaller one-folder) and, with --deb, the Debian package.
#
#   packaging/build.sh [--deb] [--cuda] [--self-test] [--bench-start] [--dist DIR] [--work DIR]
#                      [--no-demo-model]
#
#   --deb            also build installer/linux's .deb into DIST
#   --cuda           GPU variant: build llama-cpp-python with -DGGML_CUDA=on (CUDA 12.x toolkit
#                    needed: nvcc on PATH or CUDA_HOME) and ship it as llama_cpp/lib-cuda with
#                    the CUDA runtime (cudart, cublas); the driver (libcuda.so.1) is never shipped.
#                    CUDA_ARCHITECTURES picks the GPU generations (default 75;80;86;89;90).
#   --self-test      run the frozen app's --self-test after the build
#   --bench-start    then freeze a bare PySide6 window the same way (into WORK/bench-dist) and print
#                    the cold start to a visible window of both (tests/benchmarks/bench_frozen_start.py)
#   --no-demo-model  leave the demonstration model out of models/ (the folder is ~100 MB smaller)
#
# Uses .venv/bin/python (PYTHON overrides). The CPU llama.cpp in that environment must be the
# portable build (the Makefile's LLAMA_CMAKE_ARGS: no -march=native). Prints the folder's size.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
DEB=0 CUDA=0 SELFTEST=0 BENCH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) DEB=1 ;;
    --cuda) CUDA=1 ;;
    --self-test) SELFTEST=1 ;;
    --bench-start) BENCH=1 ;;
    --no-demo-model) export ENCLAVE_BUNDLE_MODELS=none ;;
    --dist) DIST="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$DIST" "$WORK"
DIST="$(cd "$DIST" && pwd)" WORK="$(cd "$WORK" && pwd)"

if [ "$CUDA" -eq 1 ]; then
  CUDA_HOME="${CUDA_HOME:-$(dirname "$(dirname "$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)")")}"
  [ -x "$CUDA_HOME/bin/nvcc" ] || { echo "build.sh: --cuda needs the CUDA 12 toolkit (nvcc); set CUDA_HOME" >&2; exit 1; }
  version="$("$PYTHON" -c 'from importlib.metadata import version; print(version("llama-cpp-python"))')"
  echo "building llama-cpp-python $version with CUDA ($CUDA_HOME) into $WORK/llama-cuda"
  rm -rf "$WORK/llama-cuda"
  # Same version as the CPU build, so the Python bindings match both libraries.
  CMAKE_ARGS="-DGGML_CUDA=on -DGGML_NATIVE=OFF -DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCHITECTURES:-75;80;86;89;90}" \
  CUDACXX="$CUDA_HOME/bin/nvcc" \
    "$PYTHON" -m pip install --no-deps --no-binary llama-cpp-python --no-cache-dir \
      --target "$WORK/llama-cuda" "llama-cpp-python==$version"
  export ENCLAVE_CUDA_LIB_DIR="$WORK/llama-cuda/llama_cpp/lib"
  export ENCLAVE_CUDA_RUNTIME="${CUDA_RUNTIME_DIR:-$CUDA_HOME/lib64:$CUDA_HOME/targets/x86_64-linux/lib}"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/enclave.spec"
echo "frozen app: $DIST/enclave ($(du -sh "$DIST/enclave" | cut -f1), without models/:" \
     "$(du -sh --exclude=models "$DIST/enclave" | cut -f1); built in $(( $(date +%s) - start )) s)"

if [ "$DEB" -eq 1 ]; then
  "$PYTHON" "$ROOT/packaging/make_icons.py" "$WORK/icons" >/dev/null
  bash "$ROOT/installer/linux/build_deb.sh" "$DIST/enclave" "$DIST" "$WORK/icons"
fi
if [ "$SELFTEST" -eq 1 ]; then
  "$DIST/enclave/enclave" --self-test
fi
if [ "$BENCH" -eq 1 ]; then
  "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/bench-dist" --workpath "$WORK/bench" "$ROOT/packaging/bench/bare_window.spec"
  (cd "$ROOT" && "$PYTHON" -m tests.benchmarks.bench_frozen_start \
    --app "$DIST/enclave" --bare "$WORK/bench-dist/bare_window")
fi
