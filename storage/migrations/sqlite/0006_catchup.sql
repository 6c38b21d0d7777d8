-- 0006: catching up on watched channels after downtime.
--
-- * channel_cursors: per watched channel, the newest message the bot has read
--   there (checked, or read and found to hold no article). After a restart or
--   a gateway outage the bot reads the channel's history after it.
-- * handled_messages: each message the bot checked, with the edit time of the
--   text it checked and the id of its reply, so that a message is never
--   answered twice and an edit made after the check is checked again.

CREATE TABLE channel_cursors (
    workspace        TEXT    NOT NULL,
    channel_id       INTEGER NOT NULL,
    last_message_id  INTEGER NOT NULL,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (workspace, channel_id)
);

CREATE TABLE handled_messages (
    workspace    TEXT    NOT NULL,
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    edited_at    TEXT,                 -- the message's edit time when it was checked; NULL: never edited
    reply_id     INTEGER,              -- the bot's reply, when one was sent
    handled_at   TEXT    NOT NULL,
    PRIMARY KEY (workspace, message_id)
);

CREATE INDEX handled_messages_channel ON handled_messages (workspace, channel_id, message_id);
