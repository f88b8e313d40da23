#!/usr/bin/env bash
# After `make package`: run the bundle, the .deb's contents and the portable .tar.gz outside the
# source tree, as tests/packaging/test_bundle_smoke.py (each writes the 7 --screenshot PNGs).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf 'smoke.sh: %s\n' "$*" >&2; exit 1; }

[ -x dist/counterpart/counterpart ] || die "no bundle in dist/counterpart: run 'make package' first"
deb=$(ls -t dist/counterpart_*.deb 2>/dev/null | sed -n 1p)
tarball=$(ls -t dist/counterpart-*-linux-*.tar.gz 2>/dev/null | sed -n 1p)
[ -n "$deb" ] || die "no .deb in dist/"
[ -n "$tarball" ] || die "no portable .tar.gz in dist/"
[ -x .venv/bin/python ] || python3 dev.py setup  # the test runner and QImage to read the PNGs

export COUNTERPART_BUNDLE_DIR=$PWD/dist/counterpart COUNTERPART_DEB=$PWD/$deb \
    COUNTERPART_TARBALL=$PWD/$tarball
# -rs lists skips: here a skipped smoke test is a failure to look at, not a pass.
.venv/bin/python -m pytest -q -rs -p no:randomly tests/packaging "$@"
