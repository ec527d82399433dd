"""StreamField blocks shared by every app's pages.

Each block has a description and a preview value so editors can see what it
does in the block chooser before they use it.
"""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _(
            "A section heading; it also appears in the page outline for screen readers."
        )
        preview_value = {"text": "When to call 911", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = _("Plain-language text with links and lists.")
        preview_value = (
            "<p>Sepsis is the body's extreme response to an infection. "
            "It is a medical emergency.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        description = _(
            "An image with alternative text for screen readers and an optional caption."
        )


class SummaryBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "list-ul"
        template = "blocks/summary_box_block.html"
        description = _("A highlighted box for the key points of a page.")
        preview_value = {
            "heading": "Key points",
            "text": "<ul><li>Sepsis can start with any infection.</li>"
            "<li>Early treatment saves lives.</li></ul>",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page or another site; the page wins when both are given."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or another site's address"), required=False)
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the page title."),
    )

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or enter an address."))
                }
            )
        if value.get("url") and not value.get("page") and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "label": blocks.BlockValidationError(_("Give a link to another site its text."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        context["href"] = page.localized.url if page else value.get("url")
        context["text"] = value.get("label") or (page.localized.title if page else value.get("url"))
        return context


class ButtonBlock(LinkBlock):
    class Meta:
        icon = "link-external"
        template = "blocks/button_block.html"
        description = _("A prominent button that leads to the next step.")


class CardBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=600)
    link = LinkBlock(label=_("Link"), required=False)

    class Meta:
        icon = "doc-full"


class CardGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=6, label=_("Cards"))

    class Meta:
        icon = "table"
        template = "blocks/card_group_block.html"
        description = _("Up to six short cards side by side, such as the consortium's aims.")
        preview_value = {
            "heading": "Our aims",
            "cards": [
                {"heading": "Treat sepsis fast", "text": "Share what works in every care setting."},
                {"heading": "Raise awareness", "text": "Help people know the signs."},
            ],
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("Words from a person, such as a sepsis survivor, with who said them.")
        preview_value = {"quote": "Ask: could this be sepsis?", "attribution": "A sepsis survivor"}


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every general page offers; apps extend it with their own.

    Each child's template gets its stream id as `block_id`, for element ids that are
    unique on the page (aria-labelledby needs them).
    """

    def render_basic(self, value, context=None):
        context = dict(context or {})
        return format_html_join(
            "\n",
            "{}",
            [
                (child.block.render(child.value, context={**context, "block_id": child.id}),)
                for child in value
            ],
        )

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    summary_box = SummaryBoxBlock()
    card_group = CardGroupBlock()
    button = ButtonBlock()
    quote = QuoteBlock()
