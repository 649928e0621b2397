#!/usr/bin/env bash
# Set-up and entry points for developers and CI: `./dev.sh demo`, `./dev.sh test`, `./dev.sh bench`.
# Idempotent: installs what is missing (Debian packages when run as root, a .venv with the project),
# then does the job. Works on a fresh Debian machine with Python 3.11.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

debs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
      xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 poppler-utils age openssl nsis)

ensure_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "dev.sh: installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "dev.sh: missing Debian packages (run as root or install them): ${missing[*]}" >&2
  fi
}

# uv installs the locked set; its own version is pinned here and moved with `./dev.sh upgrade`.
UV_VERSION="0.13.9"

ensure_venv() {
  local py="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
  fi
  if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
  fi
  # The lock must agree with pyproject.toml before anything is installed from it (offline check).
  .venv/bin/python tools/lock.py check
  local stamp=".venv/.kamarhitung-installed"
  local want
  want="$(cat pyproject.toml requirements/requirements-dev.lock | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # Exactly the lock: `pip sync` removes what the lock does not name, hashes are required.
    UV_SYSTEM_CERTS=1 .venv/bin/uv pip sync -q --python .venv/bin/python --require-hashes \
      requirements/requirements-dev.lock
    # The project itself, with nothing more: its build backend (setuptools) is in the lock too.
    UV_SYSTEM_CERTS=1 .venv/bin/uv pip install -q --python .venv/bin/python --no-deps \
      --no-build-isolation -e .
    echo "$want" > "$stamp"
  fi
  # What is installed is what is locked (a package upgraded by hand in .venv fails here).
  .venv/bin/python tools/lock.py installed
}

cmd="${1:-help}"
shift || true
case "$cmd" in
  demo)
    ensure_debs; ensure_venv
    ws="${KAMARHITUNG_DEMO_DIR:-$here/demo-workspace}"
    if [ ! -f "$ws/demo-credentials.json" ]; then
      .venv/bin/kamarhitung demo "$ws" --entries mixed "$@"
    fi
    pw="$(.venv/bin/python -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(u["password"] for u in d["users"] if u["name"]=="supervisor1"))' "$ws/demo-credentials.json")"
    export KAMARHITUNG_PASSWORD="$pw"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "dev.sh: no display; starting under xvfb-run (invisible). Set DISPLAY to see the window." >&2
      exec xvfb-run -a .venv/bin/kamarhitung --workspace "$ws" --user supervisor1
    fi
    exec .venv/bin/kamarhitung --workspace "$ws" --user supervisor1
    ;;
  test)
    ensure_debs; ensure_venv
    export QT_QPA_PLATFORM=offscreen
    # In CI (which reaches the package index): re-locking now must give exactly the committed
    # lock, so a pyproject.toml changed without `tools/lock.py write` fails before any test.
    # Elsewhere the offline check in ensure_venv is enough (it works without a network).
    if [ -n "${CI:-}" ]; then .venv/bin/python tools/lock.py current; fi
    .venv/bin/ruff check src tests bench tools
    .venv/bin/ruff format --check src tests bench tools
    .venv/bin/mypy
    .venv/bin/lint-imports
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    if [ $rc -eq 0 ] && [ $# -eq 0 ]; then
      # The same store, service and CLI tests on a room's engine: a real PostgreSQL cluster from
      # the wheel's binaries (the ones users get), started by the suite on 127.0.0.1 (as the
      # kamarhitung-pg account when run as root, as in CI), plus the room's own tests.
      .venv/bin/python -m pytest -p no:cacheprovider --engine=postgresql \
        tests/store tests/services tests/cli
      rc=$?
    fi
    set -e
    if [ $rc -eq 5 ]; then echo "dev.sh: pytest collected no tests: failing" >&2; exit 1; fi
    exit $rc
    ;;
  bench)
    ensure_debs; ensure_venv
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m bench "$@"
    ;;
  setup)
    ensure_debs; ensure_venv
    ;;
  upgrade)
    # One deliberate, tested change: re-lock to the newest versions pyproject.toml allows,
    # install them, and run the whole suite. Commit requirements/*.lock only if it passes.
    ensure_debs; ensure_venv
    latest="$(.venv/bin/python -m pip index versions uv 2>/dev/null | sed -n 's/^uv (\(.*\))$/\1/p')"
    if [ -n "$latest" ] && [ "$latest" != "$UV_VERSION" ]; then
      echo "dev.sh: uv $latest is available (pinned: $UV_VERSION); change UV_VERSION to move it" >&2
    fi
    .venv/bin/python tools/lock.py upgrade
    git --no-pager diff --stat -- requirements/ || true
    exec "$0" test "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo|test|bench|setup|upgrade" >&2; exit 2;;
esac
