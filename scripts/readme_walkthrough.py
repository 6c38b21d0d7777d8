"""Run the README's walkthrough (examples/flood) and compare its output with the README, or rewrite it.

    python scripts/readme_walkthrough.py           # exit 1 and a diff when the README is stale
    python scripts/readme_walkthrough.py --write   # put the current output in the README

The commands are read from the README's walkthrough section (its ``bash``
block) and run in-process in a fresh store; the last command's output is
what the section's ``console`` block shows. Tables are rendered
``WIDTH`` columns wide. ``tests/test_readme_walkthrough.py`` runs the same
comparison.
"""

from __future__ import annotations

import difflib
import os
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECTION = "## Walkthrough: ingest three articles, check a fourth"
WIDTH = 150


def _section_bounds(text: str) -> tuple[int, int]:
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return start, len(text) if end < 0 else end


def _block(text: str, fence: str, start: int) -> tuple[int, int]:
    """(start, end) of the body of the first ``fence`` block after ``start``."""
    open_at = text.index(f"```{fence}\n", start) + len(f"```{fence}\n")
    return open_at, text.index("```", open_at)


def commands(readme: str) -> list[list[str]]:
    start, _ = _section_bounds(readme)
    a, b = _block(readme, "bash", start)
    return [shlex.split(line)[1:] for line in readme[a:b].splitlines() if line.startswith("crosscheck ")]


def documented_output(readme: str) -> str:
    start, _ = _section_bounds(readme)
    a, b = _block(readme, "console", start)
    return readme[a:b]


def normalise(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines()) + "\n"


def run_walkthrough(readme: str) -> str:
    """The last command's output, the store a fresh SQLite file, tables WIDTH columns wide."""
    from typer.testing import CliRunner

    from bot.cli import app

    with tempfile.TemporaryDirectory() as tmp:
        env = {"CROSSCHECK_DB": str(Path(tmp) / "walkthrough.db"), "COLUMNS": str(WIDTH), "NO_COLOR": "1",
               "TERM": "dumb"}
        cwd = Path.cwd()
        os.chdir(ROOT)
        try:
            out = ""
            for args in commands(readme):
                r = CliRunner().invoke(app, args, env=env)
                if r.exit_code != 0:
                    raise RuntimeError(f"crosscheck {' '.join(args)} exited {r.exit_code}: {r.output}")
                out = r.stdout
        finally:
            os.chdir(cwd)
    return normalise(out)


def with_output(readme: str, output: str) -> str:
    start, _ = _section_bounds(readme)
    a, b = _block(readme, "console", start)
    return readme[:a] + output + readme[b:]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    readme = README.read_text("utf-8")
    current = run_walkthrough(readme)
    if "--write" in sys.argv[1:]:
        README.write_text(with_output(readme, current), "utf-8")
        print("README walkthrough output updated")
        return 0
    documented = normalise(documented_output(readme))
    if documented == current:
        print("README walkthrough output is current")
        return 0
    sys.stdout.writelines(difflib.unified_diff(documented.splitlines(True), current.splitlines(True),
                                               "README.md", "crosscheck output"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
