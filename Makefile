# Counterpart's packaging targets. Everyday work uses `python3 dev.py run|test` instead.
.PHONY: package smoke bench-bundle clean-package

# The Linux bundle, .deb and portable .tar.gz in dist/ (see packaging/README.md).
package:
	bash packaging/build_linux.sh

# Runs the built bundle, the .deb's contents and the .tar.gz outside the source tree.
smoke:
	bash packaging/smoke.sh

# Size and cold start beside a bare PySide6 window, written to build/bench/report.md.
bench-bundle:
	bash packaging/bench_bundle.sh

clean-package:
	rm -rf build/venv build/pyinstaller build/deb build/bench build/counterpart-* dist
