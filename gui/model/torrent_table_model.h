// The torrent list as a Qt table: one row per TorrentStatus snapshot. Updates are incremental: a batch
// of changed snapshots updates only those rows (dataChanged over contiguous row ranges), new ids are
// appended with one insert, removed ids leave with one remove per contiguous range. Never a reset on a
// tick, so selection, scroll position and sorting survive.
//
// Threads: GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

#include "app/metatypes.h"
#include "shoal/status.h"

namespace shoal::gui {

class TorrentTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Name,
        Size,
        Progress,
        State,
        DownRate,
        UpRate,
        Eta,
        Ratio,
        Seeds,
        Peers,
        Added,
        Category,
        Tags,
        QueuePosition,
        Uploaded,
        SavePath,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw value to sort by (numbers as numbers)
        IdRole,                       // TorrentId
        ProgressRole,                 // double 0..1, for the progress bar delegate
        StateRole,                    // int(TorrentState)
    };

    explicit TorrentTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // New ids are inserted, known ids updated; only rows whose snapshot differs are signalled.
    void updateStatuses(const std::vector<TorrentStatus>& statuses);
    void removeTorrents(const std::vector<TorrentId>& ids);
    void clear();

    int rowOf(TorrentId id) const { return rowById_.value(id, -1); }
    const TorrentStatus& statusAt(int row) const { return rows_[static_cast<std::size_t>(row)]; }
    const std::vector<TorrentStatus>& statuses() const { return rows_; }

Q_SIGNALS:
    // After each batch, for views that summarize the list (the sidebar counts, the status bar).
    void contentsUpdated();

private:
    QVariant display(const TorrentStatus& s, int column) const;
    QVariant sortValue(const TorrentStatus& s, int column) const;

    std::vector<TorrentStatus> rows_;
    QHash<TorrentId, int> rowById_;
};

}  // namespace shoal::gui
