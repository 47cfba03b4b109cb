"""The API's routes, one module per resource; `ROUTERS` is what app.py includes."""

from dronewatch.api.routes import claims, documents, health, incidents, series, stats

ROUTERS = (health.router, claims.router, incidents.router, stats.router, series.router,
           documents.router)
