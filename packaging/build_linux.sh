#!/usr/bin/env bash
# Build Counterpart for Linux from this checkout (a clean clone is enough; `make package`):
#   dist/counterpart/                               the one-folder PyInstaller bundle
#   dist/counterpart_<version>_<arch>.deb           installs to /opt/counterpart
#   dist/counterpart-<version>-linux-<machine>.tar.gz   portable: data next to the launcher
# Needs Python 3.11+ built with a shared libpython (PyInstaller's requirement), dpkg-deb and
# internet access to PyPI on the first run. The build tools live in build/venv, never in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=build/venv
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '== %s\n' "$*"; }
die() { printf 'build_linux.sh: %s\n' "$*" >&2; exit 1; }

command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (sudo apt-get install dpkg)"
"$PYTHON" - <<'EOF' || die "need Python 3.11+ with a shared libpython (set PYTHON=...)"
import sys, sysconfig
sys.exit(0 if sys.version_info >= (3, 11) and sysconfig.get_config_var("Py_ENABLE_SHARED") else 1)
EOF

# --- build venv: PyInstaller and the project itself (its metadata carries the version) -------
stamp_wanted=$(cat packaging/requirements-build.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$stamp_wanted" ]; then
    say "creating the build environment in $VENV"
    "$PYTHON" -m venv --clear "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r packaging/requirements-build.txt
    echo "$stamp_wanted" >"$VENV/.stamp"
fi
say "installing Counterpart into the build environment"
# setuptools builds in ./build/lib and would ship modules deleted since the last build.
rm -rf build/lib build/bdist.*
"$VENV/bin/python" -m pip install -q --upgrade --force-reinstall --no-deps . 2>build/pip-install.log \
    || { cat build/pip-install.log >&2; die "pip install . failed"; }
"$VENV/bin/python" -m pip install -q . 2>>build/pip-install.log  # the runtime dependencies
rm -rf build/lib build/bdist.*
VERSION=$("$VENV/bin/python" -c 'import app; print(app.version())')
[ "$VERSION" != "0.0.0+source" ] || die "the build environment does not see Counterpart's metadata"

# --- the bundle --------------------------------------------------------------------------------
say "bundling Counterpart $VERSION with PyInstaller"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/counterpart.spec
mkdir -p dist
rm -rf dist/counterpart
cp -a build/pyinstaller/dist/counterpart dist/counterpart
BUNDLE=$ROOT/dist/counterpart
got=$(cd / && env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$BUNDLE/counterpart" --version)
[ "$got" = "Counterpart $VERSION" ] || die "the bundle says '$got', expected 'Counterpart $VERSION'"

# Libraries the bundle takes from the system: the .deb's Depends must cover them.
(cd "$BUNDLE/_internal" && find . -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH=$PWD:$PWD/PySide6/Qt/lib xargs -0 ldd 2>/dev/null \
    | awk '/=>/ && $3 !~ /_internal/ {print $1, $3}' | sort -u) >build/system-libraries.txt
say "system libraries the bundle links to: $(awk '{print $1}' build/system-libraries.txt | xargs)"
# A Qt library found outside the bundle (or nowhere) means a kept plugin needs a dropped library.
if grep -E '^libQt6|^libpyside|^libshiboken' build/system-libraries.txt >&2; then
    die "bundled files link to Qt libraries the bundle lacks: see packaging/bundle_filter.py"
fi

# --- .deb --------------------------------------------------------------------------------------
deb_version=$(echo "$VERSION" | sed -E 's/(a|b|rc|\.dev)([0-9]+)/~\1\2/')
arch=$(dpkg --print-architecture)
glibc=$(ldd --version | sed -nE '1s/.* ([0-9]+\.[0-9]+)$/\1/p')  # sed reads all: no SIGPIPE
stage=build/deb/root
rm -rf build/deb && mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" \
    "$stage/usr/share/applications" "$stage/usr/share/icons/hicolor/256x256/apps" \
    "$stage/usr/share/doc/counterpart"
cp -a "$BUNDLE" "$stage/opt/counterpart"
install -m 0755 packaging/linux/counterpart.sh "$stage/usr/bin/counterpart"
install -m 0644 packaging/linux/counterpart.desktop "$stage/usr/share/applications/"
install -m 0644 app/resources/icons/counterpart.png "$stage/usr/share/icons/hicolor/256x256/apps/"
install -m 0644 packaging/linux/copyright "$stage/usr/share/doc/counterpart/copyright"
chmod -R u+rwX,go+rX,go-w "$stage"
(cd "$stage" && find opt usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@GLIBC@/$glibc/" \
    -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$stage" | cut -f1)/" \
    packaging/linux/control.in >"$stage/DEBIAN/control"
deb=dist/counterpart_${deb_version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
say "built $deb"

# --- portable .tar.gz --------------------------------------------------------------------------
portable=counterpart-$VERSION-linux-$(uname -m)
rm -rf "build/$portable" && mkdir -p "build/$portable"
cp -a "$BUNDLE" "build/$portable/bin"
install -m 0755 packaging/linux/portable-launcher.sh "build/$portable/counterpart"
sed "s/@GLIBC@/$glibc/" packaging/linux/PORTABLE.txt >"build/$portable/README.txt"
tar -C build --owner=0 --group=0 -czf "dist/$portable.tar.gz" "$portable"
say "built dist/$portable.tar.gz"

(cd dist && sha256sum "$(basename "$deb")" "$portable.tar.gz" >SHA256SUMS)
say "sizes: bundle $(du -sh "$BUNDLE" | cut -f1), .deb $(du -h "$deb" | cut -f1), .tar.gz $(du -h "dist/$portable.tar.gz" | cut -f1)"
