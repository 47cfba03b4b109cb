"""dronewatch: published reports of drone and missile attacks in; verified, geocoded,
source-attributed claims out.

    >>> import dronewatch
    >>> claims = dronewatch.extract("Air defences shot down 20 drones over Rostov Oblast overnight, "
    ...                             "the Defence Ministry said.", published="2025-10-25")
"""

from dronewatch.extract import extract, extract_document, extract_documents
from dronewatch.model import Claim, Claimant, Count, Document, Evidence, Location, TimeSpan

__all__ = ["extract", "extract_document", "extract_documents", "Claim", "Claimant", "Count",
           "Document", "Evidence", "Location", "TimeSpan"]
__version__ = "0.1.0"
