// The details pane: one details request per second for the selected torrent, fanned out to the tabs.
#include "details/details_pane.h"

#include "details/files_tab.h"
#include "details/general_tab.h"
#include "details/peers_tab.h"
#include "details/pieces_tab.h"
#include "details/speed_tab.h"
#include "details/trackers_tab.h"

namespace shoal::gui {

namespace {
// Once a second matches the engine's status cadence a person can follow; the bridge drops a request
// while the previous one for the same id is still in flight, so a slow engine is never flooded.
constexpr int kRefreshMs = 1000;
}  // namespace

DetailsPane::DetailsPane(SessionBridge& bridge, QWidget* parent)
    : QTabWidget(parent),
      bridge_(bridge),
      general_(new GeneralTab(this)),
      trackers_(new TrackersTab(bridge, this)),
      peers_(new PeersTab(this)),
      files_(new FilesTab(bridge, this)),
      pieces_(new PiecesTab(this)),
      speed_(new SpeedTab(bridge, this)) {
    setObjectName(QStringLiteral("detailsPane"));
    general_->setObjectName(QStringLiteral("generalTab"));
    trackers_->setObjectName(QStringLiteral("trackersTab"));
    peers_->setObjectName(QStringLiteral("peersTab"));
    files_->setObjectName(QStringLiteral("filesTab"));
    pieces_->setObjectName(QStringLiteral("piecesTab"));
    speed_->setObjectName(QStringLiteral("speedTab"));
    addTab(general_, tr("General"));
    addTab(trackers_, tr("Trackers"));
    addTab(peers_, tr("Peers"));
    addTab(files_, tr("Files"));
    addTab(pieces_, tr("Pieces"));
    addTab(speed_, tr("Speed"));
    tabs_ = {general_, trackers_, peers_, files_, pieces_, speed_};

    timer_.setInterval(kRefreshMs);
    connect(&timer_, &QTimer::timeout, this, &DetailsPane::refreshNow);
    connect(&bridge_, &SessionBridge::detailsReady, this, &DetailsPane::onDetailsReady);
    connect(&bridge_, &SessionBridge::detailsFailed, this, [this](TorrentId id, const QString& message) {
        if (id == torrent_ && id != kNoTorrent) Q_EMIT detailsUnavailable(id, message);
    });
    connect(&bridge_, &SessionBridge::torrentsRemoved, this, [this](const std::vector<TorrentId>& ids) {
        for (TorrentId id : ids) {
            if (id == torrent_) setTorrent(kNoTorrent);
        }
    });
    // A command from a tab (rename, priorities, trackers) changes what the tabs show: fetch at once
    // rather than leave the old state up for up to a second.
    for (DetailsTab* tab : tabs_) {
        connect(tab, &DetailsTab::changeRequested, this, &DetailsPane::refreshNow);
    }
    for (DetailsTab* tab : tabs_) tab->setTorrent(kNoTorrent);
}

void DetailsPane::setTorrent(TorrentId id) {
    if (id == torrent_) return;
    torrent_ = id;
    for (DetailsTab* tab : tabs_) tab->setTorrent(id);
    updateTimer();
    refreshNow();
}

void DetailsPane::refreshNow() {
    if (torrent_ == kNoTorrent || !bridge_.attached()) return;
    bridge_.requestDetails(torrent_);
}

void DetailsPane::showEvent(QShowEvent* event) {
    QTabWidget::showEvent(event);
    updateTimer();
    refreshNow();  // what was shown before hiding is stale by now
}

void DetailsPane::hideEvent(QHideEvent* event) {
    QTabWidget::hideEvent(event);
    updateTimer();
}

void DetailsPane::updateTimer() {
    // A hidden pane (collapsed splitter, minimized to tray) costs the engine nothing.
    if (torrent_ != kNoTorrent && isVisible()) {
        if (!timer_.isActive()) timer_.start();
    } else {
        timer_.stop();
    }
}

void DetailsPane::onDetailsReady(const TorrentDetails& details) {
    if (torrent_ == kNoTorrent || details.status.id != torrent_) return;
    for (DetailsTab* tab : tabs_) tab->showDetails(details);
}

}  // namespace shoal::gui
