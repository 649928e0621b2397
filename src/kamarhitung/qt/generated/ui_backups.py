# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'backups.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_BackupsDialog(object):
    def setupUi(self, BackupsDialog):
        if not BackupsDialog.objectName():
            BackupsDialog.setObjectName(u"BackupsDialog")
        BackupsDialog.resize(560, 420)
        self.layout = QVBoxLayout(BackupsDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(BackupsDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.backupList = QListWidget(BackupsDialog)
        self.backupList.setObjectName(u"backupList")
        self.backupList.setAlternatingRowColors(True)

        self.layout.addWidget(self.backupList)

        self.status = QLabel(BackupsDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.layout.addWidget(self.status)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.backupNow = QPushButton(BackupsDialog)
        self.backupNow.setObjectName(u"backupNow")

        self.buttons.addWidget(self.backupNow)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.spacer)

        self.buttonBox = QDialogButtonBox(BackupsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.buttons.addWidget(self.buttonBox)


        self.layout.addLayout(self.buttons)


        self.retranslateUi(BackupsDialog)
        self.buttonBox.rejected.connect(BackupsDialog.reject)

        QMetaObject.connectSlotsByName(BackupsDialog)
    # setupUi

    def retranslateUi(self, BackupsDialog):
        BackupsDialog.setWindowTitle(QCoreApplication.translate("BackupsDialog", u"Cadangan workspace", None))
        self.intro.setText(QCoreApplication.translate("BackupsDialog", u"Cadangan dibuat otomatis setiap 15 menit dan saat aplikasi ditutup. 24 cadangan terbaru disimpan di folder backups workspace. Untuk memulihkan: kamarhitung restore CADANGAN WORKSPACE.", None))
        self.status.setText("")
        self.backupNow.setText(QCoreApplication.translate("BackupsDialog", u"&Buat cadangan sekarang", None))
    # retranslateUi

