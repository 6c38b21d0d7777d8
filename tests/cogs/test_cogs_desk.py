"""The verification desk in Discord: curation commands, the persistent verdict buttons, statuses in verdicts.

Two ways in, both over the real bot (the in-memory store, real engine):

* command callbacks and checks called with ``spec_set`` mocks (``tests.helpers``);
* slash commands and button presses through the real ``CommandTree`` and the
  real component dispatch of discord.py, with the JSON discord.py sends
  captured (the harness of ``tests/bot/test_bot_e2e.py``).
"""

from __future__ import annotations

import struct
from dataclasses import replace

import discord
import pytest
from discord import app_commands

from bot.engine.errors import InputError, NotFound, PermissionDenied
from bot.engine.protocol import Actor
from bot.engine.types import ClaimStatus, SourceInfo, StoredClaim, Verdict
from bot.moderation import MODERATOR_ROLE, NOT_MODERATOR
from bot.render.reports import claim_block, report_pages
from cogs._common import CheckRequest
from cogs._common import check as check_request
from cogs._controls import status_custom_id
from cogs._moderators import NotModerator
from cogs.claims._cog import Claims, ConfirmDelete, claim_autocomplete
from cogs.desk._buttons import ReviewSelect, StatusButton
from cogs.desk._cog import Desk
from tests.bot.test_bot_e2e import (  # noqa: F401 - fixtures
    EPHEMERAL,
    REPORTER,
    api,
    base_payload,
    bot,
    call_tree,
    interaction_payload,
    wait_for,
)
from tests.helpers import (
    BARRIER,
    BARRIER_CRITICS,
    MockGuild,
    MockInteraction,
    MockMember,
    MockRole,
    MockTextChannel,
    text_of,
)

pytestmark = pytest.mark.slow

# Cogs are built here from the imported modules (as tests/cogs/test_cogs.py does): the bot's own
# copies are re-imported whenever an earlier bot closed and unloaded its extensions.

MODERATOR = discord.Permissions(manage_messages=True)
DESK = Actor("desk test", user_id=1, is_moderator=True)


@pytest.fixture
def settings(settings):
    """The conftest's settings on the in-memory store: these tests are about the desk's cogs."""
    return settings.model_copy(update={"db": "memory://"})


@pytest.fixture
def guild():
    return MockGuild()


@pytest.fixture
def channel(guild):
    return MockTextChannel(guild=guild)


def interaction_in(bot, channel, *, permissions=REPORTER, user=None) -> MockInteraction:  # noqa: F811
    interaction = MockInteraction(guild=channel.guild, channel=channel, permissions=permissions,
                                  user=user or MockMember(name="tester", roles=[]))
    interaction.client = bot
    return interaction


async def store_article(bot, guild_id: int, text: str, *, outlet: str, day: int) -> list[StoredClaim]:  # noqa: F811
    """Store one article with its claims, as a watched channel would."""
    source = SourceInfo(workspace=str(guild_id), guild_id=guild_id, outlet=outlet, poster="maria")
    text = text.replace("Monday", f"Monday the {day}th")
    from datetime import date

    article = await bot.service.read(CheckRequest(text=text), replace(source, published=date(2026, 2, day)))
    report = (await bot.service.check_article(article, save=True)).report
    assert report.stored is not None
    return await bot.store.claims_of_source(str(guild_id), report.stored.id)


def workers(claims: list[StoredClaim]) -> StoredClaim:
    return next(sc for sc in claims if sc.claim.figure.low == 150)


async def run_checks(command: app_commands.Command, interaction) -> bool:
    return await command._check_can_run(interaction)


# -- statuses shape verdicts ---------------------------------------------------------------------------------


async def test_each_status_shapes_the_verdicts_and_is_marked(bot, guild):  # noqa: F811
    ws = str(guild.id)
    outlets = {
        ClaimStatus.UNREVIEWED: "Plain Post",
        ClaimStatus.DISPUTED: "Doubtful Daily",
        ClaimStatus.RETRACTED: "Retracting Times",
        ClaimStatus.NOT_A_CLAIM: "Noise Weekly",
        ClaimStatus.CONFIRMED: "Checked Chronicle",  # stored last: newest, yet listed first
    }
    ids = {}
    for day, (status, outlet) in enumerate(outlets.items(), start=2):
        sc = workers(await store_article(bot, guild.id, BARRIER, outlet=outlet, day=day))
        if status is not ClaimStatus.UNREVIEWED:
            await bot.store.set_status(ws, sc.id, status, DESK, "desk test")
        ids[status] = sc.id
    await bot.store.set_grade(ws, "Checked Chronicle", "reliable", DESK, "long record")

    checked = await check_request(bot, CheckRequest(text=BARRIER_CRITICS), SourceInfo(workspace=ws, guild_id=guild.id),
                          save=False)
    report = checked.report
    check = next(c for c in report.checks if c.claim.figure.low == 150)
    assert check.verdict is Verdict.MATCHING
    evidence_ids = [e.stored.id for e in check.evidence]
    # retracted and not-a-claim are never evidence
    assert ids[ClaimStatus.RETRACTED] not in evidence_ids
    assert ids[ClaimStatus.NOT_A_CLAIM] not in evidence_ids
    # confirmed comes first; disputed and unreviewed are still listed
    assert evidence_ids[0] == ids[ClaimStatus.CONFIRMED]
    assert {ids[ClaimStatus.DISPUTED], ids[ClaimStatus.UNREVIEWED]} <= set(evidence_ids)

    assert checked.items == ()  # nothing stored: no buttons
    block = claim_block(check, grades=checked.grades)
    lines = block.splitlines()
    assert "Checked Chronicle (reliable)" in lines[1]
    assert "· confirmed ✔" in lines[1]
    assert any("Doubtful Daily" in ln and "· disputed ✖" in ln for ln in lines)
    assert "Retracting Times" not in block
    assert "Noise Weekly" not in block


# -- who may curate ------------------------------------------------------------------------------------------


async def test_curation_commands_refuse_non_moderators_at_the_command(bot, channel):  # noqa: F811
    claims_cog, desk_cog = Claims(bot), Desk(bot)
    commands = [claims_cog.edit, claims_cog.status, claims_cog.merge, claims_cog.delete, desk_cog.source_grade,
                desk_cog.export]
    for command in commands:
        with pytest.raises(NotModerator):
            await run_checks(command, interaction_in(bot, channel, permissions=REPORTER))
        assert await run_checks(command, interaction_in(bot, channel, permissions=MODERATOR)), command.name
    # reading is open to everyone
    assert await run_checks(claims_cog.show, interaction_in(bot, channel, permissions=REPORTER))
    assert await run_checks(desk_cog.source_show, interaction_in(bot, channel, permissions=REPORTER))


async def test_a_moderator_role_replaces_manage_messages(bot, channel):  # noqa: F811
    desk_cog, claims_cog = Desk(bot), Claims(bot)
    role = MockRole(name="fact desk")
    admin = interaction_in(bot, channel, permissions=discord.Permissions(manage_guild=True))
    await desk_cog.moderator_role.callback(desk_cog, admin, role=role)
    assert await bot.store.get_setting(str(channel.guild.id), MODERATOR_ROLE) == str(role.id)
    assert f"<@&{role.id}>" in text_of(admin.followup.send.call_args)

    with pytest.raises(NotModerator):  # Manage Messages alone no longer moderates
        await run_checks(claims_cog.status, interaction_in(bot, channel, permissions=MODERATOR))
    member = MockMember(name="checker", roles=[role])
    assert await run_checks(claims_cog.status, interaction_in(bot, channel, permissions=REPORTER, user=member))
    # /settings itself needs Manage Server
    with pytest.raises(app_commands.MissingPermissions):
        await run_checks(desk_cog.moderator_role, interaction_in(bot, channel, permissions=MODERATOR))


async def test_refusal_through_the_tree_is_a_short_private_sentence(bot, api):  # noqa: F811
    payload = interaction_payload(
        bot, "claim",
        [{"type": 4, "name": "id", "value": 1}, {"type": 3, "name": "status", "value": "confirmed"},
         {"type": 3, "name": "reason", "value": "I say so"}],
        subcommand="status", permissions=REPORTER,
    )
    await call_tree(bot, payload)
    [answer] = api.sent
    assert answer.payload["data"]["content"] == NOT_MODERATOR
    assert answer.payload["data"]["flags"] & EPHEMERAL


async def test_the_store_refuses_a_non_moderator_even_past_the_command_check(bot, channel):  # noqa: F811
    sc = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3))
    cog = Claims(bot)
    interaction = interaction_in(bot, channel, permissions=REPORTER)
    with pytest.raises(PermissionDenied):
        # the callback alone, as if the command's check were missing
        await cog.status.callback(cog, interaction, claim_id=sc.id,
                                  status=app_commands.Choice(name="confirmed", value="confirmed"), reason="no")
    assert (await bot.store.get_claim(str(channel.guild.id), sc.id)).status is ClaimStatus.UNREVIEWED


# -- /claim ----------------------------------------------------------------------------------------------------


async def test_claim_status_merge_and_show(bot, channel):  # noqa: F811
    ws = str(channel.guild.id)
    first = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3))
    second = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Hill Gazette", day=4))
    cog = Claims(bot)

    status = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.status.callback(cog, status, claim_id=first.id,
                              status=app_commands.Choice(name="confirmed", value="confirmed"), reason="two sources")
    assert "is now **confirmed ✔**" in text_of(status.followup.send.call_args)
    assert status.followup.send.call_args.kwargs["ephemeral"] is True

    merge = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.merge.callback(cog, merge, keep=first.id, merge=second.id, reason="same report")
    assert (await bot.store.get_claim(ws, second.id)).status is ClaimStatus.SUPERSEDED
    with pytest.raises(InputError):
        await cog.merge.callback(cog, interaction_in(bot, channel, permissions=MODERATOR), keep=first.id,
                                 merge=first.id, reason="same")

    show = interaction_in(bot, channel, permissions=REPORTER)
    await cog.show.callback(cog, show, claim_id=first.id)
    [embed] = show.followup.send.call_args.kwargs["embeds"]
    assert embed.title == f"Claim #{first.id}: about 150"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Status"] == "confirmed ✔"
    assert fields["Figure"].startswith("150 – 150 people")
    assert "two sources" in fields["History"]
    assert "unreviewed → confirmed" in fields["History"]

    choices = await claim_autocomplete(interaction_in(bot, channel), str(first.id))
    assert choices[0].value == first.id
    assert choices[0].name.startswith(f"#{first.id} · about 150")


async def test_claim_edit_reads_the_figure_with_the_figure_parser(bot, channel):  # noqa: F811
    ws = str(channel.guild.id)
    sc = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3))
    cog = Claims(bot)
    edit = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.edit.callback(cog, edit, claim_id=sc.id, reason="the article says at least 170",
                            figure="at least 170", subject="construction workers")
    after = await bot.store.get_claim(ws, sc.id)
    fig = after.claim.figure
    assert (fig.text, fig.low, fig.high, fig.qualifier, fig.unit) == ("at least 170", 170, None, "at least", "people")
    assert after.claim.subject == "construction workers"
    said = text_of(edit.followup.send.call_args)
    assert "figure “about 150” → “at least 170”" in said
    assert "subject" in said

    for bad in ("soon", "10 or 20 or 30 and 40 and 7"):
        with pytest.raises(InputError):
            await cog.edit.callback(cog, interaction_in(bot, channel, permissions=MODERATOR), claim_id=sc.id,
                                    reason="typo", figure=bad)
    with pytest.raises(InputError):
        await cog.edit.callback(cog, interaction_in(bot, channel, permissions=MODERATOR), claim_id=sc.id,
                                reason="nothing")
    with pytest.raises(InputError):
        await cog.edit.callback(cog, interaction_in(bot, channel, permissions=MODERATOR), claim_id=sc.id,
                                reason="measure", measure="vibes")


async def test_claim_delete_waits_for_the_moderator_who_asked(bot, channel):  # noqa: F811
    ws = str(channel.guild.id)
    sc = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3))
    cog = Claims(bot)
    asker = MockMember(name="editor", roles=[])
    ask = interaction_in(bot, channel, permissions=MODERATOR, user=asker)
    await cog.delete.callback(cog, ask, claim_id=sc.id, reason="duplicate of a wire story")
    view = ask.followup.send.call_args.kwargs["view"]
    assert isinstance(view, ConfirmDelete)
    assert (await bot.store.get_claim(ws, sc.id)).id == sc.id  # nothing deleted yet

    stranger = interaction_in(bot, channel, permissions=MODERATOR, user=MockMember(name="other", roles=[]))
    assert await view.interaction_check(stranger) is False
    assert "Only the moderator who asked" in text_of(stranger.response.send_message.call_args)

    press = interaction_in(bot, channel, permissions=MODERATOR, user=asker)
    assert await view.interaction_check(press) is True
    await view.delete.callback(press)
    assert view.outcome == "deleted"
    with pytest.raises(NotFound):
        await bot.store.get_claim(ws, sc.id)
    assert "deleted" in text_of(press.response.edit_message.call_args)
    [entry, *_] = await bot.store.audit_entries(ws, claim_id=sc.id)
    assert entry.action == "delete"
    assert entry.reason == "duplicate of a wire story"


# -- /source, /timeline, /export -----------------------------------------------------------------------------


async def test_source_grade_then_show(bot, channel):  # noqa: F811
    stored = await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    cog = Desk(bot)
    grade = interaction_in(bot, channel, permissions=MODERATOR)
    await cog.source_grade.callback(cog, grade, outlet="Valley Post",
                                    grade=app_commands.Choice(name="mixed", value="mixed"), reason="corrections")
    assert "graded **mixed**" in text_of(grade.followup.send.call_args)
    show = interaction_in(bot, channel)
    await cog.source_show.callback(cog, show, outlet="valley post")
    [embed] = show.followup.send.call_args.kwargs["embeds"]
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Grade"] == "mixed"
    assert fields["Claims stored"] == str(len(stored)) != "0"  # the outlet's stored claims, counted
    assert "Valley Post (mixed)" in embed.description
    with pytest.raises(NotFound):
        await cog.source_show.callback(cog, interaction_in(bot, channel), outlet="Nobody Times")


async def test_timeline_attaches_a_png(bot, channel):  # noqa: F811
    for day, outlet in ((3, "Valley Post"), (5, "Hill Gazette")):
        await store_article(bot, channel.guild.id, BARRIER, outlet=outlet, day=day)
    cog = Desk(bot)
    interaction = interaction_in(bot, channel)
    await cog.timeline.callback(cog, interaction, query="barrier workers")
    call = interaction.followup.send.call_args
    assert call.kwargs["ephemeral"] is False
    file: discord.File = call.kwargs["file"]
    data = file.fp.read()
    assert file.filename == "timeline.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 800)
    assert "2 reports" in text_of(call)


async def test_export_attaches_the_file_for_moderators(bot, channel):  # noqa: F811
    stored = await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    cog = Desk(bot)
    interaction = interaction_in(bot, channel, permissions=MODERATOR)
    interaction.filesize_limit = 25 * 1024 * 1024
    await cog.export.callback(cog, interaction, format=app_commands.Choice(name="CSV", value="csv"), status=None)
    call = interaction.followup.send.call_args
    assert call.kwargs["ephemeral"] is True
    assert len(stored) >= 2
    assert f"{len(stored)} claims exported" in text_of(call)
    file: discord.File = call.kwargs["file"]
    assert file.filename.endswith(".csv")
    assert file.fp.read().decode().count("\n") == len(stored) + 1  # a header and one row a claim


async def test_export_larger_than_the_upload_limit_says_what_to_do(bot, channel):  # noqa: F811
    await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    cog = Desk(bot)
    interaction = interaction_in(bot, channel, permissions=MODERATOR)
    interaction.filesize_limit = 1024
    with pytest.raises(InputError) as info:
        await cog.export.callback(cog, interaction, format=app_commands.Choice(name="JSON", value="json"),
                                  status=None)
    assert str(info.value) == ("The export is larger than Discord allows (1 KB). "
                               "Use crosscheck export on the server, or filter by status.")
    interaction.followup.send.assert_not_called()


# -- the verdict buttons -------------------------------------------------------------------------------------


def components_of(payload: dict) -> list[dict]:
    return [c for row in payload.get("components", []) for c in row["components"]]


def press_payload(bot, message: dict, data: dict, permissions: discord.Permissions) -> dict:  # noqa: F811
    payload = base_payload(bot, kind=3, data=data, permissions=permissions, token="press")
    payload["message"] = message
    return payload


async def test_verdict_buttons_survive_a_restart_and_answer_only_moderators(bot, api):  # noqa: F811
    payload = interaction_payload(bot, "check", [{"type": 3, "name": "text", "value": BARRIER},
                                                 {"type": 5, "name": "save", "value": True}], permissions=REPORTER)
    await call_tree(bot, payload)
    _, followup = api.sent
    [menu] = components_of(followup.payload)
    assert menu["type"] == discord.ComponentType.select.value
    assert menu["custom_id"].startswith("cc:review:")
    ws = payload["guild_id"]
    stored = await bot.store.claims_of_source(ws, int(menu["custom_id"].rsplit(":", 1)[1]))
    assert [o["value"] for o in menu["options"]] == [str(sc.id) for sc in stored]
    [message] = api.messages

    # a restart: a fresh view store that knows only what the extensions register when they load
    state = bot._connection
    state._view_store = discord.ui.view.ViewStore(state)
    await bot.reload_extension("cogs.desk")  # the desk's setup() registers its persistent buttons

    target = workers(stored)
    choose = {"custom_id": menu["custom_id"], "component_type": 3, "values": [str(target.id)]}
    state.parse_interaction_create(press_payload(bot, message, choose, REPORTER))
    await wait_for(lambda: len(api.sent) == 3)
    refusal = api.sent[2].payload
    assert refusal["data"]["content"] == NOT_MODERATOR
    assert refusal["data"]["flags"] & EPHEMERAL

    state.parse_interaction_create(press_payload(bot, message, choose, MODERATOR))
    await wait_for(lambda: len(api.sent) == 5)
    private = api.sent[4].payload
    assert private["flags"] & EPHEMERAL
    assert f"Claim #{target.id}: **about 150**" in private["content"]
    buttons = {c["label"]: c for c in components_of(private)}
    assert set(buttons) == {"Confirm", "Dispute", "Not a claim"}
    assert buttons["Dispute"]["custom_id"] == status_custom_id(ClaimStatus.DISPUTED, target.id)

    private_message = api.messages[-1]
    press = {"custom_id": buttons["Dispute"]["custom_id"], "component_type": 2}
    state.parse_interaction_create(press_payload(bot, private_message, press, REPORTER))
    await wait_for(lambda: len(api.sent) == 6)
    assert api.sent[5].payload["data"]["content"] == NOT_MODERATOR
    assert (await bot.store.get_claim(ws, target.id)).status is ClaimStatus.UNREVIEWED

    state.parse_interaction_create(press_payload(bot, private_message, press, MODERATOR))
    await wait_for(lambda: len(api.sent) == 8)
    assert "Status: **disputed**" in api.sent[7].payload["content"]
    assert (await bot.store.get_claim(ws, target.id)).status is ClaimStatus.DISPUTED
    [entry, *_] = await bot.store.audit_entries(ws, claim_id=target.id)
    assert entry.new_status is ClaimStatus.DISPUTED
    assert "Dispute" in (entry.reason or "")


async def test_a_single_claim_gets_the_three_buttons_and_unsaved_checks_none(bot, guild):  # noqa: F811
    ws = str(guild.id)
    text = "Rescuers said at least 12 miners were trapped underground after the collapse on Tuesday at the mine."
    source = SourceInfo(workspace=ws, guild_id=guild.id)
    checked = await check_request(bot, CheckRequest(text=text), source, save=True)
    saved = checked.report
    [sc] = await bot.store.claims_of_source(ws, saved.stored.id)
    assert [i.custom_id for i in checked.items] == [
        f"cc:st:confirmed:{sc.id}", f"cc:st:disputed:{sc.id}", f"cc:st:not_a_claim:{sc.id}"]
    assert all(not i.is_dispatchable() for i in checked.items)  # handled by the registered dynamic items only
    again = await check_request(bot, CheckRequest(text=text), source, save=True)  # seen before: same controls
    assert again.report.seen_before is not None
    assert [i.custom_id for i in again.items] == [i.custom_id for i in checked.items]
    assert (await check_request(bot, CheckRequest(text=text + " More."), source, save=False)).items == ()
    [page] = report_pages(saved)
    assert page.embeds


async def test_dynamic_items_rebuild_from_their_custom_ids():
    import re

    button = await StatusButton.from_custom_id(None, None, re.fullmatch(StatusButton.__discord_ui_compiled_template__,
                                                                        "cc:st:not_a_claim:77"))
    assert (button.status, button.claim_id) == (ClaimStatus.NOT_A_CLAIM, 77)
    select = await ReviewSelect.from_custom_id(None, discord.ui.Select(options=[discord.SelectOption(label="a")]),
                                               re.fullmatch(ReviewSelect.__discord_ui_compiled_template__,
                                                            "cc:review:5"))
    assert select.source_id == 5
    assert [o.label for o in select.item.options] == ["a"]
    assert StatusButton.__discord_ui_compiled_template__.fullmatch("cc:st:retracted:1") is None


async def test_newsroom_setting_names_the_claimreview_author(bot, channel):  # noqa: F811
    ws = str(channel.guild.id)
    sc = workers(await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3))
    await bot.store.set_status(ws, sc.id, ClaimStatus.CONFIRMED, DESK, "two sources")
    cog = Desk(bot)
    admin = interaction_in(bot, channel, permissions=discord.Permissions(manage_guild=True))
    await cog.newsroom.callback(cog, admin, name="The  Valley   Desk")
    assert await bot.store.get_setting(ws, "newsroom") == "The Valley Desk"
    interaction = interaction_in(bot, channel, permissions=MODERATOR)
    interaction.filesize_limit = 25 * 1024 * 1024
    await cog.export.callback(cog, interaction, format=app_commands.Choice(name="ClaimReview", value="claimreview"),
                              status=None)
    file: discord.File = interaction.followup.send.call_args.kwargs["file"]
    import json

    [review] = json.loads(file.fp.read())["@graph"]
    assert review["author"] == {"@type": "Organization", "name": "The Valley Desk"}
    assert file.filename.endswith(".claimreview.jsonld")


async def test_watched_channel_replies_carry_the_review_menu_and_grades(bot, channel):  # noqa: F811
    from cogs.watch._cog import Watch
    from tests.helpers import MockMessage

    ws = str(channel.guild.id)
    await store_article(bot, channel.guild.id, BARRIER, outlet="Valley Post", day=3)
    await bot.store.set_grade(ws, "Valley Post", "generally reliable", DESK, "good record")
    await bot.store.add_watch(ws, channel.id, DESK)
    cog = Watch(bot)
    message = MockMessage(content=BARRIER_CRITICS, channel=channel, author=MockMember(name="field_reporter"))
    await cog.on_message(message)
    call = message.reply.call_args
    [embed] = call.kwargs["embeds"]
    assert "Valley Post (generally reliable)" in embed.description
    [menu] = call.kwargs["view"].children
    assert menu.custom_id.startswith("cc:review:")
    assert not menu.is_dispatchable()
    source_id = int(menu.custom_id.rsplit(":", 1)[1])
    stored = await bot.store.claims_of_source(ws, source_id)
    assert stored[0].source.info.message_id == message.id
    assert [o.value for o in menu.options] == [str(sc.id) for sc in stored]
