"""What may go live: nothing taken down by a moderator, and no product of a licence-required
category without its producer's verified, unexpired licence of that kind.

Checked wherever a page goes live: the admin's publish (before_publish_page, with a message),
the workspace's form, and the page's own save (scheduled publishing, a moderator's workflow
approval, code), which refuses with a ValidationError so nothing is saved live.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .identity import identity_for
from .models import CategoryPage, ProducerPage, ProductPage
from .takedown import active_takedown_of_page


def licence_refusal(category: CategoryPage | None, producer: ProducerPage | None) -> str | None:
    """Why a product of `category` by `producer` may not be sold, or None."""
    if category is None or not category.requires_licence:
        return None
    identity = identity_for(producer)
    if identity is None or identity.valid_licence(category.required_licence) is None:
        return _(
            "Products in “%(category)s” need a verified, unexpired licence (%(licence)s). "
            "Add it under Legal identity in the seller workspace; a moderator checks it."
        ) % {"category": category.title, "licence": category.get_required_licence_display()}
    return None


def takedown_refusal(page) -> str | None:
    takedown = active_takedown_of_page(page)
    if takedown is not None:
        return _("A moderator has taken this listing down: %(reason)s") % {"reason": takedown.reason}
    return None


def publish_refusal(page) -> str | None:
    """Why `page` may not be published now, or None."""
    if refusal := takedown_refusal(page):
        return refusal
    if isinstance(page, ProductPage):
        producer = page.producer or (page.get_parent().specific if page.pk else None)
        return licence_refusal(page.category, producer)
    return None


@receiver(pre_save, sender=ProductPage)
@receiver(pre_save, sender=ProducerPage)
def refuse_going_live(sender, instance, raw=False, **kwargs):
    if raw or not instance.live:
        return
    if instance.pk:
        before = (
            sender.objects.filter(pk=instance.pk)
            .values("live", *(("category_id",) if sender is ProductPage else ()))
            .first()
        )
        unchanged_category = before and (sender is not ProductPage or before["category_id"] == instance.category_id)
        if before and before["live"] and unchanged_category:
            return
    refusal = publish_refusal(instance)
    if refusal:
        raise ValidationError(refusal, code="not_publishable")


class RefusedPublishMiddleware:
    """A publish refused above inside Wagtail's own views (a moderator approving a product in
    the moderation workflow: Wagtail has no hook before that publish) becomes a message on the
    page's edit screen instead of an error page. Wagtail's approval is atomic: nothing was kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, ValidationError) and getattr(exception, "code", None) == "not_publishable"):
            return None
        match = getattr(request, "resolver_match", None)
        page_id = match.kwargs.get("page_id") if match else None
        if page_id is None:
            return None
        messages.error(request, " ".join(exception.messages))
        return redirect("wagtailadmin_pages:edit", page_id)
