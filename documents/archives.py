"""ZIP archives (Word, PowerPoint and Excel files are ZIPs) judged before they are opened.

`check_archive(fileobj, limits)` reads only the archive's central directory (its table of
contents, at the end of the file) and the first bytes of each entry: nothing is unpacked.
It answers with an `ArchiveProblem` when the archive would unpack to more than the limits
allow (a "ZIP bomb"), or None. The sizes in the central directory are the ones that count:
Python's zipfile, which python-docx, python-pptx and openpyxl all read through, stops
each entry at its declared size and rejects one whose content does not match it.

Plain functions over files, no Django.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

MB = 1024 * 1024

# An entry smaller than this unpacks to little whatever its ratio; only bigger entries have
# their compression ratio checked (tiny XML parts compress very well and mean no harm).
RATIO_CHECKED_FROM_BYTES = 1 * MB

# Where Office keeps embedded documents (a chart's workbook inside a Word file): such an
# entry is itself a ZIP, legitimately, and no extractor opens it.
EMBEDDINGS_FOLDER = "/embeddings/"
ARCHIVE_SUFFIXES = (
    ".zip",
    ".jar",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".7z",
    ".rar",
    ".tar",
    ".docx",
    ".docm",
    ".xlsx",
    ".xlsm",
    ".pptx",
    ".pptm",
    ".odt",
    ".ods",
    ".odp",
)
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_EOCD = b"PK\x06\x06"
_CENTRAL = b"PK\x01\x02"
_CENTRAL_SIZE = 46
_LOCAL = b"PK\x03\x04"
_LOCAL_SIZE = 30
_MAX_COMMENT = 0xFFFF
_STORED, _DEFLATED = 0, 8


@dataclass(frozen=True)
class ArchiveLimits:
    max_uncompressed_bytes: int
    max_ratio: float
    max_entries: int


@dataclass(frozen=True)
class ArchiveProblem:
    """Why an archive is refused: `limit` names the limit, `reason` says it for editors."""

    limit: str  # "entries", "uncompressed", "ratio", "nested" or "damaged"
    reason: str


@dataclass(frozen=True)
class Entry:
    name: str
    compressed_size: int
    uncompressed_size: int
    method: int
    flags: int
    header_offset: int


class _Damaged(Exception):
    pass


def check_archive(fileobj, limits: ArchiveLimits) -> ArchiveProblem | None:
    """An `ArchiveProblem` if the ZIP in `fileobj` (open, seekable, binary) is over a limit.

    A file that is not a ZIP at all gives None: the extractor says what is wrong with it.
    Leaves the file positioned at its start.
    """
    try:
        directory = _find_directory(fileobj)
        if directory is None:
            return None
        declared, start, size, shift = directory
        if declared > limits.max_entries:
            return _too_many(limits)
        total = 0
        entries = _central_entries(fileobj, start, size, limits.max_entries + 1)
        for count, entry in enumerate(entries, start=1):
            if count > limits.max_entries:
                return _too_many(limits)
            total += entry.uncompressed_size
            if total > limits.max_uncompressed_bytes:
                return ArchiveProblem(
                    "uncompressed",
                    f"unpacked, it would be more than {_megabytes(limits.max_uncompressed_bytes)}",
                )
            if entry.uncompressed_size >= RATIO_CHECKED_FROM_BYTES and (
                entry.compressed_size <= 0
                or entry.uncompressed_size / entry.compressed_size > limits.max_ratio
            ):
                return ArchiveProblem(
                    "ratio",
                    f"a part of it unpacks to more than {limits.max_ratio:,.0f} times its "
                    "packed size, as a ZIP bomb does",
                )
            if _is_nested_archive(fileobj, entry, shift):
                return ArchiveProblem(
                    "nested", f"it contains another archive ({_short_name(entry.name)})"
                )
    except _Damaged:
        return None  # the extractor will say the file is damaged
    finally:
        fileobj.seek(0)
    return None


def entries(fileobj) -> list[Entry]:
    """Every entry of the central directory (for tests and diagnostics; unbounded)."""
    directory = _find_directory(fileobj)
    if directory is None:
        return []
    _declared, start, size, _shift = directory
    return list(_central_entries(fileobj, start, size, None))


# The central directory


def _find_directory(fileobj):
    """(declared entries, start and size of the central directory, offset shift) or None."""
    fileobj.seek(0, 2)
    file_size = fileobj.tell()
    if file_size < _EOCD_SIZE:
        return None
    tail_size = min(file_size, _EOCD_SIZE + _MAX_COMMENT)
    fileobj.seek(file_size - tail_size)
    tail = fileobj.read(tail_size)
    position = tail.rfind(_EOCD)
    while position != -1 and len(tail) - position < _EOCD_SIZE:
        position = tail.rfind(_EOCD, 0, position)
    if position == -1:
        return None
    eocd_offset = file_size - tail_size + position
    (_sig, _disk, _cd_disk, _on_disk, declared, cd_size, cd_offset, _comment) = struct.unpack(
        "<4sHHHHIIH", tail[position : position + _EOCD_SIZE]
    )
    end = eocd_offset
    if declared == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        zip64 = _zip64_directory(fileobj, eocd_offset)
        if zip64 is not None:
            declared, cd_size, cd_offset, end = zip64
    start = end - cd_size
    if start < 0 or cd_size < 0:
        raise _Damaged
    # Data before the archive (a self-extractor's stub) shifts every recorded offset.
    shift = start - cd_offset
    return declared, start, cd_size, shift


def _zip64_directory(fileobj, eocd_offset):
    locator_offset = eocd_offset - _ZIP64_LOCATOR_SIZE
    if locator_offset < 0:
        return None
    fileobj.seek(locator_offset)
    locator = fileobj.read(_ZIP64_LOCATOR_SIZE)
    if len(locator) < _ZIP64_LOCATOR_SIZE or not locator.startswith(_ZIP64_LOCATOR):
        return None
    record_offset = struct.unpack_from("<Q", locator, 8)[0]
    # Like zipfile, find the record just before the locator (offsets may be shifted).
    fileobj.seek(locator_offset - 56)
    record = fileobj.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_EOCD):
        fileobj.seek(record_offset)
        record = fileobj.read(56)
        if len(record) < 56 or not record.startswith(_ZIP64_EOCD):
            raise _Damaged
        record_start = record_offset
    else:
        record_start = locator_offset - 56
    declared, cd_size, cd_offset = struct.unpack_from("<QQQ", record, 32)
    return declared, cd_size, cd_offset, record_start


def _central_entries(fileobj, start, size, most):
    """The central directory's entries, read in chunks; at most `most` (None: all)."""
    fileobj.seek(start)
    reader = _Chunks(fileobj, size)
    count = 0
    while most is None or count < most:
        head = reader.take(_CENTRAL_SIZE)
        if head is None:
            return  # the end of the directory
        if head[:4] != _CENTRAL:
            return  # the end of the directory (a digital signature record may follow)
        fields = struct.unpack_from("<4sHHHHHHIIIHHHHHII", head)
        flags, method = fields[3], fields[4]
        compressed, uncompressed = fields[8], fields[9]
        name_length, extra_length, comment_length = fields[10], fields[11], fields[12]
        header_offset = fields[16]
        rest = reader.take(name_length + extra_length + comment_length)
        if rest is None:
            raise _Damaged
        raw_name = rest[:name_length]
        extra = rest[name_length : name_length + extra_length]
        uncompressed, compressed, header_offset = _zip64_sizes(
            extra, uncompressed, compressed, header_offset
        )
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        count += 1
        yield Entry(name, compressed, uncompressed, method, flags, header_offset)


class _Chunks:
    """Pieces of the next `size` bytes of a file, read 64 KB at a time."""

    def __init__(self, fileobj, size):
        self.fileobj = fileobj
        self.remaining = size
        self.buffer = b""
        self.position = 0

    def take(self, length):
        """The next `length` bytes, or None at the end (damaged if cut short)."""
        available = len(self.buffer) - self.position
        if available < length:
            if self.remaining <= 0:
                if available:
                    raise _Damaged
                return None
            chunk = self.fileobj.read(min(max(length - available, 64 * 1024), self.remaining))
            if not chunk:
                raise _Damaged
            self.remaining -= len(chunk)
            self.buffer = self.buffer[self.position :] + chunk
            self.position = 0
            return self.take(length)
        piece = self.buffer[self.position : self.position + length]
        self.position += length
        return piece


def _zip64_sizes(extra, uncompressed, compressed, header_offset):
    """The sizes and offset that a ZIP64 extra field holds in place of 0xFFFFFFFF."""
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, position)
        body = extra[position + 4 : position + 4 + length]
        if kind == 0x0001:
            values = list(struct.unpack_from(f"<{len(body) // 8}Q", body))
            if uncompressed == 0xFFFFFFFF and values:
                uncompressed = values.pop(0)
            if compressed == 0xFFFFFFFF and values:
                compressed = values.pop(0)
            if header_offset == 0xFFFFFFFF and values:
                header_offset = values.pop(0)
            break
        position += 4 + length
    return uncompressed, compressed, header_offset


# Archives inside the archive


def _is_nested_archive(fileobj, entry, shift):
    name = entry.name.lower()
    if EMBEDDINGS_FOLDER in f"/{name}":
        return False  # an embedded Office document: kept as bytes, never opened
    if name.endswith(ARCHIVE_SUFFIXES):
        return True
    return _starts_like_zip(fileobj, entry, shift)


def _starts_like_zip(fileobj, entry, shift):
    """Whether an entry's first bytes are a ZIP signature: at most 1 KB read, 4 bytes made."""
    if entry.flags & 0x1 or entry.uncompressed_size < 4:
        return False  # encrypted (the extractor refuses it), or too small
    if entry.method not in (_STORED, _DEFLATED):
        return False
    fileobj.seek(entry.header_offset + shift)
    header = fileobj.read(_LOCAL_SIZE)
    if len(header) < _LOCAL_SIZE or header[:4] != _LOCAL:
        return False
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    fileobj.seek(entry.header_offset + shift + _LOCAL_SIZE + name_length + extra_length)
    data = fileobj.read(min(entry.compressed_size, 1024))
    if entry.method == _DEFLATED:
        try:
            data = zlib.decompressobj(-15).decompress(data, 4)
        except zlib.error:
            return False
    return data[:4] in ZIP_SIGNATURES


# Words


def _too_many(limits):
    return ArchiveProblem("entries", f"it holds more than {limits.max_entries:,} parts")


def _megabytes(size):
    return f"{size / MB:,.0f} MB"


def _short_name(name):
    name = name.rsplit("/", 1)[-1] or name
    return name if len(name) <= 40 else name[:39] + "…"
