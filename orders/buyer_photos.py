"""Photos a buyer attaches to a review or a complaint: Wagtail images in a collection of their
own, apart from the businesses' collections, so no business can pick them for its pages."""

from wagtail.images import get_image_model
from wagtail.models import Collection


def collection_named(name: str) -> Collection:
    """The top-level collection of that name, made the first time it is needed."""
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)


def save_buyer_photos(uploads, *, collection_name: str, title: str, user) -> list:
    """Each checked upload saved as an image titled `title`, in upload order."""
    if not uploads:
        return []
    Image, collection = get_image_model(), collection_named(collection_name)
    images = []
    for upload in uploads:
        image = Image(title=title[:255], file=upload, collection=collection, uploaded_by_user=user)
        image.save()
        images.append(image)
    return images
