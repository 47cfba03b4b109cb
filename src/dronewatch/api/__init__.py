"""The REST API and the dashboard it serves: `create_app` builds the FastAPI application
over a store, `serve` runs it under uvicorn (`dronewatch serve`). See docs/api.md.

    from dronewatch.api import create_app
    app = create_app("corpus.db", token="s3cret")       # an ASGI app
"""

from dronewatch.api.app import create_app, serve

__all__ = ["create_app", "serve"]
