"""What a file really is, told from its content: so that an upload can be checked against its
extension. Plain functions over bytes and files, no Django."""

import codecs
import io
import struct
import zipfile

# How many bytes of a file `sniff_format` needs to see at least.
SNIFF_BYTES = 64 * 1024


def sniff_format(head: bytes) -> str | None:
    """The format of a file from its first bytes (SNIFF_BYTES or all of it), as an extension.

    "pdf", "docx", "pptx", "xlsx", "zip" (any other ZIP archive), "png", "jpg", "txt" (text:
    decodable, no NUL bytes; CSV is text), or None when it is none of these.
    """
    if not head:
        return None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _ooxml_kind(_zip_names(head))
    if _is_text(head):
        return "txt"
    return None


def sniff_file(fileobj) -> str | None:
    """`sniff_format` for an open, seekable file; reads the ZIP directory when there is one.

    Leaves the file positioned at its start.
    """
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    kind = sniff_format(head)
    if kind in {"zip", "docx", "pptx", "xlsx"}:
        try:
            with zipfile.ZipFile(fileobj) as archive:
                kind = _ooxml_kind(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            pass  # a damaged archive: keep what its first entries said
        finally:
            fileobj.seek(0)
    return kind


# What each extension may contain. CSV files are text; a .jpeg is a JPEG.
_ACCEPTED_CONTENT = {
    "csv": {"txt"},
    "txt": {"txt"},
    "jpeg": {"jpg"},
}


def content_matches_extension(extension: str, sniffed: str | None) -> bool:
    extension = extension.lower().lstrip(".")
    return sniffed in _ACCEPTED_CONTENT.get(extension, {extension})


def _ooxml_kind(names) -> str:
    names = list(names)
    if "[Content_Types].xml" not in names:
        return "zip"
    for prefix, kind in (("word/", "docx"), ("ppt/", "pptx"), ("xl/", "xlsx")):
        if any(name.startswith(prefix) for name in names):
            return kind
    return "zip"


def _zip_names(data: bytes) -> list[str]:
    """The names in a ZIP archive: from its directory if `data` is whole, else from the local
    headers found in the bytes given."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass
    names = []
    position = data.find(b"PK\x03\x04")
    while position != -1 and position + 30 <= len(data):
        name_length, extra_length = struct.unpack_from("<HH", data, position + 26)
        raw = data[position + 30 : position + 30 + name_length]
        if len(raw) == name_length:
            names.append(raw.decode("utf-8", errors="replace"))
        position = data.find(b"PK\x03\x04", position + 30 + name_length + extra_length)
    return names


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # Incremental, so that a character cut off at the end of the head is not an error.
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    # Windows-1252 decodes most bytes; demand that it reads as lines of text.
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls == 0
