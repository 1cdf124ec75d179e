"""Amundsen USER_DETAIL_METHOD hook that asks a local `user-resolver serve` for profiles.

Amundsen's metadata service calls `get_user_details(user_id)` whenever it needs a user it does
not hold. This function asks `user-resolver serve` (`GET /user/{id}`), which answers from its
cache, the metadata store or the identity provider, creates missing users in the store, and
answers the minimal record itself when nobody knows the user.

Configuration (environment variables of the metadata service):

    USER_RESOLVER_URL             the service, default http://127.0.0.1:5002
    USER_RESOLVER_SERVE_TOKEN     the bearer token `serve` requires, if it requires one
    USER_RESOLVER_HOOK_TIMEOUT    seconds to wait for an answer, default 2

Wiring, in the metadata service's config class (see the README, "Running as a service"):

    from user_resolver_hook import get_user_details
    USER_DETAIL_METHOD = get_user_details

Standard library only. On any failure (service down, timeout, 401, 5xx, unreadable answer)
it returns the minimal {"email": user_id, "user_id": user_id}, so an Amundsen page never
breaks because of it. The token is never logged.
"""

import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request

LOGGER = logging.getLogger(__name__)

DEFAULT_URL = "http://127.0.0.1:5002"
DEFAULT_TIMEOUT_SECONDS = 2.0


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuses redirects: `serve` never sends one, and the token must not follow one."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


# No proxy (a loopback service must not go through HTTP_PROXY), no redirects.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def _timeout():
    try:
        return float(os.environ.get("USER_RESOLVER_HOOK_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS


def get_user_details(user_id):
    """Returns the user's profile as a dict in Amundsen's UserSchema shape; never raises."""
    minimal = {"email": user_id, "user_id": user_id}
    try:
        base = os.environ.get("USER_RESOLVER_URL", DEFAULT_URL).rstrip("/")
        url = base + "/user/" + urllib.parse.quote(str(user_id), safe="")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        token = os.environ.get("USER_RESOLVER_SERVE_TOKEN", "").strip()
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with _OPENER.open(request, timeout=_timeout()) as response:
            profile = json.loads(response.read().decode("utf-8"))
        if isinstance(profile, dict) and profile.get("user_id"):
            return profile
        LOGGER.warning("user-resolver answered something other than a profile for %s", user_id)
    except urllib.error.HTTPError as error:
        LOGGER.warning("user-resolver answered HTTP %s for %s", error.code, user_id)
    except Exception as error:  # noqa: BLE001 - any failure must fall back, never break a page
        LOGGER.warning("user-resolver unreachable for %s: %s", user_id, type(error).__name__)
    return minimal
