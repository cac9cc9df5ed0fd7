"""REST API v1 (Django Ninja): auth, problem+json errors, and the routers of each app."""
