import os
import shutil


def purge(folder: str) -> None:
    """Remove a folder and its notes."""
    if os.path.isdir(folder):
        shutil.rmtree(folder)


def rename(src: str, dst: str) -> None:
    """Rename a stored file."""
    os.rename(src, dst)


def archive(folder: str) -> str:
    """Move a folder to the archive."""
    shutil.move(folder, "/srv/archive")
    return "/srv/archive"
