"""The evaluation form attendees are sent after a session."""

from django import forms

from .models import EvaluationResponse


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = EvaluationResponse
        fields = ["usefulness", "will_apply", "best", "improve"]
        widgets = {
            "usefulness": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "will_apply": forms.RadioSelect,
            "best": forms.Textarea(attrs={"rows": 3}),
            "improve": forms.Textarea(attrs={"rows": 3}),
        }
