#!/usr/bin/env bash
# GPU check for a Linux machine with an NVIDIA GPU, the CUDA toolkit, cmake, ninja and
# scikit-build-core. Builds llama-cpp-python with CUDA from the sdist it is given (or uses
# an installed CUDA build with LLAMA_PREBUILT=1), writes a random-weight GGUF with the real
# Qwen2.5-7B-Instruct shapes, quantises it to Q4_K_M, runs `enclave doctor` and the GPU bench
# with every layer offloaded, then the vision path (the same weights as Qwen2.5-VL-7B's text
# half, a random projector with its vision tower's shapes: image encode, first token, decode).
# Nothing is downloaded. Sized to finish in under 10 minutes on an H100 including the build.
#
#   LLAMA_SDIST=path/to/llama_cpp_python-X.tar.gz WHEELS=path/to/wheels OUT=results/ \
#     bash packaging/gpu_check.sh
DEFAULT_OUT=gpu-check-results DEFAULT_WORK=/tmp/enclave-gpu-check
. "$(dirname "$0")/gpu_common.sh"
export PYTHONPATH="$PWD:${PYTHONPATH:-}"

if [ "${LLAMA_PREBUILT:-0}" != "1" ]; then
  stamp "building llama-cpp-python with CUDA (background)"
  (set +e; CMAKE_ARGS="-DGGML_CUDA=on -DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCH:-native}" \
   CMAKE_BUILD_PARALLEL_LEVEL=$THREADS \
   $PY -m pip install -q --no-index --no-deps --no-build-isolation --target "$WORK/llama" \
     ${LLAMA_SDIST:?set LLAMA_SDIST} > "$OUT/build.log" 2>&1; echo $? > "$WORK/build.rc") &
  build_pid=$!
fi

stamp "writing the F16 GGUF with Qwen2.5-7B shapes"
$PY packaging/gpu_check.py write "$WORK/qwen7b-shape-f16.gguf"
stamp "writing the F16 vision projector with Qwen2.5-VL-7B shapes"
$PY packaging/gpu_check_vision.py mmproj "$WORK/mmproj-qwen2.5-vl-7b-shape-f16.gguf"

if [ "${LLAMA_PREBUILT:-0}" != "1" ]; then
  wait $build_pid || true
  if [ "$(cat "$WORK/build.rc")" != "0" ]; then tail -40 "$OUT/build.log"; exit 1; fi
  export PYTHONPATH="$WORK/llama:$PYTHONPATH"
  stamp "build done"
fi

stamp "quantising to Q4_K_M"
$PY packaging/gpu_check.py quantize "$WORK/qwen7b-shape-f16.gguf" "$WORK/qwen7b-shape-q4_k_m.gguf" "$THREADS"
rm -f "$WORK/qwen7b-shape-f16.gguf"
ls -la "$WORK/qwen7b-shape-q4_k_m.gguf"

stamp "enclave doctor"
ENCLAVE_HOME="$WORK/home" $PY -m app doctor --json --model "$WORK/qwen7b-shape-q4_k_m.gguf" \
  > "$OUT/doctor.json" || echo "doctor exited $?"
$PY -c "import json,sys; d=json.load(open(sys.argv[1])); print('doctor ok:', d['ok'], d['problems']); print('load:', d['model'].get('load',{}).get('summary'))" "$OUT/doctor.json" || true

stamp "bench"
ENCLAVE_HOME="$WORK/home" $PY packaging/gpu_check.py bench "$WORK/qwen7b-shape-q4_k_m.gguf" "$OUT/bench.json"

stamp "vision: the same weights as the text half of Qwen2.5-VL-7B, and the projector"
$PY packaging/gpu_check_vision.py as-vl "$WORK/qwen7b-shape-q4_k_m.gguf" "$WORK/qwen2.5-vl-7b-shape-q4_k_m.gguf"
ENCLAVE_HOME="$WORK/home" $PY packaging/gpu_check_vision.py bench "$WORK/qwen2.5-vl-7b-shape-q4_k_m.gguf" \
  "$WORK/mmproj-qwen2.5-vl-7b-shape-f16.gguf" "$OUT/vision.json" "$OUT/bench.json"
stamp "done"
