"""The reference provincial one-stop system: a real server implementing our documented sync
API (``app/sync/openapi.yaml``). It is the provincial system for the demo and the tests. It is a
separate program: it shares only the domain and the API shape with the client."""
