from django.apps import AppConfig


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = "Work groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and views are imported once the app registry is ready.
        from wagtail.models import ReferenceIndex

        from . import signals  # noqa: F401 - keeps Django groups in step with memberships
        from .models import FileVersion, WorkGroupSpacePage
        from .views import discussions, drafts, files, home, meetings, members

        # A shared file's versions protect their documents: Wagtail's delete views say so.
        ReferenceIndex.register_model(FileVersion)

        # The space's routes (WorkGroupSpacePage) and the views that answer them.
        WorkGroupSpacePage.route_views = {
            view.__name__: view
            for view in (
                home.home,
                discussions.thread_list,
                discussions.thread_detail,
                discussions.edit_post,
                discussions.hide_post,
                meetings.meeting_list,
                meetings.meeting_detail,
                meetings.edit_meeting,
                meetings.meeting_calendar,
                meetings.cancel_meeting,
                files.file_list,
                files.file_detail,
                drafts.draft_list,
                drafts.draft_detail,
                members.member_list,
                members.change_membership,
                members.member_settings,
            )
        }
