import os

SEARCH_KEY_VAR = "SEARCH_API_KEY"


def setting(name: str, default: str | None = None) -> str | None:
    """One setting from the environment."""
    return os.environ.get(name, default)


DOCS_URL = os.getenv("DOCS_URL", "https://docs.example.com/api/search")
CACHE_HOST = setting("CACHE_HOST", "localhost")
SEARCH_KEY = os.environ[SEARCH_KEY_VAR]
FLAGS = [os.environ.get(flag) for flag in ("FEATURE_A", "FEATURE_B")]

# set for child processes, not read
os.environ["TZ"] = "UTC"
