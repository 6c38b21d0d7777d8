"""The desk's rules, as the engine states them for every store (bot/engine/curation.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.curation import (
    check_merge,
    check_split,
    check_story_merge,
    checked_edit,
    checked_grade,
    edited,
    require_moderator,
    retrieval_changed,
    snapshot,
    split_ids,
    story_merge_detail,
    story_move_detail,
    story_split_detail,
)
from bot.engine.errors import InputError, PermissionDenied
from bot.engine.protocol import Actor, ClaimEdit
from bot.engine.types import Figure, StoredClaim, StoredSource, Story
from tests.store_fixtures import make_claim, make_source


def test_only_moderators_curate():
    require_moderator(Actor("desk", is_moderator=True), "merge claims")
    with pytest.raises(PermissionDenied, match="Only moderators can merge claims"):
        require_moderator(Actor("reporter"), "merge claims")


def test_an_edit_is_checked_and_trimmed():
    with pytest.raises(InputError, match="subject cannot be blank"):
        checked_edit(ClaimEdit(subject="  "))
    with pytest.raises(InputError, match="bounds in order"):
        checked_edit(ClaimEdit(figure=Figure(text="9 to 3", low=9, high=3, unit="people")))
    assert checked_edit(ClaimEdit(subject=" miners ", claimant=" ")).subject == "miners"
    with pytest.raises(InputError, match="into itself"):
        check_merge(4, 4)


def test_an_edit_lists_its_changes_and_recomputes_the_retrieval_terms():
    claim = make_claim(("miner",), subject="miners")
    after, changes = edited(claim, checked_edit(ClaimEdit(subject="ferry passengers", claimant="")))
    assert changes == ["subject: 'miners' -> 'ferry passengers'"]  # a blank claimant that was none: no change
    assert "passenger" in after.subject_terms
    assert "miner" not in after.subject_terms
    assert retrieval_changed(claim, after)
    same, none = edited(claim, ClaimEdit(subject="miners"))
    assert none == []
    assert not retrieval_changed(claim, same)


def test_a_deleted_claims_snapshot_reads_without_the_claim():
    claim = make_claim(("miner",), subject="miners", sentence="x" * 1_200)
    sc = StoredClaim(id=7, claim=claim, source=StoredSource(id=3, info=make_source(outlet="Valley Post"),
                                                          created_at=datetime(2026, 2, 2, tzinfo=UTC)))
    text = snapshot(sc)
    assert text.startswith("claim #7 of source #3; figure: '12' (12 to 12 people)")
    assert "outlet: 'Valley Post'" in text
    assert len(text) < 1_200


def test_grades_are_one_of_the_scale():
    assert checked_grade(" Valley Post ", "Generally   Reliable") == (
        "Valley Post", "valley post", "generally reliable",
    )
    with pytest.raises(InputError, match="not a grade"):
        checked_grade("Valley Post", "excellent")


def test_a_story_split_names_articles_of_the_story_and_leaves_one():
    assert split_ids([5, "3", 5]) == [5, 3]
    with pytest.raises(InputError, match="Name the articles that leave the story"):
        split_ids([])
    check_split(2, [5], {5, 6})
    with pytest.raises(InputError, match=r"Article #7 is not in story #2"):
        check_split(2, [5, 7], {5, 6})
    with pytest.raises(InputError, match="must leave at least one article"):
        check_split(2, [5, 6], {5, 6})
    with pytest.raises(InputError, match=r"Story #4 and #9 are already one story"):
        check_story_merge(4, 9, 4, 4)  # #9 was merged into #4 before
    check_story_merge(4, 9, 4, 9)


def test_story_curation_is_audited_in_words():
    assert story_move_detail(8, [], 3) == "article #8: story none -> #3"
    assert story_move_detail(8, [1, 2], 3) == "article #8: story #1, #2 -> #3"
    kept, gone = Story(id=1, workspace="w", name="Fire"), Story(id=2, workspace="w", name="Blaze")
    assert story_merge_detail(gone, kept, 2) == "story #2 (Blaze) merged into #1 (Fire): 2 article(s)"
    assert story_split_detail(1, [4, 5], 6) == "story #1: article(s) #4, #5 -> new story #6"
