"""Work groups' side of the search contract: inside each group, its space, discussion threads
(with their visible posts), meetings, shared files and draft tools, all "workgroup" documents
carrying the group's token, so that only its members and consortium staff find them. The public
list of groups is an ordinary page.
"""

from abc import ABC, abstractmethod

from django.db.models import Prefetch
from wagtail.documents import get_document_model

from search.contract import MAX_BODY_CHARS, SearchDocument, workgroup_token
from search.pages import PageProvider, model_key, page_body, plain_text, revision_body

from . import access
from .models import (
    DraftToolPage,
    FileVersion,
    Meeting,
    Post,
    SharedFile,
    Thread,
    WorkGroup,
    WorkGroupIndexPage,
    WorkGroupSpacePage,
)


def space_route(space, name=None, *args):
    """What a browser opens for a route of the group's space."""
    url = space.url
    if url and name:
        url += space.reverse_subpage(name, args=args)
    return url


def _document(work_group, key, title, url, body, **kwargs):
    if not url:
        return None
    return SearchDocument(
        key=key,
        title=title,
        url=url,
        content_type="workgroup",
        access=workgroup_token(work_group.pk),
        body=(body or "")[:MAX_BODY_CHARS],
        **kwargs,
    )


class GroupItemProvider(ABC):
    """Items of one model that belong to a group with a space: documents() reads them all in a
    fixed number of queries; document_for() reads one through the same queryset."""

    name = ""
    model = None

    @property
    def models(self):
        return (self.model, *self.related_models())

    def related_models(self):
        return ()

    def queryset(self):
        return self.model.objects.filter(work_group__space__isnull=False).select_related(
            "work_group__space"
        )

    def item_of(self, instance):
        """The item (of self.model) an instance of one of self.models stands for, or its pk."""
        return instance.pk

    def documents(self):
        for item in self.queryset().order_by("pk"):
            document = self.build(item)
            if document is not None:
                yield document

    def document_for(self, instance):
        pk = self.item_of(instance)
        item = self.queryset().filter(pk=pk).first() if pk is not None else None
        return self.build(item) if item is not None else None

    def key_for(self, instance):
        return model_key(self.model, self.item_of(instance))

    @abstractmethod
    def build(self, item):
        """The item's search document, or None when it must not be found."""


class SpaceProvider(GroupItemProvider):
    name = "workgroups.spaces"

    @property
    def model(self):

        return WorkGroup

    def related_models(self):

        return (WorkGroupSpacePage,)

    def queryset(self):
        return self.model.objects.filter(space__isnull=False).select_related("space")

    def item_of(self, instance):
        if isinstance(instance, self.model):
            return instance.pk
        return self.model.objects.filter(space_id=instance.pk).values_list("pk", flat=True).first()

    def build(self, work_group):
        body = " ".join([work_group.charge, plain_text(work_group.space.welcome)])
        return _document(
            work_group,
            model_key(self.model, work_group.pk),
            work_group.name,
            space_route(work_group.space),
            body,
            published_at=work_group.created_at,
        )


class ThreadProvider(GroupItemProvider):
    """A thread with the text of its posts; hidden posts are left out."""

    name = "workgroups.threads"

    @property
    def model(self):

        return Thread

    def related_models(self):

        return (Post,)

    def queryset(self):

        visible = Post.objects.filter(hidden_at__isnull=True).only("thread_id", "body")
        return super().queryset().prefetch_related(Prefetch("posts", queryset=visible))

    def item_of(self, instance):
        return instance.pk if isinstance(instance, self.model) else instance.thread_id

    def build(self, thread):
        space = thread.work_group.space
        return _document(
            thread.work_group,
            model_key(self.model, thread.pk),
            thread.title,
            space_route(space, "thread", thread.pk),
            " ".join(post.body for post in thread.posts.all()),
            published_at=thread.last_post_at,
        )


class MeetingProvider(GroupItemProvider):
    name = "workgroups.meetings"

    @property
    def model(self):

        return Meeting

    def build(self, meeting):
        return _document(
            meeting.work_group,
            model_key(self.model, meeting.pk),
            meeting.title,
            space_route(meeting.work_group.space, "meeting", meeting.pk),
            " ".join(part for part in (meeting.location, meeting.agenda, meeting.minutes) if part),
            published_at=meeting.starts_at,
        )


class SharedFileProvider(GroupItemProvider):
    """A shared file, searched by its latest version's extracted text. A document that is not
    the latest version of a file has no document of its own (its key is never stored)."""

    name = "workgroups.files"

    @property
    def model(self):

        return SharedFile

    def related_models(self):

        return (FileVersion, get_document_model())

    def queryset(self):

        versions = FileVersion.objects.select_related("document").order_by("-number")
        return super().queryset().prefetch_related(Prefetch("versions", queryset=versions))

    def item_of(self, instance):

        if isinstance(instance, self.model):
            return instance.pk
        if isinstance(instance, FileVersion):
            return instance.shared_file_id
        latest = (
            FileVersion.objects.filter(document_id=instance.pk)
            .values_list("shared_file_id", "number")
            .first()
        )
        if latest is None:
            return None
        shared_file_id, number = latest
        newer = FileVersion.objects.filter(shared_file_id=shared_file_id, number__gt=number)
        return None if newer.exists() else shared_file_id

    def key_for(self, instance):
        pk = self.item_of(instance)
        if pk is None:  # an earlier version's document, or one not shared in a group
            return model_key(get_document_model(), f"{instance.pk}:workgroup-file")
        return model_key(self.model, pk)

    def build(self, shared_file):
        versions = list(shared_file.versions.all())
        if not versions:
            return None
        latest = versions[0].document
        notes = " ".join(version.note for version in versions if version.note)
        return _document(
            shared_file.work_group,
            model_key(self.model, shared_file.pk),
            shared_file.title,
            space_route(shared_file.work_group.space, "file", shared_file.pk),
            " ".join(part for part in (latest.title, notes, latest.extracted_text) if part),
            language=latest.language,
            published_at=shared_file.updated_at,
        )


class DraftProvider:
    """Draft tools: a published one (inside the private space) by its live content at its page
    URL; one not yet published by its latest revision, at its reading page in the space (which
    observers can open too, unlike the editor)."""

    name = "workgroups.drafts"

    @property
    def models(self):

        return (DraftToolPage,)

    def _drafts(self):

        return DraftToolPage.objects.select_related("locale", "latest_revision")

    def _groups_by_space_path(self):

        groups = WorkGroup.objects.filter(space__isnull=False).select_related("space")
        return {group.space.path: group for group in groups}

    def documents(self):
        groups = self._groups_by_space_path()
        for draft in self._drafts().order_by("path"):
            document = self._build(draft, groups)
            if document is not None:
                yield document

    def document_for(self, instance):
        draft = self._drafts().filter(pk=instance.pk).first()
        if draft is None:
            return None
        return self._build(draft, self._groups_by_space_path())

    def key_for(self, instance):
        return model_key(self.models[0], instance.pk)

    def _build(self, draft, groups):
        work_group = groups.get(draft.path[: -draft.steplen])
        if work_group is None:
            return None  # not directly inside a group's space: never guessed
        if draft.live:
            title, body, url = draft.title, page_body(draft), draft.url
        elif draft.latest_revision is not None:
            content = draft.latest_revision.content
            title = content.get("title") or draft.title
            body = revision_body(type(draft), content)
            url = space_route(work_group.space, "draft", draft.pk)
        else:
            title, body = draft.title, page_body(draft)
            url = space_route(work_group.space, "draft", draft.pk)
        return _document(
            work_group,
            model_key(type(draft), draft.pk),
            title,
            url,
            body,
            language=draft.locale.language_code,
            published_at=draft.last_published_at or draft.latest_revision_created_at,
        )


class GroupListProvider(PageProvider):
    """The public list of groups, found by the groups' names and charges too."""

    def extra_text(self, page):

        return [
            f"{name} {charge}" for name, charge in WorkGroup.objects.values_list("name", "charge")
        ]


def providers():

    return [
        GroupListProvider("workgroups.list", (WorkGroupIndexPage,), "page"),
        SpaceProvider(),
        ThreadProvider(),
        MeetingProvider(),
        SharedFileProvider(),
        DraftProvider(),
    ]


def search_tokens(user):
    """A user's work-group tokens, as workgroups.access decides."""
    return access.search_tokens(user)
