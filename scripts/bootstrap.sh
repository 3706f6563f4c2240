#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine:
#   bash scripts/bootstrap.sh demo    install everything, then launch the demo
#   bash scripts/bootstrap.sh test    install everything, then run the whole test suite
#   bash scripts/bootstrap.sh setup   install everything only
# Re-running is fast: apt is skipped when every package is present, pip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv

mapfile -t APT_PACKAGES < <(grep -v '^#' scripts/apt-packages.txt | grep -v '^$')

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

install_system() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages: all present"
    return
  fi
  say "system packages: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

pick_python() {
  for cand in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$cand"
      return
    fi
  done
  echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 1
}

install_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "virtualenv: creating $VENV"
    "$(pick_python)" -m venv "$VENV"
  fi
  local stamp=$VENV/.motcua-installed
  if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt constraints.txt ]; then
    say "python packages: up to date"
  else
    say "python packages: installing (pinned by constraints.txt)"
    "$VENV/bin/python" -m pip install -q --upgrade pip wheel setuptools
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e '.[dev]'
    touch "$stamp"
  fi
  if [ -f app/ui/i18n_build.py ]; then
    "$VENV/bin/python" -m app.ui.i18n_build
  fi
}

run_tests() {
  say "tests, with mypy (config in pyproject.toml) alongside on the other core"
  export QT_QPA_PLATFORM=offscreen
  local mypy_log
  mypy_log=$(mktemp)
  "$VENV/bin/python" -m mypy --config-file pyproject.toml --cache-dir /dev/null >"$mypy_log" 2>&1 &
  local mypy_pid=$!
  set +e
  "$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
  local rc=$?
  wait "$mypy_pid"
  local mypy_rc=$?
  set -e
  say "mypy"
  cat "$mypy_log"
  rm -f "$mypy_log"
  if [ $rc -eq 5 ]; then
    echo "pytest collected no tests: this is a failure" >&2
    exit 1
  fi
  if [ $mypy_rc -ne 0 ] && [ $rc -eq 0 ]; then
    echo "mypy found type errors: this is a failure" >&2
    exit 1
  fi
  exit $rc
}

cmd=${1:-setup}
shift || true
install_system
install_python
case "$cmd" in
  setup) say "ready: $VENV/bin/motcua" ;;
  test) run_tests "$@" ;;
  demo) exec "$VENV/bin/motcua" demo "$@" ;;
  *) echo "usage: bash scripts/bootstrap.sh demo|test|setup" >&2; exit 2 ;;
esac
