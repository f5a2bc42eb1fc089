// The filter sidebar: Status (All, Downloading, Seeding, ...), Categories, Tags and Trackers, each entry
// with its count. Counts are recomputed from the model at most twice a second (a scan of 10,000 rows is
// well under a millisecond), and the entry lists keep their order so the user's selection stays put.
//
// Threads: GUI thread only.
#pragma once

#include <QTimer>
#include <QTreeWidget>
#include <optional>

#include "model/torrent_filter_model.h"

namespace shoal::gui {

class TorrentTableModel;

class Sidebar : public QTreeWidget {
    Q_OBJECT

public:
    Sidebar(TorrentTableModel& model, TorrentFilterModel& filter, QWidget* parent = nullptr);

    // Recounts now (tests; the timer does it otherwise).
    void recount();

private:
    void scheduleRecount();
    void applySelection();
    // Brings a group's children in line with `counts` (name -> count), keeping existing items.
    void syncGroup(QTreeWidgetItem* group, const QMap<QString, int>& counts, const QString& emptyLabel);

    TorrentTableModel& model_;
    TorrentFilterModel& filter_;
    QTimer recountTimer_;
    QTreeWidgetItem* status_ = nullptr;
    QTreeWidgetItem* categories_ = nullptr;
    QTreeWidgetItem* tags_ = nullptr;
    QTreeWidgetItem* trackers_ = nullptr;
};

}  // namespace shoal::gui
