// Sidebar: counting torrents per state group, category, tag and tracker host, and turning a click into
// the filter model's settings.
#include "widgets/sidebar.h"

#include <QHeaderView>

#include "model/torrent_table_model.h"

namespace shoal::gui {

namespace {

enum ItemRole { KindRole = Qt::UserRole + 1, KeyRole, LabelRole };
enum Kind { StateKind = 1, CategoryKind, TagKind, TrackerKind };

struct StateEntry {
    StateFilter filter;
    const char* label;
};
const StateEntry kStates[] = {
    {StateFilter::All, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "All")},
    {StateFilter::Downloading, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Downloading")},
    {StateFilter::Seeding, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Seeding")},
    {StateFilter::Completed, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Completed")},
    {StateFilter::Paused, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Paused")},
    {StateFilter::Active, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Active")},
    {StateFilter::Inactive, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Inactive")},
    {StateFilter::Checking, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Checking")},
    {StateFilter::Errored, QT_TRANSLATE_NOOP("shoal::gui::Sidebar", "Errored")},
};

void setLabel(QTreeWidgetItem* item, const QString& label, int count) {
    item->setData(0, LabelRole, label);
    item->setText(0, QStringLiteral("%1 (%2)").arg(label).arg(count));
}

}  // namespace

Sidebar::Sidebar(TorrentTableModel& model, TorrentFilterModel& filter, QWidget* parent)
    : QTreeWidget(parent), model_(model), filter_(filter) {
    setObjectName(QStringLiteral("sidebar"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMinimumWidth(170);

    status_ = new QTreeWidgetItem(this, {tr("Status")});
    categories_ = new QTreeWidgetItem(this, {tr("Categories")});
    tags_ = new QTreeWidgetItem(this, {tr("Tags")});
    trackers_ = new QTreeWidgetItem(this, {tr("Trackers")});
    for (QTreeWidgetItem* group : {status_, categories_, tags_, trackers_}) {
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
    }
    for (const StateEntry& e : kStates) {
        auto* item = new QTreeWidgetItem(status_);
        item->setData(0, KindRole, StateKind);
        item->setData(0, KeyRole, static_cast<int>(e.filter));
        setLabel(item, tr(e.label), 0);
    }
    expandAll();
    status_->child(0)->setSelected(true);

    recountTimer_.setSingleShot(true);
    recountTimer_.setInterval(500);
    connect(&recountTimer_, &QTimer::timeout, this, &Sidebar::recount);
    connect(&model_, &TorrentTableModel::contentsUpdated, this, &Sidebar::scheduleRecount);
    connect(this, &QTreeWidget::itemSelectionChanged, this, &Sidebar::applySelection);
}

void Sidebar::scheduleRecount() {
    if (!recountTimer_.isActive()) recountTimer_.start();
}

void Sidebar::recount() {
    int stateCounts[std::size(kStates)] = {};
    QMap<QString, int> categories, tags, trackers;
    for (const TorrentStatus& s : model_.statuses()) {
        for (std::size_t i = 0; i < std::size(kStates); ++i) stateCounts[i] += matchesState(s, kStates[i].filter);
        ++categories[QString::fromStdString(s.category)];
        if (s.tags.empty()) ++tags[QString()];
        for (const auto& t : s.tags) ++tags[QString::fromStdString(t)];
        ++trackers[trackerHost(s.tracker)];
    }
    for (int i = 0; i < status_->childCount(); ++i)
        setLabel(status_->child(i), tr(kStates[i].label), stateCounts[i]);
    syncGroup(categories_, categories, tr("Uncategorized"));
    syncGroup(tags_, tags, tr("Untagged"));
    syncGroup(trackers_, trackers, tr("Trackerless"));
}

void Sidebar::syncGroup(QTreeWidgetItem* group, const QMap<QString, int>& counts, const QString& emptyLabel) {
    const int kind = group == categories_ ? CategoryKind : group == tags_ ? TagKind : TrackerKind;
    // Drop entries that no torrent has any more, unless the user has them selected.
    for (int i = group->childCount() - 1; i >= 0; --i) {
        QTreeWidgetItem* item = group->child(i);
        if (!counts.contains(item->data(0, KeyRole).toString()) && !item->isSelected()) delete group->takeChild(i);
    }
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        QTreeWidgetItem* item = nullptr;
        for (int i = 0; i < group->childCount() && item == nullptr; ++i) {
            if (group->child(i)->data(0, KeyRole).toString() == it.key()) item = group->child(i);
        }
        if (item == nullptr) {
            item = new QTreeWidgetItem(group);
            item->setData(0, KindRole, kind);
            item->setData(0, KeyRole, it.key());
        }
        setLabel(item, it.key().isEmpty() ? emptyLabel : it.key(), it.value());
    }
    for (int i = 0; i < group->childCount(); ++i) {
        QTreeWidgetItem* item = group->child(i);
        if (!counts.contains(item->data(0, KeyRole).toString()))
            setLabel(item, item->data(0, LabelRole).toString(), 0);
    }
    group->sortChildren(0, Qt::AscendingOrder);
}

void Sidebar::applySelection() {
    const auto selected = selectedItems();
    filter_.setStateFilter(StateFilter::All);
    filter_.setCategoryFilter(std::nullopt);
    filter_.setTagFilter(std::nullopt);
    filter_.setTrackerFilter(std::nullopt);
    if (selected.isEmpty()) return;
    const QTreeWidgetItem* item = selected.front();
    const QString key = item->data(0, KeyRole).toString();
    switch (item->data(0, KindRole).toInt()) {
        case StateKind: filter_.setStateFilter(static_cast<StateFilter>(item->data(0, KeyRole).toInt())); break;
        case CategoryKind: filter_.setCategoryFilter(key); break;
        case TagKind: filter_.setTagFilter(key); break;
        case TrackerKind: filter_.setTrackerFilter(key); break;
        default: break;
    }
}

}  // namespace shoal::gui
