"""Model fields shared by the archive's models."""

import json

from django import forms
from django.db import models


class LinesFormField(forms.CharField):
    """Edits a list of strings as a textarea, one item a line (friendlier than raw JSON)."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        if isinstance(value, str) and value.startswith("["):
            # A bound form re-rendered after an error holds the JSON text.
            try:
                return "\n".join(json.loads(value))
            except (ValueError, TypeError):
                return value
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        seen: list[str] = []
        for line in text.splitlines():
            item = " ".join(line.split())
            if item and item not in seen:
                seen.append(item)
        return seen


class ListField(models.JSONField):
    """A JSON list of strings (aliases, demonyms, keywords), edited one item a line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # Skip JSONField.formfield (a raw JSON textarea) for the one-item-a-line editor.
        return models.Field.formfield(self, **{"form_class": LinesFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "archive.fields.ListField", args, kwargs
