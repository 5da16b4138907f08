"""One case's timeline (跟进记录): time, who, by which channel, what; newest at the bottom as it happened."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.cases import TimelineEntry
from ui.widgets.common import Clock, set_column_widths

# The context stays the stuck dialog's, where these were first translated.
CHANNEL_LABELS = {
    "phone": QT_TRANSLATE_NOOP("StuckCaseDialog", "Phone"),
    "sms": QT_TRANSLATE_NOOP("StuckCaseDialog", "SMS"),
    "virtual_call": QT_TRANSLATE_NOOP("StuckCaseDialog", "Virtual-number call"),
    "wechat": QT_TRANSLATE_NOOP("StuckCaseDialog", "WeChat"),
    "system": QT_TRANSLATE_NOOP("StuckCaseDialog", "System"),
    "in_person": QT_TRANSLATE_NOOP("StuckCaseDialog", "In person"),
    "note": QT_TRANSLATE_NOOP("StuckCaseDialog", "Work note"),
}


def channel_label(code: str) -> str:
    return QCoreApplication.translate("StuckCaseDialog", CHANNEL_LABELS.get(code, code))


class TimelineTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineTree")
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setHeaderLabels([self.tr("Time"), self.tr("Operator"), self.tr("Channel"), self.tr("What")])
        set_column_widths(self, (17, 8, 10))

    def load(self, entries: list[TimelineEntry], clock: Clock) -> None:
        self.clear()
        for entry in entries:
            item = QTreeWidgetItem(
                [clock.text(entry.at), entry.operator or "", channel_label(entry.channel), entry.text]
            )
            item.setToolTip(3, entry.text)
            self.addTopLevelItem(item)

    def texts(self) -> list[str]:
        """What each entry says, top to bottom."""
        return [self.topLevelItem(n).text(3) for n in range(self.topLevelItemCount())]
