"""The forms of the draft reading page: a new comment (and what it is about), a reply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .discussion_forms import TOO_LONG
from .models.discussions import MAX_POST_CHARS

MENTION_HELP = _(
    "Plain text. To tell a member of the group, write @ and their name or e-mail address "
    "(@Ana Silva, @ana.silva)."
)


def _text_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_POST_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MENTION_HELP,
        error_messages={"required": _("Write a comment."), "max_length": TOO_LONG},
    )


class DraftCommentForm(forms.Form):
    about = forms.ChoiceField(
        label=_("About"),
        help_text=_("Drafters see the comment beside this part in the editor."),
        error_messages={"invalid_choice": _("Choose a part of the draft.")},
    )
    text = _text_field(_("Comment"))

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = parts


class CommentReplyForm(forms.Form):
    text = _text_field(_("Reply"))

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, prefix=f"reply-{comment.pk}", **kwargs)
        self.comment = comment
