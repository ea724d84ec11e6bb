"""One widget instance as HTML: controls, readouts and sentence at its starting values, and its plot."""
from __future__ import annotations

from dataclasses import dataclass, field

from mdr_explainer.widgets.framework.contract import instance_config, script_json
from mdr_explainer.widgets.framework.view_context import view_context
from mdr_explainer.widgets.registry import REGISTRY

from .strings import SiteText
from .templating import environment


@dataclass(frozen=True)
class WidgetInstance:
    """One widget on one page: which widget, its page-unique id, its URL key and starting values."""

    widget: str
    id: str
    url_key: str
    values: dict = field(default_factory=dict)
    caption_html: str = ""


def instance_number(instance: WidgetInstance) -> int:
    """Which instance of its widget this is on its page (ids are name, name-2, name-3...), so landmarks get unique names."""
    suffix = instance.id[len(instance.widget):].lstrip("-")
    return int(suffix) if suffix.isdigit() else 1


def instance_context(instance: WidgetInstance, site: SiteText) -> dict:
    """Template context for one widget on a page (controls, readouts, sentence, plot, caption, config)."""
    widget = REGISTRY[instance.widget]
    context = view_context(widget, instance.id, instance.values, site.widget(widget.name), site.locale)
    return {**context, "caption": instance.caption_html, "number": instance_number(instance),
            "config_json": script_json(instance_config(widget.name, instance.id, instance.url_key, instance.values))}


def widget_html(instance: WidgetInstance, site: SiteText, root: str) -> str:
    """One widget instance for a page (the same markup static and live)."""
    return environment().get_template("partials/widget.html").render(
        w=instance_context(instance, site), root=root, t=site)
