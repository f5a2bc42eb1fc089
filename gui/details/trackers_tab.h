// The Trackers tab: the torrent's trackers with their status, last message, scrape counts and next
// announce, updated in place (keyed by URL) so selection survives a refresh. Add, edit, remove and copy
// from buttons or the context menu. Adding goes through Session::addTrackers; editing and removing send
// the whole new list through Session::replaceTrackers (libtorrent has no "remove one tracker").
//
// Threads: GUI thread only. The dialogs are non-modal (open(), not exec()), so nothing blocks.
#pragma once

#include <QStringList>

#include "details/details_tab.h"

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shoal::gui {

class SessionBridge;

class TrackersTab : public DetailsTab {
    Q_OBJECT

public:
    enum Column { Url, Tier, Status, Message, Seeds, Peers, NextAnnounce, ColumnCount };

    explicit TrackersTab(SessionBridge& bridge, QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    // The URLs shown, in the session's order (tier, then position).
    QStringList urls() const;
    QStringList selectedUrls() const;
    QTreeWidget* view() const { return view_; }

    // What the buttons do once the user has typed; tests call these instead of driving a dialog.
    // `text` may hold several URLs, one per line; blank lines and known URLs are skipped.
    void addTrackers(const QString& text);
    void editTracker(const QString& oldUrl, const QString& newUrl);
    void removeTrackers(const QStringList& urls);

private:
    void promptAdd();
    void promptEdit();
    void copySelected();
    void showContextMenu(const QPoint& pos);
    void updateButtons();
    void replaceAll(const QStringList& urls, const QString& what);

    SessionBridge& bridge_;
    TorrentId torrent_ = kNoTorrent;
    QTreeWidget* view_;
    QPushButton* addButton_;
    QPushButton* editButton_;
    QPushButton* removeButton_;
    QPushButton* copyButton_;
};

}  // namespace shoal::gui
