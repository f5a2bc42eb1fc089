// The General tab: two forms (transfer, information) of plain, selectable labels.
#include "details/general_tab.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "model/format.h"

namespace shoal::gui {

namespace {
QString sizePair(std::int64_t thisRun, std::int64_t allTime) {
    return GeneralTab::tr("%1 (%2 this session)").arg(formatSize(allTime), formatSize(thisRun));
}
}  // namespace

GeneralTab::GeneralTab(QWidget* parent) : DetailsTab(parent) {
    auto* content = new QWidget;
    auto* columns = new QHBoxLayout(content);

    auto* transferBox = new QGroupBox(tr("Transfer"));
    auto* transfer = new QFormLayout(transferBox);
    addRow(transfer, QStringLiteral("state"), tr("State:"));
    addRow(transfer, QStringLiteral("progress"), tr("Progress:"));
    addRow(transfer, QStringLiteral("timeActive"), tr("Time active:"));
    addRow(transfer, QStringLiteral("seedingTime"), tr("Seeding time:"));
    addRow(transfer, QStringLiteral("eta"), tr("ETA:"));
    addRow(transfer, QStringLiteral("connections"), tr("Connections:"));
    addRow(transfer, QStringLiteral("downloaded"), tr("Downloaded:"));
    addRow(transfer, QStringLiteral("uploaded"), tr("Uploaded:"));
    addRow(transfer, QStringLiteral("downloadRate"), tr("Download speed:"));
    addRow(transfer, QStringLiteral("uploadRate"), tr("Upload speed:"));
    addRow(transfer, QStringLiteral("ratio"), tr("Share ratio:"));
    addRow(transfer, QStringLiteral("wasted"), tr("Wasted:"));
    addRow(transfer, QStringLiteral("hashFailures"), tr("Hash failures:"));

    auto* infoBox = new QGroupBox(tr("Information"));
    auto* info = new QFormLayout(infoBox);
    addRow(info, QStringLiteral("name"), tr("Name:"), true);
    addRow(info, QStringLiteral("totalSize"), tr("Total size:"));
    addRow(info, QStringLiteral("pieces"), tr("Pieces:"));
    addRow(info, QStringLiteral("hashV1"), tr("Info hash v1:"));
    addRow(info, QStringLiteral("hashV2"), tr("Info hash v2:"));
    addRow(info, QStringLiteral("savePath"), tr("Save path:"), true);
    addRow(info, QStringLiteral("createdBy"), tr("Created by:"));
    addRow(info, QStringLiteral("createdOn"), tr("Created on:"));
    addRow(info, QStringLiteral("addedOn"), tr("Added on:"));
    addRow(info, QStringLiteral("completedOn"), tr("Completed on:"));
    addRow(info, QStringLiteral("private"), tr("Private:"));
    addRow(info, QStringLiteral("comment"), tr("Comment:"), true);
    addRow(info, QStringLiteral("magnet"), tr("Magnet link:"), true);

    columns->addWidget(transferBox, 2);
    columns->addWidget(infoBox, 3);
    columns->setAlignment(transferBox, Qt::AlignTop);
    columns->setAlignment(infoBox, Qt::AlignTop);

    // The pane is often short (under the torrent list): scroll rather than squeeze the forms.
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void GeneralTab::addRow(QFormLayout* form, const QString& key, const QString& label, bool wrap) {
    auto* value = new QLabel;
    value->setObjectName(key + QStringLiteral("Value"));
    // Plain text: a comment or a name from a .torrent is data, never markup to render.
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(wrap);
    if (wrap) value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    form->addRow(label, value);
    values_.insert(key, value);
}

void GeneralTab::set(const QString& key, const QString& text) {
    QLabel* label = values_.value(key);
    if (label != nullptr && label->text() != text) label->setText(text);  // keeps a selection in place
}

QString GeneralTab::value(const QString& key) const {
    const QLabel* label = values_.value(key);
    return label != nullptr ? label->text() : QString();
}

void GeneralTab::setTorrent(TorrentId id) {
    (void)id;
    for (QLabel* label : values_) label->clear();
}

void GeneralTab::showDetails(const TorrentDetails& d) {
    const TorrentStatus& s = d.status;
    const QString none = tr("N/A");
    set(QStringLiteral("state"), s.error.empty()
                                     ? stateName(s.state)
                                     : tr("%1: %2").arg(stateName(s.state), QString::fromStdString(s.error)));
    set(QStringLiteral("progress"), tr("%1 %").arg(s.progress * 100, 0, 'f', 1));
    set(QStringLiteral("timeActive"), formatDuration(s.activeSeconds));
    set(QStringLiteral("seedingTime"), formatDuration(s.seedingSeconds));
    set(QStringLiteral("eta"), s.etaSeconds < 0 ? QStringLiteral("∞") : formatDuration(s.etaSeconds));
    set(QStringLiteral("connections"), tr("%1 (%2 seeds)").arg(s.peers).arg(s.seeds));
    set(QStringLiteral("downloaded"), sizePair(s.downloadedThisRun, s.allTimeDownloaded));
    set(QStringLiteral("uploaded"), sizePair(s.uploadedThisRun, s.allTimeUploaded));
    // formatRate() leaves 0 blank (right for a table column); a form row reads better with "0 B/s".
    set(QStringLiteral("downloadRate"), tr("%1/s").arg(formatSize(s.downloadRate)));
    set(QStringLiteral("uploadRate"), tr("%1/s").arg(formatSize(s.uploadRate)));
    set(QStringLiteral("ratio"), formatRatio(s.ratio));
    set(QStringLiteral("wasted"), formatSize(s.wasted));
    set(QStringLiteral("hashFailures"), QString::number(s.hashFailures));

    set(QStringLiteral("name"), QString::fromStdString(s.name));
    set(QStringLiteral("totalSize"), s.hasMetadata ? formatSize(s.totalSize) : none);
    if (d.numPieces > 0) {
        const auto have = std::count(d.pieces.begin(), d.pieces.end(), true);
        set(QStringLiteral("pieces"),
            tr("%1 × %2 (have %3)").arg(d.numPieces).arg(formatSize(d.pieceSize)).arg(have));
    } else {
        set(QStringLiteral("pieces"), none);
    }
    set(QStringLiteral("hashV1"), s.hashes.v1.empty() ? none : QString::fromStdString(s.hashes.v1));
    set(QStringLiteral("hashV2"), s.hashes.v2.empty() ? none : QString::fromStdString(s.hashes.v2));
    set(QStringLiteral("savePath"), QString::fromStdString(s.savePath));
    set(QStringLiteral("createdBy"), d.createdBy.empty() ? none : QString::fromStdString(d.createdBy));
    set(QStringLiteral("createdOn"), d.creationDate > 0 ? formatDateTime(d.creationDate) : none);
    set(QStringLiteral("addedOn"), formatDateTime(s.addedTime));
    set(QStringLiteral("completedOn"), s.completedTime > 0 ? formatDateTime(s.completedTime) : none);
    set(QStringLiteral("private"), s.hasMetadata ? (d.isPrivate ? tr("Yes") : tr("No")) : none);
    set(QStringLiteral("comment"), QString::fromStdString(d.comment));
    set(QStringLiteral("magnet"), QString::fromStdString(d.magnetUri));
}

}  // namespace shoal::gui
