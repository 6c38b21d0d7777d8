"""Renderers: turn engine results into something a person reads.

:mod:`bot.render.discord` builds Discord embeds and enforces Discord's limits.
"""
