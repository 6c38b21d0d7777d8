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

_NAMES = ("spacy.cli", "spacy.cli.info")


def _real(name: str) -> types.ModuleType:
    """Drop the stand-ins and import the real module ``name``."""
    _Finder.active = False
    for n in _NAMES:
        mod = sys.modules.get(n)
        if mod is not None and getattr(mod, "__crosscheck_stub__", False):
            del sys.modules[n]
    return importlib.import_module(name)


def _info(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - spacy.info's own signature
    return _real("spacy.cli.info").info(*args, **kwargs)


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):  # noqa: ANN001, ANN201
        mod = types.ModuleType(spec.name)
        mod.__crosscheck_stub__ = True
        mod.__path__ = []  # a package, so that ``spacy.cli.info`` resolves under it
        if spec.name == "spacy.cli.info":
            mod.info = _info
        name = spec.name

        def __getattr__(attr: str):  # noqa: ANN202 - anything else: the real module
            if attr.startswith("__"):
                raise AttributeError(attr)
            return getattr(_real(name), attr)

        mod.__getattr__ = __getattr__
        return mod

    def exec_module(self, module) -> None:  # noqa: ANN001
        return None


class _Finder(importlib.abc.MetaPathFinder):
    active = True

    def find_spec(self, fullname, path, target=None):  # noqa: ANN001, ANN201
        if not _Finder.active or fullname not in _NAMES:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(), is_package=True)


def defer() -> None:
    """Install the hook, unless spaCy is already imported (then it is too late to matter)."""
    if "spacy" in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
