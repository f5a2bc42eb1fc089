// The Pieces tab: map, legend swatches and a one-line summary.
#include "details/pieces_tab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include "details/piece_map_widget.h"
#include "model/format.h"

namespace shoal::gui {

namespace {
QWidget* swatch(const QColor& color, const QString& text) {
    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 8, 0);
    auto* square = new QLabel;
    QPixmap pixmap(12, 12);
    pixmap.fill(color);
    square->setPixmap(pixmap);
    layout->addWidget(square);
    layout->addWidget(new QLabel(text));
    return box;
}
}  // namespace

PiecesTab::PiecesTab(QWidget* parent) : DetailsTab(parent), map_(new PieceMapWidget), summary_(new QLabel) {
    summary_->setObjectName(QStringLiteral("piecesSummary"));
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* legend = new QHBoxLayout;
    legend->addWidget(swatch(PieceMapWidget::haveColor(), tr("Have")));
    legend->addWidget(swatch(PieceMapWidget::downloadingColor(), tr("Downloading")));
    legend->addWidget(swatch(PieceMapWidget::missingColor(), tr("Missing")));
    legend->addSpacing(16);
    legend->addWidget(new QLabel(tr("Availability (top strip):")));
    legend->addWidget(swatch(PieceMapWidget::unavailableColor(), tr("no peer has it")));
    legend->addWidget(swatch(PieceMapWidget::availabilityColor(1, 4), tr("few copies")));
    legend->addWidget(swatch(PieceMapWidget::availabilityColor(4, 4), tr("many copies")));
    legend->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(legend);
    layout->addWidget(map_, 1);
}

void PiecesTab::setTorrent(TorrentId id) {
    (void)id;
    map_->clear();
    summary_->clear();
}

void PiecesTab::showDetails(const TorrentDetails& d) {
    map_->setPieces(d.pieces, d.availability, d.downloadingPieces);
    if (d.numPieces <= 0) {
        summary_->setText(tr("No metadata yet: the piece map appears once it arrives."));
        return;
    }
    const auto have = std::count(d.pieces.begin(), d.pieces.end(), true);
    QString text = tr("%1 pieces of %2 · have %3 (%4 %) · downloading %5")
                       .arg(d.numPieces)
                       .arg(formatSize(d.pieceSize))
                       .arg(have)
                       .arg(100.0 * static_cast<double>(have) / d.numPieces, 0, 'f', 1)
                       .arg(d.downloadingPieces.size());
    if (!d.availability.empty()) {
        const int least = *std::min_element(d.availability.begin(), d.availability.end());
        const double average = std::accumulate(d.availability.begin(), d.availability.end(), 0.0) /
                               static_cast<double>(d.availability.size());
        text += tr(" · availability min %1, avg %2").arg(least).arg(average, 0, 'f', 2);
    }
    const int perCell = map_->piecesPerCell();
    if (perCell > 1) text += tr(" · %1 pieces per cell").arg(perCell);
    summary_->setText(text);
}

QString PiecesTab::summary() const { return summary_->text(); }

}  // namespace shoal::gui
