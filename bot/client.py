"""The Discord bot: a ``commands.Bot`` that owns the engine, the store and the fetcher.

Nothing happens at import time. :func:`run` checks the settings and starts the
bot; :meth:`CrosscheckBot.setup_hook` opens every resource once (the store,
the spaCy engine built in a thread, the NLP worker, the checker, one HTTP
session and the fetcher, the rate limiter), loads the cogs as extensions and
syncs the slash commands; :meth:`CrosscheckBot.close` closes them all.

Cogs reach the resources through the bot (``bot.checker``, ``bot.store``,
``bot.fetcher``, ``bot.ratelimiter``, ``bot.engine``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypedDict

import aiohttp
import discord
from discord.ext import commands

from bot.engine.errors import CrosscheckError, InputError
from bot.errorhandler import CrosscheckTree

if TYPE_CHECKING:
    from bot.engine.checker import Checker
    from bot.engine.pipeline import Engine
    from bot.engine.protocol import ClaimStore
    from bot.engine.worker import NlpWorker
    from bot.fetch import Fetcher
    from bot.ratelimit import RateLimiter
    from bot.service import CheckService
    from bot.settings import Settings

log = logging.getLogger(__name__)

#: the cogs, loaded as extensions in this order
EXTENSIONS: tuple[str, ...] = ("cogs.watch", "cogs.check", "cogs.sources", "cogs.claims", "cogs.desk", "cogs.story")

class TokenRefused(InputError):
    """Discord refused the token (or the privileged intent): a new token or a portal setting is needed."""

    exit_code = 77  # sysexits EX_NOPERM


class DiscordUnavailable(CrosscheckError):
    """Discord could not be reached, or failed, while starting."""

    exit_code = 69  # sysexits EX_UNAVAILABLE


class MissingToken(InputError):
    """No token set: a configuration problem."""

    exit_code = 78  # sysexits EX_CONFIG


NO_TOKEN = (
    "DISCORD_TOKEN is not set. "  # noqa: S105 - a message about the token, not one
    "Put DISCORD_TOKEN=<your bot token> in the environment or in a .env file, "
    "then run crosscheck run again."
)


def intents() -> discord.Intents:
    """Guilds, guild messages and message content: nothing more."""
    out = discord.Intents.none()
    out.guilds = True
    out.guild_messages = True
    out.message_content = True
    return out


class ShardOptions(TypedDict, total=False):
    """The sharding keywords of :class:`discord.Client`."""

    shard_id: int
    shard_count: int


def shard_options(settings: Settings) -> ShardOptions:
    """``shard_id``/``shard_count`` for the bot when both are set; an error when only one is."""
    sid, count = settings.shard_id, settings.shard_count
    if sid is None and count is None:
        return {}
    if sid is None or count is None:
        raise InputError(
            "Set both CROSSCHECK_SHARD_ID and CROSSCHECK_SHARD_COUNT, or neither."
        )
    if sid >= count:
        raise InputError(
            f"CROSSCHECK_SHARD_ID is {sid} but must be below CROSSCHECK_SHARD_COUNT ({count})."
        )
    return {"shard_id": sid, "shard_count": count}


class CrosscheckBot(commands.Bot):
    """The crosscheck bot. Slash commands only; watched channels are read by the ``watch`` cog.

    ``engine`` may be given ready-made (tests build it once per session);
    otherwise it is built in a thread in :meth:`setup_hook`. ``resolve``
    replaces the DNS resolver of the fetching session (tests).
    ``sync_commands=False`` skips syncing slash commands with Discord.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        resolve=None,  # noqa: ANN001 - bot.fetch.guard.ResolveFunc
        sync_commands: bool = True,
        extensions: tuple[str, ...] = EXTENSIONS,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            help_command=None,
            tree_cls=CrosscheckTree,
            allowed_mentions=discord.AllowedMentions.none(),
            **shard_options(settings),
        )
        self.settings = settings
        self.extension_names = extensions
        self._given_engine = engine
        self._resolve = resolve
        self._sync_commands = sync_commands
        self._store: ClaimStore | None = None
        self._engine: Engine | None = None
        self._worker: NlpWorker | None = None
        self._checker: Checker | None = None
        self._service: CheckService | None = None
        self._session: aiohttp.ClientSession | None = None
        self._fetcher: Fetcher | None = None
        self._ratelimiter: RateLimiter | None = None

    # -- resources -----------------------------------------------------------------
    @property
    def store(self) -> ClaimStore:
        return _opened(self._store, "store")

    @property
    def engine(self) -> Engine:
        return _opened(self._engine, "engine")

    @property
    def worker(self) -> NlpWorker:
        return _opened(self._worker, "worker")

    @property
    def checker(self) -> Checker:
        return _opened(self._checker, "checker")

    @property
    def service(self) -> CheckService:
        """The one path from a request to a report (:mod:`bot.service`)."""
        return _opened(self._service, "check service")

    @property
    def fetcher(self) -> Fetcher:
        return _opened(self._fetcher, "fetcher")

    @property
    def ratelimiter(self) -> RateLimiter:
        return _opened(self._ratelimiter, "rate limiter")

    async def open_resources(self) -> None:
        """Open the store, engine, worker, checker, HTTP session, fetcher and rate limiter once."""
        from bot.app import build_engine
        from bot.engine.checker import Checker
        from bot.engine.pipeline import Engine
        from bot.engine.worker import NlpWorker
        from bot.fetch import Fetcher, make_session
        from bot.ratelimit import RateLimiter
        from bot.service import CheckService
        from storage import open_store

        s = self.settings
        try:
            self._store = await open_store(s.db, s)
            self._engine = self._given_engine or await build_engine(s)
            # a stuck article is abandoned and a fresh engine serves the rest (never shared across threads)
            self._worker = NlpWorker(self._engine, queue_size=s.nlp_queue_size,
                                     engine_factory=lambda: Engine.from_settings(s))
            self._checker = Checker.from_settings(self._worker, self._store, s)
            self._session = make_session(s, resolve=self._resolve)
            fetcher = self._fetcher = Fetcher(s, self._session)
            self._service = CheckService(
                self._checker, fetch=lambda url, workspace: fetcher.fetch_article(url, workspace=workspace))
            self._ratelimiter = RateLimiter.from_settings(s)
        except BaseException:
            await self.close_resources()
            raise
        log.info("resources open: store %s, spaCy pipeline %s", _store_label(s.db), s.spacy_model)

    async def close_resources(self) -> None:
        """Close what :meth:`open_resources` opened, newest first; safe to call twice."""
        fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            await fetcher.close()
        session, self._session = self._session, None
        if session is not None:
            await session.close()
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.close()
        store, self._store = self._store, None
        if store is not None:
            await store.close()
        self._checker = None
        self._service = None
        self._engine = None
        self._ratelimiter = None

    # -- lifecycle -----------------------------------------------------------------
    async def setup_hook(self) -> None:
        await self.open_resources()
        # each extension registers what it handles (the desk: its persistent verdict buttons)
        for name in self.extension_names:
            await self.load_extension(name)
        # commands belong to the application, not to a shard: one process syncs them
        if self._sync_commands and not self.settings.shard_id:
            await self.sync_commands()

    async def sync_commands(self) -> list[discord.app_commands.AppCommand]:
        """Sync slash commands: to the dev guild when set (instant), globally otherwise."""
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (may take up to an hour to appear)", len(synced))
        return synced

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            await self.close_resources()

    async def on_ready(self) -> None:
        log.info("connected as %s in %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: slash commands and the watch cog's listener do the work."""
        return


def _opened(value, name: str):  # noqa: ANN001, ANN202 - keeps each property's own type
    if value is None:
        raise RuntimeError(f"the bot's {name} is not open (setup_hook has not run, or the bot closed)")
    return value


def _store_label(db: str) -> str:
    from storage import redact_url

    return redact_url(db)


async def run(settings: Settings) -> None:
    """Start the bot and run until it stops (``crosscheck run`` awaits this).

    Raises :class:`InputError` at once without a token, and with a sentence
    naming the fix when Discord refuses the token or the Message Content intent.
    """
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise MissingToken(NO_TOKEN)
    if not logging.getLogger().handlers:
        level = logging.getLevelName(settings.log_level.upper())
        discord.utils.setup_logging(level=level if isinstance(level, int) else logging.INFO, root=True)
    bot = CrosscheckBot(settings)
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        raise TokenRefused(TOKEN_REFUSED) from None
    except discord.PrivilegedIntentsRequired:
        raise TokenRefused(
            "Discord refused the Message Content intent. Turn on Bot > Privileged Gateway Intents > "
            "Message Content Intent in the developer portal, then run crosscheck run again."
        ) from None
    except discord.ConnectionClosed as exc:
        if exc.code == 4004:  # the gateway refused the token
            raise TokenRefused(TOKEN_REFUSED) from None
        raise DiscordUnavailable(
            f"Discord closed the connection (code {exc.code}). Check https://discordstatus.com and run "
            "crosscheck run again in a few minutes."
        ) from None
    except discord.DiscordServerError as exc:
        raise DiscordUnavailable(
            f"Discord answered with a server error ({exc.status}). Check https://discordstatus.com and run "
            "crosscheck run again in a few minutes."
        ) from None
    except (TimeoutError, aiohttp.ClientError, OSError, discord.GatewayNotFound) as exc:
        raise DiscordUnavailable(
            f"Could not reach Discord ({_reason(exc)}). Check this machine's internet connection, proxy and "
            "firewall (discord.com, port 443), then run crosscheck run again."
        ) from None


TOKEN_REFUSED = (
    "Discord refused the token in DISCORD_TOKEN. "  # noqa: S105 - a message about the token, not one
    "Copy it again from the developer portal "
    "(Bot > Reset Token) and run crosscheck run again."
)


def _reason(exc: BaseException) -> str:
    """A short reason for a connection failure, without a traceback."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]
