#!/usr/bin/env bash
# Build the Debian packages of the workstation, offline at install time:
#   bash installer/linux/build-deb.sh
# writes
#   dist/motcua-station_<version>_amd64.deb       the workstation: /opt/motcua-station (a virtualenv
#                                                 on the system's python3.11 holding the app and every
#                                                 library, byte-compiled), /usr/bin/motcua, a menu
#                                                 entry with icon; system libraries as dependencies
#   dist/motcua-station-demo_<version>_amd64.deb  the reference server and the demo/test helpers
#                                                 (motcua-server + motcua-demo wheels and their
#                                                 libraries) added to the same virtualenv; never
#                                                 on a counter PC
# Install with `apt install ./dist/motcua-station_<version>_amd64.deb` (or dpkg -i after the
# dependencies), remove with `dpkg -r motcua-station`. Nothing is downloaded at install time;
# building needs the wheels of the dependencies (pip's find-links / cache / index, pinned by
# constraints.txt). Workspaces live in the officers' home directories and are never touched.
# Options: --out DIR (default dist), --no-demo.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$SRC/dist
DEMO=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --no-demo) DEMO=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
SYSPY=${SYSPY:-/usr/bin/python3.11}   # the interpreter the installed virtualenv runs on (a Depends)
BUILDPY=${PYTHON:-$SRC/.venv/bin/python}
[ -x "$BUILDPY" ] || BUILDPY=python3
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$SRC/pyproject.toml" | head -1)
ARCH=$(dpkg --print-architecture)
PREFIX=/opt/motcua-station
WORK=$(mktemp -d "${TMPDIR:-/tmp}/motcua-deb.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
say() { printf '== %s\n' "$*" >&2; }

say "wheels of the three distributions"
"$BUILDPY" "$SRC/installer/build_wheels.py" -o "$WORK/wheels" >/dev/null
say "wheelhouse of the dependencies (constraints.txt)"
parts=("$WORK"/wheels/motcua_station-*.whl)
[ "$DEMO" = 1 ] && parts+=("$WORK"/wheels/motcua_server-*.whl "$WORK"/wheels/motcua_demo-*.whl)
"$BUILDPY" -m pip wheel -q -c "$SRC/constraints.txt" --find-links "$WORK/wheels" -w "$WORK/wheelhouse" "${parts[@]}" \
  2> >(grep -v '^WARNING: Location' >&2)

ROOT=$WORK/root            # the station package's tree
VENV=$ROOT$PREFIX/venv
say "virtualenv on $SYSPY, installed from the wheelhouse only"
"$SYSPY" -m venv "$VENV"
pipi() { "$VENV/bin/python" -m pip install -q --no-index --no-compile --find-links "$WORK/wheelhouse" \
           --find-links "$WORK/wheels" "$@" 2> >(grep -v '^WARNING: Location' >&2); }
pipi "$WORK"/wheels/motcua_station-*.whl
mkdir -p "$ROOT$PREFIX/resources"
cp -r "$SRC/resources/." "$ROOT$PREFIX/resources/"
MOTCUA_RESOURCES="$ROOT$PREFIX/resources" "$VENV/bin/python" -m app.ui.i18n_build >/dev/null
find "$ROOT$PREFIX/resources" -name '*.ts' -delete

snapshot() { (cd "$ROOT" && find . \( -type f -o -type l \) | sort); }
finish_venv() {
  # drop pip (nothing is installed into it later), fix the build paths, byte-compile for a fast start
  "$VENV/bin/python" -m pip uninstall -q -y pip >/dev/null 2>&1 || true
  rm -f "$VENV"/bin/activate* "$VENV"/bin/pip*
  find "$VENV/bin" -maxdepth 1 -type f -exec sed -i "s#$ROOT##g" {} +
  sed -i "s#$ROOT##g" "$VENV/pyvenv.cfg"
  "$VENV/bin/python" -m compileall -q -j0 -s "$ROOT" -p / "$VENV/lib" >/dev/null || true
}

if [ "$DEMO" = 1 ]; then
  before=$(snapshot)
  pipi "$WORK"/wheels/motcua_demo-*.whl "$WORK"/wheels/motcua_server-*.whl
  finish_venv
  after=$(snapshot)
  DROOT=$WORK/demo-root
  comm -13 <(echo "$before" | grep -v '/__pycache__/') <(echo "$after" | grep -v '/__pycache__/') > "$WORK/demo-files"
  # the byte-code of the demo's files goes with them
  grep -E '\.py$' "$WORK/demo-files" | while read -r f; do
    d=$(dirname "$f"); b=$(basename "$f" .py)
    ls "$ROOT/$d/__pycache__/$b".*.pyc 2>/dev/null | sed "s#^$ROOT/#./#" || true
  done >> "$WORK/demo-files"
  (cd "$ROOT" && tar cf - -T "$WORK/demo-files") | (mkdir -p "$DROOT" && cd "$DROOT" && tar xf -)
  (cd "$ROOT" && xargs -a "$WORK/demo-files" rm -f)
  find "$ROOT" -type d -empty -delete
else
  finish_venv
fi

say "launcher, menu entry, icon, documentation"
mkdir -p "$ROOT/usr/bin" "$ROOT/usr/share/applications" "$ROOT/usr/share/icons/hicolor/scalable/apps" \
         "$ROOT/usr/share/doc/motcua-station"
cat > "$ROOT/usr/bin/motcua" <<LAUNCHER
#!/bin/sh
# Trạm Số hóa Một cửa (motcua-station $VERSION): the bundled virtualenv in $PREFIX
export MOTCUA_RESOURCES=$PREFIX/resources
exec $PREFIX/venv/bin/python -m app "\$@"
LAUNCHER
chmod 755 "$ROOT/usr/bin/motcua"
cat > "$ROOT/usr/share/applications/motcua-station.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Trạm Số hóa Một cửa
Name[en]=One-stop Digitization Station
Comment=Số hóa, ký số và gửi hồ sơ một cửa
Comment[en]=Scan, check, sign and send one-stop dossiers
Exec=/usr/bin/motcua ui
Icon=motcua-station
Terminal=false
Categories=Office;Scanning;
StartupWMClass=motcua
DESKTOP
cp "$SRC/installer/linux/motcua-station.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/"
cp "$SRC/installer/linux/config.toml.example" "$ROOT/usr/share/doc/motcua-station/"
printf 'Trạm Số hóa Một cửa %s. Proprietary.\nMachine-wide configuration: /etc/motcua/config.toml (see config.toml.example).\n' \
  "$VERSION" > "$ROOT/usr/share/doc/motcua-station/README"

control() {  # name, root, depends, description
  local size
  size=$(du -sk --exclude=DEBIAN "$2" | cut -f1)
  mkdir -p "$2/DEBIAN"
  cat > "$2/DEBIAN/control" <<CONTROL
Package: $1
Version: $VERSION
Architecture: $ARCH
Maintainer: Trạm Số hóa Một cửa <it@motcua.invalid>
Installed-Size: $size
Section: misc
Priority: optional
Depends: $3
Description: $4
CONTROL
}
# python3.11: the virtualenv runs on it; SANE: scanners; xcb/EGL/GL/fontconfig/dbus/xkbcommon: Qt;
# pikepdf bundles qpdf and nothing calls poppler at run time, so neither is a dependency.
control motcua-station "$ROOT" "python3.11, libsane1, libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0, \
libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, \
libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, fonts-liberation2
Recommends: tesseract-ocr, tesseract-ocr-vie, sane-utils, opensc" \
"Trạm Số hóa Một cửa: one-stop counter digitization workstation
 Scanner, quality rules, archival PDF, PKCS#11 PAdES signing and sync with the provincial
 system. Self-contained in $PREFIX (bundled virtualenv); configuration in /etc/motcua."
cat > "$ROOT/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
# Byte-code Python may have written at run time; the officers' workspaces are never touched.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  if [ -d /opt/motcua-station ]; then
    find /opt/motcua-station -depth -name __pycache__ -type d -exec rm -rf {} + 2>/dev/null || true
    find /opt/motcua-station -depth -type d -empty -delete 2>/dev/null || true
  fi
fi
POSTRM
chmod 755 "$ROOT/DEBIAN/postrm"
mkdir -p "$OUT"
say "dpkg-deb"
DEB=$OUT/motcua-station_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zzstd -z"${ZSTD_LEVEL:-9}" --threads-max=0 --build "$ROOT" "$DEB" >/dev/null 2>&1 || \
  dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
if [ "$DEMO" = 1 ]; then
  control motcua-station-demo "$DROOT" "motcua-station (= $VERSION), softhsm2, opensc, libsane1" \
  "Trạm Số hóa Một cửa: reference server and demo (not for counter PCs)
 The reference provincial server and the demo environment with test keys (motcua demo),
 added to the motcua-station installation."
  DDEB=$OUT/motcua-station-demo_${VERSION}_${ARCH}.deb
  dpkg-deb --root-owner-group -Zzstd -z"${ZSTD_LEVEL:-9}" --threads-max=0 --build "$DROOT" "$DDEB" >/dev/null 2>&1 || \
    dpkg-deb --root-owner-group -Zxz --build "$DROOT" "$DDEB" >/dev/null
  echo "$DDEB"
fi
