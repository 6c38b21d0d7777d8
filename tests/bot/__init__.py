"""Tests of bot/ outside the engine: the client, command line, check service, fetch, render, ui and settings."""
