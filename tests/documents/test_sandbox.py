"""Bounded extraction (documents.sandbox): files are read in a child process within limits of
memory, CPU time, wall time and output, and a file over a limit is refused with the reason.

The limits are made small here, so that each bomb is refused in a second or two. The checks
are real: the child is a real process, and the test process's own peak memory is measured.
"""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from documents import extraction, hostile_files, sandbox
from documents.sandbox import Limits, extract_file, run_child
from tests.documents.memory import children_of, reset_peak_memory, status_kb
from tests.toolkits import samples

MB = 1024 * 1024
REFUSED = "is too large or too complex to index: "
# Small limits, so that bombs are refused fast (the interpreter and a parser need ~60 MB).
SMALL = Limits(
    memory_mb=300,
    cpu_seconds=2,
    wall_seconds=20,
    max_text_chars=10_000,
    archive_uncompressed_mb=50,
    archive_ratio=200,
    archive_entries=1000,
)
# Archive checks off: what the child's own limits do with what gets through.
NO_ARCHIVE_CHECKS = SMALL.with_changes(
    archive_uncompressed_mb=100_000, archive_ratio=1_000_000, archive_entries=1_000_000
)


@pytest.fixture
def write(tmp_path):
    def write(data, name="file"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


# Real files are read as before


@pytest.mark.parametrize(
    ("make", "extension", "expected", "pages"),
    [
        (samples.pdf, "pdf", samples.PDF_PAGES[1], 2),
        (samples.docx, "docx", samples.DOCX_CELLS[3], None),
        (samples.pptx, "pptx", samples.PPTX_NOTES, 2),
        (samples.xlsx, "xlsx", "Reviewed by the quality committee", None),
        (samples.csv, "csv", "São Paulo,3", None),
    ],
)
def test_real_files_are_read_in_the_child(write, make, extension, expected, pages):
    result = extract_file(write(make(), f"f.{extension}"), extension, SMALL)
    assert result.status == extraction.DONE
    assert expected in result.text.splitlines()
    assert result.page_count == pages
    assert result == extraction.extract(make(), extension)  # the same as the parser says


def test_unreadable_files_keep_their_own_warnings(write):
    result = extract_file(write(samples.pdf(user_password="secret")), "pdf", SMALL)
    assert result.status == extraction.FAILED
    assert result.warning.startswith("The PDF could not be read: it is password-protected.")
    damaged = extract_file(write(samples.zip_archive()), "docx", SMALL)
    assert damaged.warning.startswith("The Word document could not be read: ")


def test_images_start_no_child(write, monkeypatch):
    monkeypatch.setattr(sandbox, "run_child", None)  # would fail if called
    result = extract_file(write(samples.png()), "png", SMALL)
    assert result.status == extraction.NOT_APPLICABLE


# Bombs are refused, by the limit they reach


def test_a_docx_bomb_is_refused_by_its_compression_ratio(write):
    result = extract_file(write(hostile_files.docx_bomb(40)), "docx", SMALL)
    assert result.status == extraction.FAILED
    assert result.text == ""
    assert result.warning.startswith(f"The Word document {REFUSED}")
    assert "a part of it unpacks to more than 200 times its packed size" in result.warning
    assert result.warning.endswith("search finds it by its title only.")
    assert len(result.warning) <= extraction.MAX_WARNING_CHARS


@pytest.mark.parametrize(
    ("build", "extension", "limits", "words"),
    [
        (lambda: hostile_files.pptx_bomb(20), "pptx", SMALL, "as a ZIP bomb does"),
        (
            lambda: hostile_files.docx_bomb(60),
            "docx",
            SMALL.with_changes(archive_ratio=1_000_000),
            "unpacked, it would be more than 50 MB",
        ),
        (hostile_files.nested_zip, "docx", SMALL, "it contains another archive (archive.zip)"),
        (
            lambda: hostile_files.zip_with_entries(2000),
            "docx",
            SMALL,
            "it holds more than 1,000 parts",
        ),
    ],
    ids=["pptx-ratio", "docx-size", "nested-zip", "entries"],
)
def test_archive_bombs_are_refused_before_they_are_opened(write, build, extension, limits, words):
    result = extract_file(write(build()), extension, limits)
    assert result.status == extraction.FAILED
    assert REFUSED in result.warning
    assert words in result.warning


def test_a_bomb_past_the_archive_checks_meets_the_memory_limit_in_the_child(write):
    """40 MB of Word XML takes gigabytes to parse: the child stops at 300 MB, and this
    process's own peak memory hardly moves."""
    path = write(hostile_files.docx_bomb(40))
    reset_peak_memory()
    before = status_kb("VmRSS")
    result = extract_file(path, "docx", NO_ARCHIVE_CHECKS)
    growth_mb = (status_kb("VmHWM") - before) / 1024
    children_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    assert result.status == extraction.FAILED
    assert "reading it needed more than 300 MB of memory" in result.warning
    assert growth_mb < 30, f"this process grew by {growth_mb:.0f} MB"
    assert children_peak_mb > 150  # the parsing happened, in a child
    assert children_of(os.getpid()) == []  # which is gone


def test_a_pdf_that_takes_too_long_meets_the_cpu_limit(write):
    """One content stream shared by many pages: read again for every page."""
    path = write(hostile_files.pdf_shared_stream(stream_mb=2, pages=20))
    assert path.stat().st_size < 20 * 1024
    started = time.monotonic()
    result = extract_file(path, "pdf", SMALL)
    assert time.monotonic() - started < 10
    assert result.status == extraction.FAILED
    assert result.warning.startswith(f"The PDF {REFUSED}")
    assert "reading it needed more than 2 seconds of processing" in result.warning
    assert children_of(os.getpid()) == []


def test_the_wall_time_limit_stops_the_child(write):
    path = write(hostile_files.pdf_shared_stream(stream_mb=2, pages=20))
    limits = SMALL.with_changes(cpu_seconds=60, wall_seconds=1)
    started = time.monotonic()
    result = extract_file(path, "pdf", limits)
    assert time.monotonic() - started < 5
    assert result.status == extraction.FAILED
    assert "reading it took longer than 1 second" in result.warning
    assert children_of(os.getpid()) == []


def test_the_text_is_cut_at_the_text_limit(write):
    result = extract_file(write(("word " * 10_000).encode()), "txt", SMALL)
    assert result.status == extraction.DONE
    assert len(result.text) == 10_000
    assert "longer than 10,000 characters; only the beginning is kept" in result.warning


def test_many_pages_are_read_within_the_limits(write):
    result = extract_file(write(hostile_files.pdf_many_pages(300)), "pdf", SMALL)
    assert result.status == extraction.DONE
    assert result.page_count == 300
    assert result.text.splitlines()[:2] == ["Sepsis", "Sepsis"]


# The child process


def python(code):
    return [sys.executable, "-c", code]


def test_the_child_gets_no_secrets_and_no_open_files(write, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "server-secret")
    monkeypatch.setenv("DATABASE_URL", "postgres://user:password@db/portal")
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    try:
        run = run_child(
            python(
                "import os; print(sorted(os.environ)); print(sorted(os.listdir('/proc/self/fd')))"
            ),
            write(b"input"),
            SMALL,
        )
    finally:
        listening.close()
    environment, descriptors = run.stdout.decode().splitlines()
    assert environment == "['LANG', 'LC_ALL', 'PATH']"
    assert descriptors == "['0', '1', '2', '3']"  # 3: the directory being listed


def test_the_worker_sets_its_limits_before_reading(write):
    code = (
        "import json, resource, sys\n"
        "from documents import sandbox_worker\n"
        "sandbox_worker.set_limits(json.loads(sys.argv[1]))\n"
        "print(*(resource.getrlimit(getattr(resource, f'RLIMIT_{n}'))[0] for n in ('AS', 'CPU')))"
    )
    run = run_child([*python(code), json.dumps(SMALL.for_child())], write(b""), SMALL)
    assert run.stdout.split() == [str(300 * MB).encode(), b"2"]


def test_a_child_over_the_wall_time_is_killed_with_its_children_and_reaped(write):
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen(['sleep', '60'])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    started = time.monotonic()
    run = run_child(python(code), write(b""), SMALL.with_changes(wall_seconds=2))
    assert time.monotonic() - started < 10
    assert run.timed_out
    assert run.returncode == -signal.SIGKILL
    assert not Path(f"/proc/{run.pid}").exists()  # reaped: not even a zombie is left
    grandchild = int(run.stdout)
    for _ in range(50):  # killed with its group; init reaps it
        if not Path(f"/proc/{grandchild}").exists() or _state(grandchild) == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the grandchild {grandchild} is still running")


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "gone"


def test_what_the_child_writes_is_capped(write):
    limits = SMALL.with_changes(max_text_chars=1000)  # output: 6 KB + 64 KB
    run = run_child(python("import sys; sys.stdout.write('x' * 1_000_000)"), write(b""), limits)
    assert run.output_overflowed
    assert run.stdout == b""  # not even the first 70 KB are kept
    assert sandbox._interpret(run, "pdf", limits, "f.pdf").warning.startswith(
        f"The PDF {REFUSED}its text is larger than the portal keeps."
    )


def test_a_broken_worker_is_an_error_not_a_verdict_on_the_file(write, monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with pytest.raises(sandbox.SandboxError):
        extract_file(write(samples.pdf()), "pdf", SMALL)
    assert "the worker failed with status 1" in caplog.text


def test_limits_come_from_the_settings(settings):
    settings.EXTRACTION_MAX_MEMORY_MB = 512
    settings.EXTRACTION_MAX_CPU_SECONDS = 7
    settings.EXTRACTION_MAX_WALL_SECONDS = 9
    settings.EXTRACTION_MAX_TEXT_CHARS = 1234
    settings.ARCHIVE_MAX_UNCOMPRESSED_MB = 60
    settings.ARCHIVE_MAX_RATIO = 70
    settings.ARCHIVE_MAX_ENTRIES = 80
    assert Limits.from_settings() == Limits(512, 7, 9, 1234, 60, 70, 80)
    assert Limits.from_settings(cpu_seconds=3).cpu_seconds == 3


def test_the_default_settings_are_the_documented_defaults(settings):
    assert Limits.from_settings() == Limits()
    assert Limits().max_text_chars == extraction.MAX_TEXT_CHARS


def test_limits_must_be_positive():
    with pytest.raises(ValueError, match="memory_mb"):
        Limits(memory_mb=0)


def test_out_of_memory_is_raised_by_the_parser_not_called_a_bad_file(monkeypatch):
    def greedy(data):
        raise MemoryError

    monkeypatch.setitem(extraction._READERS, "docx", greedy)
    with pytest.raises(MemoryError):
        extraction.extract(b"", "docx")


def test_the_child_dies_with_the_process_that_started_it(write):
    """A task worker killed mid-extraction leaves no reader running."""
    path = write(hostile_files.pdf_shared_stream(stream_mb=2, pages=20))
    code = (
        "from documents import sandbox\n"
        f"sandbox.extract_file({str(path)!r}, 'pdf', sandbox.Limits(cpu_seconds=60, "
        "wall_seconds=60))\n"
    )
    middle = subprocess.Popen([sys.executable, "-c", code], cwd=sandbox.ROOT)  # noqa: S603
    try:
        for _ in range(100):
            workers = children_of(middle.pid)
            if workers and b"sandbox_worker" in Path(f"/proc/{workers[0]}/cmdline").read_bytes():
                break
            time.sleep(0.05)
        else:
            pytest.fail("the worker did not start")
        middle.kill()
        middle.wait()
        for _ in range(50):
            if _state(workers[0]) in ("gone", "Z"):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the worker outlived its parent")
    finally:
        if middle.poll() is None:
            middle.kill()
            middle.wait()


def test_stopping_the_service_lets_the_reader_finish(write):
    """systemd stops the task worker by sending SIGTERM to all its processes: the worker
    finishes its task, so the reader does not die of it and gives its real result."""
    import threading

    path = write(hostile_files.pdf_shared_stream(stream_mb=2, pages=20))
    results = []
    thread = threading.Thread(target=lambda: results.append(extract_file(path, "pdf", SMALL)))
    thread.start()
    try:
        worker = None
        for _ in range(100):
            workers = [
                pid
                for pid in children_of(os.getpid())
                if b"sandbox_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ]
            if workers:
                worker = workers[0]
                break
            time.sleep(0.05)
        assert worker, "the worker did not start"
        for _ in range(100):  # until it has set SIGTERM aside, early in its start-up
            if ignored_signals(worker) & (1 << (signal.SIGTERM - 1)):
                break
            time.sleep(0.02)
        os.kill(worker, signal.SIGTERM)
    finally:
        thread.join(30)
    assert results[0].status == extraction.FAILED
    assert "more than 2 seconds of processing" in results[0].warning  # not "stopped"


def ignored_signals(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return int(line.split()[1], 16)
    return 0


def test_a_reader_killed_from_outside_is_an_error_not_a_verdict_on_the_file(write):
    run = run_child(
        python("import os, signal; os.kill(os.getpid(), signal.SIGTERM)"), write(b""), SMALL
    )
    assert run.returncode == -signal.SIGTERM
    with pytest.raises(sandbox.SandboxError):
        sandbox._interpret(run, "pdf", SMALL, "f.pdf")
    crashed = sandbox.ChildRun(1, -signal.SIGSEGV, b"", "", False, 0.5)
    result = sandbox._interpret(crashed, "pdf", SMALL, "f.pdf")
    assert result.warning.startswith(f"The PDF {REFUSED}the reader stopped on it (SIGSEGV).")
