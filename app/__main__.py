"""`python -m app ...` is the same as `python main.py ...`."""

import sys

from app.bootstrap import main

sys.exit(main())
