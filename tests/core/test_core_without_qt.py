"""app.core must import with PySide6 absent (DESIGN rule 2)."""

import importlib
import pkgutil
import subprocess
import sys

import app.core


def test_every_core_module_imports_with_qt_hidden():
    names = [m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core.")]
    assert "app.core.llm.engine" in names
    code = (
        "import importlib, importlib.abc, sys\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('hidden')\n"
        "sys.meta_path.insert(0, Hide())\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_core_modules_do_not_pull_qt_into_this_process():
    for module in pkgutil.walk_packages(app.core.__path__, "app.core."):
        importlib.import_module(module.name)
    import os

    if os.environ.get("ENCLAVE_HIDE_QT"):
        assert "PySide6" not in sys.modules
