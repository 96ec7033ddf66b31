"""Use-cases that combine the core rules, the journal and the ports: the one API both fronts use."""
from .spasmlog import SpasmLog, open_spasmlog  # noqa: F401
