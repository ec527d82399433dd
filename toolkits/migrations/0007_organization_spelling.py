# One vocabulary: American English ("organization", "license") in field names, in the toolkit
# pages' revisions, and in the implementation example block's child (renamed in every toolkit
# page's body and its revisions by Wagtail's StreamField data migration).
import wagtail.fields
from django.db import migrations, models
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import RenameStructChildrenOperation


def rename_revision_field(apps, old, new):
    """A revision keeps the page's fields by name: rename the field in every toolkit page's."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="toolkits", model="toolkitpage").first()
    revisions = Revision.objects.filter(content_type=content_type, content__has_key=old)
    for revision in revisions.iterator():
        revision.content[new] = revision.content.pop(old)
        revision.save(update_fields=["content"])


def respell_license_in_revisions(apps, schema_editor):
    rename_revision_field(apps, "licence", "license")


def respell_licence_in_revisions(apps, schema_editor):
    rename_revision_field(apps, "license", "licence")


class Migration(migrations.Migration):

    dependencies = [
        ('toolkits', '0006_documents_app'),
        ('portal', '0002_organization_spelling'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        # The index names the renamed column: dropped before the rename, made again after it.
        migrations.RemoveIndex(
            model_name='downloadevent',
            name='toolkits_dl_reach',
        ),
        migrations.RenameField('caresetting', 'organisations', 'organizations'),
        migrations.RenameField('downloadevent', 'organisation', 'organization'),
        migrations.RenameField('toolkitpage', 'licence', 'license'),
        migrations.RunPython(respell_license_in_revisions, respell_licence_in_revisions),
        migrations.AlterField(
            model_name='toolkitpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('figure', 6), ('summary_box', 9), ('card_group', 18), ('button', 19), ('quote', 22), ('implementation_example', 26)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 160}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section (level 2)'), ('h3', 'Subsection (level 3)')], 'label': 'Level'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('portal.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 255, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120}), 8: ('portal.blocks.ParagraphBlock', (), {'label': 'Text'}), 9: ('wagtail.blocks.StructBlock', [[('heading', 7), ('text', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120, 'required': False}), 11: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'max_length': 600}), 12: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 13: ('wagtail.blocks.URLBlock', (), {'label': "Or another site's address", 'required': False}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': 'Leave empty to use the page title.', 'label': 'Link text', 'max_length': 120, 'required': False}), 15: ('wagtail.blocks.StructBlock', [[('page', 12), ('url', 13), ('label', 14)]], {'label': 'Link', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('heading', 7), ('text', 11), ('link', 15)]], {}), 17: ('wagtail.blocks.ListBlock', (16,), {'label': 'Cards', 'max_num': 6, 'min_num': 1}), 18: ('wagtail.blocks.StructBlock', [[('heading', 10), ('cards', 17)]], {}), 19: ('wagtail.blocks.StructBlock', [[('page', 12), ('url', 13), ('label', 14)]], {}), 20: ('wagtail.blocks.TextBlock', (), {'label': 'Quote', 'max_length': 600}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 160, 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('quote', 20), ('attribution', 21)]], {}), 23: ('wagtail.snippets.blocks.SnippetChooserBlock', ('portal.MemberOrganization',), {'label': 'member organization'}), 24: ('wagtail.blocks.CharBlock', (), {'label': 'heading'}), 25: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul'], 'label': 'what they did'}), 26: ('wagtail.blocks.StructBlock', [[('organization', 23), ('heading', 24), ('text', 25)]], {})}, verbose_name='the tools and implementation examples'),
        ),
        migrations.AddIndex(
            model_name='downloadevent',
            index=models.Index(fields=['toolkit', 'organization'], name='toolkits_dl_reach'),
        ),
        migrations.AlterModelOptions(
            name='toolkitindexpage',
            options={'verbose_name': 'toolkit catalog'},
        ),
        migrations.AlterField(
            model_name='toolkitpage',
            name='summary',
            field=models.TextField(help_text='Shown in the catalog and at the top of the page.', max_length=600, verbose_name='what it is for and for whom'),
        ),
        MigrateStreamData(
            app_name='toolkits',
            model_name='ToolkitPage',
            field_name='body',
            operations_and_block_paths=[
                (RenameStructChildrenOperation('organisation', 'organization'), 'implementation_example'),
            ],
        ),
    ]
