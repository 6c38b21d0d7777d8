"""Renderers: turn engine results into something a person reads.

For Discord: :mod:`bot.render.limits` (escaping and Discord's limits: every
message fits and pings nobody), :mod:`bot.render.reports` (an article's
verdicts), :mod:`bot.render.sources` (stored claims, for /sources) and
:mod:`bot.render.dossier` (a story's dossier); the live page buttons are a view
apart, :mod:`bot.ui.pagination`. :mod:`bot.render.text` renders for the
terminal, :mod:`bot.render.common` what both share.
"""
