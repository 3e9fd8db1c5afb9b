#!/usr/bin/env bash
# Installs the test suite's SMTP server (aiosmtpd, pinned in requirements.txt) into a virtual
# environment beside the build cache, once, and prints its Python's path.
#   SMTP_SINK_VENV overrides where (default ~/.cache/ideverket/smtp-venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${SMTP_SINK_VENV:-$HOME/.cache/ideverket/smtp-venv}"
if ! "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
  echo "==> Installing aiosmtpd from PyPI into $venv (the tests' SMTP server; once)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
fi
echo "$venv/bin/python"
