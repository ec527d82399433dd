"""The child process of documents.sandbox: reads one file from standard input, with limits.

    python -E -s -B -m documents.sandbox_worker EXTENSION LIMITS_JSON < FILE > RESULT

It sets its own resource limits first (address space, CPU time, size of what it writes, no
core file, no new processes) and asks to be killed if its parent dies, before it reads a byte
of the file or imports a parser. Then it checks an Office file's ZIP directory
(documents.archives), reads the file with documents.extraction and writes one JSON object to
standard output:

    {"status": ..., "text": ..., "page_count": ..., "warning": ...}   read (or unreadable)
    {"refused": LIMIT, "reason": ...}                                  over an archive limit

Its exit status says what stopped it otherwise (see the EXIT_ constants); a signal (SIGXCPU,
SIGKILL) shows as a negative status in the parent. It imports no Django and is given no
secrets: the parent starts it with an empty environment.
"""

import contextlib
import ctypes
import errno
import io
import json
import logging
import os
import resource
import signal
import sys
import traceback

EXIT_OK = 0
EXIT_ERROR = 2  # a bug, or a broken installation: the traceback is on standard error
EXIT_MEMORY = 3
EXIT_OUTPUT = 4
EXIT_ORPHANED = 5
EXIT_USAGE = 64

# What the worker may say on standard error (pypdf warns about every damaged object).
STDERR_BUDGET = 64 * 1024


def set_limits(limits):
    """Resource limits of this process, which its own children would inherit too."""
    memory = int(limits["memory_bytes"])
    cpu = int(limits["cpu_seconds"])
    output = int(limits["output_bytes"])
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):
        # Systems without a usable RLIMIT_AS (macOS) bound the heap instead; with neither,
        # the worker fails rather than read without a memory limit.
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    # SIGXCPU at the soft limit, SIGKILL a second later if that did not stop it.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # no fork (root is exempt)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent):
    """Be killed if the process that started this one dies first (Linux): a task worker
    killed while a file is being read leaves no reader behind."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if parent and os.getppid() != parent:  # it died before the line above
        os._exit(EXIT_ORPHANED)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        os.write(2, b"usage: python -m documents.sandbox_worker EXTENSION LIMITS_JSON\n")
        return EXIT_USAGE
    extension, limits = argv[0], json.loads(argv[1])
    set_limits(limits)
    die_with_parent(limits.get("parent"))
    # Stopping the service signals every process of it: the task worker then finishes its
    # task, so this reader finishes too (its limits bound how long that takes).
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
    _quiet_logging()
    try:
        result = _extract(extension, limits)
        payload = json.dumps(result, ensure_ascii=False).encode("utf-8", errors="replace")
        _write_all(1, payload)
    except MemoryError:
        os.write(2, b"sandbox worker: out of memory\n")
        return EXIT_MEMORY
    except OSError as error:
        if error.errno == errno.EFBIG:  # over RLIMIT_FSIZE (Python ignores SIGXFSZ)
            return EXIT_OUTPUT
        traceback.print_exc()
        return EXIT_ERROR
    except Exception:  # noqa: BLE001 - extraction never raises on a bad file: this is a bug
        traceback.print_exc()
        return EXIT_ERROR
    return EXIT_OK


def _extract(extension, limits):
    # Loaded after the limits are set, so that they count what the readers load.
    from documents import archives, extraction

    extraction.MAX_TEXT_CHARS = int(limits["max_text_chars"])
    source = open(0, "rb", closefd=False)  # noqa: SIM115 - standard input, left open
    if not source.seekable():
        source = io.BytesIO(source.read())
    if _is_archive(extension, source):
        problem = archives.check_archive(
            source,
            archives.ArchiveLimits(
                max_uncompressed_bytes=int(limits["archive_uncompressed_bytes"]),
                max_ratio=float(limits["archive_ratio"]),
                max_entries=int(limits["archive_entries"]),
            ),
        )
        if problem is not None:
            return {"refused": problem.limit, "reason": problem.reason}
    data = source.read()
    source.close()
    result = extraction.extract(data, extension)
    del data
    if result.status == extraction.FAILED and _near_memory_limit(limits):
        # A parser that ran out of memory in C code reports a parse error, not MemoryError
        # (lxml says "unknown error"): what failed was the memory limit.
        raise MemoryError
    return {
        "status": result.status,
        "text": result.text,
        "page_count": result.page_count,
        "warning": result.warning,
    }


ARCHIVE_EXTENSIONS = {"docx", "pptx", "xlsx"}

# A failure with the address space this close to its limit is taken for running out of it.
MEMORY_MARGIN = 0.9


def _near_memory_limit(limits):
    return _peak_address_space() >= MEMORY_MARGIN * int(limits["memory_bytes"])


def _peak_address_space():
    """The most address space this process has held (VmPeak), in bytes."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _is_archive(extension, source):
    if extension.lower().lstrip(".") in ARCHIVE_EXTENSIONS:
        return True
    head = source.read(4)
    source.seek(0)
    return head == b"PK\x03\x04"


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class _BudgetHandler(logging.StreamHandler):
    """Log records on standard error until STDERR_BUDGET bytes have been written."""

    def __init__(self):
        super().__init__(sys.stderr)
        self.spent = 0

    def emit(self, record):
        if self.spent >= STDERR_BUDGET:
            return
        self.spent += len(self.format(record)) + 1
        super().emit(record)


def _quiet_logging():
    handler = _BudgetHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


if __name__ == "__main__":
    sys.exit(main())
