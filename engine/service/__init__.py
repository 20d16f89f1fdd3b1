"""`pathfit serve`: the engine behind a local JSON API and a web form for HR staff.

request.py reads a request strictly and carries its problems back, core.py answers
requests (the same objects as the CLI's JSON output), page.py
draws the form and the result, form.py reads a posted form and words its problems, openapi.py describes the API, app.py is the
ASGI application (Starlette) that ties them to HTTP, guard.py what holds around it for every
request (token, Host, headers) and at the server's start and stop, connections.py how long a request
may take to arrive (uvicorn's protocol, bounded), stopping.py the server, whose second signal
stops waiting for the callers. Only app.py and guard.py import
Starlette, so the rest is testable and usable without a server.
"""
