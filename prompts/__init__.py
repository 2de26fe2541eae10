"""Prompt templates, shipped as package data. Each file starts with a `version:` line; the version is
part of the LLM cache key, so editing a prompt without bumping it would serve stale answers."""
