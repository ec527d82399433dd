"""The blocks of events' agendas, speakers, materials and toolkit links."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("time"), max_length=20, required=False)
    item = blocks.CharBlock(label=_("item"), max_length=200)
    note = blocks.TextBlock(label=_("note"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("agenda item")
        template = "events/blocks/agenda_item.html"


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()

    class Meta:
        template = "events/blocks/agenda.html"


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    role = blocks.CharBlock(label=_("role"), max_length=160, required=False)
    organization = SnippetChooserBlock(
        "portal.MemberOrganization",
        label=_("organization (member directory)"),
        required=False,
    )
    other_organization = blocks.CharBlock(
        label=_("organization, if not a member"), max_length=200, required=False
    )

    class Meta:
        icon = "user"
        label = _("speaker")
        template = "events/blocks/speaker.html"


class DocumentMaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    document = DocumentChooserBlock(label=_("file"))

    class Meta:
        icon = "doc-full"
        label = _("slides or handout (file)")


class LinkMaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))
    kind = blocks.ChoiceBlock(
        label=_("what it is"),
        choices=[("recording", _("Recording")), ("slides", _("Slides")), ("other", _("Other"))],
        default="recording",
    )

    class Meta:
        icon = "link"
        label = _("recording or slides (link)")


class MaterialBlock(blocks.StreamBlock):
    document = DocumentMaterialBlock()
    link = LinkMaterialBlock()
