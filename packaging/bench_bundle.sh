#!/usr/bin/env bash
# Counterpart's bundle beside a bare PySide6 window bundled by the same PyInstaller, same pruning:
# size (on disk and as .tar.gz) and start time (until `--screenshot` exits; until the first window
# is mapped, under Xvfb when it is installed). Writes build/bench/report.md.
# Run after `make package` (it reuses build/venv and dist/counterpart). RUNS=5 by default;
# UNPRUNED=0 skips building the "before exclusions" bundle (about 40 s).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
VENV=build/venv
OUT=build/bench
APP=dist/counterpart
die() { printf 'bench_bundle.sh: %s\n' "$*" >&2; exit 1; }
[ -x "$VENV/bin/pyinstaller" ] && [ -x "$APP/counterpart" ] || die "run 'make package' first"
PY=$VENV/bin/python
MEASURE="$PY packaging/bench/measure.py"
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== bundling the bare PySide6 window"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$OUT/dist" \
    --workpath "$OUT/work" packaging/bench/hello.spec
HELLO=$OUT/dist/hello
if [ "${UNPRUNED:-1}" = 1 ]; then
    echo "== bundling Counterpart with PyInstaller's defaults (before exclusions)"
    COUNTERPART_BUNDLE_UNPRUNED=1 "$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
        --distpath "$OUT/unpruned" --workpath "$OUT/work-unpruned" packaging/counterpart.spec
fi

size() { du -sm "$1" | cut -f1; }
packed() { tar -C "$(dirname "$1")" -czf - "$(basename "$1")" | wc -c | awk '{printf "%d", $1/1048576}'; }
stats() { # the lines of measure.py -> "first X s, median Y s (N ok of M)"
    "$PY" -c '
import statistics, sys
lines = [l.strip() for l in sys.stdin if l.strip()]
ok = [float(l) for l in lines if not l.startswith("failed")]
bad = [l for l in lines if l.startswith("failed")]
text = f"first {ok[0]:.2f} s, median {statistics.median(ok):.2f} s" if ok else "no run succeeded"
print(text + f" ({len(ok)} of {len(lines)} runs ok" + ("; " + bad[0] if bad else "") + ")")'
}
cold() { # drop the page cache when allowed, so the first run reads the bundle from disk
    sync && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null && echo "page cache dropped" \
        || echo "page cache not droppable here: first run is warm"
}

echo "== timing --screenshot ($RUNS runs each)"
cache_note=$(cold)
app_shot=$($MEASURE exit "$RUNS" -- "$PWD/$APP/counterpart" --screenshot shots | stats)
cold >/dev/null || true
hello_shot=$(QT_QPA_PLATFORM=offscreen $MEASURE exit "$RUNS" -- "$PWD/$HELLO/hello" \
    --screenshot shots | stats)

app_window="not measured: needs xvfb-run and xwininfo (apt-get install xvfb x11-utils)"
hello_window=$app_window
if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
    echo "== timing the first window under Xvfb ($RUNS runs each)"
    xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24")
    cold >/dev/null || true
    app_window=$("${xvfb[@]}" $MEASURE window Counterpart "$RUNS" -- "$PWD/$APP/counterpart" | stats)
    cold >/dev/null || true
    hello_window=$("${xvfb[@]}" $MEASURE window "Hello bundle" "$RUNS" -- "$PWD/$HELLO/hello" | stats)
fi

unpruned_row=""
if [ -d "$OUT/unpruned/counterpart" ]; then
    unpruned_row="| Counterpart, PyInstaller defaults (before exclusions) | $(size "$OUT/unpruned/counterpart") MB | $(packed "$OUT/unpruned/counterpart") MB | | |"
fi
cat >"$OUT/report.md" <<EOF
Bundle size and start time ($(date -u +%Y-%m-%d), PyInstaller $("$VENV/bin/pyinstaller" --version),
$("$PY" -c 'import PySide6, sys; print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}")'),
$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $cache_note).

| bundle | on disk | .tar.gz | until --screenshot exits | until the first window is mapped (Xvfb) |
|---|---|---|---|---|
| Counterpart (dist/counterpart) | $(size "$APP") MB | $(packed "$APP") MB | $app_shot | $app_window |
| bare PySide6 window | $(size "$HELLO") MB | $(packed "$HELLO") MB | $hello_shot | $hello_window |
$unpruned_row

Counterpart's --screenshot run starts the app in demo mode on a fresh COUNTERPART_HOME, waits for
every view's first load and writes 7 PNGs (with ~0.15 s of settling per view); the window's
--screenshot writes one.
EOF
cat "$OUT/report.md"
