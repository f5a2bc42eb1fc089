// Sorting and filtering over TorrentTableModel: a search text (name, case-insensitive, every word must
// match), a state group, a category, a tag and a tracker host, as the sidebar and the search box set them.
//
// Threads: GUI thread only.
#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QTimer>
#include <optional>

#include "shoal/status.h"

namespace shoal::gui {

enum class StateFilter { All, Downloading, Seeding, Completed, Paused, Active, Inactive, Checking, Errored };

// True if `s` belongs to `filter` (the sidebar counts use the same rule as the filter).
bool matchesState(const TorrentStatus& s, StateFilter filter);
// "tracker.example.org" from an announce URL; empty for no tracker.
QString trackerHost(const std::string& url);

class TorrentFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TorrentFilterModel(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    void setStateFilter(StateFilter filter);
    // nullopt: any; an empty string: "uncategorized" / "untagged" / "trackerless".
    void setCategoryFilter(std::optional<QString> category);
    void setTagFilter(std::optional<QString> tag);
    void setTrackerFilter(std::optional<QString> host);

    StateFilter stateFilter() const { return state_; }

    // Lists longer than this are not re-sorted and re-filtered on every tick: with 10,000 rows the
    // proxy's per-change re-sort cost 8 ms a tick (bench/gui.sh). They are re-sorted at most once per
    // resortIntervalMs instead, so a row may sit in its old place (or filter group) for up to that long.
    static constexpr int kLargeList = 2000;
    static constexpr int resortIntervalMs = 1000;
    bool deferredResort() const { return !dynamicSortFilter(); }
    void setSourceModel(QAbstractItemModel* model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList words_;
    StateFilter state_ = StateFilter::All;
    std::optional<QString> category_, tag_, tracker_;
    QTimer resortTimer_;
};

}  // namespace shoal::gui
