"""EPCIS 2.0 event types and the Core Business Vocabulary (CBV 2.0), plus farm activities.

CBV has no words for planting, fertilising, spraying, harvesting or processing; GS1's rule
is to use a URI in one's own domain for such steps. They are stored as bare tokens here
and exported as `<SITE_BASE_URL>/voc/BizStep-<token>` (`traceability.epcis`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CBV_BIZ_STEPS = [
    "accepting",
    "arriving",
    "assembling",
    "collecting",
    "commissioning",
    "consigning",
    "creating_class_instance",
    "cycle_counting",
    "decommissioning",
    "departing",
    "destroying",
    "disassembling",
    "dispensing",
    "encoding",
    "entering_exiting",
    "holding",
    "inspecting",
    "installing",
    "killing",
    "loading",
    "other",
    "packing",
    "picking",
    "receiving",
    "removing",
    "repackaging",
    "repairing",
    "replacing",
    "reserving",
    "retail_selling",
    "sampling",
    "sensor_reporting",
    "shipping",
    "staging_outbound",
    "stock_taking",
    "stocking",
    "storing",
    "transporting",
    "unloading",
    "unpacking",
    "void_shipping",
]

CBV_DISPOSITIONS = [
    "active",
    "available",
    "completeness_inferred",
    "completeness_verified",
    "conformant",
    "container_closed",
    "container_open",
    "damaged",
    "destroyed",
    "dispensed",
    "disposed",
    "encoded",
    "expired",
    "in_progress",
    "in_transit",
    "inactive",
    "mismatch_class",
    "mismatch_instance",
    "mismatch_quantity",
    "needs_replacement",
    "no_pedigree_match",
    "non_conformant",
    "non_sellable_other",
    "partially_dispensed",
    "recalled",
    "reserved",
    "retail_sold",
    "returned",
    "sellable_accessible",
    "sellable_not_accessible",
    "stolen",
    "unavailable",
    "unknown",
]

CBV_BASE = "https://ref.gs1.org/cbv/"
# Steps CBV lacks, exported under our own domain.
CUSTOM_BIZ_STEPS = ("planting", "fertilising", "spraying", "harvesting", "processing")


class EventType(models.TextChoices):
    OBJECT = "ObjectEvent", _("Object event")
    AGGREGATION = "AggregationEvent", _("Aggregation event")
    TRANSACTION = "TransactionEvent", _("Transaction event")
    TRANSFORMATION = "TransformationEvent", _("Transformation event")
    ASSOCIATION = "AssociationEvent", _("Association event")


class EventAction(models.TextChoices):
    ADD = "ADD", _("Add")
    OBSERVE = "OBSERVE", _("Observe")
    DELETE = "DELETE", _("Delete")


class Activity(models.TextChoices):
    """What a farmer or processor records, in their words."""

    PLANTING = "planting", _("Planting or raising")
    FERTILISING = "fertilising", _("Fertilising")
    SPRAYING = "spraying", _("Spraying (crop protection)")
    HARVESTING = "harvesting", _("Harvesting or slaughter")
    PROCESSING = "processing", _("Processing")
    PACKING = "packing", _("Packing")
    INSPECTING = "inspecting", _("Inspecting or lab testing")
    STORING = "storing", _("Storing")
    SHIPPING = "shipping", pgettext_lazy("supply-chain step", "Shipping")
    RECEIVING = "receiving", _("Receiving")
    SELLING = "selling", _("Selling")
    RECALLING = "recalling", _("Recall")
    CORRECTING = "correcting", _("Correction of an earlier event")
    OTHER = "other", _("Other")


# activity → (event type, action, bizStep, disposition)
ACTIVITY_EPCIS = {
    Activity.PLANTING: (EventType.OBJECT, EventAction.ADD, "planting", "in_progress"),
    Activity.FERTILISING: (EventType.OBJECT, EventAction.OBSERVE, "fertilising", "in_progress"),
    Activity.SPRAYING: (EventType.OBJECT, EventAction.OBSERVE, "spraying", "in_progress"),
    Activity.HARVESTING: (EventType.OBJECT, EventAction.OBSERVE, "harvesting", "active"),
    Activity.PROCESSING: (EventType.TRANSFORMATION, "", "processing", "active"),
    Activity.PACKING: (EventType.OBJECT, EventAction.OBSERVE, "packing", "sellable_not_accessible"),
    Activity.INSPECTING: (EventType.OBJECT, EventAction.OBSERVE, "inspecting", "conformant"),
    Activity.STORING: (EventType.OBJECT, EventAction.OBSERVE, "storing", "sellable_not_accessible"),
    Activity.SHIPPING: (EventType.OBJECT, EventAction.OBSERVE, "shipping", "in_transit"),
    Activity.RECEIVING: (EventType.OBJECT, EventAction.OBSERVE, "receiving", "sellable_accessible"),
    Activity.SELLING: (EventType.OBJECT, EventAction.OBSERVE, "retail_selling", "sellable_accessible"),
    Activity.RECALLING: (EventType.OBJECT, EventAction.OBSERVE, "holding", "recalled"),
    Activity.CORRECTING: (EventType.OBJECT, EventAction.OBSERVE, "other", ""),
    Activity.OTHER: (EventType.OBJECT, EventAction.OBSERVE, "other", ""),
}

# Activities whose form asks for the product used and its dose.
ACTIVITIES_WITH_INPUT = {Activity.FERTILISING, Activity.SPRAYING}

BIZ_STEP_LABELS = {
    "planting": _("Planting"),
    "fertilising": _("Fertilising"),
    "spraying": _("Spraying"),
    "harvesting": _("Harvesting"),
    "processing": _("Processing"),
    "packing": _("Packing"),
    "inspecting": _("Inspecting"),
    "sampling": _("Sampling"),
    "storing": _("Storing"),
    "shipping": pgettext_lazy("supply-chain step", "Shipping"),
    "receiving": _("Receiving"),
    "retail_selling": _("Selling"),
    "holding": _("Held"),
    "commissioning": _("Commissioning"),
    "transporting": _("Transporting"),
    "sensor_reporting": _("Sensor reading"),
    "other": _("Other"),
}

DISPOSITION_LABELS = {
    "in_progress": _("in progress"),
    "active": _("active"),
    "conformant": _("conformant"),
    "non_conformant": _("not conformant"),
    "in_transit": _("in transit"),
    "sellable_accessible": _("on sale"),
    "sellable_not_accessible": _("ready for sale"),
    "recalled": _("recalled"),
    "retail_sold": _("sold"),
    "expired": _("expired"),
}


def biz_step_label(value: str) -> str:
    return str(BIZ_STEP_LABELS.get(value) or value.rsplit("/", 1)[-1].replace("BizStep-", "").replace("_", " "))


def disposition_label(value: str) -> str:
    return str(DISPOSITION_LABELS.get(value) or value.replace("_", " "))


def is_known_biz_step(value: str) -> bool:
    return value in CBV_BIZ_STEPS or value in CUSTOM_BIZ_STEPS
