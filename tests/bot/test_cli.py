"""The command line, driven as a user would: real engine, real SQLite store in a temp dir."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest
from typer.testing import CliRunner

from bot.cli import app

ARTICLE_1 = (
    "Wildfire near Corran forces thousands from their homes\n"
    "About 6,000 residents were evacuated from Corran on Friday as the fire spread, the fire service said.\n"
    "At least 3 firefighters were injured, officials said.\n"
)
ARTICLE_2 = (
    "Corran wildfire: evacuations widen\n"
    "Some 6,500 residents have now been evacuated from Corran, the fire service said on Saturday.\n"
    "Five firefighters were injured, the regional health authority said.\n"
)
ARTICLE_3 = (
    "Corran fire: officials revise figures\n"
    "Only 900 residents were evacuated from Corran, a council spokesperson said on Sunday.\n"
)


@pytest.fixture
def env(clean_env):
    tmp_path = clean_env
    db = tmp_path / "store.db"
    files = {}
    for name, text in {"a1.txt": ARTICLE_1, "a2.txt": ARTICLE_2, "a3.txt": ARTICLE_3}.items():
        (tmp_path / name).write_text(text, "utf-8")
        files[name] = str(tmp_path / name)
    return db, files, tmp_path


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


def count_sources(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM sources").fetchone()[0]


def test_ingest_then_check_gives_verdicts_with_sources(env):
    db, files, _ = env
    r = run("ingest", "--db", str(db), "--outlet", "Corran Post", "--published", "2025-07-04", files["a1.txt"])
    assert r.exit_code == 0, r.output
    r = run("check", "--db", str(db), "--published", "2025-07-05", "--json", files["a2.txt"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output.strip().splitlines()[0])
    assert report["source"]["path"] == files["a2.txt"]
    by_figure = {c["figure"]["text"]: c for c in report["claims"]}
    evac = by_figure["Some 6,500"]
    # "some 6,500" is written to the hundred: another count than "about 6,000", a day later, of a rising measure
    assert evac["verdict"] == "conflicting"
    assert "likely an update" in evac["note"]
    assert evac["measure"] == "evacuated"
    (ev,) = evac["evidence"]
    assert ev["source"]["outlet"] == "Corran Post"
    assert ev["source"]["published"] == "2025-07-04"
    assert ev["figure"]["text"] == "About 6,000"
    assert ev["claimant"] == "the fire service"
    injured = by_figure["Five"]
    assert injured["verdict"] == "matching"  # five is "at least 3"
    assert injured["evidence"][0]["figure"]["text"] == "At least 3"
    # check stores nothing
    assert count_sources(db) == 1


def test_check_json_contract_names(env):
    db, files, _ = env
    r = run("check", "--db", str(db), "--json", files["a1.txt"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert set(report["source"]) >= {"path", "title", "outlet", "url", "published"}
    claim = report["claims"][0]
    assert set(claim) >= {
        "sentence", "subject", "measure", "figure", "claimant", "location", "period", "verdict", "evidence",
    }
    assert set(claim["figure"]) >= {"text", "low", "high", "qualifier", "approx", "unit"}
    assert all(c["verdict"] == "unverified" for c in report["claims"])


def test_a_second_ingest_says_when_it_was_seen(env):
    db, files, _ = env
    assert run("ingest", "--db", str(db), files["a1.txt"]).exit_code == 0
    r = run("ingest", "--db", str(db), "--json", files["a1.txt"])
    assert r.exit_code == 0
    report = json.loads(r.output)
    assert "seen_before" in report
    assert report["seen_before"]["stored_at"]
    assert count_sources(db) == 1


def test_a_falling_figure_is_flagged_against_the_earlier_ones(env):
    db, files, _ = env
    run("ingest", "--db", str(db), "--published", "2025-07-04", files["a1.txt"])
    run("ingest", "--db", str(db), "--published", "2025-07-05", files["a2.txt"])
    r = run("check", "--db", str(db), "--published", "2025-07-06", "--json", files["a3.txt"])
    claim = json.loads(r.output)["claims"][0]
    assert claim["verdict"] == "conflicting"
    assert "lower than reports" in claim["note"]
    assert {e["figure"]["text"] for e in claim["evidence"]} == {"About 6,000", "Some 6,500"}


def test_stdin_is_read_with_a_dash(env):
    db, _, _ = env
    r = run("check", "--db", str(db), "--json", "-", input=ARTICLE_1)
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["source"]["path"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9: 30 jobs were cut".encode("latin-1"), "not UTF-8"),
        ("Der Bürgermeister sagte, dass mehr als 300 Menschen evakuiert wurden und die Lage ernst bleibe.".encode(),
         "English"),
    ],
)
def test_bad_files_get_one_line_and_a_non_zero_exit_and_nothing_is_stored(env, content, message):
    db, files, tmp = env
    bad = tmp / "bad.txt"
    bad.write_bytes(content)
    r = run("ingest", "--db", str(db), files["a1.txt"], str(bad))
    assert r.exit_code != 0
    assert message in r.output
    assert r.output.count("\n") == 1
    assert "Traceback" not in r.output
    # the good file before it was not stored either: nothing half-written
    assert not db.exists() or count_sources(db) == 0


def test_missing_file_and_folder(env):
    db, _, tmp = env
    r = run("check", "--db", str(db), str(tmp / "nope.txt"))
    assert r.exit_code == 2
    assert "no such file" in r.output
    r = run("check", "--db", str(db), str(tmp))
    assert r.exit_code == 2
    assert "is a folder" in r.output


def test_bad_published_date(env):
    db, files, _ = env
    r = run("ingest", "--db", str(db), "--published", "17/12/2024", files["a1.txt"])
    assert r.exit_code == 2
    assert "YYYY" not in r.output
    assert "2024-12-17" in r.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_database_path(env):
    _db, files, tmp = env
    locked = tmp / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    r = run("ingest", "--db", str(locked / "x.db"), files["a1.txt"])
    assert r.exit_code != 0
    assert "cannot open the claim store" in r.output.lower()


def test_database_path_in_a_missing_folder(env):
    _db, files, tmp = env
    r = run("ingest", "--db", str(tmp / "no" / "such" / "dir" / "x.db"), files["a1.txt"])
    assert r.exit_code != 0
    assert "claim store" in r.output.lower()
    assert "Traceback" not in r.output


def test_sources_groups_by_measure(env):
    db, files, _ = env
    run("ingest", "--db", str(db), "--outlet", "Corran Post", "--published", "2025-07-04", files["a1.txt"])
    run("ingest", "--db", str(db), "--outlet", "Valley FM", "--published", "2025-07-05", files["a2.txt"])
    r = run("sources", "--db", str(db), "--json", "Corran evacuations")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    groups = {g["measure"]: g["claims"] for g in data["measures"]}
    assert [c["figure"]["text"] for c in groups["evacuated"]] == ["Some 6,500", "About 6,000"]  # newest first
    assert groups["evacuated"][0]["source"]["outlet"] == "Valley FM"


def test_run_without_a_token_fails_with_one_line(env):
    r = run("run")
    assert r.exit_code != 0
    assert "DISCORD_TOKEN is not set" in r.output
    assert r.output.count("\n") == 1
