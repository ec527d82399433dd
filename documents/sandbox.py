"""Bounded text extraction: an uploaded file is read in a child process with limits.

Files from users are hostile. A small Word file can unpack to gigabytes of XML, and a small
PDF can hold a content stream that takes minutes to read. So `extract_file(path, extension)`
never parses in the calling process: it starts a fresh Python interpreter
(`python -m documents.sandbox_worker`, no fork of the web server, an empty environment, no
inherited file descriptors, its own session), gives it the file on standard input, and reads
back one JSON result from a temporary file. The child sets its own limits before it reads the
file: address space (RLIMIT_AS), CPU time (RLIMIT_CPU) and the size of what it writes
(RLIMIT_FSIZE); it checks an Office file's ZIP directory (documents.archives) before opening
it. The parent kills the child's process group when the wall-time limit passes, and always
reaps it; the child dies with its parent (PR_SET_PDEATHSIG) and ignores the SIGTERM that
stopping the service sends, so that a stopping task worker finishes its task.

A file over any limit gives an `ExtractionResult` with the status FAILED and a warning for
editors ("... too large or too complex to index: ..."); the file itself is kept. Only a
failure of the machinery itself (the interpreter cannot start, a bug in the worker) raises
`SandboxError`.

The limits are Django settings (EXTRACTION_MAX_*, ARCHIVE_MAX_*; see `Limits`), read when
`Limits.from_settings()` is called; the rest of this module does not need Django.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from . import extraction, sandbox_worker
from .extraction import ExtractionResult

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
# What is kept of the child's standard error for the log.
STDERR_KEPT = 8 * 1024
# The child's environment: nothing of the server's (no secret key, database or storage
# credentials), only what an interpreter needs to start and read UTF-8.
CHILD_ENVIRONMENT = {"PATH": os.defpath, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


# Signals by which a reader stops on a file (any other signal came from outside).
CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGFPE, signal.SIGILL}


class SandboxError(RuntimeError):
    """The child could not do its work for a reason that is not the file's (see the log)."""


@dataclass(frozen=True)
class Limits:
    """What one extraction may use. The defaults are the settings' defaults."""

    memory_mb: int = 1024
    cpu_seconds: int = 30
    wall_seconds: float = 45
    max_text_chars: int = 2_000_000
    archive_uncompressed_mb: int = 200
    archive_ratio: int = 200
    archive_entries: int = 10_000

    SETTINGS: ClassVar[dict[str, str]] = {
        "memory_mb": "EXTRACTION_MAX_MEMORY_MB",
        "cpu_seconds": "EXTRACTION_MAX_CPU_SECONDS",
        "wall_seconds": "EXTRACTION_MAX_WALL_SECONDS",
        "max_text_chars": "EXTRACTION_MAX_TEXT_CHARS",
        "archive_uncompressed_mb": "ARCHIVE_MAX_UNCOMPRESSED_MB",
        "archive_ratio": "ARCHIVE_MAX_RATIO",
        "archive_entries": "ARCHIVE_MAX_ENTRIES",
    }

    @classmethod
    def from_settings(cls, **overrides):
        # The child imports this module without Django; only the parent reads settings.
        from django.conf import settings

        values = {
            field: getattr(settings, name, getattr(cls, field))
            for field, name in cls.SETTINGS.items()
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)

    def __post_init__(self):
        for field in self.SETTINGS:
            if not getattr(self, field) > 0:
                raise ValueError(f"The extraction limit {field} must be positive.")

    @property
    def output_bytes(self):
        """The most the child may write: the text as JSON (6 bytes for a control character
        escaped, 4 at most for any other) and room for the rest."""
        return self.max_text_chars * 6 + 64 * 1024

    def for_child(self):
        return {
            "memory_bytes": self.memory_mb * MB,
            "cpu_seconds": self.cpu_seconds,
            "output_bytes": self.output_bytes,
            "max_text_chars": self.max_text_chars,
            "archive_uncompressed_bytes": self.archive_uncompressed_mb * MB,
            "archive_ratio": self.archive_ratio,
            "archive_entries": self.archive_entries,
        }

    def with_changes(self, **changes):
        return replace(self, **changes)


@dataclass(frozen=True)
class ChildRun:
    """How a child process ended: its exit status (negative: the signal that ended it),
    what it wrote (cut at the output limit), and whether the wall-time limit ended it."""

    pid: int
    returncode: int
    stdout: bytes
    stderr: str
    timed_out: bool
    seconds: float
    output_overflowed: bool = False


def extract_file(path, extension, limits: Limits | None = None) -> ExtractionResult:
    """The text of the file at `path`, read in a child process within `limits` (by default
    the settings'). Over a limit: status FAILED and a warning that says which."""
    extension = extension.lower().lstrip(".")
    if not extraction.reads(extension):
        return extraction.extract(b"", extension)  # images and others: nothing to read
    limits = limits or Limits.from_settings()
    command = [
        sys.executable,
        "-E",  # no PYTHON* variables
        "-s",  # no user site-packages
        "-B",  # no .pyc files written
        "-m",
        sandbox_worker.__name__,
        extension,
        json.dumps({**limits.for_child(), "parent": os.getpid()}),
    ]
    run = run_child(command, path, limits)
    return _interpret(run, extension, limits, path)


def run_child(command, stdin_path, limits: Limits) -> ChildRun:
    """Run `command` with the file at `stdin_path` as its standard input, within the wall-time
    limit; its output goes to temporary files, of which at most `limits.output_bytes` (and
    STDERR_KEPT of standard error) are read back. The child is killed (its whole process
    group) if it outlives the wall-time limit, and always reaped."""
    started = time.monotonic()
    timed_out = False
    with (
        open(stdin_path, "rb") as stdin,
        tempfile.TemporaryFile(prefix="extract-out-") as stdout,
        tempfile.TemporaryFile(prefix="extract-err-") as stderr,
    ):
        try:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                cwd=ROOT,
                env=CHILD_ENVIRONMENT,
                close_fds=True,
                start_new_session=True,  # its own process group, killed as one
            )
        except OSError as error:
            raise SandboxError(f"The extraction worker could not start: {error}") from error
        try:
            process.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            if process.returncode is None:
                _kill_group(process)
                process.wait()
        seconds = time.monotonic() - started
        stdout.seek(0)
        output = stdout.read(limits.output_bytes + 1)
        stderr.seek(0, os.SEEK_END)
        stderr.seek(max(stderr.tell() - STDERR_KEPT, 0))
        errors = stderr.read().decode("utf-8", errors="replace")
    overflowed = len(output) > limits.output_bytes
    return ChildRun(
        pid=process.pid,
        returncode=process.returncode,
        stdout=b"" if overflowed else output,
        stderr=errors,
        timed_out=timed_out,
        seconds=seconds,
        output_overflowed=overflowed,
    )


def _kill_group(process):
    """SIGKILL to the child's process group (it is its leader: start_new_session); the child
    is not reaped yet, so its id cannot have been reused."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        process.kill()


# What the child's end means


def _interpret(run: ChildRun, extension, limits: Limits, path) -> ExtractionResult:
    label = extraction.label(extension)
    name = Path(path).name
    if run.timed_out:
        return _refused(label, "wall", _took_longer(limits.wall_seconds), run, name)
    code = run.returncode
    if code == -signal.SIGXCPU or (code == -signal.SIGKILL and run.seconds >= limits.cpu_seconds):
        return _refused(label, "cpu", _processing(limits.cpu_seconds), run, name)
    if code == sandbox_worker.EXIT_MEMORY or code == -signal.SIGKILL:
        # SIGKILL that we did not send: the kernel's out-of-memory killer, most likely.
        why = f"reading it needed more than {limits.memory_mb:,} MB of memory"
        return _refused(label, "memory", why, run, name)
    if code in (sandbox_worker.EXIT_OUTPUT, -signal.SIGXFSZ) or run.output_overflowed:
        why = "its text is larger than the portal keeps"
        return _refused(label, "output", why, run, name)
    if -code in CRASH_SIGNALS:
        # A parser written in C gave up on the file, or on memory.
        why = f"the reader stopped on it ({signal.Signals(-code).name})"
        return _refused(label, "crash", why, run, name)
    if code != sandbox_worker.EXIT_OK:
        logger.error(
            "Text extraction of %s: the worker failed with status %s:\n%s", name, code, run.stderr
        )
        raise SandboxError(f"The extraction worker failed with status {code}.")
    try:
        answer = json.loads(run.stdout)
    except ValueError as error:
        logger.error("Text extraction of %s: no result from the worker:\n%s", name, run.stderr)
        raise SandboxError("The extraction worker gave no result.") from error
    if "refused" in answer:
        return _refused(label, answer["refused"], answer["reason"], run, name)
    return ExtractionResult(
        text=answer["text"][: limits.max_text_chars],
        page_count=answer["page_count"],
        warning=answer["warning"],
        status=answer["status"],
    )


def _refused(label, limit, why, run, name):
    logger.info(
        "Text extraction of %s refused after %.1f s: over the %s limit (%s).",
        name,
        run.seconds,
        limit,
        why,
    )
    warning = (
        f"The {label} is too large or too complex to index: {why}. "
        "The file is kept and can be downloaded; search finds it by its title only."
    )
    return ExtractionResult(warning=_shorten(warning), status=extraction.FAILED)


def _took_longer(seconds):
    return f"reading it took longer than {_seconds(seconds)}"


def _processing(seconds):
    return f"reading it needed more than {_seconds(seconds)} of processing"


def _seconds(seconds):
    seconds = float(seconds)
    if seconds == int(seconds):
        seconds = int(seconds)
    return f"{seconds} second" if seconds == 1 else f"{seconds} seconds"


def _shorten(text):
    limit = extraction.MAX_WARNING_CHARS
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
