"""The portal port and its implementations (contracts.md section 2)."""
from .protocol import (
    Conflict,
    NotFound,
    Portal,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    Unauthorized,
)

__all__ = [
    "Conflict", "NotFound", "Portal", "PortalError", "PortalRejected", "PortalUnavailable",
    "RateLimited", "Unauthorized",
]
