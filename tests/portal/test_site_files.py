"""robots.txt, sitemap.xml, the favicon, error pages and security headers."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_sitemap_and_keeps_crawlers_out_of_private_areas(client, demo_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /accounts/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@override_settings(PORTAL_ALLOW_INDEXING=False)
def test_robots_txt_can_close_the_whole_site(client, demo_site):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" in body


def test_sitemap_lists_live_public_pages_only(client, demo_site, home_page):
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    private = StandardPageFactory(parent=home_page, slug="private-notes")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = StandardPageFactory(parent=home_page, slug="unpublished-draft", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "<loc>http://testserver/members/</loc>" in xml
    assert private.slug not in xml
    assert draft.slug not in xml


def test_favicon_redirects_to_a_served_static_file(client, demo_site):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/portal/favicon.ico"


def test_unknown_url_gets_the_styled_404(client, demo_site):
    response = client.get("/no-such-page/at-all/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Massachusetts Sepsis Consortium" in html
    assert "Traceback" not in html


def test_server_error_page_is_self_contained(client, demo_site):
    from portal.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"call 911" in response.content


def test_public_pages_carry_security_headers_and_a_strict_csp(client, demo_site):
    response = client.get("/about/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_public_html_has_no_inline_script(client, demo_site):
    import re

    for url in ("/", "/about/", "/members/", "/accounts/login/", "/accounts/signup/", "/nope/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler on {url}"
        assert ' style="' not in html, f"inline style on {url}"
