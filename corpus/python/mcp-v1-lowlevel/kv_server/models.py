from enum import Enum
from typing import Optional

from pydantic import BaseModel, Field


class KvTool(str, Enum):
    GET = "kv_get"
    SCAN = "kv_scan"


class ScanArgs(BaseModel):
    """Arguments of kv_scan."""

    prefix: str = Field(description="Key prefix")
    limit: int = 100
    cursor: Optional[str] = None
    reverse: bool = Field(False, description="Newest first")
