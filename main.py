"""Counterpart's entry point: `python main.py [--demo] [--config PATH] [COMMAND ...]`."""

import sys

from app.bootstrap import main

if __name__ == "__main__":
    sys.exit(main())
