<#
.SYNOPSIS
Build kamarhitung for Windows: the one-folder program and its installer. One command, on Windows:

    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1

.DESCRIPTION
Needs Python 3.11 (x64; python.org or `winget install Python.Python.3.11`) and NSIS 3
(`winget install NSIS.NSIS`, or `choco install nsis`). Internet is needed once, for pip.

Steps: a virtual environment in build\venv with the application and PyInstaller; the English
translation (.qm) and the icons (.ico); PyInstaller (installer\kamarhitung.spec) into
build\dist\kamarhitung (kamarhitung.exe, kamarhitung-cli.exe, _internal\); `kamarhitung-cli.exe
--smoke` from the built folder; makensis (installer\windows.nsi) into
dist\kamarhitung-<version>-windows-x64-setup.exe.

PyInstaller cannot cross-compile: this must run on Windows (.github\workflows\windows.yml runs it
on a GitHub Windows runner).

.PARAMETER Python
The Python that makes the virtual environment (default: `py -3.11` when the launcher exists, else
`python`).

.PARAMETER Makensis
makensis.exe (default: on PATH, else in Program Files (x86)\NSIS or Program Files\NSIS).

.PARAMETER NoSmoke
Skip running --smoke from the built folder.
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Makensis = "",
    [switch]$NoSmoke
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Started = Get-Date

function Invoke-Checked {
    # Run a program; stop the build when it fails (PowerShell does not, for native programs).
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "build-windows: '$Exe $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

# --- 1. the virtual environment -------------------------------------------------------------
$Venv = Join-Path $Root "build\venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        Invoke-Checked $Python @("-m", "venv", $Venv)
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv)
    } else {
        Invoke-Checked "python" @("-m", "venv", $Venv)
    }
}
# The PySide6 tools (pyside6-lrelease for tools\i18n.py) are found on PATH.
$env:PATH = (Join-Path $Venv "Scripts") + ";" + $env:PATH
Invoke-Checked $VenvPython @("-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip")
# Exactly the lock (the same file dev.sh installs on Linux; it is resolved for every platform):
# hashes required, then the project itself with no dependency resolution of its own.
Invoke-Checked $VenvPython @("-m", "pip", "install", "--disable-pip-version-check", "-q", "--require-hashes", "-r", "requirements\requirements-dev.lock")
Invoke-Checked $VenvPython @("-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "--no-build-isolation", ".")
Invoke-Checked $VenvPython @("tools\lock.py", "installed")
$Version = (& $VenvPython -c "import kamarhitung; print(kamarhitung.__version__)").Trim()
if ($LASTEXITCODE -ne 0) { throw "build-windows: kamarhitung is not importable" }
Write-Host "build-windows: kamarhitung $Version for windows-x64"

# --- 2. translations and icons ----------------------------------------------------------------
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked $VenvPython @("tools\i18n.py", "build", "--force")
Invoke-Checked $VenvPython @("installer\icons.py", "build\icons")

# --- 3. the one-folder program --------------------------------------------------------------
$Bundle = Join-Path $Root "build\dist\kamarhitung"
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
    "--distpath", "build\dist", "--workpath", "build\pyinstaller", "installer\kamarhitung.spec")
$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum
Write-Host ("build-windows: {0}: {1:N0} MB" -f $Bundle, ($Size / 1e6))

# --- 4. does it work, from the built folder? -----------------------------------------------
if (-not $NoSmoke) {
    Push-Location $env:TEMP
    try { Invoke-Checked (Join-Path $Bundle "kamarhitung-cli.exe") @("--smoke") }
    finally { Pop-Location }
}

# --- 5. the installer -------------------------------------------------------------------------
if (-not $Makensis) {
    $Found = Get-Command makensis -ErrorAction SilentlyContinue
    if ($Found) {
        $Makensis = $Found.Source
    } else {
        $Makensis = @(
            (Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe"),
            (Join-Path $env:ProgramFiles "NSIS\makensis.exe")
        ) | Where-Object { Test-Path $_ } | Select-Object -First 1
    }
}
if (-not $Makensis) {
    throw "build-windows: makensis.exe not found: install NSIS 3 (winget install NSIS.NSIS) or pass -Makensis"
}
# VIProductVersion wants four numbers: 0.1.0 -> 0.1.0.0 (a suffix such as .dev1 is dropped).
$Numbers = @([regex]::Matches($Version, "\d+") | ForEach-Object { $_.Value } | Select-Object -First 4)
while ($Numbers.Count -lt 4) { $Numbers += "0" }
$ViVersion = $Numbers -join "."
New-Item -ItemType Directory -Force -Path (Join-Path $Root "dist") | Out-Null
$Setup = Join-Path $Root "dist\kamarhitung-$Version-windows-x64-setup.exe"
Invoke-Checked $Makensis @("/V2", "/WX",
    "/DVERSION=$Version", "/DVIVERSION=$ViVersion",
    "/DSOURCE_DIR=$Bundle",
    "/DICON=$(Join-Path $Root 'build\icons\kamarhitung.ico')",
    "/DOUTFILE=$Setup",
    "installer\windows.nsi")

$Seconds = [int]((Get-Date) - $Started).TotalSeconds
Write-Host ("build-windows: {0}: {1:N0} MB, {2} s" -f $Setup, ((Get-Item $Setup).Length / 1e6), $Seconds)
Write-Host "build-windows: install by running it (no administrator rights needed)."
