"""The database backend's index, and the log of searches that found nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable thing in one language (see `search.documents.Document`).

    Text is stored folded (lower-case, no diacritics, đ → d, words padded with spaces) so that
    the same `LIKE '% word%'` match works on SQLite and PostgreSQL; on PostgreSQL a trigram
    index (migration 0002) serves those matches.
    """

    kind = models.CharField(max_length=30)
    locale = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    meta = models.CharField(max_length=300, blank=True)
    image_url = models.CharField(max_length=500, blank=True)
    title_folded = models.CharField(max_length=320)  # " nem chua thanh hoa "
    title_lower = models.CharField(max_length=320)  # " nem chua thanh hóa ", for the exact-accent bonus
    folded = models.TextField()  # title, summary and text, folded and padded
    lowered = models.TextField(default="")  # the same, lower-case with accents kept: exact-form bonus
    price = models.PositiveBigIntegerField(null=True)
    in_stock = models.BooleanField(null=True)
    ocop_stars = models.PositiveSmallIntegerField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    expires_on = models.DateField(null=True)
    facets = models.JSONField(default=dict)  # for display; counting uses SearchFacetValue
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale", "object_id"], name="search_document_unique"),
        ]
        indexes = [models.Index(fields=["locale", "kind"], name="search_doc_locale_kind")]

    def __str__(self):
        return f"{self.kind}/{self.locale}/{self.object_id}: {self.title}"


class SearchFacetTerm(models.Model):
    """One (facet, key) pair, numbered: facet counts group documents' values by this integer."""

    facet = models.CharField(max_length=30)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facet", "value"], name="search_facet_term_unique")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchFacetValue(models.Model):
    """A document has a facet key (two integers a row: counting joins and groups these)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values", db_index=False)
    term = models.ForeignKey(SearchFacetTerm, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [
            # Filtering: the documents holding a chosen key.
            models.Index(fields=["term", "document"], name="search_facet_term_doc"),
            # Counting: the keys of each matched document, read from the index alone (a nested
            # loop over the matches rather than a scan of every document's keys).
            models.Index(fields=["document", "term"], name="search_facet_doc_term"),
        ]

    def __str__(self):
        return f"{self.document_id}: {self.term_id}"


class UnmatchedQuery(models.Model):
    """A search that found nothing: what people look for and the site does not have."""

    query = models.CharField(_("query"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, default="all")
    locale = models.CharField(_("language"), max_length=10)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), auto_now=True)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [
            models.UniqueConstraint(fields=["query", "kind", "locale"], name="search_unmatched_unique"),
        ]
        ordering = ["-last_seen"]

    def __str__(self):
        return self.query
