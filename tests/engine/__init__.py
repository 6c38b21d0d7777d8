"""Tests of bot/engine/: the pure domain (figures, claims, stories, verdicts, curation rules, the NLP worker)."""
