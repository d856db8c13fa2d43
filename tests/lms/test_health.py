def test_healthz_reports_every_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in {"ok", "eager"}


def test_healthz_is_503_when_the_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["database"] == "ok"


def test_healthz_live_answers_without_asking_any_service(client, db, settings):
    # Database, cache and broker all unusable: liveness must still say "up".
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"]
    # The readiness check does see the broken services.
    assert client.get("/healthz").status_code == 503


def test_health_endpoints_answer_plain_http_when_https_is_enforced(
    client, db, settings
):
    # A load balancer probes each instance directly over HTTP; a 301 would read as down.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/kurse/").status_code == 301


def test_forwarded_proto_counts_only_from_a_trusted_proxy(client, db, settings):
    from ipaddress import ip_network

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.LOTSE_TRUSTED_PROXIES = [ip_network("10.0.0.5/32")]
    # A client talking to the web process directly cannot claim HTTPS.
    direct = client.get("/konto/anmelden/", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301
    assert direct["Location"].startswith("https://")
    # The proxy can.
    proxied = client.get(
        "/konto/anmelden/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.5"
    )
    assert proxied.status_code == 200
