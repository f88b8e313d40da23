"""The one HTTP runtime every vendor client uses: auth, timeouts, retries, limits, error mapping,
pagination. See ``VendorHttp``."""

from app.vendors.http.auth import AuthStrategy, BasicAuth, BearerToken, HeaderToken
from app.vendors.http.client import DEFAULT_TIMEOUT, VendorHttp
from app.vendors.http.clock import Clock, SystemClock
from app.vendors.http.error_reader import ErrorReader, default_error_reader
from app.vendors.http.events import HttpEvent, Listener
from app.vendors.http.jsonapi import jsonapi_documents, jsonapi_pages
from app.vendors.http.limits import RateLimit
from app.vendors.http.pagination import laravel_pages, pages_by_next_link, pages_by_number
from app.vendors.http.retry import RetryPolicy, parse_retry_after
from app.vendors.http.tokens import OAuthClientCredentials, SessionToken, TokenSession

__all__ = [
    "DEFAULT_TIMEOUT",
    "AuthStrategy",
    "BasicAuth",
    "BearerToken",
    "Clock",
    "ErrorReader",
    "HeaderToken",
    "HttpEvent",
    "Listener",
    "OAuthClientCredentials",
    "RateLimit",
    "RetryPolicy",
    "SessionToken",
    "SystemClock",
    "TokenSession",
    "VendorHttp",
    "default_error_reader",
    "jsonapi_documents",
    "jsonapi_pages",
    "laravel_pages",
    "pages_by_next_link",
    "pages_by_number",
    "parse_retry_after",
]
