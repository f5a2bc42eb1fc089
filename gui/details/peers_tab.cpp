// The Peers tab: table view, sort proxy and progress delegate.
#include "details/peers_tab.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "details/peer_table_model.h"
#include "details/progress_delegate.h"

namespace shoal::gui {

PeersTab::PeersTab(QWidget* parent)
    : DetailsTab(parent),
      model_(new PeerTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      view_(new QTableView) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(PeerTableModel::SortRole);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
    // Rates change every second; re-sorting on each change keeps "fastest first" true.
    proxy_->setDynamicSortFilter(true);

    view_->setObjectName(QStringLiteral("peersView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(PeerTableModel::DownRate, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setHighlightSections(false);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Country, 60);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Address, 170);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Client, 150);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Flags, 60);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Connection, 120);
    view_->horizontalHeader()->resizeSection(PeerTableModel::Source, 100);
    view_->setItemDelegateForColumn(PeerTableModel::Progress,
                                    new ProgressDelegate(PeerTableModel::ProgressRole, view_));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);
}

void PeersTab::setTorrent(TorrentId id) {
    (void)id;
    model_->clear();
}

void PeersTab::showDetails(const TorrentDetails& details) { model_->update(details.peers); }

}  // namespace shoal::gui
