"""Documents attached to a business's certificates move into that business's own collection
(issue #24): documents uploaded before collections were enforced sat in shared collections,
listed to every business. Data only; reversing leaves them where they are."""

from django.db import migrations


def move_into_business_collections(apps, schema_editor):
    BusinessApplication = apps.get_model("catalogue", "BusinessApplication")
    ProducerPage = apps.get_model("catalogue", "ProducerPage")
    ProducerCertificate = apps.get_model("catalogue", "ProducerCertificate")
    ProductCertificate = apps.get_model("catalogue", "ProductCertificate")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Document = apps.get_model("wagtaildocs", "Document")

    businesses = BusinessApplication.objects.exclude(group=None).exclude(producer=None)
    business_collections = set(
        GroupCollectionPermission.objects.filter(group__in=businesses.values("group")).values_list(
            "collection", flat=True
        )
    )
    for application in businesses:
        collection = (
            GroupCollectionPermission.objects.filter(group_id=application.group_id)
            .values_list("collection", flat=True)
            .first()
        )
        if collection is None:
            continue
        key = ProducerPage.objects.filter(pk=application.producer_id).values_list("translation_key", flat=True).first()
        documents = set(
            ProducerCertificate.objects.filter(page__translation_key=key).values_list("document", flat=True)
        )
        documents |= set(
            ProductCertificate.objects.filter(page__producer__translation_key=key).values_list("document", flat=True)
        )
        documents.discard(None)
        Document.objects.filter(pk__in=documents).exclude(collection__in=business_collections).update(
            collection=collection
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_onboarding_and_variant_messages"),
        ("wagtaildocs", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_into_business_collections, migrations.RunPython.noop)]
