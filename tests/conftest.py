"""Shared fixtures. Module-specific fixtures live beside their tests."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole run."""
    import spacy

    from bot.settings import Settings

    return spacy.load(Settings(_env_file=None).spacy_model)


@pytest.fixture(scope="session")
def engine(nlp):
    """The claim engine on the real pipeline, with the shipped vocabularies."""
    from bot.engine.measures import MeasureVocab
    from bot.engine.pipeline import Engine
    from bot.engine.places import Places

    return Engine(nlp, MeasureVocab.load(), Places.load())


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """No crosscheck variable from the developer's environment, and a working directory
    without a .env file: what a fresh machine sees."""
    for var in list(os.environ):
        if var.startswith("CROSSCHECK_") or var == "DISCORD_TOKEN":
            monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def settings(tmp_path, clean_env):
    """Settings isolated from the developer's environment and .env file."""
    from bot.settings import Settings

    return Settings(_env_file=None, db=str(tmp_path / "crosscheck.db"))
