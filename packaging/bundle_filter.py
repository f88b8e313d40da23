"""Which Qt files the bundle keeps: a short allow-list, minus libraries only dropped files needed.

Used by packaging/counterpart.spec after the analysis. PyInstaller's Qt hooks collect every
plugin of each Qt module (eglfs, vnc, the GTK theme, ...) and then every library those plugins link
against; dropping a plugin must also drop what it alone dragged in (GTK's theme brings GTK, cairo,
pango: about 10 MB).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath

# (destination in the bundle, source file or symlink target, PyInstaller type code)
Entry = tuple[str, str, str]

# Qt plugins kept, by plugin folder: anything under plugins/ not listed here is dropped. PNG needs
# no plugin (it is built into QtGui); SVG and ICO do.
KEEP_PLUGINS = {
    "platforms": r"q(xcb|wayland|offscreen|windows|cocoa)\b",
    "imageformats": r"q(svg|ico)\b",
    "iconengines": r"qsvgicon",
    # compose (dead keys) and ibus: typing accents in search boxes. Not the virtual keyboard: QML.
    "platforminputcontexts": r"(compose|ibus)",
    "platformthemes": r"xdgdesktopportal",  # not gtk3: it drags in GTK, cairo and pango
    "xcbglintegrations": r".",
    "styles": r".",  # the Windows 11 style
    "wayland-shell-integration": r"xdg-shell",
    "wayland-decoration-client": r".",
    "wayland-graphics-integration-client": r"(wayland-egl|shm-emulation)",
}
# Qt libraries that only dropped plugins and unused modules load (also their top-level symlinks).
DROP_QT_LIBS = re.compile(
    r"Qt6(EglFS|EglFsKms|Network|WlShellIntegration|Pdf|Qml|Quick|Multimedia)"
)


def wanted(dest: str) -> bool:
    """False for Qt plugins, libraries and translations the app does not use."""
    parts = PurePath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if DROP_QT_LIBS.search(name):
        return False
    if "PySide6" not in parts:
        return True
    if "translations" in parts:
        return False  # the app installs no QTranslator yet: no Qt string is ever translated
    if "plugins" in parts:
        folder = parts.index("plugins") + 1
        kind = parts[folder] if folder < len(parts) - 1 else ""
        pattern = KEEP_PLUGINS.get(kind)
        return pattern is not None and re.search(pattern, name) is not None
    return True


def prune(entries: list[Entry], imports: Callable[[str], Iterable[str]]) -> list[Entry]:
    """Keep the wanted entries, less the libraries that only unwanted entries linked against.

    ``imports(source)`` names the libraries a binary links against. A library is dropped only if a
    dropped file reaches it and no kept file does, so libraries loaded some other way (ctypes) stay.
    """
    kept = [e for e in entries if wanted(e[0])]
    dropped = [e for e in entries if not wanted(e[0])]
    by_name = {_key(e[0]): e for e in kept if e[2] != "SYMLINK"}

    def closure(roots: Iterable[Entry]) -> set[str]:
        seen: set[str] = set()
        stack = [e for e in roots if e[2] != "SYMLINK"]
        while stack:
            for name in imports(stack.pop()[1]):
                dep = by_name.get(_key(name))
                if dep is not None and dep[0] not in seen:
                    seen.add(dep[0])
                    stack.append(dep)
        return seen

    reached_from_dropped = closure(dropped)
    roots = [e for e in kept if e[0] not in reached_from_dropped]
    needed = closure(roots) | {e[0] for e in roots}
    result = [e for e in kept if e[0] in needed or e[2] == "SYMLINK"]
    # A symlink to a dropped library would dangle (PyInstaller gives targets from the bundle root).
    targets = {_norm(e[0]) for e in result}
    return [e for e in result if e[2] != "SYMLINK" or _norm(e[1]) in targets]


def _key(path: str) -> str:
    return PurePath(_norm(path)).name.lower()


def _norm(path: str) -> str:
    return path.replace("\\", "/")
