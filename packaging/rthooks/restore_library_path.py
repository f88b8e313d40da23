"""PyInstaller runtime hook: programs the app starts get the system's libraries, not the bundle's.

The bootloader points LD_LIBRARY_PATH at the bundle so Python finds its libraries; a child process
(the sound players paplay/aplay of the late-order alert) would inherit it and load the bundle's
glib or dbus instead of its own. The loader read the variable at start, so the app is unaffected.
"""

import os
import sys

if sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
