#!/usr/bin/env bash
# Remove the system-wide install; officers' workspaces are kept.
set -euo pipefail
PREFIX=${1:-/opt/motcua-station}
rm -rf "$PREFIX" /usr/local/bin/motcua /usr/share/applications/motcua-station.desktop
echo "Removed $PREFIX (workspaces in users' data directories are kept)."
