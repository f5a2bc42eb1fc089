// The Pieces tab: the piece map, its legend and the numbers behind it (piece count and size, pieces
// had, in progress, availability min and average).
//
// Threads: GUI thread only.
#pragma once

#include "details/details_tab.h"

class QLabel;

namespace shoal::gui {

class PieceMapWidget;

class PiecesTab : public DetailsTab {
    Q_OBJECT

public:
    explicit PiecesTab(QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    PieceMapWidget* map() const { return map_; }
    QString summary() const;

private:
    PieceMapWidget* map_;
    QLabel* summary_;
};

}  // namespace shoal::gui
