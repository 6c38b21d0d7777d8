"""Keep ``spacy.cli`` out of a running crosscheck.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli``'s
package imports every spaCy command (download, train, ...), which pull in
requests, jinja2, httpx and more: about a third of a second at every start,
for code crosscheck never calls. :func:`defer` registers an import hook that
answers ``spacy.cli`` and ``spacy.cli.info`` with light stand-ins; the first
use of anything in them (``spacy.info()``, ``spacy.cli.download``) drops the
stand-ins and imports the real modules, so nothing is lost, only delayed.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Sequence
from typing import Any

_NAMES = ("spacy.cli", "spacy.cli.info")


def _real(name: str) -> types.ModuleType:
    """Drop the stand-ins and import the real module ``name``."""
    _Finder.active = False
    for n in _NAMES:
        mod = sys.modules.get(n)
        if mod is not None and getattr(mod, "__crosscheck_stub__", False):
            del sys.modules[n]
    return importlib.import_module(name)


def _info(*args, **kwargs):  # noqa: ANN202 - spacy.info's own signature
    return _real("spacy.cli.info").info(*args, **kwargs)


class _Loader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        mod = types.ModuleType(spec.name)
        mod.__path__ = []  # a package, so that ``spacy.cli.info`` resolves under it
        name = spec.name

        def __getattr__(attr: str) -> Any:  # noqa: N807 - a module's __getattr__ (PEP 562): anything else, the real module
            if attr.startswith("__"):
                raise AttributeError(attr)
            return getattr(_real(name), attr)

        # attributes a ModuleType does not declare, so they go through the module's namespace
        vars(mod).update(__crosscheck_stub__=True, __getattr__=__getattr__)
        if spec.name == "spacy.cli.info":
            vars(mod)["info"] = _info
        return mod

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _Finder(importlib.abc.MetaPathFinder):
    active = True

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if not _Finder.active or fullname not in _NAMES:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(), is_package=True)


def defer() -> None:
    """Install the hook, unless spaCy is already imported (then it is too late to matter)."""
    if "spacy" in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
