# Build Enclave for Windows: the PyInstaller folder, then the NSIS installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Cuda] [-NoInstaller] [-Dist DIR]
#
#   -Cuda         GPU variant: build llama-cpp-python with -DGGML_CUDA=on (CUDA 12.x toolkit,
#                 CUDA_PATH set, Visual Studio 2022 Build Tools) and ship it as
#                 llama_cpp\lib-cuda with cudart64_12/cublas64_12/cublasLt64_12 from
#                 %CUDA_PATH%\bin. The driver (nvcuda.dll) is never shipped: at start the app
#                 uses the CUDA build when the driver loads, else the portable CPU build, and
#                 says so (ENCLAVE_LLAMA_NOTICE, shown by `enclave doctor` and --self-test).
#   -NoInstaller  stop after the PyInstaller folder
#
# Needs: Python 3.11+ with .venv made by `pip install -e .[dev]` (the CPU llama.cpp built with
# CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON ..." so it runs on every x86-64 CPU), and
# NSIS 3 (makensis on PATH) for the installer. Nothing is downloaded by the result.
param(
  [switch]$Cuda,
  [switch]$NoInstaller,
  [string]$Dist = "dist",
  [string]$Work = "build\pyinstaller"
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Python = if ($env:PYTHON) { $env:PYTHON } else { Join-Path $Root ".venv\Scripts\python.exe" }
New-Item -ItemType Directory -Force -Path $Dist, $Work | Out-Null
$Dist = (Resolve-Path $Dist).Path
$Work = (Resolve-Path $Work).Path

& $Python packaging\make_icons.py "$Work\icons" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "make_icons.py failed" }
$env:ENCLAVE_ICON = "$Work\icons\enclave.ico"

if ($Cuda) {
  if (-not $env:CUDA_PATH) { throw "-Cuda needs the CUDA 12 toolkit (CUDA_PATH is not set)" }
  $version = & $Python -c "from importlib.metadata import version; print(version('llama-cpp-python'))"
  $target = Join-Path $Work "llama-cuda"
  if (Test-Path $target) { Remove-Item -Recurse -Force $target }
  $arch = if ($env:CUDA_ARCHITECTURES) { $env:CUDA_ARCHITECTURES } else { "75;80;86;89;90" }
  $env:CMAKE_ARGS = "-DGGML_CUDA=on -DGGML_NATIVE=OFF -DCMAKE_CUDA_ARCHITECTURES=$arch"
  & $Python -m pip install --no-deps --no-binary llama-cpp-python --no-cache-dir --target $target "llama-cpp-python==$version"
  if ($LASTEXITCODE -ne 0) { throw "the CUDA build of llama-cpp-python failed" }
  Remove-Item Env:\CMAKE_ARGS
  $env:ENCLAVE_CUDA_LIB_DIR = Join-Path $target "llama_cpp\lib"
  $env:ENCLAVE_CUDA_RUNTIME = Join-Path $env:CUDA_PATH "bin"
}

& $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath $Dist --workpath $Work packaging\enclave.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$size = (Get-ChildItem -Recurse -File "$Dist\enclave" | Measure-Object -Sum Length).Sum / 1MB
Write-Output ("frozen app: $Dist\enclave ({0:N0} MB)" -f $size)

& "$Dist\enclave\enclave.exe" --self-test
if ($LASTEXITCODE -ne 0) { throw "the frozen app's self-test failed" }

if (-not $NoInstaller) {
  $appVersion = ((& "$Dist\enclave\enclave.exe" --version) -split " ")[1]
  $suffix = if ($Cuda) { "win64-cuda12" } else { "win64" }
  & makensis /V2 /DPAYLOAD="$Dist\enclave" /DVERSION=$appVersion `
    /DOUTFILE="$Dist\Enclave-$appVersion-$suffix.exe" /DICON="$Work\icons\enclave.ico" `
    installer\windows\enclave.nsi
  if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
  Write-Output "installer: $Dist\Enclave-$appVersion-$suffix.exe"
}
