"""`python -m app …`: the same services as the app, from a terminal (DESIGN.md, "The command line")."""
from .main import main  # noqa: F401
