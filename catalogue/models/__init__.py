from .identity import (  # noqa: F401
    LegalForm,
    LicenceKind,
    SellerIdentity,
    SellerLicence,
    VerificationStatus,
)
from .moderation import ListingReport, ReportReason, ReportStatus, Takedown  # noqa: F401
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
