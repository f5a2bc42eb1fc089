// The one interface every tab of the details pane implements: the pane owns the timer and the bridge
// request, and hands each tab the same snapshot, so no tab polls the session on its own.
//
// Threads: GUI thread only.
#pragma once

#include <QWidget>
#include <functional>

#include "shoal/status.h"
#include "shoal/types.h"

namespace shoal {
class Session;
}

namespace shoal::gui {

class SessionBridge;

class DetailsTab : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    // A new torrent was selected (or kNoTorrent): forget everything shown for the previous one.
    virtual void setTorrent(TorrentId id) = 0;
    // A fresh snapshot of the torrent last passed to setTorrent().
    virtual void showDetails(const TorrentDetails& details) = 0;

Q_SIGNALS:
    // The tab sent the session a command that changes what it shows (rename, priorities, trackers):
    // the pane asks for fresh details at once instead of waiting for its next tick.
    void changeRequested();

protected:
    // Runs `command` on the bridge's pool; once the session has accepted it, changeRequested() is
    // emitted on the GUI thread (if this tab still exists). Failures reach the user through the
    // bridge's commandFailed(what, message), like every other command.
    void runCommand(SessionBridge& bridge, const QString& what,
                    std::function<Result<void>(Session&)> command);
};

}  // namespace shoal::gui
