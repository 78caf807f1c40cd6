"""Entry point of the frozen app: one script for both executables.

``enclave`` (console) runs the command line, which starts the GUI when given no command;
``enclave-gui`` (windowed on Windows, so no console flashes up) always starts the GUI.
"""

import sys
from pathlib import Path

from app.core import offline, startup_trace

startup_trace.mark("entry script")
offline.install_from_environment()  # before anything else can open a socket

if Path(sys.executable).stem.lower().endswith("-gui"):
    from app.gui_main import main
else:
    from app.cli import main

raise SystemExit(main())
