"""Meta-tests: every setting, CLI command and Discord command is documented in the README."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import discord
import pytest
import typer.main
from discord import app_commands
from discord.ext import commands

import cogs
from bot.cli import app
from bot.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def _env_name(field: str) -> str:
    return "DISCORD_TOKEN" if field == "discord_token" else f"CROSSCHECK_{field.upper()}"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme(field):
    assert f"`{_env_name(field)}`" in README, f"{_env_name(field)} is not documented in README.md"


def _cli_commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


def test_the_cli_has_the_documented_core_commands():
    assert {"check", "ingest", "sources", "run"} <= set(_cli_commands())


@pytest.mark.parametrize("name", _cli_commands())
def test_every_cli_command_is_in_the_readme(name):
    assert f"crosscheck {name}" in README, f"`crosscheck {name}` is not documented in README.md"


def _slash_commands() -> list[str]:
    names: set[str] = set()
    for mod in pkgutil.walk_packages(cogs.__path__, "cogs."):
        module = importlib.import_module(mod.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, commands.Cog) or cls.__module__ != module.__name__:
                continue
            for cmd in getattr(cls, "__cog_app_commands__", []):
                if isinstance(cmd, app_commands.Group):
                    names.update(f"/{cmd.name} {sub.name}" for sub in cmd.commands)
                else:
                    names.add(f"/{cmd.name}")
    return sorted(names)


def test_the_bot_has_the_documented_core_commands():
    assert {"/check", "/sources", "/watch add", "/watch remove", "/watch list"} <= set(_slash_commands())


@pytest.mark.parametrize("name", _slash_commands())
def test_every_slash_command_is_in_the_readme(name):
    assert f"`{name}" in README, f"`{name}` is not documented in README.md"


def test_the_message_command_is_in_the_readme():
    assert "Check claims" in README


INSTALL, TEST = 'python -m pip install -e ".[dev]"', "python -m pytest"
LINT = ("python -m ruff check .", "python -m mypy bot storage cogs")


def _commands(script: str) -> list[str]:
    """The lines of a shell script or Makefile recipe that run something (comments and blanks left out)."""
    lines = (line.strip().replace("$(PYTHON)", "python") for line in script.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_ci_runs_the_readme_install_then_both_linters_then_the_readme_tests():
    ci = _commands((Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8"))
    for command in (INSTALL, TEST, *LINT):
        assert command in README
        assert command in ci
    first_lint, last_lint = min(ci.index(c) for c in LINT), max(ci.index(c) for c in LINT)
    assert ci.index(INSTALL) < first_lint
    assert last_lint < ci.index(TEST)
    assert discord.__version__.startswith("2.")


def test_the_test_tree_mirrors_the_source():
    """Each package's tests in a folder of its name; at the top only shared helpers and whole-project tests,
    each named in the README."""
    tests = Path(__file__).resolve().parent
    for package in ("engine", "storage", "cogs", "bot"):
        assert (tests / package / "__init__.py").is_file()
        assert list((tests / package).glob("test_*.py"))
    for path in tests.glob("*.py"):
        if path.name != "__init__.py":
            assert f"`tests/{path.name}`" in README, f"tests/{path.name}: move it beside its package's tests"


def test_make_lint_runs_what_ci_runs():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text("utf-8")
    recipe = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert _commands(recipe) == list(LINT)


# -- "How it works" names real code -------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
_NAME = __import__("re").compile(r"`([^`\s]+)`")


def _how_it_works() -> str:
    start = README.index("## How it works")
    return README[start:README.index("\n## ", start + 3)]


def _defined_names() -> set[str]:
    import ast

    names: set[str] = set()
    for pkg in ("bot", "cogs", "storage"):
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(node.name)
    return names


def test_every_module_path_in_how_it_works_exists():
    named = [n for n in _NAME.findall(_how_it_works()) if "/" in n]
    assert len(named) >= 20
    missing = [n for n in named if not (ROOT / n).exists()]
    assert missing == []


def test_every_dotted_name_in_how_it_works_resolves():
    dotted = [n for n in _NAME.findall(_how_it_works())
              if n.split(".")[0] in ("bot", "cogs", "storage") and "/" not in n and "." in n]
    assert dotted
    for name in dotted:
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable prefix, then attributes
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
            break
        else:
            raise AssertionError(f"{name} does not import")


def test_every_function_and_class_the_walk_names_is_defined():
    """``Checker.run``, ``worth_storing``...: each name of the walk-through is a def or class in the code."""
    walk = _how_it_works().split("### The packages")[0]
    defined = _defined_names()
    called = [n.removesuffix("()") for n in _NAME.findall(walk)
              if "/" not in n and n.split(".")[0] not in ("bot", "cogs", "storage")]
    idents = [part for n in called for part in n.split(".") if part.isidentifier()]
    assert len(idents) >= 20
    assert [i for i in idents if i not in defined] == []
