// TorrentTableModel: snapshots in a vector, an id -> row index, and signals for exactly what changed.
#include "model/torrent_table_model.h"

#include <QStringList>
#include <algorithm>

#include "model/format.h"

namespace shoal::gui {

namespace {

QString joinTags(const std::vector<std::string>& tags) {
    QStringList list;
    for (const auto& t : tags) list << QString::fromStdString(t);
    return list.join(QStringLiteral(", "));
}

// Emits `emitRange(first, last)` for each run of consecutive rows in sorted `rows`.
template <class F>
void forEachRange(std::vector<int>& rows, F emitRange) {
    std::sort(rows.begin(), rows.end());
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
        emitRange(rows[i], rows[j]);
        i = j + 1;
    }
}

constexpr int kMaxSeparateRanges = 16;

}  // namespace

TorrentTableModel::TorrentTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int TorrentTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TorrentTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TorrentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name: return tr("Name");
        case Size: return tr("Size");
        case Progress: return tr("Progress");
        case State: return tr("Status");
        case DownRate: return tr("Down Speed");
        case UpRate: return tr("Up Speed");
        case Eta: return tr("ETA");
        case Ratio: return tr("Ratio");
        case Seeds: return tr("Seeds");
        case Peers: return tr("Peers");
        case Added: return tr("Added On");
        case Category: return tr("Category");
        case Tags: return tr("Tags");
        case QueuePosition: return tr("#");
        case Uploaded: return tr("Uploaded");
        case SavePath: return tr("Save Path");
        default: return {};
    }
}

QVariant TorrentTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
    const TorrentStatus& s = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole: return display(s, index.column());
        case SortRole: return sortValue(s, index.column());
        case IdRole: return QVariant::fromValue<qlonglong>(s.id);
        case ProgressRole: return s.progress;
        case StateRole: return static_cast<int>(s.state);
        case Qt::ToolTipRole:
            if (index.column() == Name) return QString::fromStdString(s.error.empty() ? s.name : s.error);
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() == Name || index.column() == State || index.column() == Category ||
                index.column() == Tags || index.column() == SavePath)
                return {};
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
    }
}

QVariant TorrentTableModel::display(const TorrentStatus& s, int column) const {
    switch (column) {
        case Name: return QString::fromStdString(s.name);
        case Size: return s.hasMetadata ? formatSize(s.totalWanted) : QString();
        case Progress: return QStringLiteral("%1%").arg(s.progress * 100, 0, 'f', 1);
        case State: return stateName(s.state);
        case DownRate: return formatRate(s.downloadRate);
        case UpRate: return formatRate(s.uploadRate);
        case Eta: return s.etaSeconds >= 0 ? formatDuration(s.etaSeconds) : QString();
        case Ratio: return formatRatio(s.ratio);
        case Seeds:
            return s.swarmSeeds >= 0 ? QStringLiteral("%1 (%2)").arg(s.seeds).arg(s.swarmSeeds) : QString::number(s.seeds);
        case Peers: {
            const int leechers = s.peers - s.seeds;
            return s.swarmPeers >= 0 ? QStringLiteral("%1 (%2)").arg(leechers).arg(s.swarmPeers)
                                     : QString::number(leechers);
        }
        case Added: return formatDateTime(s.addedTime);
        case Category: return QString::fromStdString(s.category);
        case Tags: return joinTags(s.tags);
        case QueuePosition: return s.queuePosition >= 0 ? QString::number(s.queuePosition + 1) : QStringLiteral("*");
        case Uploaded: return formatSize(s.allTimeUploaded);
        case SavePath: return QString::fromStdString(s.savePath);
        default: return {};
    }
}

QVariant TorrentTableModel::sortValue(const TorrentStatus& s, int column) const {
    switch (column) {
        case Name: return QString::fromStdString(s.name);
        case Size: return QVariant::fromValue<qlonglong>(s.totalWanted);
        case Progress: return s.progress;
        case State: return static_cast<int>(s.state);
        case DownRate: return s.downloadRate;
        case UpRate: return s.uploadRate;
        // Unknown ETAs sort after every known one.
        case Eta: return QVariant::fromValue<qlonglong>(s.etaSeconds >= 0 ? s.etaSeconds : INT64_MAX);
        case Ratio: return s.ratio;
        case Seeds: return s.seeds;
        case Peers: return s.peers - s.seeds;
        case Added: return QVariant::fromValue<qlonglong>(s.addedTime);
        case Category: return QString::fromStdString(s.category);
        case Tags: return joinTags(s.tags);
        case QueuePosition: return s.queuePosition >= 0 ? s.queuePosition : INT32_MAX;
        case Uploaded: return QVariant::fromValue<qlonglong>(s.allTimeUploaded);
        case SavePath: return QString::fromStdString(s.savePath);
        default: return {};
    }
}

void TorrentTableModel::updateStatuses(const std::vector<TorrentStatus>& statuses) {
    std::vector<int> changedRows;
    std::vector<const TorrentStatus*> fresh;
    for (const TorrentStatus& s : statuses) {
        auto it = rowById_.constFind(s.id);
        if (it == rowById_.constEnd()) {
            fresh.push_back(&s);
            continue;
        }
        TorrentStatus& row = rows_[static_cast<std::size_t>(*it)];
        if (row == s) continue;
        row = s;
        changedRows.push_back(*it);
    }
    // A few runs are signalled one by one. Many scattered rows (hundreds per tick with thousands of
    // torrents) go as one span: the sort proxy re-sorts once per signal, which cost more than
    // re-reading the rows in between (see bench/gui.sh).
    std::sort(changedRows.begin(), changedRows.end());
    int runs = 0;
    for (std::size_t i = 0; i < changedRows.size(); ++i) runs += i == 0 || changedRows[i] != changedRows[i - 1] + 1;
    if (runs > kMaxSeparateRanges) {
        Q_EMIT dataChanged(index(changedRows.front(), 0), index(changedRows.back(), ColumnCount - 1));
    } else {
        forEachRange(changedRows, [this](int first, int last) {
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        });
    }
    if (!fresh.empty()) {
        // The same id twice in one batch (an Added and a Changed) must not make two rows.
        std::vector<const TorrentStatus*> unique;
        QHash<TorrentId, int> seen;
        for (const TorrentStatus* s : fresh) {
            auto it = seen.find(s->id);
            if (it == seen.end()) {
                seen.insert(s->id, static_cast<int>(unique.size()));
                unique.push_back(s);
            } else {
                unique[static_cast<std::size_t>(*it)] = s;  // the later snapshot wins
            }
        }
        const int first = static_cast<int>(rows_.size());
        beginInsertRows({}, first, first + static_cast<int>(unique.size()) - 1);
        for (const TorrentStatus* s : unique) {
            rowById_.insert(s->id, static_cast<int>(rows_.size()));
            rows_.push_back(*s);
        }
        endInsertRows();
    }
    if (!changedRows.empty() || !fresh.empty()) Q_EMIT contentsUpdated();
}

void TorrentTableModel::removeTorrents(const std::vector<TorrentId>& ids) {
    std::vector<int> doomed;
    for (TorrentId id : ids) {
        if (auto it = rowById_.constFind(id); it != rowById_.constEnd()) doomed.push_back(*it);
    }
    if (doomed.empty()) return;
    std::sort(doomed.begin(), doomed.end());
    doomed.erase(std::unique(doomed.begin(), doomed.end()), doomed.end());
    // Remove from the bottom up so that earlier row numbers stay valid.
    for (std::size_t end = doomed.size(); end > 0;) {
        std::size_t start = end - 1;
        while (start > 0 && doomed[start - 1] == doomed[start] - 1) --start;
        const int first = doomed[start], last = doomed[end - 1];
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r) rowById_.remove(rows_[static_cast<std::size_t>(r)].id);
        rows_.erase(rows_.begin() + first, rows_.begin() + last + 1);
        endRemoveRows();
        end = start;
    }
    for (int r = doomed.front(); r < static_cast<int>(rows_.size()); ++r)
        rowById_[rows_[static_cast<std::size_t>(r)].id] = r;
    Q_EMIT contentsUpdated();
}

void TorrentTableModel::clear() {
    if (rows_.empty()) return;
    beginResetModel();
    rows_.clear();
    rowById_.clear();
    endResetModel();
    Q_EMIT contentsUpdated();
}

}  // namespace shoal::gui
