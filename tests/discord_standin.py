"""A stand-in for Discord on 127.0.0.1: the gateway and the REST routes the bot calls, in aiohttp.

The real discord.py client talks to it unmodified; only its base URLs change
(:func:`point_discord_py_at`): ``discord.http.Route.BASE``, the webhook
adapter's ``Route.BASE`` (interaction answers) and the gateway URL.

The gateway speaks plain JSON text frames (no compression): hello, identify ->
ready and one guild create per guild, heartbeats and their acks, dispatches
with sequence numbers, resume (the events a session missed are replayed, then
``RESUMED``), reconnect (op 7) and invalid session (op 9). Every dispatch is
kept per session, so a dropped connection that resumes loses nothing, as on
Discord.

REST keeps each channel's messages, answers ``GET /channels/{id}/messages``
with Discord's ordering (newest first) and its ``after``/``before``/``limit``
rules, and records what the bot sends: channel messages and their edits,
interaction callbacks, follow-ups and command syncs. An optional rate limit on
history reads answers 429 with ``Retry-After`` like Discord.

Nothing here imports the bot.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1_420_070_400_000
TOKEN = "standin.bot.token"
API = "/api/v10"

_SNOWFLAKES = itertools.count(1)


def snowflake(at: datetime | None = None, *, counter: Iterator[int] = _SNOWFLAKES) -> int:
    """A snowflake id for ``at`` (now by default), unique within the process and increasing."""
    ms = int((at or datetime.now(UTC)).timestamp() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(counter) % (1 << 22))


def snowflake_time(sid: int) -> datetime:
    return datetime.fromtimestamp(((sid >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


@dataclass
class Member:
    id: int
    name: str
    permissions: int = 0  # as seen in interactions

    def user(self, *, bot: bool = False) -> dict[str, Any]:
        return {"id": str(self.id), "username": self.name, "discriminator": "0", "avatar": None,
                "global_name": None, "bot": bot}


@dataclass
class Guild:
    id: int
    name: str
    channels: list[int]


@dataclass
class Session:
    id: str
    seq: int = 0
    #: every dispatch of the session, (seq, frame), for resumes
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


class FakeDiscord:
    """Discord as far as crosscheck uses it. Start with :meth:`start`, stop with :meth:`close`."""

    def __init__(self, *, guilds: int = 1, channels_per_guild: int = 2, heartbeat_ms: int = 1000,
                 history_per_second: float | None = None) -> None:
        self.heartbeat_ms = heartbeat_ms
        self.bot = Member(snowflake(), "crosscheck")
        self.application_id = self.bot.id
        self.reporter = Member(snowflake(), "field_reporter")
        self.editor = Member(snowflake(), "desk_editor", permissions=1 << 13)  # manage messages
        self.guilds: list[Guild] = []
        for g in range(guilds):
            gid = snowflake()
            self.guilds.append(Guild(gid, f"Newsroom {g + 1}", [snowflake() for _ in range(channels_per_guild)]))
        self.guild_of: dict[int, int] = {c: g.id for g in self.guilds for c in g.channels}
        #: channel id -> its messages, oldest first
        self.messages: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self.sessions: dict[str, Session] = {}
        self.session: Session | None = None
        self.ws: web.WebSocketResponse | None = None
        self.online = asyncio.Event()
        #: monotonic times of the heartbeats received, per connection (in order)
        self.heartbeats: list[float] = []
        self.heartbeat_gaps: list[float] = []
        self.identifies = 0
        self.resumes = 0
        self.replayed = 0
        #: what the bot sent
        self.bot_messages: list[dict[str, Any]] = []
        #: the bot's replies by the id of the message they answer
        self.replies: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.edits: list[dict[str, Any]] = []
        self.callbacks: list[dict[str, Any]] = []
        self.followups: list[dict[str, Any]] = []
        self.synced: list[dict[str, Any]] = []
        self.history_reads = 0
        self.rate_limited = 0
        self._history_per_second = history_per_second
        self._history_times: list[float] = []
        self._seq_changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/", self._gateway)
        r = app.router
        r.add_get(f"{API}/users/@me", self._me)
        r.add_get(f"{API}/oauth2/applications/@me", self._application)
        r.add_get(f"{API}/gateway/bot", self._gateway_bot)
        r.add_get(f"{API}/gateway", self._gateway_bot)
        r.add_put(f"{API}/applications/{{app}}/commands", self._sync)
        r.add_put(f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._sync)
        r.add_post(f"{API}/channels/{{channel}}/messages", self._create_message)
        r.add_get(f"{API}/channels/{{channel}}/messages", self._history)
        r.add_patch(f"{API}/channels/{{channel}}/messages/{{message}}", self._edit_message)
        r.add_post(f"{API}/interactions/{{id}}/{{token}}/callback", self._callback)
        r.add_post(f"{API}/webhooks/{{app}}/{{token}}", self._followup)
        r.add_patch(f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._followup)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def rest_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # -- what a test does -----------------------------------------------------------------
    async def post(self, channel_id: int, content: str, *, author: Member | None = None,
                   at: datetime | None = None) -> dict[str, Any]:
        """A member posts in a channel: kept in its history, dispatched as MESSAGE_CREATE."""
        msg = self._message(channel_id, content, author or self.reporter, at=at)
        self.messages[channel_id].append(msg)
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def edit(self, channel_id: int, message_id: int, content: str) -> dict[str, Any]:
        """A member edits a message: history changes, MESSAGE_UPDATE is dispatched."""
        msg = next(m for m in self.messages[channel_id] if int(m["id"]) == message_id)
        msg["content"] = content
        msg["edited_timestamp"] = datetime.now(UTC).isoformat()
        await self.dispatch("MESSAGE_UPDATE", dict(msg))
        return msg

    async def interact(self, command: str, options: list[dict[str, Any]], *, member: Member,
                       channel_id: int, resolved: dict[str, Any] | None = None) -> dict[str, Any]:
        """A member uses a slash command: INTERACTION_CREATE as the gateway sends it."""
        guild_id = self.guild_of[channel_id]
        payload = {
            "id": str(snowflake()), "application_id": str(self.application_id), "type": 2,
            "token": f"interaction-token-{snowflake()}", "version": 1,
            "guild_id": str(guild_id), "channel_id": str(channel_id),
            "channel": self._channel(channel_id),
            "member": {"user": member.user(), "roles": [], "joined_at": "2026-01-01T00:00:00+00:00",
                       "deaf": False, "mute": False, "flags": 0, "permissions": str(member.permissions)},
            "data": {"id": str(snowflake()), "name": command, "type": 1, "options": options,
                     **({"resolved": resolved} if resolved else {})},
            "locale": "en-GB", "guild_locale": "en-GB",
            "app_permissions": str((1 << 31) - 1), "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild_id)}, "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def channel_payload(self, channel_id: int) -> dict[str, Any]:
        return self._channel(channel_id)

    async def drop(self, code: int = 4000) -> None:
        """The connection drops (a resumable close code): the session and its events are kept."""
        self.online.clear()
        ws, self.ws = self.ws, None
        if ws is not None:
            await ws.close(code=code)

    async def send_reconnect(self) -> None:
        """Discord asks the client to reconnect (op 7); it resumes."""
        self.online.clear()
        if self.ws is not None:
            await self.ws.send_str(json.dumps({"op": 7, "d": None}))

    async def wait_online(self, timeout: float = 20.0) -> None:
        await asyncio.wait_for(self.online.wait(), timeout)

    def replies_to(self, message_id: int | str) -> list[dict[str, Any]]:
        return list(self.replies.get(str(message_id), []))

    async def wait_for(self, predicate, timeout: float = 30.0) -> None:
        """Wait until ``predicate()`` holds (polled; the bot works in the same event loop)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("the stand-in waited too long for the bot")
            await asyncio.sleep(0.02)

    # -- gateway --------------------------------------------------------------------------
    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        session = self.session
        if session is None:
            return  # nobody is connected: the event is gone, as on Discord
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append((session.seq, frame))
        ws = self.ws
        if ws is not None and self.online.is_set() and not ws.closed:
            with suppress(ConnectionError):  # dropped meanwhile: replayed on resume
                await ws.send_str(json.dumps(frame))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=4000)
        self.ws = ws
        self.online.clear()
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}}))
        last_beat: float | None = None
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            op, d = frame.get("op"), frame.get("d")
            if op == 1:
                now = time.monotonic()
                if last_beat is not None:
                    self.heartbeat_gaps.append(now - last_beat)
                last_beat = now
                self.heartbeats.append(now)
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                if d.get("token") != TOKEN:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self.identifies += 1
                await self._ready(ws)
            elif op == 6:
                session = self.sessions.get(d.get("session_id"))
                if session is None or d.get("token") != TOKEN:
                    await ws.send_str(json.dumps({"op": 9, "d": False}))
                    continue
                self.resumes += 1
                self.session = session
                missed = [f for s, f in session.events if s > (d.get("seq") or 0)]
                for f in missed:
                    await ws.send_str(json.dumps(f))
                self.replayed += len(missed)
                session.seq += 1
                resumed = {"op": 0, "t": "RESUMED", "s": session.seq, "d": {}}
                session.events.append((session.seq, resumed))
                await ws.send_str(json.dumps(resumed))
                self.online.set()
        if self.ws is ws:
            self.ws = None
            self.online.clear()
        return ws

    async def _ready(self, ws: web.WebSocketResponse) -> None:
        session = Session(id=f"session-{snowflake()}")
        self.sessions[session.id] = session
        self.session = session
        session.seq += 1
        ready = {"op": 0, "t": "READY", "s": session.seq, "d": {
            "v": 10, "user": self.bot.user(bot=True), "guilds": [{"id": str(g.id), "unavailable": True}
                                                             for g in self.guilds],
            "session_id": session.id, "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0}, "private_channels": [],
            "relationships": [],
        }}
        session.events.append((session.seq, ready))
        await ws.send_str(json.dumps(ready))
        for g in self.guilds:
            session.seq += 1
            frame = {"op": 0, "t": "GUILD_CREATE", "s": session.seq, "d": self._guild(g)}
            session.events.append((session.seq, frame))
            await ws.send_str(json.dumps(frame))
        self.online.set()

    # -- payloads ---------------------------------------------------------------------------
    def _guild(self, g: Guild) -> dict[str, Any]:
        everyone = {"id": str(g.id), "name": "@everyone", "permissions": str((1 << 31) - 1 - (1 << 3)),
                    "position": 0, "color": 0, "hoist": False, "managed": False, "mentionable": False,
                    "flags": 0}
        return {
            "id": str(g.id), "name": g.name, "icon": None, "owner_id": str(self.editor.id),
            "roles": [everyone], "emojis": [], "stickers": [], "features": [], "member_count": 3,
            "large": False, "unavailable": False, "joined_at": "2026-01-01T00:00:00+00:00",
            "channels": [self._channel(c) for c in g.channels], "threads": [], "voice_states": [],
            "presences": [], "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
            "members": [{"user": self.bot.user(bot=True), "roles": [], "joined_at": "2026-01-01T00:00:00+00:00",
                         "deaf": False, "mute": False, "flags": 0}],
            "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
            "mfa_level": 0, "premium_tier": 0, "preferred_locale": "en-GB", "nsfw_level": 0,
            "system_channel_flags": 0,
        }

    def _channel(self, channel_id: int) -> dict[str, Any]:
        guild_id = self.guild_of[channel_id]
        return {"id": str(channel_id), "type": 0, "guild_id": str(guild_id), "name": f"desk-{channel_id % 1000}",
                "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
                "last_message_id": None, "rate_limit_per_user": 0}

    def _message(self, channel_id: int, content: str, author: Member, *, at: datetime | None = None,
                 bot: bool = False, reference: dict[str, Any] | None = None,
                 embeds: list[Any] | None = None, components: list[Any] | None = None,
                 flags: int = 0) -> dict[str, Any]:
        mid = snowflake(at)
        msg = {
            "id": str(mid), "channel_id": str(channel_id), "guild_id": str(self.guild_of[channel_id]),
            "type": 19 if reference else 0, "tts": False, "content": content, "embeds": embeds or [],
            "attachments": [], "mentions": [], "mention_roles": [], "mention_everyone": False,
            "pinned": False, "timestamp": snowflake_time(mid).isoformat(), "edited_timestamp": None,
            "flags": flags, "components": components or [], "author": author.user(bot=bot),
            "member": {"roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                       "flags": 0},
        }
        if reference:
            msg["message_reference"] = reference
        return msg

    # -- REST -----------------------------------------------------------------------------------
    async def _me(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(self.bot.user(bot=True))

    async def _application(self, request: web.Request) -> web.Response:
        return _json({
            "id": str(self.application_id), "name": "crosscheck", "description": "", "icon": None,
            "bot_public": False, "bot_require_code_grant": False, "owner": self.editor.user(),
            "verify_key": "0" * 64, "flags": 0, "summary": "", "team": None,
        })

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": {
            "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})

    async def _sync(self, request: web.Request) -> web.Response:
        commands = await request.json()
        out = [{**c, "id": str(snowflake()), "application_id": str(self.application_id), "version": "1",
                "default_member_permissions": c.get("default_member_permissions"), "type": c.get("type", 1),
                "description": c.get("description", ""), "options": c.get("options", []), "nsfw": False}
               for c in commands]
        self.synced = out
        return _json(out)

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    return json.loads(await part.text())
            return {}
        return await request.json()

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        body = await self._body(request)
        ref = body.get("message_reference")
        msg = self._message(channel_id, body.get("content") or "", self.bot, bot=True,
                            reference={"message_id": str(ref["message_id"]), "channel_id": str(channel_id),
                                       "guild_id": str(self.guild_of[channel_id])} if ref else None,
                            embeds=body.get("embeds"), components=body.get("components"))
        msg["allowed_mentions"] = body.get("allowed_mentions")
        self.messages[channel_id].append(msg)
        self.bot_messages.append(msg)
        if ref:
            self.replies[str(ref["message_id"])].append(msg)
        await self.dispatch("MESSAGE_CREATE", msg)
        return _json(msg)

    async def _edit_message(self, request: web.Request) -> web.Response:
        channel_id, message_id = int(request.match_info["channel"]), request.match_info["message"]
        body = await self._body(request)
        msg = next((m for m in self.messages[channel_id] if m["id"] == message_id), None)
        if msg is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        for key in ("content", "embeds", "components"):
            if key in body:
                msg[key] = body[key]
        msg["edited_timestamp"] = datetime.now(UTC).isoformat()
        self.edits.append({"message_id": message_id, **body})
        return _json(msg)

    async def _history(self, request: web.Request) -> web.Response:
        now = time.monotonic()
        if self._history_per_second is not None:
            self._history_times = [t for t in self._history_times if now - t < 1.0]
            if len(self._history_times) >= self._history_per_second:
                self.rate_limited += 1
                retry = 1.0 - (now - self._history_times[0])
                return _json(
                    {"message": "You are being rate limited.", "retry_after": retry, "global": False},
                    status=429, headers={"Retry-After": f"{retry:.3f}", "X-RateLimit-Scope": "user",
                                         "Via": "1.1 google"})  # without Via, discord.py sees a Cloudflare ban
            self._history_times.append(now)
        self.history_reads += 1
        channel_id = int(request.match_info["channel"])
        limit = min(int(request.query.get("limit", 50)), 100)
        msgs = self.messages.get(channel_id, [])
        if "after" in request.query:
            after = int(request.query["after"])
            chosen = [m for m in msgs if int(m["id"]) > after][:limit]  # the oldest after it
        elif "before" in request.query:
            before = int(request.query["before"])
            chosen = [m for m in msgs if int(m["id"]) < before][-limit:]
        else:
            chosen = msgs[-limit:]
        return _json(list(reversed(chosen)))  # newest first, as Discord answers

    async def _callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.callbacks.append({"id": request.match_info["id"], **body})
        return _json({"interaction": {"id": request.match_info["id"], "type": 2}})

    async def _followup(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.followups.append(body)
        return _json({
            "id": str(snowflake()), "channel_id": "0", "type": 0, "tts": False,
            "content": body.get("content") or "", "embeds": body.get("embeds") or [], "attachments": [],
            "mentions": [], "mention_roles": [], "mention_everyone": False, "pinned": False,
            "timestamp": datetime.now(UTC).isoformat(), "edited_timestamp": None,
            "flags": body.get("flags", 0), "components": [], "author": self.bot.user(bot=True),
        })


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with Discord's bare ``application/json`` content type (discord.py compares it exactly)."""
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


@contextmanager
def point_discord_py_at(fake: FakeDiscord) -> Iterator[None]:
    """discord.py's base URLs point at the stand-in while inside (and are restored after)."""
    import discord.http
    import discord.webhook.async_
    import yarl
    from discord.gateway import DiscordWebSocket

    saved = (discord.http.Route.BASE, discord.webhook.async_.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    discord.http.Route.BASE = fake.rest_base
    discord.webhook.async_.Route.BASE = fake.rest_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE, discord.webhook.async_.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved
