"""Validate briefing annotations against their sources and render them as a MkDocs site."""
