"""This test process's memory and children, read from /proc (Linux)."""

from pathlib import Path


def status_kb(field):
    """A /proc/self/status figure of this process, in KB (VmRSS, VmHWM, ...)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def reset_peak_memory():
    """Start VmHWM (the peak resident memory) again from the current resident memory."""
    Path("/proc/self/clear_refs").write_text("5")


def children_of(parent):
    """The ids of the processes whose parent is `parent` (zombies included)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if int(fields[1]) == parent:
                children.append(int(entry.name))
    return children
