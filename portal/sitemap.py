"""sitemap.xml for every language, each URL with its hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        # The site's root in every locale, and everything below each.
        site = self.get_wagtail_site()
        roots = list(site.root_page.get_translations(inclusive=True))
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages_by_url = {}
        for item in self.paginator.page(page).object_list:
            pages_by_url[item.get_full_url(self.request)] = item
        for url_info in urls:
            item = pages_by_url.get(url_info["location"])
            if item is None:
                continue
            alternates = []
            for translation in item.get_translations(inclusive=True).live().select_related("locale"):
                location = translation.get_full_url(self.request)
                if location:
                    alternates.append({"lang_code": translation.locale.language_code, "location": location})
            url_info["alternates"] = alternates
        return urls
