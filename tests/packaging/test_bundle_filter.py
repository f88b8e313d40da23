"""The bundle keeps the Qt plugins a store PC needs and sheds what only unused ones dragged in."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bundle_filter", ROOT / "packaging/bundle_filter.py")
assert _spec is not None and _spec.loader is not None
bundle_filter = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_filter)

QT = "PySide6/Qt"
ENTRIES = [
    ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
    (f"{QT}/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    (f"{QT}/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ("libQt6Network.so.6", f"{QT}/lib/libQt6Network.so.6", "SYMLINK"),
    ("libQt6Gui.so.6", f"{QT}/lib/libQt6Gui.so.6", "SYMLINK"),
    (f"{QT}/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqoffscreen.so", "/src/libqoffscreen.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqsvg.so", "/src/libqsvg.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqtiff.so", "/src/libqtiff.so", "BINARY"),
    ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),  # only GTK's theme needs it
    ("libfreetype.so.6", "/usr/lib/libfreetype.so.6", "BINARY"),  # GTK's theme and QtGui
    ("libsecret-ish.so", "/usr/lib/libsecret-ish.so", "BINARY"),  # nobody links it (ctypes)
]
LINKS = {
    "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "/src/libQt6Gui.so.6": ["libfreetype.so.6"],
    "/src/libqgtk3.so": ["libQt6Gui.so.6", "libcairo.so.2", "libfreetype.so.6"],
    "/src/libqvnc.so": ["libQt6Network.so.6"],
}


def kept() -> set[str]:
    pruned = bundle_filter.prune(ENTRIES, lambda source: LINKS.get(source, []))
    return {dest for dest, _, _ in pruned}


def test_platforms_for_desktops_and_screenshots_stay_and_the_rest_go() -> None:
    names = kept()
    assert f"{QT}/plugins/platforms/libqxcb.so" in names
    assert f"{QT}/plugins/platforms/libqoffscreen.so" in names
    assert f"{QT}/plugins/imageformats/libqsvg.so" in names
    assert f"{QT}/plugins/platforms/libqvnc.so" not in names
    assert f"{QT}/plugins/imageformats/libqtiff.so" not in names


def test_libraries_only_a_dropped_plugin_needed_go_with_it() -> None:
    names = kept()
    assert f"{QT}/plugins/platformthemes/libqgtk3.so" not in names
    assert "libcairo.so.2" not in names
    assert "libfreetype.so.6" in names  # QtGui needs it too
    assert "libsecret-ish.so" in names  # unreached libraries may be loaded by ctypes: kept
    assert f"{QT}/lib/libQt6Gui.so.6" in names


def test_no_symlink_is_left_pointing_at_a_dropped_library() -> None:
    names = kept()
    assert "libQt6Network.so.6" not in names
    assert f"{QT}/lib/libQt6Network.so.6" not in names
    assert "libQt6Gui.so.6" in names


def test_qt_translations_are_not_shipped_while_the_app_has_none() -> None:
    assert not bundle_filter.wanted(f"{QT}/translations/qtbase_de.qm")
    assert bundle_filter.wanted("app/resources/style.qss")
