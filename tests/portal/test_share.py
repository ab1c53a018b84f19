"""Share links on product and attraction pages: plain links, no third-party script."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from django.template.loader import render_to_string
from django.test import RequestFactory

from portal.templatetags.share_tags import share_links


def test_share_links_carry_the_pages_address_encoded():
    links = share_links("https://xuthanh.vn/vi/san-pham/nem-chua?a=1&b=2")
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": ["https://xuthanh.vn/vi/san-pham/nem-chua?a=1&b=2"]}
    assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=")
    assert links["zalo"].startswith("https://sp.zalo.me/share_inline?url=")
    assert parse_qs(urlsplit(links["zalo"]).query)["url"] == ["https://xuthanh.vn/vi/san-pham/nem-chua?a=1&b=2"]


def test_share_include_is_links_and_our_own_copy_script_only():
    request = RequestFactory().get("/vi/du-lich/thanh-nha-ho/")
    page = SimpleNamespace(get_url=lambda request: "/vi/du-lich/thanh-nha-ho/")
    html = render_to_string("portal/share.html", {"page": page}, request)
    assert 'href="https://sp.zalo.me/share_inline?url=http%3A%2F%2Ftestserver%2Fvi%2Fdu-lich%2Fthanh-nha-ho%2F"' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    # Copy link: a real link to the page without JavaScript, copied by our static module with it.
    address = "http://testserver/vi/du-lich/thanh-nha-ho/"
    assert f'href="{address}" data-copy="{address}"' in html
    scripts = [part.split('"')[1] for part in html.split("<script")[1:]]
    assert scripts == ["module"] and 'src="/static/portal/copy.js"' in html
    assert "connect.facebook.net" not in html and "sp.zalo.me/plugins" not in html
