// The Peers tab: a sortable table of the torrent's connected peers over PeerTableModel.
//
// Threads: GUI thread only.
#pragma once

#include "details/details_tab.h"

class QSortFilterProxyModel;
class QTableView;

namespace shoal::gui {

class PeerTableModel;

class PeersTab : public DetailsTab {
    Q_OBJECT

public:
    explicit PeersTab(QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    PeerTableModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }

private:
    PeerTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
};

}  // namespace shoal::gui
