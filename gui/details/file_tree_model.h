// A torrent's files as a tree built from their '/'-separated paths: name, size, progress and priority,
// with a check box per item (tri-state for folders) meaning "download" (any priority but Skip) or
// "skip". A refresh with the same file list updates sizes, progress and priorities in place
// (dataChanged); only a different list (another torrent, metadata arrived, a rename) rebuilds the tree.
//
// Edits do not talk to the session: a priority or check change updates the model and emits
// prioritiesEdited() with the whole vector; a rename emits renameRequested() per file. The Files tab
// sends those on. Threads: GUI thread only.
#pragma once

#include <QAbstractItemModel>
#include <memory>
#include <vector>

#include "shoal/status.h"

namespace shoal::gui {

class FileTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { Name, Size, Progress, Priority, ColumnCount };
    enum Role {
        ProgressRole = Qt::UserRole + 1,  // double 0..1
        PriorityRole,                     // int(FilePriority), or kMixedPriority for a mixed folder
        FileIndexRole,                    // the torrent's file index, -1 for a folder
        PathRole,                         // relative path of the item ("a/b" for a folder)
    };
    static constexpr int kMixedPriority = -1;

    explicit FileTreeModel(QObject* parent = nullptr);
    ~FileTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Shows `files`; returns true if the tree was rebuilt (the list of paths changed).
    bool setFiles(const std::vector<FileEntry>& files);
    void clear();

    // One priority per file index, 0..max index; gaps (pad files) are Skip, which libtorrent ignores.
    std::vector<FilePriority> priorities() const;
    // Sets every file under `index` (or the file itself) to `priority`; emits prioritiesEdited().
    void setPriority(const QModelIndex& index, FilePriority priority);
    // Renames the item at `index` to `newName` (one path component); emits renameRequested() for each
    // file whose path changes. False if the name is not acceptable.
    bool rename(const QModelIndex& index, const QString& newName);
    // The index of the item with this relative path ("a/b/c.bin"), invalid if none.
    QModelIndex indexOfPath(const QString& path) const;

Q_SIGNALS:
    void prioritiesEdited(const std::vector<shoal::FilePriority>& priorities);
    void renameRequested(int fileIndex, const QString& newPath);

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column) const;
    void build(const std::vector<FileEntry>& files);
    // Recomputes folder sizes, progress, priority and check state bottom-up; emits dataChanged for
    // every node whose values moved.
    void refreshAggregates();

    std::unique_ptr<Node> root_;
    std::vector<Node*> fileNodes_;  // by position in the last FileEntry list
    std::vector<FileEntry> shape_;  // index, path, size of the last list: what decides a rebuild
};

}  // namespace shoal::gui
