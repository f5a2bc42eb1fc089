// The connected peers of one torrent as a table, keyed by "ip:port". A refresh updates rows in place
// (dataChanged), appends new peers and removes gone ones, never a reset: the Peers tab keeps its
// selection, sort order and scroll position while the swarm changes under it.
//
// Threads: GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

#include "shoal/status.h"

namespace shoal::gui {

class PeerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Country,
        Address,
        Client,
        Flags,
        Connection,
        Source,
        Progress,
        DownRate,
        UpRate,
        Downloaded,
        Uploaded,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw value (numbers as numbers) for the proxy to sort by
        ProgressRole,                 // double 0..1 for the progress delegate
    };

    explicit PeerTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void update(const std::vector<PeerInfo>& peers);
    void clear();

    int rowOf(const QString& address) const { return rowByAddress_.value(address, -1); }
    const PeerInfo& peerAt(int row) const { return peers_[static_cast<std::size_t>(row)]; }

    // "D: downloading from this peer\n..." for the letters in `flags` (all of them if empty).
    static QString explainFlags(const QString& flags);

private:
    void reindex();

    std::vector<PeerInfo> peers_;
    QHash<QString, int> rowByAddress_;
};

}  // namespace shoal::gui
