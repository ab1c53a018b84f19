"""Two shoppers with everything the site can hold about a person, each marked with their own
tag, for the data-rights tests: whatever is about one must never show in the other's download."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.consents import Channel, Purpose, record_consent
from accounts.models import AccountPhone, Address, Favourite, SignIn
from orders.complaints.models import Case
from orders.models import LineStatus
from orders.reviews.models import Review
from tests.trade.conftest import make_offer, make_request
from trade.models import BoardProfile, Inquiry

from .conftest import PASSWORD, place

WARD = 15_600  # any ward code: addresses are not validated on the model


def seed_person(client, shop, tag: str, phone: str):
    """A shopper named after `tag`, with a phone, e-mail, address, an order (its line delivered and
    reviewed), a board offer and request, an inquiry, a favourite, consents and a sign-in."""
    user = get_user_model().objects.create_user(f"user-{tag}", f"{tag}@example.com", PASSWORD)
    user.first_name = f"Given{tag}"
    user.save()
    EmailAddress.objects.create(user=user, email=f"{tag}@example.com", verified=True, primary=True)
    AccountPhone.objects.create(user=user, phone=phone)
    Address.objects.create(
        user=user, name=f"Name {tag}", phone=phone, province_code=38, ward_code=WARD, street=f"{tag} street"
    )
    Favourite.objects.create(user=user, page=shop.product_a)
    client.force_login(user)  # records a sign-in
    contact = {"name": f"Buyer {tag}", "phone": phone, "email": f"{tag}-order@example.com", "street": f"{tag} lane"}
    order = place(client, shop, **contact)
    line = order.lines.get()
    line.status = LineStatus.DELIVERED
    line.save()
    Review.objects.create(
        line=line,
        user=user,
        producer=line.producer,
        product_translation_key=shop.product_a.translation_key,
        product_title=line.product_title,
        author_name=f"Given{tag}",
        rating=5,
        text=f"review by {tag}",
    )
    Case.objects.create(
        line=line,
        buyer=user,
        kind="complaint",
        reason="damaged",
        description=f"complaint by {tag}",
        answer_due_at=timezone.now() + timedelta(days=3),
    )
    BoardProfile.objects.create(user=user, display_name=f"Board {tag}", phone=phone, email_verified=True)
    offer = make_offer(user, title=f"offer of {tag}")
    make_request(user, title=f"request of {tag}")
    record_consent(user=user, purpose=Purpose.MARKETING_EMAIL, channel=Channel.ACCOUNT_PAGE)
    client.logout()
    return user, order, offer


def inquire(sender, offer, tag: str):
    return Inquiry.objects.create(offer=offer, sender=sender, message=f"inquiry from {tag}")


def sign_ins(user) -> int:
    return SignIn.objects.filter(user=user).count()
