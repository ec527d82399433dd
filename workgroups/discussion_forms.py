"""Forms of the discussions: a new thread (title and first post), a reply, an edit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Post, Thread
from .models.discussions import MAX_POST_CHARS

TOO_LONG = _(
    "A message can be at most %(limit_value)s characters long; this one has %(show_value)s. "
    "Shorten it, or split it into two posts."
)


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_POST_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Web addresses become links. At most %(limit)s characters.")
        % {"limit": f"{MAX_POST_CHARS:,}"},
        error_messages={
            "required": _("Write a message."),
            "max_length": TOO_LONG,
        },
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Thread._meta.get_field("title").max_length,
        error_messages={"required": _("Give the thread a title.")},
    )
    body = _body_field(_("First post"))


class PostForm(forms.ModelForm):
    """A reply, or an author's edit of their post."""

    body = _body_field(_("Message"))

    class Meta:
        model = Post
        fields = ["body"]
