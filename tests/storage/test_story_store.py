"""Stories in the store, on SQLite, PostgreSQL and in memory: linking, verdicts within a story, curation
following at once, the dossier, the evidence cap, atomic check-and-store, and the migration."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from typer.testing import CliRunner

import storage
from bot.cli import app
from bot.engine.checker import Checker
from bot.engine.errors import InputError, NotFound, PermissionDenied
from bot.engine.protocol import Actor
from bot.engine.types import Article, Claim, Figure, Verdict
from bot.engine.verdicts import VerdictPolicy
from storage.migrate import migrate
from storage.sqlite import SQLiteDriver
from tests.storage.test_store import store_url  # noqa: F401 - fixture: every backend
from tests.store_fixtures import make_source

MOD = Actor("Editor", user_id=1, is_moderator=True)
REPORTER = Actor("Reporter", user_id=2, is_moderator=False)

FIRE = (
    "Warehouse fire in Dunmore kills {n} workers\n"
    "DUNMORE (Valley Press) — {n} workers died when fire swept through the Harlan Logistics warehouse on "
    "Quarry Road early on Saturday, fire chief Odile Brennan said. Crews from Pelton fought the blaze."
)
FIRE_LATER = (
    "Harlan Logistics fire: investigators look at wiring\n"
    "Investigators are examining the wiring at the Harlan Logistics warehouse on Quarry Road in Dunmore, "
    "where {n} workers were killed. Fire chief Odile Brennan said the blaze started near the loading bays."
)
SHOOTING = (
    "Man shot dead outside Calder City bakery\n"
    "CALDER CITY (Metro News) — {n} man was shot and killed outside Rosetti's Bakery on Linden Avenue on "
    "Friday night, Lieutenant Grace Okafor said. Marcus Dell died at the scene."
)


@pytest.fixture
async def store(store_url, settings):  # noqa: F811
    st = await storage.open_store(store_url, settings)
    yield st
    await st.close()


def killed(n: float, text: str, *, subject: str = "workers") -> Claim:
    sentence = next((s for s in text.split("\n")[1].split(". ") if str(int(n)) in s or "man" in s), text)
    return Claim(sentence=sentence, figure=Figure(text=f"{n:g}", low=n, high=n), measure="killed",
                 subject=subject, start=0, end=len(sentence), figure_start=0, figure_end=1)


def article(template: str, n: int, day: date, **info) -> tuple[Article, list[Claim]]:
    text = template.format(n=n)
    source = make_source(workspace="w", published=day, title=text.split("\n")[0], **info)
    return Article(text=text, source=source), [killed(n, text, subject="man" if "man" in text else "workers")]


def checker(store, **kw) -> Checker:
    return Checker(None, store, VerdictPolicy(**kw))  # type: ignore[arg-type] - check_claims needs no NLP


async def save(ck: Checker, template: str, n: int, day: date):
    art, claims = article(template, n, day)
    report = await ck.check_claims(art, claims, save=True)
    assert report.stored is not None
    return report


async def test_reports_of_one_event_share_a_story_and_only_its_claims_are_evidence(store):
    ck = checker(store)
    first = await save(ck, FIRE, 2, date(2025, 5, 10))
    other = await save(ck, SHOOTING, 1, date(2025, 5, 10))
    assert first.stories[0].id != other.stories[0].id
    art, claims = article(FIRE_LATER, 3, date(2025, 5, 11))
    report = await ck.check_claims(art, claims)
    assert [s.id for s in report.stories] == [first.stories[0].id]
    (check,) = report.checks
    assert check.verdict is Verdict.CONFLICTING  # 3 against the story's 2, never the shooting's 1
    assert {ev.stored.source.id for ev in check.evidence} == {first.stored.id}
    assert report.to_json()["story"]["id"] == first.stories[0].id
    assert await store.count_claims("w") == 2  # check stores nothing


CHIP = (
    "Halvern to build chip plant in Brenmark\n"
    "BRENMARK (Metro News) — Halvern Semiconductor will build its chip plant in Brenmark, the company said on "
    "Monday. {n} workers will be on site at the peak of construction, Halvern said."
)


def counted(n: float, text: str, measure: str) -> Claim:
    sentence = text.split("\n")[1]
    return Claim(sentence=sentence, figure=Figure(text=f"{n:g}", low=n, high=n, unit="people"), measure=measure,
                 subject=measure, start=0, end=len(sentence), figure_start=0, figure_end=1)


async def test_a_story_s_other_name_of_a_thing_is_its_evidence_when_the_only_one(store):
    ck = Checker(None, store, VerdictPolicy(), named_measures={"killed"})  # type: ignore[arg-type]
    first = CHIP.format(n=3500)
    art = Article(text=first, source=make_source(workspace="w", published=date(2025, 5, 10),
                                                  title=first.split("\n")[0]))
    assert (await ck.check_claims(art, [counted(3500, first, "workers")], save=True)).stored is not None
    later = CHIP.format(n=4500)
    art = Article(text=later, source=make_source(workspace="w", published=date(2025, 5, 12),
                                                  title=later.split("\n")[0]))
    (check,) = (await ck.check_claims(art, [counted(4500, later, "construction workers")])).checks
    assert check.verdict is Verdict.CONFLICTING  # read from the store by the word of the thing, on every backend
    assert [ev.stored.claim.measure for ev in check.evidence] == ["workers"]
    (named,) = (await ck.check_claims(art, [counted(4500, later, "killed")])).checks
    assert named.verdict is Verdict.UNVERIFIED  # a name the vocabulary gives is only itself


RIOT = (
    "Order restored at Wexmoor prison after riot\n"
    "WEXMOOR (Press Wire) — Officials estimate that {n} cells were wrecked in the riot at Wexmoor prison, "
    "the ministry said on Monday."
)


def things(n: float, text: str, measure: str, subject: str = "cells") -> Claim:
    sentence = text.split("\n")[1]
    return Claim(sentence=sentence, figure=Figure(text=f"{n:g}", low=n, high=n, unit="count"), measure=measure,
                 subject=subject, start=0, end=len(sentence), figure_start=0, figure_end=1)


async def test_the_same_figure_of_the_same_things_under_another_event_matches(store):
    ck = Checker(None, store, VerdictPolicy(), named_measures={"destroyed", "damaged"})  # type: ignore[arg-type]
    first = RIOT.format(n=48)
    art = Article(text=first, source=make_source(workspace="w", published=date(2025, 8, 17),
                                                  title=first.split("\n")[0]))
    assert (await ck.check_claims(art, [things(48, first, "wrecked")], save=True)).stored is not None
    later = RIOT.format(n=48).replace("were wrecked", "had been destroyed")
    art = Article(text=later, source=make_source(workspace="w", published=date(2025, 8, 19),
                                                  title=later.split("\n")[0]))
    same, other, fewer, vans = (await ck.check_claims(art, [
        things(48, later, "destroyed"), things(48, later, "damaged", "vans"), things(40, later, "destroyed"),
        things(48, later, "sold", "vans")])).checks
    assert same.verdict is Verdict.MATCHING  # read from the store by the word of the things, on every backend
    assert [ev.stored.claim.measure for ev in same.evidence] == ["wrecked"]
    assert other.verdict is Verdict.UNVERIFIED  # other things
    assert fewer.verdict is Verdict.UNVERIFIED  # another figure under another name says nothing either way
    assert vans.verdict is Verdict.UNVERIFIED


async def test_move_merge_and_split_are_audited_and_verdicts_follow_at_once(store):
    ck = checker(store)
    fire = await save(ck, FIRE, 2, date(2025, 5, 10))
    shot = await save(ck, SHOOTING, 1, date(2025, 5, 10))
    fire_id, shot_id = fire.stories[0].id, shot.stories[0].id
    art, claims = article(FIRE_LATER, 3, date(2025, 5, 11))
    claims = [replace(claims[0], subject="")]  # an empty subject compares within the story

    async def evidence_sources() -> set[int]:
        report = await ck.check_claims(art, claims)
        return {ev.stored.source.id for c in report.checks for ev in c.evidence}

    assert await evidence_sources() == {fire.stored.id}
    with pytest.raises(PermissionDenied):
        await store.move_article("w", shot.stored.id, fire_id, REPORTER, "no")
    moved = await store.move_article("w", shot.stored.id, fire_id, MOD, "one event")
    assert moved.id == fire_id
    assert moved.n_articles == 2
    assert await evidence_sources() == {fire.stored.id, shot.stored.id}
    split = await store.split_story("w", fire_id, [shot.stored.id], MOD, "two events")
    assert split.n_articles == 1
    assert split.id not in (fire_id, shot_id)
    assert await evidence_sources() == {fire.stored.id}
    merged = await store.merge_stories("w", fire_id, split.id, MOD, "one event after all")
    assert merged.id == fire_id
    assert merged.n_articles == 2
    assert (await store.get_story("w", split.id)).id == fire_id  # a merged id leads to the kept story
    assert await evidence_sources() == {fire.stored.id, shot.stored.id}
    actions = [e.action for e in await store.audit_entries("w")]
    assert actions[:3] == ["story_merge", "story_split", "story_move"]
    with pytest.raises(InputError):
        await store.merge_stories("w", fire_id, fire_id, MOD, "")
    with pytest.raises(NotFound):
        await store.get_story("w", 9_999)


async def test_the_dossier_lists_articles_and_measures_newest_first(store, tmp_path):
    ck = checker(store)
    first = await save(ck, FIRE, 2, date(2025, 5, 10))
    await save(ck, FIRE_LATER, 3, date(2025, 5, 12))
    dossier = await ck.dossier("w", "Warehouse fire Dunmore")
    assert dossier.story.id == first.stories[0].id
    assert [s.info.published for s in dossier.sources] == [date(2025, 5, 10), date(2025, 5, 12)]
    (row,) = dossier.rows
    assert row.measure == "killed"
    assert [sc.claim.figure.low for sc in row.claims] == [3, 2]
    assert (await ck.dossier("w", f"#{first.stories[0].id}")).story == dossier.story
    with pytest.raises(NotFound):
        await ck.dossier("w", "volcano")
    data = dossier.to_json()
    assert data["measures"][0]["reports"][0]["figure"]["low"] == 3


async def test_a_toll_with_300_conflicting_reports_keeps_evidence_within_the_limit(store):
    ck = checker(store, max_evidence=10)
    base = date(2025, 5, 10)
    for i in range(300):
        art, claims = article(FIRE, 10 + i, base)
        await store.add_article(art.source, claims)
    art, claims = article(FIRE, 5, base)
    (check,) = (await ck.check_claims(art, claims)).checks
    assert check.verdict is Verdict.CONFLICTING
    assert len(check.evidence) == 10
    assert check.conflicts is not None
    assert check.conflicts.count == 300
    assert (check.conflicts.lowest.low, check.conflicts.highest.high) == (10, 309)


class FailingStore:
    """A store whose write fails once: what a crash between the verdicts and the write looks like."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.fail = True

    def __getattr__(self, name):
        return getattr(self.inner, name)

    async def add_article(self, *args, **kwargs):
        if self.fail:
            self.fail = False
            raise RuntimeError("the disk went away")
        return await self.inner.add_article(*args, **kwargs)


async def test_an_article_is_stored_with_its_report_or_not_at_all(store):
    ck = checker(FailingStore(store))
    art, claims = article(FIRE, 2, date(2025, 5, 10))
    with pytest.raises(RuntimeError):
        await ck.check_claims(art, claims, save=True)
    assert await store.count_claims("w") == 0
    assert await store.find_stories("w", "Warehouse") == []
    report = await ck.check_claims(art, claims, save=True)  # the rerun reports it
    assert report.stored is not None
    assert report.checks
    again = await ck.check_claims(art, claims, save=True)  # and then says it was seen before
    assert again.stored is None
    assert again.seen_before is not None
    assert again.stories


def test_the_story_cli_prints_the_dossier(tmp_path, settings):
    db = tmp_path / "cli.db"

    async def fill() -> None:
        async with await storage.open_store(str(db), settings) as st:
            await save(checker(st), FIRE, 2, date(2025, 5, 10))
            await save(checker(st), FIRE_LATER, 3, date(2025, 5, 12))

    asyncio.run(fill())
    runner = CliRunner()
    r = runner.invoke(app, ["story", "Warehouse fire", "--db", str(db), "--workspace", "w", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert len(data["articles"]) == 2
    assert data["measures"][0]["measure"] == "killed"
    chart = tmp_path / "story.png"
    r = runner.invoke(app, ["story", "1", "--db", str(db), "--workspace", "w", "--chart", str(chart)])
    assert r.exit_code == 0, r.output
    assert "Story #1" in r.output
    assert chart.read_bytes()[:4] == b"\x89PNG"
    r = runner.invoke(app, ["story", "volcano", "--db", str(db), "--workspace", "w"])
    assert r.exit_code != 0
    assert "No story" in r.output
    r = runner.invoke(app, ["story-split", "1", "1", "--db", str(db), "--workspace", "w", "--reason", "test"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["story-merge", "1", "2", "--db", str(db), "--workspace", "w"])
    assert r.exit_code == 0
    assert "merged into story #1" in r.output


async def test_a_version_4_database_gets_its_stories_in_publication_order(tmp_path, settings):
    path = tmp_path / "old.db"
    driver = await SQLiteDriver.open(path, timeout=5)
    try:
        assert await migrate(driver, target=4) == 4
    finally:
        await driver.close()
    conn = sqlite3.connect(path)
    try:
        rows = [  # stored out of order: the later report first
            (1, "Harlan Logistics fire: wiring examined", "2025-05-12", "h1"),
            (2, "Warehouse fire at Harlan Logistics kills two", "2025-05-10", "h2"),
            (3, "Man shot dead outside Rosetti's Bakery", "2025-05-10", "h3"),
        ]
        for sid, title, day, h in rows:
            conn.execute("INSERT INTO sources (id, workspace, title, published, text_hash, created_at)"
                         " VALUES (?, 'w', ?, ?, ?, '2025-06-01T00:00:00.000000+00:00')", (sid, title, day, h))
            conn.execute(
                'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end,'
                " figure_text, low, high, approx, unit, measure, subject, created_at, updated_at)"
                " VALUES (?, 'w', ?, ?, 0, 10, 0, 1, '2', 2, 2, 0, 'people', 'killed', 'workers',"
                " '2025-06-01T00:00:00.000000+00:00', '2025-06-01T00:00:00.000000+00:00')",
                (sid, sid, f"{title}, officials at Harlan Logistics said." if sid < 3 else title),
            )
        conn.commit()
    finally:
        conn.close()
    async with await storage.open_store(str(path), settings) as st:
        stories = {sid: await st.stories_of_source("w", sid) for sid in (1, 2, 3)}
        assert all(len(v) == 1 for v in stories.values())
        assert stories[1][0].id == stories[2][0].id != stories[3][0].id
        fire = await st.get_story("w", stories[2][0].id)
        assert fire.name == "Warehouse fire at Harlan Logistics kills two"  # the earliest report named it
        assert (fire.first_day, fire.last_day, fire.n_articles) == (date(2025, 5, 10), date(2025, 5, 12), 2)
    async with await storage.open_store(str(path), settings) as st:  # nothing linked twice
        assert (await st.get_story("w", fire.id)).n_articles == 2


AUDIT = (
    "Auditors question Harrowgate council's consultants\n"
    "HARROWGATE (Press Wire) — Auditors examined {n} consultancy contracts let by Harrowgate council last year, "
    "their report said on Monday."
)


async def test_the_same_distinctive_number_in_other_words_matches(store):
    ck = Checker(None, store, VerdictPolicy(), named_measures={"killed", "injured"})  # type: ignore[arg-type]
    first = AUDIT.format(n=112)
    art = Article(text=first, source=make_source(workspace="w", published=date(2025, 6, 2),
                                                  title=first.split("\n")[0]))
    examined = things(112, first, "examined", "consultancy contracts")
    assert (await ck.check_claims(art, [examined, things(130, first, "killed", "people")], save=True)).stored
    later = AUDIT.format(n=112).replace("examined", "went through")
    art = Article(text=later, source=make_source(workspace="w", published=date(2025, 6, 4),
                                                  title=later.split("\n")[0]))
    deals, other, small, named = (await ck.check_claims(art, [
        things(112, later, "consultancy deals", "consultancy deals"), things(113, later, "consultancy deals"),
        things(48, later, "vans sold", "vans"), things(130, later, "injured", "people")])).checks
    assert deals.verdict is Verdict.MATCHING  # read from the store by its number, on every backend
    assert [ev.stored.claim.measure for ev in deals.evidence] == ["examined"]
    assert other.verdict is Verdict.UNVERIFIED  # another number in other words says nothing either way
    assert small.verdict is Verdict.UNVERIFIED  # a small number is shared by chance
    assert named.verdict is Verdict.UNVERIFIED  # two of the vocabulary's names are two facts
