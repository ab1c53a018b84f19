"""A business's images and documents are its own. Onboarding gives each business a collection
with Wagtail collection permissions for its group (catalogue/onboarding.py); what is in those
collections is private to the business and the moderators, except a document attached to a
certificate on a live page (shoppers open it from the product page) and an image a live page
shows. Everything else (the province's own uploads, outside business collections) is public."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import GroupCollectionPermission, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import BusinessApplication, ProducerCertificate, ProductCertificate
from .permissions import is_moderator

security_log = logging.getLogger("xuthanh.security")


def business_collection_ids():
    """The collections on which a business's group holds permissions (one per business)."""
    business_groups = BusinessApplication.objects.exclude(group=None).values("group")
    return GroupCollectionPermission.objects.filter(group__in=business_groups).values("collection")


def live_certificate_document_ids() -> set[int]:
    ids = set()
    for model in (ProducerCertificate, ProductCertificate):
        ids.update(model.objects.filter(page__live=True, document__isnull=False).values_list("document", flat=True))
    return ids


def readable_documents(user):
    """The documents `user` may list and open: public ones, its own business's, all for moderators."""
    documents = get_document_model().objects.all()
    if is_moderator(user):
        return documents
    public = ~Q(collection__in=business_collection_ids()) | Q(pk__in=live_certificate_document_ids())
    if not (user and user.is_authenticated):
        return documents.filter(public)
    own = policy_registry.get_by_type(get_document_model()).instances_user_has_any_permission_for(
        user, ["change", "choose"]
    )
    return documents.filter(public | Q(pk__in=own.values("pk")))


def can_read_document(user, document) -> bool:
    return readable_documents(user).filter(pk=document.pk).exists()


def public_images():
    """Images for the open-data API: outside business collections, or shown by a live page."""
    Image = get_image_model()
    live_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    on_live_pages = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=live_pages,
        to_content_type=ContentType.objects.get_for_model(Image),
    ).values("to_object_id")
    shown = Image.objects.annotate(key=Cast("pk", CharField())).filter(key__in=on_live_pages).values("pk")
    return Image.objects.filter(~Q(collection__in=business_collection_ids()) | Q(pk__in=shown))


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """`/api/v2/images/`: only public images (Wagtail's own filter drops restricted collections)."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_images().values("pk"))


class ReadableDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """`/admin/api/main/documents/`: a business lists its own documents and public ones only."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=readable_documents(self.request.user).values("pk"))
