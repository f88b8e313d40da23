"""A bare PySide6 window: the yardstick for Counterpart's bundle size and cold start.

``hello --screenshot DIR`` shows the window, saves DIR/hello.png and exits, like Counterpart's
``--screenshot``; without it the window stays until closed.
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Hello bundle")
    window.setCentralWidget(QLabel("Hello, store"))
    window.resize(1280, 800)
    window.show()
    if len(sys.argv) == 3 and sys.argv[1] == "--screenshot":
        folder = Path(sys.argv[2])
        folder.mkdir(parents=True, exist_ok=True)
        app.processEvents()
        return 0 if window.grab().save(str(folder / "hello.png"), "PNG") else 1
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
