"""Render Django form widgets with USWDS classes and accessible descriptions."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = [
    (forms.CheckboxInput, "usa-checkbox__input"),
    (forms.Select, "usa-select"),
    (forms.Textarea, "usa-textarea"),
]


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def uswds_widget(field):
    widget = field.field.widget
    css = next((c for kind, c in WIDGET_CLASSES if isinstance(widget, kind)), "usa-input")
    if field.errors and not isinstance(widget, forms.CheckboxInput):
        css += " usa-input--error"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    described_by += [f"{field.auto_id}_error_{n}" for n in range(1, len(field.errors) + 1)]
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
