"""The work-group space's views, one module per part: home, discussions, meetings, files,
drafts, members (and settings). Each takes (request, space page, ...), finds the work group,
and asks workgroups.access before doing anything."""
