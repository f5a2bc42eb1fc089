// TorrentFilterModel: the filter rules, applied to the source model's snapshots directly (no strings).
#include "model/torrent_filter_model.h"

#include <QUrl>

#include "model/torrent_table_model.h"

namespace shoal::gui {

bool matchesState(const TorrentStatus& s, StateFilter filter) {
    using S = TorrentState;
    switch (filter) {
        case StateFilter::All: return true;
        case StateFilter::Downloading:
            return s.state == S::Downloading || s.state == S::DownloadingMetadata || s.state == S::QueuedForDownload;
        case StateFilter::Seeding: return s.state == S::Seeding || s.state == S::QueuedForSeed;
        case StateFilter::Completed: return s.progress >= 1.0 && s.hasMetadata;
        case StateFilter::Paused: return s.state == S::Stopped || s.state == S::Completed;
        case StateFilter::Active: return s.downloadRate > 0 || s.uploadRate > 0;
        case StateFilter::Inactive: return s.downloadRate == 0 && s.uploadRate == 0;
        case StateFilter::Checking: return s.state == S::Checking || s.state == S::QueuedForCheck;
        case StateFilter::Errored: return s.state == S::Errored;
    }
    return true;
}

QString trackerHost(const std::string& url) {
    if (url.empty()) return {};
    const QUrl parsed(QString::fromStdString(url));
    return parsed.host().isEmpty() ? QString::fromStdString(url) : parsed.host();
}

TorrentFilterModel::TorrentFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(TorrentTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
    resortTimer_.setSingleShot(true);
    resortTimer_.setInterval(resortIntervalMs);
    connect(&resortTimer_, &QTimer::timeout, this, [this] { invalidate(); });
}

void TorrentFilterModel::setSourceModel(QAbstractItemModel* model) {
    QSortFilterProxyModel::setSourceModel(model);
    auto* table = qobject_cast<TorrentTableModel*>(model);
    if (table == nullptr) return;
    connect(table, &TorrentTableModel::contentsUpdated, this, [this, table] {
        const bool large = table->rowCount() > kLargeList;
        if (large && dynamicSortFilter()) setDynamicSortFilter(false);
        if (!large && !dynamicSortFilter()) setDynamicSortFilter(true);  // re-sorts now
        if (large && !resortTimer_.isActive()) resortTimer_.start();
    });
}

void TorrentFilterModel::setSearchText(const QString& text) {
    words_ = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void TorrentFilterModel::setStateFilter(StateFilter filter) {
    state_ = filter;
    invalidateRowsFilter();
}

void TorrentFilterModel::setCategoryFilter(std::optional<QString> category) {
    category_ = std::move(category);
    invalidateRowsFilter();
}

void TorrentFilterModel::setTagFilter(std::optional<QString> tag) {
    tag_ = std::move(tag);
    invalidateRowsFilter();
}

void TorrentFilterModel::setTrackerFilter(std::optional<QString> host) {
    tracker_ = std::move(host);
    invalidateRowsFilter();
}

bool TorrentFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const auto* model = static_cast<const TorrentTableModel*>(sourceModel());
    const TorrentStatus& s = model->statusAt(sourceRow);
    if (!matchesState(s, state_)) return false;
    if (category_ && QString::fromStdString(s.category) != *category_) return false;
    if (tag_) {
        bool found = false;
        for (const auto& t : s.tags) found = found || QString::fromStdString(t) == *tag_;
        if (tag_->isEmpty() ? !s.tags.empty() : !found) return false;
    }
    if (tracker_ && trackerHost(s.tracker) != *tracker_) return false;
    if (!words_.isEmpty()) {
        const QString name = QString::fromStdString(s.name);
        for (const QString& w : words_) {
            if (!name.contains(w, Qt::CaseInsensitive)) return false;
        }
    }
    return true;
}

}  // namespace shoal::gui
