// Builds the folder hierarchy from the files' paths and reads the ticks back as priorities.
#include "dialogs/file_selection_tree.h"

#include <QHeaderView>
#include <QSignalBlocker>
#include <QStyle>

#include "model/format.h"

namespace shoal::gui {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;  // file index on file items; -1 on folders
}

FileSelectionTree::FileSelectionTree(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(2);
    setHeaderLabels({tr("Name"), tr("Size")});
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(false);
    setUniformRowHeights(true);
    // Folder ticks follow their children (Qt::ItemIsAutoTristate), so only file ticks change the
    // selection; one signal per user click is enough for the size line.
    connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
        if (column == 0) Q_EMIT selectionChanged();
    });
}

QTreeWidgetItem* FileSelectionTree::folderItem(const QString& folderPath) {
    if (folderPath.isEmpty()) return invisibleRootItem();
    if (auto it = folders_.find(folderPath); it != folders_.end()) return it.value();
    const int slash = folderPath.lastIndexOf(QLatin1Char('/'));
    QTreeWidgetItem* parent = folderItem(slash < 0 ? QString() : folderPath.left(slash));
    auto* item = new QTreeWidgetItem(parent, {folderPath.mid(slash + 1)});
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
    item->setData(0, kIndexRole, -1);
    item->setCheckState(0, Qt::Checked);
    item->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
    folders_.insert(folderPath, item);
    return item;
}

void FileSelectionTree::setFiles(const std::vector<FileEntry>& files) {
    QSignalBlocker blocker(this);  // one selectionChanged() at the end, not one per item
    clear();
    folders_.clear();
    std::int64_t maxIndex = -1;
    for (const FileEntry& f : files) maxIndex = std::max<std::int64_t>(maxIndex, f.index);
    // Indexes come from the torrent and may have gaps where pad files were left out.
    fileItems_.assign(static_cast<std::size_t>(maxIndex + 1), nullptr);
    fileSizes_.assign(fileItems_.size(), 0);
    for (const FileEntry& f : files) {
        const QString path = QString::fromStdString(f.path);
        const int slash = path.lastIndexOf(QLatin1Char('/'));
        QTreeWidgetItem* parent = folderItem(slash < 0 ? QString() : path.left(slash));
        auto* item = new QTreeWidgetItem(parent, {path.mid(slash + 1), formatSize(f.size)});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setData(0, kIndexRole, f.index);
        item->setData(1, Qt::TextAlignmentRole, QVariant(Qt::AlignRight | Qt::AlignVCenter));
        item->setCheckState(0, Qt::Checked);
        item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
        fileItems_[static_cast<std::size_t>(f.index)] = item;
        fileSizes_[static_cast<std::size_t>(f.index)] = f.size;
    }
    // Folder sizes: each file adds its size to every folder above it.
    QHash<QTreeWidgetItem*, std::int64_t> folderSizes;
    for (std::size_t i = 0; i < fileItems_.size(); ++i) {
        if (fileItems_[i] == nullptr) continue;
        for (QTreeWidgetItem* p = fileItems_[i]->parent(); p != nullptr; p = p->parent())
            folderSizes[p] += fileSizes_[i];
    }
    for (auto it = folderSizes.cbegin(); it != folderSizes.cend(); ++it) {
        it.key()->setText(1, formatSize(it.value()));
        it.key()->setData(1, Qt::TextAlignmentRole, QVariant(Qt::AlignRight | Qt::AlignVCenter));
    }
    folders_.clear();
    expandToDepth(0);
    blocker.unblock();
    Q_EMIT selectionChanged();
}

bool FileSelectionTree::setFileChecked(int fileIndex, bool checked) {
    if (fileIndex < 0 || fileIndex >= static_cast<int>(fileItems_.size())) return false;
    QTreeWidgetItem* item = fileItems_[static_cast<std::size_t>(fileIndex)];
    if (item == nullptr) return false;
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

void FileSelectionTree::setAllChecked(bool checked) {
    for (int i = 0; i < topLevelItemCount(); ++i)
        topLevelItem(i)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
}

std::vector<FilePriority> FileSelectionTree::priorities() const {
    std::vector<FilePriority> result(fileItems_.size(), FilePriority::Normal);
    for (std::size_t i = 0; i < fileItems_.size(); ++i) {
        if (fileItems_[i] != nullptr && fileItems_[i]->checkState(0) == Qt::Unchecked)
            result[i] = FilePriority::Skip;
    }
    return result;
}

std::int64_t FileSelectionTree::selectedSize() const {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < fileItems_.size(); ++i) {
        if (fileItems_[i] != nullptr && fileItems_[i]->checkState(0) != Qt::Unchecked) total += fileSizes_[i];
    }
    return total;
}

}  // namespace shoal::gui
