"""A project as its `mkdocs.yml` configures it, read the way `mkdocs build` reads it.

`briefing check` and `briefing render` use it, so that they check and write what the
build builds: the plugin's folders, the URL style, the site's name and address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from generator.errors import Invalid, Problem
from generator.load.project import Project
from generator.pages.site import DEFAULT_SITE, Site
from generator.pages.urls import Urls

#: The site's configuration, in the project folder.
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Configured:
    """The project, how its pages link, the site; and MkDocs' configuration, if it has one."""

    project: Project
    urls: Urls
    site: Site
    mkdocs: Any = None


def configured(root: Path) -> Configured:
    """`root` as its mkdocs.yml configures it, or with the defaults if it has none."""
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        return Configured(Project(root), Urls(), DEFAULT_SITE)
    from mkdocs.config import load_config  # only here: loading MkDocs takes a while
    from mkdocs.exceptions import ConfigurationError

    from generator.plugin import BriefingsPlugin, project_of, site_of

    said = _Said()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(said)  # MkDocs logs each error in the file, then raises Abort
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, click.ClickException, OSError) as error:
        reasons = said.messages or [" ".join(str(error).split())]
        expected = "; expected a configuration that mkdocs build accepts"
        raise Invalid([Problem(CONFIG_FILE, None, None, reason + expected) for reason in reasons]) from None
    finally:
        logger.removeHandler(said)
    plugin = next((p for p in config.plugins.values() if isinstance(p, BriefingsPlugin)), None)
    project = project_of(config, plugin.config) if plugin is not None else Project(root)
    return Configured(project, *site_of(config), config)


class _Said(logging.Handler):
    """Collects what MkDocs logs as errors while it reads its configuration."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))
