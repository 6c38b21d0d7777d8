"""Live Discord views shared by the cogs: :mod:`bot.ui.pagination` turns through long replies."""
