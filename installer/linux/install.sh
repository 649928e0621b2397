#!/bin/sh
# Install kamarhitung for this user, without root and without internet:
#
#   ./install.sh               install, or replace an installed version
#   ./install.sh --uninstall   remove the program and its menu entry
#
# The program goes to ~/.local/opt/kamarhitung, the menu entry to ~/.local/share/applications, the
# icon to ~/.local/share/icons, and a `kamarhitung` command to ~/.local/bin. Workspaces, the demo
# (~/.local/share/kamarhitung) and the settings (~/.config/kamarhitung) are the user's data: neither
# an update nor --uninstall touches them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/kamarhitung"
bin="$HOME/.local/bin"
apps="$data/applications"
icons="$data/icons/hicolor"
marker=".kamarhitung-program"  # marks a folder this script made: the only kind it deletes

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# Refuse to delete a folder this script did not make, or one that holds a workspace.
check_removable() {
  [ -d "$1" ] || return 0
  [ -f "$1/$marker" ] || die "$1 exists but was not installed by this script; move it away first"
  found=$(find "$1" -name kamarhitung.sqlite -print 2>/dev/null | head -n 1)
  [ -z "$found" ] || die "$1 holds a workspace ($found); move it out of the program folder first"
}

refresh_menu() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$apps" 2>/dev/null || true
  fi
}

uninstall() {
  check_removable "$opt"
  rm -rf "$opt"
  rm -f "$apps/kamarhitung.desktop" "$icons/256x256/apps/kamarhitung.png" \
    "$icons/scalable/apps/kamarhitung.svg"
  if [ -L "$bin/kamarhitung" ]; then rm -f "$bin/kamarhitung"; fi
  refresh_menu
  say "kamarhitung removed. Workspaces and settings were left where they are."
}

install() {
  [ -x "$here/kamarhitung/kamarhitung" ] || die "no kamarhitung/kamarhitung beside this script: unpack the whole tarball"
  mkdir -p "$HOME/.local/opt" "$bin" "$apps" "$icons/256x256/apps" "$icons/scalable/apps"

  # Copy beside the old version first, then swap: an interrupted update leaves the old one working.
  check_removable "$opt"
  rm -rf "$opt.new"
  cp -a "$here/kamarhitung" "$opt.new"
  touch "$opt.new/$marker"
  if [ -d "$opt" ]; then
    rm -rf "$opt.old"
    mv "$opt" "$opt.old"
  fi
  mv "$opt.new" "$opt"
  rm -rf "$opt.old"

  cp "$here/kamarhitung.png" "$icons/256x256/apps/kamarhitung.png"
  cp "$here/kamarhitung.svg" "$icons/scalable/apps/kamarhitung.svg"
  # The menu entry with this user's paths (quoted: a home folder may contain spaces).
  sed -e "s|^Exec=.*|Exec=\"$opt/kamarhitung\"|" \
    -e "s|^Icon=.*|Icon=$icons/256x256/apps/kamarhitung.png|" \
    -e "/^Exec=/a TryExec=$opt/kamarhitung" \
    "$here/kamarhitung.desktop" > "$apps/kamarhitung.desktop"
  chmod 644 "$apps/kamarhitung.desktop"
  ln -sfn "$opt/kamarhitung" "$bin/kamarhitung"
  refresh_menu

  version=$("$opt/kamarhitung" --version 2>/dev/null) || die "the installed program does not start: $opt/kamarhitung --version failed"

  # Qt's X11 plugin needs a few system libraries that most desktops have; say which are missing.
  missing=$(LD_LIBRARY_PATH="$opt/_internal:$opt/_internal/PySide6/Qt/lib" \
    ldd "$opt/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" 2>/dev/null \
    | awk '/not found/ {print $1}' | tr '\n' ' ')
  if [ -n "$missing" ]; then
    say "WARNING: system libraries missing for the window: $missing"
    say "  On Debian or Ubuntu: sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3"
  fi

  say "$version installed in $opt"
  say "Start it from the applications menu (kamarhitung), or run:"
  case ":$PATH:" in
    *":$bin:"*) say "  kamarhitung" ;;
    *) say "  $opt/kamarhitung      (add $bin to PATH to type just 'kamarhitung')" ;;
  esac
  say "Check the installation:  $opt/kamarhitung --smoke"
}

case "${1:-}" in
  "") install ;;
  --uninstall) uninstall ;;
  -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown option $1 (use --uninstall, or nothing to install)" ;;
esac
