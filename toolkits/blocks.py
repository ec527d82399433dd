"""Toolkit page blocks: citations, implementation examples, and the general page blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from portal.blocks import BaseStreamBlock


class CitationBlock(blocks.StructBlock):
    authors = blocks.CharBlock(
        label=_("authors"), help_text=_("e.g. Evans L, Rhodes A, Alhazzani W")
    )
    title = blocks.CharBlock(label=_("title"))
    journal = blocks.CharBlock(label=_("journal or publisher"))
    year = blocks.IntegerBlock(label=_("year"), min_value=1900, max_value=2100)
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        label=_("DOI"),
        help_text=_("e.g. 10.1097/CCM.0000000000005337"),
        error_messages={"invalid": _("A DOI starts with 10. and has a slash, e.g. 10.1000/xyz.")},
    )
    url = blocks.URLBlock(required=False, label=_("link"), help_text=_("When there is no DOI."))

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "toolkits/blocks/citation.html"


class ImplementationExampleBlock(blocks.StructBlock):
    organization = SnippetChooserBlock("portal.MemberOrganization", label=_("member organization"))
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("what they did"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "group"
        label = _("Implementation example")
        template = "toolkits/blocks/implementation_example.html"


class ToolkitStreamBlock(BaseStreamBlock):
    implementation_example = ImplementationExampleBlock()


class EvidenceStreamBlock(blocks.StreamBlock):
    citation = CitationBlock()
