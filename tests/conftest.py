"""Shared fixtures. Module-specific fixtures live beside their tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole run."""
    import spacy

    from bot.settings import Settings

    return spacy.load(Settings(_env_file=None).spacy_model)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings isolated from the developer's environment and .env file."""
    from bot.settings import Settings

    for var in list(__import__("os").environ):
        if var.startswith("CROSSCHECK_") or var == "DISCORD_TOKEN":
            monkeypatch.delenv(var, raising=False)
    return Settings(_env_file=None, db=str(tmp_path / "crosscheck.db"))
