# Shared prologue of packaging/gpu_check.sh and packaging/gpu_variant_check.sh (sourced, not
# run): strict mode, the repository root as working folder, OUT/WORK/PY/THREADS, a timer,
# the offline wheels (WHEELS) on PYTHONPATH and the GPU named in $OUT/gpu.txt.
# The caller sets DEFAULT_OUT and DEFAULT_WORK first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${OUT:-$PWD/$DEFAULT_OUT}
WORK=${WORK:-$DEFAULT_WORK}
PY=${PYTHON:-python3}
THREADS=$(nproc)
mkdir -p "$OUT" "$WORK"
start=$(date +%s)
stamp() { echo "[$(( $(date +%s) - start ))s] $*"; }

if [ -n "${WHEELS:-}" ]; then
  $PY -m pip install -q --no-index --no-deps --no-compile --target "$WORK/site" "$WHEELS"/*.whl
  export PYTHONPATH="$WORK/site:${PYTHONPATH:-}"
fi
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt" || true
