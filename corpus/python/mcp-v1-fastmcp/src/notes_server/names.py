"""Tool names shared by the server and its tests."""
from enum import Enum


class ToolName(str, Enum):
    SEARCH = "search_notes"
    EXPORT = "export_notes"


ARCHIVE_TOOL = "archive_note"
