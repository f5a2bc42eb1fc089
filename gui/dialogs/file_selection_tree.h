// A tree of a torrent's files with a checkbox each (folders tri-state): what the add dialog shows to pick
// which files to download. Unticked files become FilePriority::Skip, ticked ones Normal.
//
// Threads: GUI thread only.
#pragma once

#include <QHash>
#include <QTreeWidget>
#include <cstdint>
#include <vector>

#include "shoal/status.h"

namespace shoal::gui {

class FileSelectionTree : public QTreeWidget {
    Q_OBJECT

public:
    explicit FileSelectionTree(QWidget* parent = nullptr);

    // Replaces the tree with `files` (paths '/'-separated, relative to the save path), all ticked.
    void setFiles(const std::vector<FileEntry>& files);
    int fileCount() const { return static_cast<int>(fileItems_.size()); }
    // Ticks or unticks one file by its index in the torrent; false if there is no such file.
    bool setFileChecked(int fileIndex, bool checked);
    void setAllChecked(bool checked);
    // One priority per file index: Normal for ticked files, Skip for the others.
    std::vector<FilePriority> priorities() const;
    std::int64_t selectedSize() const;

Q_SIGNALS:
    // The set of ticked files changed (the dialog updates its "selected size" line).
    void selectionChanged();

private:
    QTreeWidgetItem* folderItem(const QString& folderPath);

    std::vector<QTreeWidgetItem*> fileItems_;  // by file index; owned by the tree
    std::vector<std::int64_t> fileSizes_;
    QHash<QString, QTreeWidgetItem*> folders_;  // "a/b" -> its item, while building
};

}  // namespace shoal::gui
