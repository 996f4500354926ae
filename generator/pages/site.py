"""What the whole site is, beyond its pages: its name and, when it is published, its address."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages.urls import Urls


@dataclass(frozen=True)
class Site:
    """The site's name, description and published address (MkDocs' site_url), if any."""

    name: str = "Briefings"
    description: str | None = None
    url: str | None = None

    def absolute(self, urls: Urls, src: str, anchor: str = "") -> str | None:
        """The published address of a page, or None when the site's address is not known."""
        if not self.url:
            return None
        return self.url.rstrip("/") + "/" + urls.url(src) + (f"#{anchor}" if anchor else "")


#: A site with no name or address given: tests and tools that render pages alone use it.
DEFAULT_SITE = Site()
