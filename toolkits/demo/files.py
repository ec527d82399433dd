"""The demo toolkits' resource files, rendered once per process (the test suite loads the demo
again and again) by the shared demo file maker (documents.demo_files)."""

from functools import cache

from documents.demo_files import render_docx, render_pdf

from .content import DOCUMENTS


@cache
def render(key, fmt, version, license, released):
    """The bytes of document `key` as 'pdf' or 'docx', with its version and license."""
    if fmt == "pdf":
        return render_pdf(DOCUMENTS[key], version, license, released)
    if fmt == "docx":
        return render_docx(DOCUMENTS[key], version, license, released)
    raise ValueError(f"No generator for {fmt} files")
