// The details pane under the torrent list: General, Trackers, Peers, Files, Pieces and Speed tabs for the
// selected torrent. The pane alone asks the bridge for details (once a second while it is visible and a
// torrent is set) and hands every snapshot to each tab; snapshots for another id (a late answer for the
// previous selection) are dropped.
//
// Threads: GUI thread only. Nothing here blocks: details arrive through SessionBridge::detailsReady.
#pragma once

#include <QTabWidget>
#include <QTimer>
#include <vector>

#include "app/session_bridge.h"
#include "shoal/types.h"

namespace shoal::gui {

class DetailsTab;
class GeneralTab;
class TrackersTab;
class PeersTab;
class FilesTab;
class PiecesTab;
class SpeedTab;

class DetailsPane : public QTabWidget {
    Q_OBJECT

public:
    explicit DetailsPane(SessionBridge& bridge, QWidget* parent = nullptr);

    // Shows `id` in every tab; kNoTorrent clears them all. Asks for details at once.
    void setTorrent(TorrentId id);
    TorrentId torrent() const { return torrent_; }
    // Asks for the current torrent's details now instead of at the next tick (no-op without a torrent).
    void refreshNow();
    // True while the once-a-second refresh runs (visible, with a torrent).
    bool isRefreshing() const { return timer_.isActive(); }

    GeneralTab* generalTab() const { return general_; }
    TrackersTab* trackersTab() const { return trackers_; }
    PeersTab* peersTab() const { return peers_; }
    FilesTab* filesTab() const { return files_; }
    PiecesTab* piecesTab() const { return pieces_; }
    SpeedTab* speedTab() const { return speed_; }

Q_SIGNALS:
    // The session could not give details for the shown torrent (e.g. it was just removed).
    void detailsUnavailable(shoal::TorrentId id, const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onDetailsReady(const TorrentDetails& details);
    void updateTimer();

    SessionBridge& bridge_;
    TorrentId torrent_ = kNoTorrent;
    QTimer timer_;
    GeneralTab* general_;
    TrackersTab* trackers_;
    PeersTab* peers_;
    FilesTab* files_;
    PiecesTab* pieces_;
    SpeedTab* speed_;
    std::vector<DetailsTab*> tabs_;
};

}  // namespace shoal::gui
