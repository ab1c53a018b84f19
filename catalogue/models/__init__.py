from .onboarding import ApplicationStatus, BusinessApplication, TourismBusinessType  # noqa: F401
from .pages import (  # noqa: F401
    BusinessType,
    CategoriesIndexPage,
    CategoryPage,
    CertificateKind,
    ProducerCertificate,
    ProducerPage,
    ProducersIndexPage,
    ProductCertificate,
    ProductPage,
    ProductTag,
)
from .variants import ProductVariant  # noqa: F401
