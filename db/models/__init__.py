"""Every table of the data model (DESIGN.md §6); importing this package registers them all on `Base.metadata`."""

from db.models.attachments import Attachment, AttachmentLink
from db.models.cases import (
    Case,
    ChaseDetail,
    ComplaintDetail,
    Followup,
    InterceptDetail,
    Message,
    StuckDetail,
)
from db.models.core import (
    AuditEntry,
    BulkAction,
    Carrier,
    ExportProfile,
    ImportProfile,
    Operator,
    ProblemType,
    SavedView,
    Setting,
)
from db.models.directory import (
    Area,
    Contact,
    Courier,
    CourierArea,
    DeliveryCount,
    Outlet,
    Place,
    RecipientFlag,
    StandIn,
)
from db.models.money import Arbitration, Claim, Fine
from db.models.notebook import Note, NoteWaybill, Phrase, Todo
from db.models.waybills import ReturnShipment, ShelfCount, UnlabelledParcel, Waybill

__all__ = [
    "Arbitration",
    "Area",
    "Attachment",
    "AttachmentLink",
    "AuditEntry",
    "BulkAction",
    "Carrier",
    "Case",
    "ChaseDetail",
    "Claim",
    "ComplaintDetail",
    "Contact",
    "Courier",
    "CourierArea",
    "DeliveryCount",
    "ExportProfile",
    "Fine",
    "Followup",
    "ImportProfile",
    "InterceptDetail",
    "Message",
    "Note",
    "NoteWaybill",
    "Operator",
    "Outlet",
    "Phrase",
    "Place",
    "ProblemType",
    "RecipientFlag",
    "ReturnShipment",
    "SavedView",
    "Setting",
    "ShelfCount",
    "StandIn",
    "StuckDetail",
    "Todo",
    "UnlabelledParcel",
    "Waybill",
]
