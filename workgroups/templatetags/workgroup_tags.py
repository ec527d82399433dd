"""Showing what members write: plain text whose links work and whose HTML never runs."""

import html

from django import template
from django.utils.html import MAX_URL_LENGTH, Urlizer, escape, linebreaks, smart_urlquote
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Links in members' writing lead off the portal: no ranking credit, no window.opener.
LINK_REL = "nofollow noopener ugc"


class _MemberTextUrlizer(Urlizer):
    url_template = '<a class="usa-link" href="{href}" rel="' + LINK_REL + '">{url}</a>'

    def handle_word(self, word, *, safe_input, trim_url_limit=None, nofollow=False, **kwargs):
        # Django guesses http:// for a bare "www.cdc.gov/sepsis" (and warns that the guess will
        # change); links written today should be https.
        if "." in word:
            lead, middle, trail = self.trim_punctuation(word)
            if (
                len(middle) <= MAX_URL_LENGTH
                and not self.simple_url_re.match(middle)
                and self.simple_url_2_re.match(middle)
            ):
                href = smart_urlquote(f"https://{html.unescape(middle)}")
                link = self.url_template.format(href=escape(href), attrs="", url=escape(middle))
                return SafeString(f"{escape(lead)}{link}{escape(trail)}")
        return super().handle_word(
            word, safe_input=safe_input, trim_url_limit=trim_url_limit, nofollow=False, **kwargs
        )


_urlize = _MemberTextUrlizer()


def member_text(value, *, paragraphs=True):
    """Escape everything, then link the web addresses and keep paragraphs and line breaks."""
    # A new plain str: even text marked safe somewhere is escaped, as members wrote it.
    text = "" if value is None else str.__str__(str(value))
    if not text.strip():
        return ""
    linked = _urlize(text, trim_url_limit=80, autoescape=True)
    if paragraphs:
        linked = linebreaks(linked, autoescape=False)
    return mark_safe(linked)  # noqa: S308 - escaped above, only our links added


@register.filter(is_safe=False)
def post_body(value):
    """A post, an agenda or minutes as HTML paragraphs (see member_text)."""
    return member_text(value)


@register.filter(is_safe=False)
def linked_text(value):
    """One line of member text (a meeting's place, say) with its web address linked."""
    return member_text(value, paragraphs=False)


@register.filter
def person(user):
    """How a member is named on the page: their full name, or their username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
