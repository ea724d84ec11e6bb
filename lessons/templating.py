"""The one Jinja environment for every page, live or static; values are autoescaped."""
from __future__ import annotations

from functools import lru_cache

from mdr_explainer.widgets.framework.templates import template_environment

from .parse import AUDIENCES


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja environment over site/templates with autoescaping on."""
    from .classroom import CARTRIDGE_PATH, EMBED_HEIGHT

    env = template_environment()
    env.globals.update(cartridge_path=CARTRIDGE_PATH, embed_height=EMBED_HEIGHT, audiences=AUDIENCES)
    return env


def render_page(template: str, **context) -> str:
    """Render a page template with the site-wide defaults filled in."""
    context.setdefault("audience_switch", False)
    context.setdefault("scripts", [])
    context.setdefault("nav_pages", [])
    return environment().get_template(template).render(**context)
