"""Onboarding a business: its producer page (vi + en), its group, its collection, its sign-in.

Wagtail's own permissions do the isolation: the business's group may add and change pages
only under its producer page, and images and documents only in its own collection. It
cannot publish; its edits go through the "Product moderation" workflow.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from search.folding import strip_marks

from .identity import attach_to_business
from .models import ApplicationStatus, BusinessApplication, ProducerCertificate, ProducerPage, ProducersIndexPage
from .permissions import MODERATORS_GROUP

logger = logging.getLogger("xuthanh.catalogue")
CERTIFICATE_FIELDS = ("kind", "name", "number", "issuer", "issued_on", "valid_until", "document", "sort_order")

WORKFLOW_NAME = "Product moderation"
TASK_NAME = "Moderator approval"
# Not "publish": a business's edits wait for a moderator (see ensure_moderation_workflow).
BUSINESS_PAGE_PERMISSIONS = ("add_page", "change_page")
BUSINESS_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
MODERATOR_MODEL_PERMISSIONS = (
    "view_businessapplication",
    "change_businessapplication",
    "approve_businessapplication",
    "verify_producer",
    "view_selleridentity",
    "change_selleridentity",
    "view_listingreport",
    "change_listingreport",
    "view_takedown",
    "change_takedown",
)


def vietnamese_slug(text: str) -> str:
    """An ASCII slug: "Đặc sản Nga Sơn" → "dac-san-nga-son" (đ has no decomposition)."""
    return slugify(strip_marks(text))[:80].strip("-") or "doanh-nghiep"


def business_group_name(producer: ProducerPage) -> str:
    return f"Business: {producer.slug}"


def producers_indexes() -> tuple[ProducersIndexPage, ProducersIndexPage | None]:
    """The producers index in the default language and its English translation."""
    default = Locale.get_default()
    index = ProducersIndexPage.objects.filter(locale=default).order_by("path").first()
    if index is None:
        raise ValidationError(_("There is no producers index page yet; create one first."), code="no_index")
    en = Locale.objects.filter(language_code="en").first()
    return index, (index.get_translation_or_none(en) if en else None)


def moderators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    return group


def ensure_moderator_permissions() -> None:
    """Moderators review applications and verify producers (idempotent)."""
    group = moderators_group()
    perms = Permission.objects.filter(content_type__app_label="catalogue", codename__in=MODERATOR_MODEL_PERMISSIONS)
    group.permissions.add(*perms)
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*access)


def ensure_moderation_workflow() -> Workflow:
    """ "Product moderation": one moderator approval, on every producers index (idempotent)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators_group())
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in ProducersIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def unique_child_slug(parent, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def business_user_for(application: BusinessApplication, username: str):
    """The applicant's sign-in: given, or found by e-mail, or created without a password."""
    User = get_user_model()
    if application.user_id:
        return application.user
    existing = User.objects.filter(email__iexact=application.email).order_by("pk").first()
    if existing:
        return existing
    candidate, n = username, 2
    while User.objects.filter(username=candidate).exists():
        candidate = f"{username}-{n}"
        n += 1
    first, _sep, last = application.contact_name.partition(" ")
    user = User(username=candidate, email=application.email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()  # they choose one through "forgotten password"
    user.save()
    return user


def grant_business_access(group: Group, producer_pages, collection: Collection) -> None:
    page_perms = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=BUSINESS_PAGE_PERMISSIONS
    )
    for page in producer_pages:
        for perm in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)
    for app_label, codename in BUSINESS_COLLECTION_PERMISSIONS:
        perm = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))


def approve_with_access(
    application: BusinessApplication, approved_by, *, pages, group_name: str, slug: str, user=None, **made
):
    """The last steps of approving any business (producer or tourism): a collection for its
    pictures, a group with rights on its pages and that collection, its sign-in in the group,
    and the application marked approved with what was made for it (`producer=` or `listing=`).
    Returns the business's user."""
    collection = Collection.get_first_root_node().add_child(name=f"{application.business_name} ({slug})")
    group = Group.objects.create(name=group_name)
    grant_business_access(group, pages, collection)
    business_user = user or business_user_for(application, slug)
    business_user.groups.add(group)

    application.status = ApplicationStatus.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = approved_by
    application.user = business_user
    application.group = group
    for field, value in made.items():
        setattr(application, field, value)
    application.save()
    attach_to_business(application, pages[0])
    return business_user


def onboard_business(
    application: BusinessApplication,
    approved_by,
    *,
    user=None,
    slug: str | None = None,
    slug_en: str | None = None,
    page_fields: dict | None = None,
    page_fields_en: dict | None = None,
) -> ProducerPage:
    """Approve `application`: create the producer page in both languages, its group,
    collection and permissions, and put the business's sign-in in that group.

    Idempotent: an application already approved returns its producer page unchanged.
    `page_fields`/`page_fields_en` add profile content (the demo uses them).
    A tourism application is handed to the `onboard_tourism_business` hook, which returns its listing.
    """
    if application.is_tourism:
        onboard = next(iter(hooks.get_hooks("onboard_tourism_business")), None)
        if onboard is None:
            raise ValidationError(_("Tourism businesses cannot be approved here yet."), code="no_tourism")
        return onboard(application, approved_by, user=user, slug=slug, slug_en=slug_en)
    with transaction.atomic():
        application = BusinessApplication.objects.select_for_update().get(pk=application.pk)
        if application.status == ApplicationStatus.APPROVED and application.producer_id:
            return application.producer
        if application.status == ApplicationStatus.REJECTED:
            raise ValidationError(_("This application was rejected."), code="rejected")
        index, en_index = producers_indexes()
        vi_locale = index.locale
        slug = unique_child_slug(index, slug or vietnamese_slug(application.business_name))
        fields = {
            "business_type": application.business_type,
            "summary": application.summary,
            "area": application.area,
            "ward_code": application.ward_code,
            "address": application.address,
            "phone": application.phone,
            "email": application.email,
            **(page_fields or {}),
        }
        producer = ProducerPage(title=application.business_name, slug=slug, locale=vi_locale, **fields)
        now = timezone.now()
        producer.live, producer.first_published_at, producer.last_published_at = True, now, now
        index.add_child(instance=producer)
        log(instance=producer, action="wagtail.create", user=approved_by)
        log(instance=producer, action="wagtail.publish", user=approved_by)
        pages = [producer]
        if en_index is not None:
            # Built directly rather than with copy_for_translation: the same fields, a fraction of the queries.
            fields_en = {**fields, **(page_fields_en or {})}
            fields_en.pop("certificates", None)
            if producer.area_id and "area" not in (page_fields_en or {}):
                fields_en["area"] = producer.area.get_translation_or_none(en_index.locale) or producer.area
            en_page = ProducerPage(
                title=application.business_name_en or application.business_name,
                slug=unique_child_slug(
                    en_index, slug_en or vietnamese_slug(application.business_name_en or application.business_name)
                ),
                locale=en_index.locale,
                translation_key=producer.translation_key,
                live=True,
                first_published_at=now,
                last_published_at=now,
                **fields_en,
            )
            en_page.certificates = [
                ProducerCertificate(**{f: getattr(c, f) for f in CERTIFICATE_FIELDS})
                for c in producer.certificates.all()
            ]
            en_index.add_child(instance=en_page)
            log(instance=en_page, action="wagtail.publish", user=approved_by)
            pages.append(en_page)

        business_user = approve_with_access(
            application,
            approved_by,
            pages=pages,
            group_name=business_group_name(producer),
            slug=slug,
            user=user,
            producer=producer,
        )
        ensure_moderation_workflow()
    logger.info("Business %s onboarded by %s as %s", producer.slug, approved_by, business_user)
    return producer


def reject_application(application: BusinessApplication, decided_by) -> None:
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(_("Only a pending application can be rejected."), code="not_pending")
    application.status = ApplicationStatus.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = decided_by
    application.save(update_fields=["status", "decided_at", "decided_by"])
