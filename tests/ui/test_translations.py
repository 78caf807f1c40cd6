"""Every visible string is translatable and the Simplified Chinese translation is complete and
compiled: the .ts sources match the code and the shipped .qm files match the .ts sources."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core.messages import MESSAGE_MODULES
from app.ui.resources import translations_dir

TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{\w+(?::[^}]*)?\}|%p%")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
            for ctx in root.findall("context") for m in ctx.findall("message")]  # fmt: skip


def _tool(name: str) -> str:
    path = TOOLS / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} (from PySide6-Essentials) is needed to check the translations")
        return found
    return str(path)


def test_chinese_translation_is_complete_and_keeps_placeholders():
    messages = _messages(translations_dir() / "enclave_zh_CN.ts")
    assert len(messages) > 150
    for context, source, translation in messages:
        assert translation is not None, f"{context}: {source!r} has no translation element"
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), \
            f"{context}: {source!r} is not translated"
        text = translation.text or ""
        assert text.strip(), f"{context}: {source!r} has an empty translation"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), \
            f"{context}: {source!r} -> {text!r} changes the placeholders"
        names = ("Enclave", "Top-p", "VR", "Flash attention")
        if re.search(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", source)) and source not in names:
            assert re.search(r"[\u4e00-\u9fff]", text), f"{context}: {source!r} was left in English"


def test_every_core_module_that_marks_messages_is_listed():
    """A QT_TRANSLATE_NOOP outside MESSAGE_MODULES would never reach the .ts files."""
    root = Path(__file__).resolve().parents[2]
    marking = {str(p.relative_to(root).with_suffix("")).replace("/", ".")
               for p in (root / "app" / "core").rglob("*.py")
               if 'QT_TRANSLATE_NOOP("Messages"' in p.read_text(encoding="utf-8")}  # fmt: skip
    assert marking == set(MESSAGE_MODULES)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_sources_match_the_code_and_the_qm_matches_the_sources(tmp_path, language):
    ts = translations_dir() / f"enclave_{language}.ts"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    root = Path(__file__).resolve().parents[2]
    ui = sorted(str(p) for p in (root / "app" / "ui").glob("*.py"))
    # Core's messages (app.core.messages and the modules it names) are translated in the GUI too.
    ui += [str(root / (name.replace(".", "/") + ".py")) for name in MESSAGE_MODULES]
    out = subprocess.run([_tool("pyside6-lupdate"), *ui, "-ts", str(copy)], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert "(0 new and" in out.stdout + out.stderr, "strings in app/ui are missing from " + ts.name + \
        ": run pyside6-lupdate (README, 'Translations') and translate them"
    qm = tmp_path / f"enclave_{language}.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, check=True)
    assert qm.read_bytes() == (translations_dir() / qm.name).read_bytes(), \
        f"{qm.name} is older than {ts.name}: run pyside6-lrelease"
