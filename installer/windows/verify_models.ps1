# Copies the model files listed in the offline bundle's SHA256SUMS into the install folder and
# checks each SHA-256, at the source and again after copying. Run by the NSIS installer:
#   powershell -NoProfile -ExecutionPolicy Bypass -File verify_models.ps1 -Bundle DIR -Dest DIR
# Exit status: 0 all models copied and verified (or none in the bundle), 1 a mismatch or error.
param(
  [Parameter(Mandatory = $true)][string]$Bundle,
  [Parameter(Mandatory = $true)][string]$Dest
)
$ErrorActionPreference = "Stop"
$sums = Join-Path $Bundle "SHA256SUMS"
if (-not (Test-Path -LiteralPath $sums)) {
  Write-Output "No SHA256SUMS beside the installer: no model copied (copy one into $Dest later)."
  exit 0
}
New-Item -ItemType Directory -Force -Path $Dest | Out-Null
$copied = 0
foreach ($line in Get-Content -LiteralPath $sums) {
  if ($line -notmatch '^([0-9a-fA-F]{64}) [ *](models/[^/\\]+\.gguf)$') { continue }
  $expected = $Matches[1].ToLower()
  $source = Join-Path $Bundle ($Matches[2] -replace '/', '\')
  $name = Split-Path -Leaf $source
  if (-not (Test-Path -LiteralPath $source)) {
    Write-Output "$name is listed in SHA256SUMS but missing from the bundle."
    exit 1
  }
  $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $source).Hash.ToLower()
  if ($actual -ne $expected) {
    Write-Output "$name in the bundle is damaged: SHA-256 $actual, expected $expected. Copy the bundle again."
    exit 1
  }
  $target = Join-Path $Dest $name
  Copy-Item -LiteralPath $source -Destination $target -Force
  $after = (Get-FileHash -Algorithm SHA256 -LiteralPath $target).Hash.ToLower()
  if ($after -ne $expected) {
    Write-Output "$name was damaged while copying (SHA-256 $after). Check the disk and run the installer again."
    exit 1
  }
  Write-Output "$name copied and verified ($expected)."
  $copied++
}
Write-Output "$copied model file(s) installed."
exit 0
