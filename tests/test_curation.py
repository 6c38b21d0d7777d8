"""The desk's rules, as the engine states them for every store (bot/engine/curation.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.curation import (
    check_merge,
    checked_edit,
    checked_grade,
    edited,
    require_moderator,
    retrieval_changed,
    snapshot,
)
from bot.engine.errors import InputError, PermissionDenied
from bot.engine.protocol import Actor, ClaimEdit
from bot.engine.types import Figure, StoredClaim, StoredSource
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
