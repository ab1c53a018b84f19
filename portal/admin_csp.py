"""The Wagtail admin without inline scripts, so that it runs under a CSP with `script-src 'self'`.

Wagtail starts chooser widgets, inline panels and date pickers from inline `<script>`s. Ours
render the same call as data (`data-xt-init`: which starter, `data-xt-id`, `data-xt-options`)
and portal/static/portal/admin-init.js makes it, for the page and for forms added later.
Inline panels and date pickers are templates (portal/templates/wagtailadmin/), as are
wagtail-localize's translation editor and "translate this page" form
(portal/templates/wagtail_localize/); choosers are rendered in Python, so their `render` is
replaced here, once, when the admin's hooks load.
"""

import json

from django.utils.html import escapejs, format_html
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

# The choosers admin-init.js knows, started as `new <js_constructor>(id, options)`.
CHOOSERS_STARTED_FROM_DATA = {"PageChooser", "SnippetChooser", "DocumentChooser", "ImageChooser"}
# Choosers with a script of their own, started as `<function>(id)` (admin-init.js knows them
# too): the workflow editor's task chooser, `createTaskChooser(id)`.
CHOOSERS_WITH_OWN_SCRIPT = {AdminTaskChooser: "createTaskChooser"}

_wagtail_render = BaseChooser.render


def _as_data(widget, name, value_data, attrs, starter: str, options: dict):
    return format_html(
        '{}<span hidden data-xt-init="{}" data-xt-id="{}" data-xt-options="{}"></span>',
        widget.render_html(name, value_data, attrs),
        starter,
        attrs["id"],
        # escaped as Wagtail escapes the inline script's JSON, so that an inline panel's
        # "Add" rewrites __prefix__ in it the same way (admin-init.js decodes it)
        escapejs(json.dumps(options)),
    )


def render_chooser_as_data(widget, name, value, attrs=None, renderer=None):
    if not attrs or "id" not in attrs:
        return _wagtail_render(widget, name, value, attrs, renderer)
    own_starter = CHOOSERS_WITH_OWN_SCRIPT.get(type(widget))
    if own_starter:
        return _as_data(widget, name, widget.get_value_data(value), attrs, own_starter, {})
    own_script = type(widget).render_js_init is not BaseChooser.render_js_init
    if own_script or widget.js_constructor not in CHOOSERS_STARTED_FROM_DATA:
        return _wagtail_render(widget, name, value, attrs, renderer)
    value_data = widget.get_value_data(value)
    options = widget.get_js_init_options(attrs["id"], name, value_data)
    return _as_data(widget, name, value_data, attrs, widget.js_constructor, options)


def render_choosers_without_inline_scripts():
    BaseChooser.render = render_chooser_as_data
