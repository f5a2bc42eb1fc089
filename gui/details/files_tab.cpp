// The Files tab: tree view over FileTreeModel, its delegates, context menu and commands.
#include "details/files_tab.h"

#include <QHeaderView>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>
#include <functional>

#include "app/session_bridge.h"
#include "details/file_priority_delegate.h"
#include "details/file_tree_model.h"
#include "details/progress_delegate.h"

namespace shoal::gui {

namespace {
// Opening every folder of a huge torrent costs more than it shows; past this only the top level opens.
constexpr int kExpandAllLimit = 500;
}  // namespace

FilesTab::FilesTab(SessionBridge& bridge, QWidget* parent)
    : DetailsTab(parent), bridge_(bridge), model_(new FileTreeModel(this)), view_(new QTreeView) {
    view_->setObjectName(QStringLiteral("filesView"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setItemDelegateForColumn(FileTreeModel::Progress,
                                    new ProgressDelegate(FileTreeModel::ProgressRole, view_));
    view_->setItemDelegateForColumn(FileTreeModel::Priority, new FilePriorityDelegate(view_));
    view_->header()->resizeSection(FileTreeModel::Name, 360);
    view_->header()->resizeSection(FileTreeModel::Progress, 140);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);

    connect(view_, &QWidget::customContextMenuRequested, this, &FilesTab::showContextMenu);
    connect(model_, &FileTreeModel::prioritiesEdited, this, &FilesTab::sendPriorities);
    connect(model_, &FileTreeModel::renameRequested, this, &FilesTab::sendRename);
    connect(model_, &QAbstractItemModel::modelAboutToBeReset, this, &FilesTab::rememberExpansion);
    connect(model_, &QAbstractItemModel::modelReset, this, &FilesTab::restoreExpansion);
}

void FilesTab::setTorrent(TorrentId id) {
    torrent_ = id;
    firstBuild_ = true;
    model_->clear();
    expanded_.clear();
    currentPath_.clear();
}

void FilesTab::showDetails(const TorrentDetails& details) { model_->setFiles(details.files); }

void FilesTab::sendPriorities(const std::vector<FilePriority>& priorities) {
    if (torrent_ == kNoTorrent || priorities.empty()) return;
    const TorrentId id = torrent_;
    runCommand(bridge_, tr("File priorities"),
               [id, priorities](Session& s) { return s.setFilePriorities(id, priorities); });
}

void FilesTab::sendRename(int fileIndex, const QString& newPath) {
    if (torrent_ == kNoTorrent) return;
    const TorrentId id = torrent_;
    runCommand(bridge_, tr("Rename"), [id, fileIndex, path = newPath.toStdString()](Session& s) {
        return s.renameFile(id, fileIndex, path);
    });
}

void FilesTab::setSelectedPriority(FilePriority priority) {
    // One command for the whole selection: setPriority() per row would send one vector each.
    const QModelIndexList rows = view_->selectionModel()->selectedRows(FileTreeModel::Name);
    QSignalBlocker block(model_);
    std::vector<FilePriority> before = model_->priorities();
    for (const QModelIndex& row : rows) model_->setPriority(row, priority);
    block.unblock();
    const std::vector<FilePriority> after = model_->priorities();
    if (after != before) {
        // The view missed the blocked dataChanged signals: repaint what may have changed.
        view_->viewport()->update();
        sendPriorities(after);
    }
}

void FilesTab::showContextMenu(const QPoint& pos) {
    const QModelIndex at = view_->indexAt(pos);
    if (!at.isValid()) return;
    QMenu menu(this);
    const bool single = view_->selectionModel()->selectedRows().size() == 1;
    menu.addAction(tr("Rename…"), this, [this, at] { view_->edit(at.siblingAtColumn(FileTreeModel::Name)); })
        ->setEnabled(single);
    QMenu* priority = menu.addMenu(tr("Priority"));
    priority->addAction(tr("Do not download"), this, [this] { setSelectedPriority(FilePriority::Skip); });
    priority->addAction(tr("Low"), this, [this] { setSelectedPriority(FilePriority::Low); });
    priority->addAction(tr("Normal"), this, [this] { setSelectedPriority(FilePriority::Normal); });
    priority->addAction(tr("High"), this, [this] { setSelectedPriority(FilePriority::High); });
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

void FilesTab::rememberExpansion() {
    expanded_.clear();
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < model_->rowCount(parent); ++r) {
            const QModelIndex child = model_->index(r, 0, parent);
            if (model_->rowCount(child) == 0) continue;
            if (view_->isExpanded(child)) expanded_.insert(child.data(FileTreeModel::PathRole).toString());
            walk(child);
        }
    };
    walk({});
    currentPath_ = view_->currentIndex().data(FileTreeModel::PathRole).toString();
}

void FilesTab::restoreExpansion() {
    // A rebuild (a rename, metadata arriving) should not fold up the tree the user had open.
    if (model_->rowCount() == 0) return;
    if (firstBuild_) {
        firstBuild_ = false;
        if (model_->priorities().size() <= static_cast<std::size_t>(kExpandAllLimit)) {
            view_->expandAll();
        } else {
            view_->expandToDepth(0);
        }
        return;
    }
    for (const QString& path : std::as_const(expanded_)) view_->expand(model_->indexOfPath(path));
    const QModelIndex current = model_->indexOfPath(currentPath_);
    if (current.isValid()) view_->setCurrentIndex(current);
}

}  // namespace shoal::gui
