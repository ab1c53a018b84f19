"""The Wagtail admin without inline scripts, so that it runs under a CSP with `script-src 'self'`.

Wagtail starts chooser widgets, inline panels and date pickers from inline `<script>`s. Ours
render the same call as data (`data-xt-init`: which starter, `data-xt-id`, `data-xt-options`)
and portal/static/portal/admin-init.js makes it, for the page and for forms added later.
Inline panels and date pickers are templates (portal/templates/wagtailadmin/); choosers are
rendered in Python, so their `render` is replaced here, once, when the admin's hooks load.
"""

import json

from django.utils.html import escapejs, format_html
from wagtail.admin.widgets.chooser import BaseChooser

# The choosers admin-init.js knows; a chooser with its own script (e.g. workflow tasks, for
# moderators only) keeps Wagtail's rendering.
CHOOSERS_STARTED_FROM_DATA = {"PageChooser", "SnippetChooser", "DocumentChooser", "ImageChooser"}

_wagtail_render = BaseChooser.render


def render_chooser_as_data(widget, name, value, attrs=None, renderer=None):
    own_script = type(widget).render_js_init is not BaseChooser.render_js_init
    if own_script or widget.js_constructor not in CHOOSERS_STARTED_FROM_DATA or not attrs or "id" not in attrs:
        return _wagtail_render(widget, name, value, attrs, renderer)
    value_data = widget.get_value_data(value)
    options = widget.get_js_init_options(attrs["id"], name, value_data)
    return format_html(
        '{}<span hidden data-xt-init="{}" data-xt-id="{}" data-xt-options="{}"></span>',
        widget.render_html(name, value_data, attrs),
        widget.js_constructor,
        attrs["id"],
        # escaped as Wagtail escapes the inline script's JSON, so that an inline panel's
        # "Add" rewrites __prefix__ in it the same way (admin-init.js decodes it)
        escapejs(json.dumps(options)),
    )


def render_choosers_without_inline_scripts():
    BaseChooser.render = render_chooser_as_data
