"""Blocks for public awareness pages: what a worried reader needs to recognize sepsis and act."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from portal.blocks import BaseStreamBlock, LinkBlock

CALLOUT_LEVELS = [
    ("emergency", _("Emergency: call 911 now")),
    ("urgent", _("Urgent: get medical help today")),
    ("information", _("Information")),
]
# The words screen readers announce before the heading, so the level is never color alone.
CALLOUT_LEVEL_LABELS = {
    "emergency": _("Emergency"),
    "urgent": _("Urgent"),
    "information": _("Good to know"),
}
AUDIENCES = [
    ("adult", _("Adults")),
    ("child", _("Children")),
    ("baby", _("Babies")),
    ("older_adult", _("Older adults")),
]


class UrgentCalloutBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=CALLOUT_LEVELS,
        default="emergency",
        label=_("Level"),
        help_text=_("Use at most one emergency callout per page, near the top."),
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "link", "ul"])
    show_call_button = blocks.BooleanBlock(
        label=_("Show a call button"),
        required=False,
        help_text=_("Adds a button that dials the emergency number in the site settings."),
    )

    class Meta:
        icon = "warning"
        template = "public_awareness/blocks/callout_block.html"
        description = _(
            "Tells readers how urgently to act; the level is read out to screen readers."
        )
        preview_value = {
            "level": "emergency",
            "heading": "Call 911 now if someone has any of these signs",
            "text": "<ul><li>Very confused or hard to wake</li></ul>",
            "show_call_button": True,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["level_label"] = CALLOUT_LEVEL_LABELS[value["level"]]
        return context


class SignBlock(blocks.StructBlock):
    sign = blocks.CharBlock(label=_("Sign"), max_length=160)
    detail = blocks.TextBlock(label=_("More detail"), required=False, max_length=400)


class SymptomListBlock(blocks.StructBlock):
    audience = blocks.ChoiceBlock(choices=AUDIENCES, label=_("Who these signs are for"))
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)
    signs = blocks.ListBlock(SignBlock(), min_num=1, label=_("Signs"))
    note = blocks.CharBlock(
        label=_("Note after the list"),
        required=False,
        max_length=200,
        help_text=_("For example: someone with sepsis may not have all of these signs."),
    )

    class Meta:
        icon = "list-ul"
        template = "public_awareness/blocks/symptom_list_block.html"
        description = _("The signs of sepsis for one group of people.")
        preview_value = {
            "audience": "adult",
            "heading": "Signs in adults",
            "signs": [{"sign": "Fast breathing"}, {"sign": "Confusion"}],
            "note": "They may not have all of these signs.",
        }


class MnemonicLetterBlock(blocks.StructBlock):
    letter = blocks.CharBlock(label=_("Letter"), max_length=2)
    word = blocks.CharBlock(label=_("Word"), max_length=60)
    explanation = blocks.TextBlock(label=_("What it means"), max_length=300)


class MnemonicBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, max_length=300)
    letters = blocks.ListBlock(MnemonicLetterBlock(), min_num=2, max_num=10, label=_("Letters"))

    class Meta:
        icon = "order"
        template = "public_awareness/blocks/mnemonic_block.html"
        description = _("A memory aid: one letter and one word a line.")
        preview_value = {
            "heading": "Ask for HELP",
            "letters": [
                {
                    "letter": "H",
                    "word": "Hot or cold",
                    "explanation": "A fever, or feeling very cold.",
                },
                {"letter": "E", "word": "Extreme pain", "explanation": "Pain like never before."},
            ],
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        template = "public_awareness/blocks/faq_block.html"
        description = _("Questions and answers that open in place; they work without JavaScript.")
        preview_value = {
            "heading": "Questions people ask",
            "questions": [{"question": "Is sepsis contagious?", "answer": "<p>No.</p>"}],
        }


class FactSheetBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "public_awareness/blocks/fact_sheet_block.html"
        description = _("A file to download, shown with its format and size.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value["document"]
        if document is not None:
            context["file_format"] = document.file_extension.upper()
            context["file_size"] = filesizeformat(document.get_file_size() or 0)
        return context


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "link"
        template = "public_awareness/blocks/related_links_block.html"
        description = _("A short list of pages to read next.")


class AwarenessStreamBlock(BaseStreamBlock):
    callout = UrgentCalloutBlock(label=_("Urgent-care callout"))
    symptom_list = SymptomListBlock(label=_("Symptom list"))
    mnemonic = MnemonicBlock(label=_("Memory aid"))
    faq = FAQBlock(label=_("Questions and answers"))
    fact_sheet = FactSheetBlock(label=_("Fact sheet download"))
    related_links = RelatedLinksBlock(label=_("Related links"))

    def clean(self, value):
        value = super().clean(value)
        emergencies = [
            child
            for child in value
            if child.block_type == "callout" and child.value["level"] == "emergency"
        ]
        if len(emergencies) > 1:
            raise blocks.StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            _(
                                "A page may have only one emergency callout, so that readers "
                                "know at once when to call 911. Make the others urgent or "
                                "information callouts."
                            )
                        )
                    ]
                )
            )
        return value
