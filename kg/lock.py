"""One build at a time per build folder: a lock file created with O_EXCL, holding the owner.

``DIR/.kg-build.lock`` holds the owner's host, pid and process start time.  A second build
into the same folder finds it and refuses with :class:`BuildLocked`.  A lock left by a
build that died (kill -9, power cut) is taken over when its owner is provably gone: same
host, and no process with that pid — or a process with that pid that started at another
time (the pid was reused).  A lock from another host is never taken over; the message
says which file to remove.

Taking over a stale lock is done under an ``flock`` of the build folder, so that two
builds that both find the same stale lock cannot both take it.
"""
from __future__ import annotations

import errno
import json
import os
import socket
import time
from pathlib import Path

try:
    import fcntl
except ImportError:       # Windows has no flock; there the O_EXCL create alone guards
    fcntl = None

LOCK_NAME = ".kg-build.lock"
_WRITE_GRACE_SECONDS = 10


class BuildLocked(Exception):
    """Another build holds the folder; ``str()`` is one line naming the folder."""

    def __init__(self, folder: Path, problem: str):
        self.path = str(folder)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def _start_time(pid: int) -> str | None:
    """The start time of process ``pid`` in clock ticks since boot (Linux), else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22; the command name (field 2) may contain spaces, so count from its end.
    return stat[stat.rindex(")") + 2:].split()[19]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner() -> dict:
    pid = os.getpid()
    return {"host": socket.gethostname(), "pid": pid, "started": _start_time(pid)}


class BuildLock:
    """``with BuildLock(folder):`` — hold the folder's build lock for the block."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.held = False

    def __enter__(self) -> "BuildLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._create():
            return
        with _FolderMutex(self.folder):
            owner = self._read_owner()
            if owner is not None and not self._stale(owner):
                raise BuildLocked(self.folder, self._describe(owner))
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            if not self._create():
                owner = self._read_owner() or {}
                raise BuildLocked(self.folder, self._describe(owner))

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        owner = self._read_owner()
        if owner is not None and owner.get("pid") == os.getpid():
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass

    # -------------------------------------------------------------------------------
    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(_owner()) + "\n")
        self.held = True
        return True

    def _read_owner(self) -> dict | None:
        """The lock's owner; ``{}`` for a lock whose content is unreadable; None if absent."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            return {}
        try:
            owner = json.loads(text)
        except ValueError:
            return {}
        return owner if isinstance(owner, dict) else {}

    def _stale(self, owner: dict) -> bool:
        if not owner:
            # Empty or unreadable: a build that died between creating and writing it; or
            # one that is doing so right now, hence the grace period.
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            return age > _WRITE_GRACE_SECONDS
        pid = owner.get("pid")
        if owner.get("host") != socket.gethostname() or not isinstance(pid, int):
            return False
        if pid == os.getpid():
            return False
        if not _alive(pid):
            return True
        started, now = owner.get("started"), _start_time(pid)
        return started is not None and now is not None and now != started

    def _describe(self, owner: dict) -> str:
        pid, host = owner.get("pid"), owner.get("host")
        if host and host != socket.gethostname():
            return (f"another build (pid {pid} on {host}) is writing into this folder; "
                    f"if it is not running, remove {self.path}")
        if pid:
            return f"another build (pid {pid}) is writing into this folder"
        return "another build is writing into this folder"


class _FolderMutex:
    """An exclusive ``flock`` of a folder for a short critical section."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self) -> "_FolderMutex":
        if fcntl is None:
            return self
        self.fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as error:
            # Filesystems without flock: the O_EXCL create below still guards the lock.
            if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                os.close(self.fd)
                raise
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
