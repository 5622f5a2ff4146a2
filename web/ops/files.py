"""Files only the app's own system user may read (私有文件): evidence, the SQLite database, backup archives.

Files are made 0600 and directories 0700 whatever the process's umask, so another account on the server (or a
web server serving the data directory by mistake) cannot read them. The data directory itself stays
traversable: collected static files under it are served by nginx.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def make_private_dirs(path: Path, root: Path) -> None:
    """Create ``root`` and every directory from it down to ``path``, each 0700 (``mkdir(parents=True)`` would
    leave the parents to the umask)."""
    root = Path(root)
    root.parent.mkdir(parents=True, exist_ok=True)  # the data directory: not private (static files are under it)
    parts = Path(path).relative_to(root).parts
    for folder in (root, *(root.joinpath(*parts[:i]) for i in range(1, len(parts) + 1))):
        if not folder.is_dir():
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            os.chmod(folder, PRIVATE_DIR)


def open_private(path: Path, mode: str = "wb"):
    """Open a new file for writing, readable and writable by the owner only (an existing one is emptied)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)
    return os.fdopen(fd, mode)


def protect_sqlite_database(sender, connection, **kwargs) -> None:
    """``connection_created``: the SQLite database file (and its -wal/-shm files, made with the same mode) 0600."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")):
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE)
        except FileNotFoundError:
            pass
