"""Safe output files: never over an input, never over an existing file unless forced, atomic."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from tcns_cli.errors import TcnsError

T = TypeVar("T")


def check_output(path: Path, inputs: Iterable[Path], force: bool) -> None:
    """Refuse to write over an input file, or over an existing file without ``force``."""
    target = path.resolve()
    for given in inputs:
        if given.exists() and given.resolve() == target:
            raise TcnsError("OUTPUT_IS_INPUT", file=str(path))
    if path.exists() and not force:
        raise TcnsError("OUTPUT_EXISTS", file=str(path))
    if path.exists() and path.is_dir():
        raise TcnsError("OUTPUT_NOT_WRITABLE", file=str(path), detail="it is a folder")


def check_map_folder(path: Path) -> None:
    """Refuse a --map folder that is a file, lies under a file, or sits where nothing may
    be written. Creates nothing: the folder is made when the first file is written."""
    place = path.absolute()
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        raise TcnsError("MAP_NOT_FOLDER", file=str(path if place == path.absolute() else place))
    if not may_write_in(place):
        raise TcnsError("MAP_NOT_WRITABLE", file=str(path))


def may_write_in(folder: Path) -> bool:
    """Whether this process may create files in ``folder`` (its permissions, and a disk
    mounted read-only)."""
    return os.access(folder, os.W_OK | os.X_OK)


def write_atomically(path: Path, write: Callable[[Path], T]) -> T:
    """Let ``write`` fill a temporary file beside ``path``, then rename it into place.

    An interrupted or failed write leaves any previous file untouched and no temporary
    file behind.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise TcnsError("OUTPUT_NOT_WRITABLE", file=str(path), detail=exc.strerror) from None
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes the file private (0600); the result should be shared like any file
    # the officer saves (0644 under the usual umask), e.g. on the ward's shared drive.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    try:
        result = write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise TcnsError("OUTPUT_NOT_WRITABLE", file=str(path), detail=exc.strerror) from None
    finally:
        temporary.unlink(missing_ok=True)
    return result
