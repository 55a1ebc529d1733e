import os

NOTES = "/srv/notes"


def delete_note_file(name: str) -> None:
    os.remove(os.path.join(NOTES, name))
