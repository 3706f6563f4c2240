#!/usr/bin/env bash
# Install Trạm Số hóa Một cửa system-wide on a Debian/Ubuntu workstation (run as root).
#   sudo bash installer/linux/install.sh [--prefix /opt/motcua-station] [--no-apt]
# Creates PREFIX/venv with the app (pinned by constraints.txt), copies resources to
# PREFIX/share/resources, a launcher /usr/local/bin/motcua and a desktop entry.
# Re-running upgrades in place; the officers' workspaces (in their home directories) are not touched.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX=/opt/motcua-station
BIN_DIR=/usr/local/bin
APPS_DIR=/usr/share/applications
APT=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --bin-dir) BIN_DIR=$2; shift 2 ;;
    --apps-dir) APPS_DIR=$2; shift 2 ;;
    --no-apt) APT=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$APT" = 1 ]; then
  mapfile -t pkgs < <(grep -v '^#' "$SRC/scripts/apt-packages.txt" | grep -v '^$')
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi

PY=${PYTHON:-python3}
mkdir -p "$PREFIX/share" "$BIN_DIR" "$APPS_DIR"
[ -x "$PREFIX/venv/bin/python" ] || "$PY" -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/python" -m pip install -q --upgrade pip wheel
"$PREFIX/venv/bin/python" -m pip install -q -c "$SRC/constraints.txt" "$SRC"
rm -rf "$PREFIX/share/resources.new"
cp -r "$SRC/resources" "$PREFIX/share/resources.new"
if [ -d "$PREFIX/share/resources" ]; then rm -rf "$PREFIX/share/resources"; fi
mv "$PREFIX/share/resources.new" "$PREFIX/share/resources"
if "$PREFIX/venv/bin/python" -c "import app.ui.i18n_build" 2>/dev/null; then
  MOTCUA_RESOURCES="$PREFIX/share/resources" "$PREFIX/venv/bin/python" -m app.ui.i18n_build
fi

cat > "$BIN_DIR/motcua" <<LAUNCHER
#!/bin/sh
export MOTCUA_RESOURCES="$PREFIX/share/resources"
exec "$PREFIX/venv/bin/motcua" "\$@"
LAUNCHER
chmod 755 "$BIN_DIR/motcua"

cat > "$APPS_DIR/motcua-station.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Trạm Số hóa Một cửa
Name[en]=One-stop Digitization Station
Comment=Số hóa, ký số và gửi hồ sơ một cửa
Exec=$BIN_DIR/motcua ui
Terminal=false
Categories=Office;Scanning;
DESKTOP

"$BIN_DIR/motcua" --version
echo "Installed in $PREFIX. Configure the scanner, PKCS#11 module, server and trust anchors in Settings (Cài đặt)."
