"""The verification desk's rules: who may curate, what an edit may say, and what the audit log keeps.

Every store applies them the same way (SQLite, PostgreSQL, in memory): the
store asks these functions and stores what they answer. Nothing here touches a
store, discord or the settings.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from .errors import InputError, NotFound, PermissionDenied
from .protocol import GRADES, Actor, ClaimEdit
from .subjects import subject_terms
from .types import Claim, Figure, StoredClaim, Story

#: Characters kept of a deleted claim's sentence in its audit snapshot.
SNAPSHOT_SENTENCE = 1_000


def require_moderator(actor: Actor, what: str) -> None:
    """PermissionDenied unless ``actor`` moderates: checked by the store, whatever the UI did."""
    if not actor.is_moderator:
        raise PermissionDenied(f"Only moderators can {what}. Ask someone with the moderator role.")


def reason_text(reason: str | None) -> str | None:
    """A reason as the audit log keeps it: trimmed, None when blank."""
    return (reason or "").strip() or None


def shown(value: Any) -> str:
    """A value in an audit detail: quoted text, or "none"."""
    return "none" if value is None or value == "" else repr(value)


def figure_shown(fig: Figure) -> str:
    low = "open" if fig.low is None else f"{fig.low:g}"
    high = "open" if fig.high is None else f"{fig.high:g}"
    return f"{fig.text!r} ({low} to {high} {fig.unit})"


def checked_edit(edit: ClaimEdit) -> ClaimEdit:
    """``edit`` trimmed; InputError for a blank subject or measure or an impossible figure."""
    subject = edit.subject.strip() if edit.subject is not None else None
    measure = edit.measure.strip() if edit.measure is not None else None
    if subject == "":
        raise InputError("A claim's subject cannot be blank: say who or what was counted.")
    if measure == "":
        raise InputError("A claim's measure cannot be blank: say what was counted (killed, injured, cost...).")
    fig = edit.figure
    if fig is not None:
        if not fig.text.strip() or not fig.unit.strip():
            raise InputError("A figure needs its text as written and a unit.")
        if fig.low is not None and fig.high is not None and fig.low > fig.high:
            raise InputError(f"“{fig.text}” runs from {fig.low:g} down to {fig.high:g}: give its bounds in order.")
        fig = replace(fig, text=fig.text.strip(), unit=fig.unit.strip())
    return replace(edit, subject=subject, measure=measure, figure=fig)


def edited(claim: Claim, edit: ClaimEdit) -> tuple[Claim, list[str]]:
    """``claim`` with a checked ``edit`` applied, and ``field: old -> new`` for each field that changed.

    A new subject or measure recomputes the claim's retrieval terms
    (:func:`bot.engine.subjects.subject_terms`), as extraction computed them.
    """
    changes: list[str] = []
    updates: dict[str, Any] = {}
    if edit.figure is not None and edit.figure != claim.figure:
        old, new = claim.figure, edit.figure
        if old.text == new.text:
            changes.append(f"figure: {figure_shown(old)} -> {figure_shown(new)}")
        else:
            changes.append(f"figure: {old.text!r} -> {new.text!r}")
        updates["figure"] = new
    for name in ("measure", "subject", "claimant", "location", "period"):
        value = getattr(edit, name)
        if value is None:
            continue
        value = value.strip() or None  # blank clears the optional fields (subject, measure checked already)
        if value != getattr(claim, name):
            changes.append(f"{name}: {shown(getattr(claim, name))} -> {shown(value)}")
            updates[name] = value
    if "subject" in updates or "measure" in updates:
        updates["subject_terms"] = subject_terms(updates.get("subject", claim.subject), claim.entities)
    return replace(claim, **updates), changes


def retrieval_changed(before: Claim, after: Claim) -> bool:
    """Whether an edit moves the claim in the retrieval index (its terms, measure or unit changed)."""
    return (after.subject_terms, after.measure, after.figure.unit) != (
        before.subject_terms, before.measure, before.figure.unit)


def check_merge(keep_id: int, merge_id: int) -> None:
    if keep_id == merge_id:
        raise InputError(f"Claim #{keep_id} cannot be merged into itself. Give two different claims.")


def merge_details(keep_id: int, merge_id: int) -> tuple[str, str]:
    """The audit details of a merge: for the merged claim, then for the kept one."""
    return f"merged into #{keep_id}", f"#{merge_id} merged into this"


def snapshot(sc: StoredClaim) -> str:
    """A deleted claim as its audit entry keeps it, readable without the claim."""
    c = sc.claim
    sentence = c.sentence if len(c.sentence) <= SNAPSHOT_SENTENCE else c.sentence[: SNAPSHOT_SENTENCE - 1] + "…"
    parts = [
        f"claim #{sc.id} of source #{sc.source.id}",
        f"figure: {figure_shown(c.figure)}",
        f"measure: {c.measure!r}",
        f"subject: {c.subject!r}",
        f"claimant: {shown(c.claimant)}",
    ]
    if sc.source.info.outlet:
        parts.append(f"outlet: {sc.source.info.outlet!r}")
    parts.append(f"sentence: {sentence!r}")
    return "; ".join(parts)


def checked_grade(outlet: str, grade: str) -> tuple[str, str, str]:
    """(outlet as named, its case-insensitive key, the grade) or InputError."""
    name = outlet.strip()
    if not name:
        raise InputError("Name the outlet to grade, as it appears on its stories.")
    wanted = " ".join(grade.split()).lower()
    if wanted not in GRADES:
        raise InputError(f"“{grade}” is not a grade. Use one of: {', '.join(GRADES)}.")
    return name, name.lower(), wanted


def grade_detail(outlet: str, before: str | None, after: str) -> str:
    return f"{outlet}: {before or 'unrated'} -> {after}"


def check_setting_key(key: str) -> None:
    if not key.strip():
        raise InputError("A setting needs a name.")


def setting_detail(key: str, before: str | None, after: str | None) -> str:
    return f"{key}: {shown(before)} -> {shown(after)}"


def import_detail(source_id: int, url: str | None) -> str:
    return f"source #{source_id}" + (f" ({url})" if url else "")


# -- stories ------------------------------------------------------------------------------------


def no_story(story_id: int) -> NotFound:
    return NotFound(f"No story #{story_id} here. Use `story` with words from its name to find it.")


def no_article(source_id: int) -> NotFound:
    return NotFound(f"No article #{source_id} here. The story dossier lists its articles' ids.")


def moved_story_name(title: str | None, source_id: int) -> str:
    """The name of the story an article moved out on its own starts."""
    return title or f"Story of article #{source_id}"


def check_story_merge(keep_id: int, merge_id: int, kept: int, gone: int) -> None:
    """InputError when the stories asked for (``keep_id``, ``merge_id``) are already one (``kept == gone``)."""
    if kept == gone:
        raise InputError(f"Story #{keep_id} and #{merge_id} are already one story. Give two different stories.")


def split_ids(source_ids: Sequence[int]) -> list[int]:
    """The articles leaving a story, each once, in order; InputError when none is named."""
    wanted = list(dict.fromkeys(int(s) for s in source_ids))
    if not wanted:
        raise InputError("Name the articles that leave the story (their ids are in the story dossier).")
    return wanted


def check_split(story_id: int, wanted: Sequence[int], held: Collection[int]) -> None:
    """InputError unless every article leaving is in the story and at least one stays."""
    missing = [s for s in wanted if s not in held]
    if missing:
        raise InputError(f"Article #{missing[0]} is not in story #{story_id}. The dossier lists the story's articles.")
    if len(wanted) == len(held):
        raise InputError("A split must leave at least one article in the story; move the others instead.")


def split_story_name(title: str | None, story_id: int) -> str:
    """The name of the story a split starts: its first article's title."""
    return title or f"Split from story #{story_id}"


def story_move_detail(source_id: int, before: Sequence[int], target: int) -> str:
    shown_before = ", ".join(f"#{s}" for s in before) or "none"
    return f"article #{source_id}: story {shown_before} -> #{target}"


def story_merge_detail(gone: Story, kept: Story, moved: int) -> str:
    return f"story #{gone.id} ({gone.name}) merged into #{kept.id} ({kept.name}): {moved} article(s)"


def story_split_detail(story_id: int, wanted: Sequence[int], new_id: int) -> str:
    return f"story #{story_id}: article(s) {', '.join(f'#{s}' for s in wanted)} -> new story #{new_id}"
