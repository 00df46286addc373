#!/usr/bin/env bash
# Shared bootstrap for bin/run and bin/test: finds Python and Odoo 18.0, makes the project
# virtualenv (.venv) and installs what it needs, once per change of its inputs.
# Sourced, not executed. Every failure is one sentence saying what to do.
set -euo pipefail

SGZ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SGZ_DEFAULT_ODOO_PATH=/opt/odoo18

sgz_die() {
  echo "错误 / error: $*" >&2
  # the test command always ends with its tally line
  [ "${SGZ_CMD:-}" = test ] && echo "0 passed, 1 failed"
  exit 2
}

# 1. Odoo 18.0 source tree: $ODOO_PATH, else the documented default location.
ODOO_PATH="${ODOO_PATH:-$SGZ_DEFAULT_ODOO_PATH}"
if [ ! -f "$ODOO_PATH/odoo-bin" ] || [ ! -f "$ODOO_PATH/odoo/release.py" ]; then
  sgz_die "no Odoo source tree at '$ODOO_PATH': install Odoo 18.0 from source (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html) and set ODOO_PATH to it (default $SGZ_DEFAULT_ODOO_PATH)."
fi
odoo_series=$(sed -n "s/^version_info = (\([0-9]*\), \([0-9]*\),.*/\1.\2/p" "$ODOO_PATH/odoo/release.py")
if [ "$odoo_series" != "18.0" ]; then
  sgz_die "the Odoo tree at '$ODOO_PATH' is version '${odoo_series:-unknown}', these addons need Odoo 18.0: point ODOO_PATH at an Odoo 18.0 source tree."
fi
export ODOO_PATH

# 2. Python 3.10-3.12.
SGZ_PYTHON=""
for cand in "${SGZ_PYTHON_BIN:-}" python3.12 python3.11 python3.10 python3; do
  [ -n "$cand" ] || continue
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
    SGZ_PYTHON="$(command -v "$cand")"; break
  fi
done
[ -n "$SGZ_PYTHON" ] || sgz_die "no Python 3.10-3.12 found: install one (python3.11 is what Odoo 18.0 is tested with) or set SGZ_PYTHON_BIN."

# 3. The project virtualenv, rebuilt only when its inputs change.
SGZ_VENV="${SGZ_VENV:-$SGZ_ROOT/.venv}"
mkdir -p "$SGZ_ROOT/.local"
req="$SGZ_ROOT/.local/requirements.txt"
# Odoo's pinned requirements, less python-ldap (no LDAP here, and it needs OpenLDAP headers),
# with cbor2 5.6.2 (5.4.2 does not build on current setuptools).
grep -v '^python-ldap' "$ODOO_PATH/requirements.txt" \
  | sed -E "s/^cbor2==5\.4\.2 ; python_version < '3\.12'/cbor2==5.6.2 ; python_version < '3.12'/" > "$req"
cat "$SGZ_ROOT/requirements.txt" "$SGZ_ROOT/requirements-dev.txt" >> "$req"
stamp="$( (cat "$req"; "$SGZ_PYTHON" --version) | sha256sum | cut -c1-16)"
if [ ! -x "$SGZ_VENV/bin/python" ] || [ "$(cat "$SGZ_VENV/.sgz-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "正在准备虚拟环境 / preparing the virtualenv $SGZ_VENV ..." >&2
  [ -x "$SGZ_VENV/bin/python" ] || "$SGZ_PYTHON" -m venv "$SGZ_VENV" \
    || sgz_die "could not create a virtualenv with $SGZ_PYTHON: install its venv module (Debian: python3-venv)."
  "$SGZ_VENV/bin/python" -m pip install -q --upgrade pip wheel 'setuptools<81' >&2 \
    && "$SGZ_VENV/bin/python" -m pip install -q -r "$req" >&2 \
    || sgz_die "installing the Python requirements into $SGZ_VENV failed (see pip's output above): Odoo needs the PostgreSQL client headers (Debian: libpq-dev) and a C compiler."
  echo "$stamp" > "$SGZ_VENV/.sgz-stamp"
fi
export SGZ_ROOT SGZ_VENV
