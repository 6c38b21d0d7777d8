"""Tests of cogs/: the Discord extensions, called with mock interactions or through the real bot."""
