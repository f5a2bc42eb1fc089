// The Files tab's tree: built from paths, updated in place, aggregates computed bottom-up.
#include "details/file_tree_model.h"

#include <QApplication>
#include <QHash>
#include <QStyle>
#include <algorithm>
#include <functional>

#include "model/format.h"

namespace shoal::gui {

struct FileTreeModel::Node {
    QString name;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    int row = 0;
    int fileIndex = -1;  // -1: a folder
    int position = -1;   // a file's position in the FileEntry list (shape_, fileNodes_)
    std::int64_t size = 0;
    std::int64_t downloaded = 0;
    int priority = static_cast<int>(FilePriority::Normal);
    Qt::CheckState check = Qt::Checked;

    bool isFolder() const { return fileIndex < 0; }
    QString path() const {
        if (parent == nullptr) return {};
        const QString above = parent->path();
        return above.isEmpty() ? name : above + QLatin1Char('/') + name;
    }
    void forEachFile(const std::function<void(Node&)>& fn) {
        if (!isFolder()) {
            fn(*this);
            return;
        }
        for (auto& child : children) child->forEachFile(fn);
    }
};

namespace {
QString priorityName(int priority) {
    switch (priority) {
        case static_cast<int>(FilePriority::Skip):
            return FileTreeModel::tr("Do not download");
        case static_cast<int>(FilePriority::Low):
            return FileTreeModel::tr("Low");
        case static_cast<int>(FilePriority::Normal):
            return FileTreeModel::tr("Normal");
        case static_cast<int>(FilePriority::High):
            return FileTreeModel::tr("High");
        case FileTreeModel::kMixedPriority:
            return FileTreeModel::tr("Mixed");
        default:
            return FileTreeModel::tr("Priority %1").arg(priority);  // libtorrent's 2, 3, 5, 6
    }
}

// "file2" before "file10", case-insensitive otherwise. By hand rather than QCollator: its numeric mode
// needs ICU, and in the C locale (tests, minimal systems) it silently sorts "10" before "2".
bool naturalLess(const QString& a, const QString& b) {
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit()) ++ei;
            while (ej < b.size() && b[ej].isDigit()) ++ej;
            // Compare digit runs by value: strip leading zeros, then longer is bigger, then textually.
            QStringView x = QStringView(a).mid(i, ei - i);
            QStringView y = QStringView(b).mid(j, ej - j);
            while (x.size() > 1 && x.front() == QLatin1Char('0')) x = x.mid(1);
            while (y.size() > 1 && y.front() == QLatin1Char('0')) y = y.mid(1);
            if (x.size() != y.size()) return x.size() < y.size();
            if (const int c = x.compare(y); c != 0) return c < 0;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb) return ca < cb;
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
    return a < b;  // equal but for case or zeros: any fixed order
}

double fraction(std::int64_t done, std::int64_t size) {
    return size > 0 ? static_cast<double>(done) / static_cast<double>(size) : 1.0;
}
}  // namespace

FileTreeModel::FileTreeModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Node>()) {}

FileTreeModel::~FileTreeModel() = default;

FileTreeModel::Node* FileTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

QModelIndex FileTreeModel::indexOf(const Node* node, int column) const {
    if (node == nullptr || node == root_.get()) return {};
    return createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0)) return {};
    const Node* p = nodeOf(parent);
    if (row < 0 || row >= static_cast<int>(p->children.size())) return {};
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    return indexOf(nodeOf(child)->parent, 0);
}

int FileTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int FileTreeModel::columnCount(const QModelIndex& parent) const {
    (void)parent;
    return ColumnCount;
}

QVariant FileTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* n = nodeOf(index);
    switch (role) {
        case ProgressRole:
            return fraction(n->downloaded, n->size);
        case PriorityRole:
            return n->priority;
        case FileIndexRole:
            return n->fileIndex;
        case PathRole:
            return n->path();
        default:
            break;
    }
    switch (index.column()) {
        case Name:
            if (role == Qt::DisplayRole || role == Qt::EditRole) return n->name;
            if (role == Qt::CheckStateRole) return static_cast<int>(n->check);
            if (role == Qt::ToolTipRole) return n->path();
            if (role == Qt::DecorationRole) {
                return QApplication::style()->standardIcon(n->isFolder() ? QStyle::SP_DirIcon
                                                                         : QStyle::SP_FileIcon);
            }
            return {};
        case Size:
            if (role == Qt::DisplayRole) return formatSize(n->size);
            if (role == Qt::TextAlignmentRole) return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Progress:
            if (role == Qt::DisplayRole)
                return QStringLiteral("%1 %").arg(fraction(n->downloaded, n->size) * 100, 0, 'f', 1);
            return {};
        case Priority:
            if (role == Qt::DisplayRole) return priorityName(n->priority);
            if (role == Qt::EditRole) return n->priority;
            return {};
        default:
            return {};
    }
}

Qt::ItemFlags FileTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // Not ItemIsUserTristate: a click on a partly checked folder checks it, it never cycles to "partly".
    if (index.column() == Name) f |= Qt::ItemIsUserCheckable | Qt::ItemIsEditable;
    if (index.column() == Priority) f |= Qt::ItemIsEditable;
    return f;
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name:
            return tr("Name");
        case Size:
            return tr("Size");
        case Progress:
            return tr("Progress");
        case Priority:
            return tr("Priority");
        default:
            return {};
    }
}

bool FileTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid()) return false;
    if (index.column() == Name && role == Qt::CheckStateRole) {
        const bool download = value.toInt() != Qt::Unchecked;
        Node* n = nodeOf(index);
        bool changed = false;
        n->forEachFile([&](Node& f) {
            // Checking keeps a file's Low/High; only skipped files go back to Normal.
            const int wanted = download ? (f.priority == static_cast<int>(FilePriority::Skip)
                                               ? static_cast<int>(FilePriority::Normal)
                                               : f.priority)
                                        : static_cast<int>(FilePriority::Skip);
            if (f.priority == wanted) return;
            f.priority = wanted;
            f.check = download ? Qt::Checked : Qt::Unchecked;
            changed = true;
            Q_EMIT dataChanged(indexOf(&f, 0), indexOf(&f, ColumnCount - 1));
        });
        if (!changed) return false;
        refreshAggregates();
        Q_EMIT prioritiesEdited(priorities());
        return true;
    }
    if (index.column() == Name && role == Qt::EditRole) return rename(index, value.toString());
    if (index.column() == Priority && (role == Qt::EditRole || role == PriorityRole)) {
        bool ok = false;
        const int p = value.toInt(&ok);
        if (!ok || p < 0 || p > static_cast<int>(FilePriority::High)) return false;
        setPriority(index, static_cast<FilePriority>(p));
        return true;
    }
    return false;
}

void FileTreeModel::setPriority(const QModelIndex& index, FilePriority priority) {
    if (!index.isValid()) return;
    const int wanted = static_cast<int>(priority);
    bool changed = false;
    nodeOf(index)->forEachFile([&](Node& f) {
        if (f.priority == wanted) return;
        f.priority = wanted;
        f.check = priority == FilePriority::Skip ? Qt::Unchecked : Qt::Checked;
        changed = true;
        Q_EMIT dataChanged(indexOf(&f, 0), indexOf(&f, ColumnCount - 1));
    });
    if (!changed) return;
    refreshAggregates();
    Q_EMIT prioritiesEdited(priorities());
}

bool FileTreeModel::rename(const QModelIndex& index, const QString& newName) {
    if (!index.isValid()) return false;
    Node* n = nodeOf(index);
    const QString name = newName.trimmed();
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") ||
        name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) || name == n->name)
        return false;
    for (const auto& sibling : n->parent->children) {
        if (sibling.get() != n && sibling->name == name) return false;  // would merge two items
    }
    n->name = name;
    std::vector<std::pair<int, QString>> renames;
    n->forEachFile([&](Node& f) {
        const QString path = f.path();  // already under the new name
        // Keep shape_ in step, so the details that confirm the rename do not rebuild the tree.
        shape_[static_cast<std::size_t>(f.position)].path = path.toStdString();
        renames.emplace_back(f.fileIndex, path);
    });
    const QModelIndex at = indexOf(n, Name);
    Q_EMIT dataChanged(at, at);
    for (const auto& [fileIndex, path] : renames) Q_EMIT renameRequested(fileIndex, path);
    return true;
}

QModelIndex FileTreeModel::indexOfPath(const QString& path) const {
    const Node* n = root_.get();
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const auto it = std::find_if(n->children.begin(), n->children.end(),
                                     [&](const auto& child) { return child->name == part; });
        if (it == n->children.end()) return {};
        n = it->get();
    }
    return indexOf(n, Name);
}

std::vector<FilePriority> FileTreeModel::priorities() const {
    int last = -1;
    for (const Node* f : fileNodes_) last = std::max(last, f->fileIndex);
    std::vector<FilePriority> out(static_cast<std::size_t>(last + 1), FilePriority::Skip);
    for (const Node* f : fileNodes_)
        out[static_cast<std::size_t>(f->fileIndex)] = static_cast<FilePriority>(f->priority);
    return out;
}

bool FileTreeModel::setFiles(const std::vector<FileEntry>& files) {
    const bool sameShape = std::equal(files.begin(), files.end(), shape_.begin(), shape_.end(),
                                      [](const FileEntry& a, const FileEntry& b) {
                                          return a.index == b.index && a.path == b.path && a.size == b.size;
                                      });
    if (!sameShape) {
        beginResetModel();
        build(files);
        endResetModel();
        return true;
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        Node* f = fileNodes_[i];
        const int priority = static_cast<int>(files[i].priority);
        if (f->downloaded == files[i].downloaded && f->priority == priority) continue;
        f->downloaded = files[i].downloaded;
        f->priority = priority;
        f->check = files[i].priority == FilePriority::Skip ? Qt::Unchecked : Qt::Checked;
        Q_EMIT dataChanged(indexOf(f, 0), indexOf(f, ColumnCount - 1));
    }
    refreshAggregates();
    return false;
}

void FileTreeModel::clear() {
    if (shape_.empty() && root_->children.empty()) return;
    beginResetModel();
    build({});
    endResetModel();
}

void FileTreeModel::build(const std::vector<FileEntry>& files) {
    root_ = std::make_unique<Node>();
    fileNodes_.clear();
    shape_.clear();
    QHash<Node*, QHash<QString, Node*>> folders;  // folder -> its subfolders by name, while building
    for (std::size_t i = 0; i < files.size(); ++i) {
        const FileEntry& entry = files[i];
        QStringList parts = QString::fromStdString(entry.path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty()) parts << QString::number(entry.index);
        Node* at = root_.get();
        for (qsizetype p = 0; p + 1 < parts.size(); ++p) {
            Node*& folder = folders[at][parts[p]];
            if (folder == nullptr) {
                auto node = std::make_unique<Node>();
                node->name = parts[p];
                node->parent = at;
                folder = node.get();
                at->children.push_back(std::move(node));
            }
            at = folder;
        }
        auto file = std::make_unique<Node>();
        file->name = parts.back();
        file->parent = at;
        file->fileIndex = entry.index;
        file->position = static_cast<int>(i);
        file->size = entry.size;
        file->downloaded = entry.downloaded;
        file->priority = static_cast<int>(entry.priority);
        file->check = entry.priority == FilePriority::Skip ? Qt::Unchecked : Qt::Checked;
        fileNodes_.push_back(file.get());
        at->children.push_back(std::move(file));
        FileEntry shape;
        shape.index = entry.index;
        shape.path = entry.path;
        shape.size = entry.size;
        shape_.push_back(std::move(shape));
    }
    // Folders first, then names in the order a person expects ("file2" before "file10").
    std::function<void(Node&)> sortTree = [&](Node& node) {
        std::stable_sort(node.children.begin(), node.children.end(), [&](const auto& a, const auto& b) {
            if (a->isFolder() != b->isFolder()) return a->isFolder();
            return naturalLess(a->name, b->name);
        });
        for (std::size_t r = 0; r < node.children.size(); ++r) {
            node.children[r]->row = static_cast<int>(r);
            sortTree(*node.children[r]);
        }
    };
    sortTree(*root_);
    refreshAggregates();  // inside the reset: the signals it sends name no index yet seen by a view
}

void FileTreeModel::refreshAggregates() {
    std::function<void(Node&)> visit = [&](Node& node) {
        if (!node.isFolder()) return;
        std::int64_t size = 0;
        std::int64_t downloaded = 0;
        int priority = 0;
        int checked = 0;
        int unchecked = 0;
        bool first = true;
        for (auto& child : node.children) {
            visit(*child);
            size += child->size;
            downloaded += child->downloaded;
            priority = first ? child->priority : (priority == child->priority ? priority : kMixedPriority);
            first = false;
            if (child->check == Qt::Checked)
                ++checked;
            else if (child->check == Qt::Unchecked)
                ++unchecked;
        }
        const int total = static_cast<int>(node.children.size());
        const Qt::CheckState check = checked == total     ? Qt::Checked
                                     : unchecked == total ? Qt::Unchecked
                                                          : Qt::PartiallyChecked;
        if (first) priority = static_cast<int>(FilePriority::Normal);  // an empty folder (the root of none)
        if (size == node.size && downloaded == node.downloaded && priority == node.priority &&
            check == node.check)
            return;
        node.size = size;
        node.downloaded = downloaded;
        node.priority = priority;
        node.check = check;
        if (&node != root_.get()) Q_EMIT dataChanged(indexOf(&node, 0), indexOf(&node, ColumnCount - 1));
    };
    visit(*root_);
}

}  // namespace shoal::gui
