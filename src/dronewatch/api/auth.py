"""Bearer-token access: uploads always need the token ($DRONEWATCH_TOKEN); reads only
when the app was started private (`dronewatch serve --private`)."""

from __future__ import annotations

import secrets
from typing import Optional

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer(auto_error=False, description="The token in $DRONEWATCH_TOKEN.")


def _check(request: Request, credentials: Optional[HTTPAuthorizationCredentials],
           what: str) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(503, f"{what} are disabled: this server has no token "
                                 f"(set DRONEWATCH_TOKEN and restart it)")
    if credentials is None:
        raise HTTPException(401, f"{what} need a token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})


def write_access(request: Request,
                 credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
    _check(request, credentials, "uploads")


def read_access(request: Request,
                credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
    if request.app.state.private:
        _check(request, credentials, "reads on this private server")
