// The Files tab: the torrent's file tree with progress bars, download check boxes, a priority combo and
// rename (F2 or the context menu). Edits go to the session as whole commands: the full priority vector
// through Session::setFilePriorities, a rename through Session::renameFile.
//
// Threads: GUI thread only.
#pragma once

#include <QSet>
#include <QString>
#include <vector>

#include "details/details_tab.h"

class QTreeView;

namespace shoal::gui {

class FileTreeModel;
class SessionBridge;

class FilesTab : public DetailsTab {
    Q_OBJECT

public:
    explicit FilesTab(SessionBridge& bridge, QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    FileTreeModel* model() const { return model_; }
    QTreeView* view() const { return view_; }

private:
    void sendPriorities(const std::vector<FilePriority>& priorities);
    void sendRename(int fileIndex, const QString& newPath);
    void setSelectedPriority(FilePriority priority);
    void showContextMenu(const QPoint& pos);
    void rememberExpansion();
    void restoreExpansion();

    SessionBridge& bridge_;
    TorrentId torrent_ = kNoTorrent;
    FileTreeModel* model_;
    QTreeView* view_;
    bool firstBuild_ = true;  // a new torrent's tree opens expanded
    QSet<QString> expanded_;  // folder paths open before a rebuild
    QString currentPath_;     // the current item before a rebuild
};

}  // namespace shoal::gui
