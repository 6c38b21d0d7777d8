"""Errors that say what to do, one line each, with an exit status per kind; awkward inputs read right.

The command line runs in-process (typer's runner) with the real engine and a
SQLite store in a temporary folder; the bot's start-up errors run against the
Discord stand-in (tests/discord_standin.py) or a closed port.
"""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from bot.cli import app
from bot.client import DiscordUnavailable, TokenRefused
from bot.client import run as run_bot
from bot.engine.errors import InputError, StoreUnavailable
from tests.discord_standin import FakeDiscord, point_discord_py_at

pytestmark = pytest.mark.slow

FLOOD = ("Floods in Aldmoor force hundreds from their homes\n"
         "About 1,200 residents were evacuated from Aldmoor on Monday after the river burst its banks, "
         "the county council said. At least 3 people were injured, police said.\n")
BARRIER = ("The Marrow Valley council approved a new flood barrier on Monday. The barrier will cost 40 million "
           "euros, the council's finance director said, and about 150 workers will be hired, the mayor said.\n")
GERMAN = ("Das Hochwasser hat am Montag mehr als 1.200 Menschen aus ihren Häusern vertrieben, teilte die Polizei "
          "mit. Die Feuerwehr war mit vielen Kräften im Einsatz und die Schulen bleiben geschlossen.\n")
CHINESE = "周一，洪水迫使一千二百多名居民撤离家园，警方表示至少有三人受伤，学校将继续关闭，救援人员仍在现场工作。\n"
NOT_ENGLISH = "That text does not look like English."


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def errors(r) -> list[str]:
    """The stderr lines, without notes ("no claim store yet")."""
    return [line for line in r.stderr.splitlines() if line.strip() and not line.startswith("note:")]


@pytest.fixture
def files(clean_env):
    out = {}
    for name, text in {"flood.txt": FLOOD, "barrier.txt": BARRIER, "german.txt": GERMAN,
                       "chinese.txt": CHINESE}.items():
        (clean_env / name).write_text(text, "utf-8")
        out[name] = str(clean_env / name)
    return out


# -- the batch keeps going ------------------------------------------------------------------------


def test_a_batch_reports_a_refused_file_and_checks_the_others(files, clean_env):
    r = cli("check", "--db", str(clean_env / "s.db"), files["flood.txt"], files["german.txt"], files["barrier.txt"])
    assert r.exit_code == 3, r.output
    assert "1,200" in r.stdout
    assert "40 million" in r.stdout
    assert f"refused: {files['german.txt']}: {NOT_ENGLISH}" in r.stderr
    assert "1 of 3 inputs were refused" in r.stderr
    assert len(errors(r)) == 2  # the refusal, the summary


def test_a_batch_of_refused_files_exits_2(files, clean_env):
    r = cli("check", "--db", str(clean_env / "s.db"), files["german.txt"], files["chinese.txt"])
    assert r.exit_code == 2
    assert "None of the 2 inputs could be read" in r.stderr


def test_ingest_stores_a_batch_whole_or_not_at_all(files, clean_env):
    db = clean_env / "s.db"
    r = cli("ingest", "--db", str(db), files["flood.txt"], files["german.txt"])
    assert r.exit_code == 2
    assert NOT_ENGLISH in r.stderr
    r = cli("ingest", "--db", str(db), files["flood.txt"])
    assert r.exit_code == 0
    assert "seen before" not in r.stdout.lower()


# -- inputs -------------------------------------------------------------------------------------------


def test_chinese_and_german_are_refused_the_same_way(files):
    for name in ("german.txt", "chinese.txt"):
        r = cli("check", files[name])
        assert r.exit_code == 2
        assert errors(r) == [(f"error: {files[name]}: {NOT_ENGLISH} crosscheck reads English articles only; "
                              "paste an English version if there is one.")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_read(clean_env, encoding):
    path = clean_env / "flood16.txt"
    path.write_bytes(FLOOD.encode(encoding))
    r = cli("check", str(path))
    assert r.exit_code == 0, r.output
    assert "1,200" in r.stdout
    assert "binary" not in r.output


def test_a_local_html_file_has_its_tags_stripped(clean_env):
    path = clean_env / "page.html"
    body = "".join(f"<p>{line}</p>\n" for line in FLOOD.splitlines())
    path.write_text(f"<!DOCTYPE html><html><head><title>Floods in Aldmoor</title></head><body><article>"
                    f"{body}<p>More from the <a href='/x'>valley desk</a> tomorrow, with photographs.</p>"
                    f"</article></body></html>", "utf-8")
    r = cli("check", "--json", str(path))
    assert r.exit_code == 0, r.output
    assert "1,200" in r.stdout
    assert "<p>" not in r.stdout
    assert "</a>" not in r.stdout


def test_check_creates_no_store(files, clean_env):
    r = cli("check", files["flood.txt"])
    assert r.exit_code == 0, r.output
    assert not (clean_env / "crosscheck.db").exists()
    assert "no claim store at crosscheck.db yet" in r.stderr


def test_a_mysql_url_is_refused_in_one_line(files):
    r = cli("check", "--db", "mysql://root:secret@db.example/news", files["flood.txt"])
    assert r.exit_code == 2
    assert "secret" not in r.output
    assert "mysql database" in r.stderr
    assert len(errors(r)) == 1


def test_an_invalid_setting_is_one_line_with_exit_78(files):
    r = cli("check", files["flood.txt"], env={"CROSSCHECK_DB_TIMEOUT": "banana"})
    assert r.exit_code == 78
    [line] = errors(r)
    assert line.startswith("error: CROSSCHECK_DB_TIMEOUT=banana is not a valid setting")
    assert "Traceback" not in r.output


async def test_postgres_not_answering_names_host_and_port(settings):
    from storage import open_store

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    with pytest.raises(StoreUnavailable) as err:
        await open_store(f"postgresql://postgres@127.0.0.1:{port}/test", settings.model_copy(update={"db_retries": 0}))
    assert f"127.0.0.1:{port}" in str(err.value)
    assert "\n" not in str(err.value)


# -- the bot's start ----------------------------------------------------------------------------------


async def test_a_refused_token_is_one_sentence_and_exit_77(settings):
    fake = FakeDiscord()
    await fake.start()
    try:
        with point_discord_py_at(fake), pytest.raises(TokenRefused) as err:
            await run_bot(settings.model_copy(update={"discord_token": SecretStr("not-the-token")}))
    finally:
        await fake.close()
    assert err.value.exit_code == 77
    assert "Reset Token" in str(err.value)


async def test_discord_unreachable_is_one_sentence_and_exit_69(settings):
    fake = FakeDiscord()
    await fake.start()
    await fake.close()  # its port is closed now: nothing answers there
    with point_discord_py_at(fake), pytest.raises(DiscordUnavailable) as err:
        await asyncio.wait_for(run_bot(settings.model_copy(update={"discord_token": SecretStr("x")})), 30)
    assert err.value.exit_code == 69
    assert "Could not reach Discord" in str(err.value)
    assert "\n" not in str(err.value)


def test_exit_statuses_differ_per_kind():
    assert len({InputError.exit_code, TokenRefused.exit_code, DiscordUnavailable.exit_code, 78, 3, 70}) == 6


def test_check_reads_a_store_it_may_not_write_from_a_copy(files, clean_env, monkeypatch):
    import os

    db = clean_env / "shared.db"
    assert cli("ingest", "--db", str(db), files["flood.txt"]).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in clean_env.glob("shared.db*")}
    real_access = os.access
    # as a reader without write permission sees it (the tests may run as root, who may write anything)
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if (mode & os.W_OK and "shared.db" in str(p))
                        or (mode & os.W_OK and str(p) == str(clean_env)) else real_access(p, mode, **k))
    r = cli("check", "--db", str(db), "--json", files["flood.txt"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["seen_before"]  # the stored article was read
    after = {p.name: p.stat().st_mtime_ns for p in clean_env.glob("shared.db*")}
    assert after == before  # not a byte written next to the store
