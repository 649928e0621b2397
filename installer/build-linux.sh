#!/usr/bin/env bash
# Build kamarhitung for Linux: the one-folder bundle and the tarball a supervisor installs from.
#
#   installer/build-linux.sh              # build, run --smoke from the built folder, pack
#   installer/build-linux.sh --no-smoke   # the same without the smoke
#
# Gives build/dist/kamarhitung/ (the program folder) and
# dist/kamarhitung-<version>-linux-<arch>.tar.gz (the folder, kamarhitung.desktop, the icon,
# install.sh and README.txt). Uses .venv (`./dev.sh setup` makes it) with PyInstaller in it;
# PYTHON=/path/to/python to use another. Build on the oldest Linux you want to support: the
# bundle needs a glibc at least as new as the build machine's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

smoke=1
for arg in "$@"; do
  case "$arg" in
    --no-smoke) smoke=0 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-linux: unknown option $arg" >&2; exit 2 ;;
  esac
done

py="${PYTHON:-$root/.venv/bin/python}"
if [ ! -x "$py" ]; then
  echo "build-linux: no Python at $py: run ./dev.sh setup first (or set PYTHON)" >&2
  exit 2
fi
# The build installs nothing itself: it uses the environment `./dev.sh setup` made from the lock
# (requirements/requirements-dev.lock, PyInstaller included), and refuses one that drifted from it.
if ! "$py" tools/lock.py installed; then
  echo "build-linux: $py does not have exactly the locked versions: run ./dev.sh setup" >&2
  exit 2
fi
version="$("$py" -c 'import kamarhitung; print(kamarhitung.__version__)')"
arch="$(uname -m)"
name="kamarhitung-$version-linux-$arch"
started=$SECONDS
echo "build-linux: kamarhitung $version for linux-$arch"

# 1. What the bundle carries besides code: the English translation and the icons.
"$py" tools/i18n.py build --force
QT_QPA_PLATFORM=offscreen "$py" installer/icons.py build/icons >/dev/null

# 2. The one-folder bundle.
rm -rf build/dist/kamarhitung
"$py" -m PyInstaller --noconfirm --log-level ERROR \
  --distpath build/dist --workpath build/pyinstaller installer/kamarhitung.spec
bundle=build/dist/kamarhitung
size=$(du -sb "$bundle" | cut -f1)
echo "build-linux: $bundle: $((size / 1000000)) MB"

# 3. Does it work, from the built folder, with nothing of the source tree around?
if [ "$smoke" = 1 ]; then
  (cd /tmp && QT_QPA_PLATFORM=offscreen "$root/$bundle/kamarhitung" --smoke)
fi

# 4. The tarball.
stage="build/stage/$name"
rm -rf build/stage
mkdir -p "$stage" dist
cp -a "$bundle" "$stage/kamarhitung"
cp build/icons/kamarhitung.png "$stage/kamarhitung.png"
cp src/kamarhitung/resources/icons/kamarhitung.svg "$stage/kamarhitung.svg"
cp installer/linux/kamarhitung.desktop installer/linux/README.txt "$stage/"
install -m 755 installer/linux/install.sh "$stage/install.sh"
tarball="dist/$name.tar.gz"
tar -C build/stage --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "build-linux: $tarball: $(($(stat -c %s "$tarball") / 1000000)) MB (bundle $((size / 1000000)) MB), $((SECONDS - started)) s"
echo "build-linux: install with: tar xzf $tarball && $name/install.sh"
