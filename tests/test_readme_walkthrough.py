"""The README's walkthrough (examples/flood) prints what the README shows.

Refresh the README with ``python scripts/readme_walkthrough.py --write``
after a change to extraction or rendering, and read the diff before committing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "readme_walkthrough.py"


def _walkthrough():
    spec = importlib.util.spec_from_file_location("readme_walkthrough", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_walkthrough_commands_are_the_four_of_the_example():
    w = _walkthrough()
    cmds = w.commands(w.README.read_text("utf-8"))
    assert [c[0] for c in cmds] == ["ingest", "ingest", "ingest", "check"]
    assert all(Path(w.ROOT, c[-1]).exists() for c in cmds)


def test_the_readme_shows_what_the_walkthrough_prints(clean_env):
    w = _walkthrough()
    readme = w.README.read_text("utf-8")
    assert w.normalise(w.documented_output(readme)) == w.run_walkthrough(readme), (
        "README walkthrough output is stale: run python scripts/readme_walkthrough.py --write")
