// The Trackers tab: a tree widget updated in place, plus the add/edit/remove/copy commands.
#include "details/trackers_tab.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app/session_bridge.h"
#include "model/format.h"

namespace shoal::gui {

namespace {
QString statusName(const std::string& status) {
    // The core speaks a fixed English vocabulary; show it translated.
    if (status == "working") return TrackersTab::tr("Working");
    if (status == "updating") return TrackersTab::tr("Updating…");
    if (status == "error") return TrackersTab::tr("Not working");
    if (status == "not contacted") return TrackersTab::tr("Not contacted yet");
    return QString::fromStdString(status);
}

QString count(int n) { return n < 0 ? TrackersTab::tr("N/A") : QString::number(n); }

QStringList splitUrls(const QString& text) {
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString url = line.trimmed();
        if (!url.isEmpty() && !out.contains(url)) out << url;
    }
    return out;
}

std::vector<std::string> toStd(const QStringList& urls) {
    std::vector<std::string> out;
    out.reserve(urls.size());
    for (const QString& url : urls) out.push_back(url.toStdString());
    return out;
}
}  // namespace

TrackersTab::TrackersTab(SessionBridge& bridge, QWidget* parent)
    : DetailsTab(parent),
      bridge_(bridge),
      view_(new QTreeWidget),
      addButton_(new QPushButton(tr("Add…"))),
      editButton_(new QPushButton(tr("Edit…"))),
      removeButton_(new QPushButton(tr("Remove"))),
      copyButton_(new QPushButton(tr("Copy URL"))) {
    view_->setObjectName(QStringLiteral("trackersView"));
    view_->setColumnCount(ColumnCount);
    view_->setHeaderLabels(
        {tr("URL"), tr("Tier"), tr("Status"), tr("Message"), tr("Seeds"), tr("Peers"), tr("Next announce")});
    view_->setRootIsDecorated(false);
    view_->setUniformRowHeights(true);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->header()->resizeSection(Url, 320);
    view_->header()->resizeSection(Message, 220);
    connect(view_, &QWidget::customContextMenuRequested, this, &TrackersTab::showContextMenu);
    connect(view_, &QTreeWidget::itemSelectionChanged, this, &TrackersTab::updateButtons);
    connect(view_, &QTreeWidget::itemDoubleClicked, this, &TrackersTab::promptEdit);

    connect(addButton_, &QPushButton::clicked, this, &TrackersTab::promptAdd);
    connect(editButton_, &QPushButton::clicked, this, &TrackersTab::promptEdit);
    connect(removeButton_, &QPushButton::clicked, this, [this] { removeTrackers(selectedUrls()); });
    connect(copyButton_, &QPushButton::clicked, this, &TrackersTab::copySelected);

    auto* buttons = new QVBoxLayout;
    for (QPushButton* b : {addButton_, editButton_, removeButton_, copyButton_}) buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);
    updateButtons();
}

void TrackersTab::setTorrent(TorrentId id) {
    torrent_ = id;
    view_->clear();
    updateButtons();
}

void TrackersTab::showDetails(const TorrentDetails& details) {
    // In place, keyed by URL: rows keep their selection and the view its scroll position.
    QHash<QString, QTreeWidgetItem*> existing;
    for (int i = 0; i < view_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = view_->topLevelItem(i);
        existing.insert(item->text(Url), item);
    }
    int position = 0;
    for (const TrackerInfo& t : details.trackers) {
        const QString url = QString::fromStdString(t.url);
        QTreeWidgetItem* item = existing.take(url);
        if (item == nullptr) {
            item = new QTreeWidgetItem;
            item->setText(Url, url);
            item->setToolTip(Url, url);
            view_->insertTopLevelItem(position, item);
        } else if (view_->indexOfTopLevelItem(item) != position) {
            const bool selected = item->isSelected();
            view_->takeTopLevelItem(view_->indexOfTopLevelItem(item));
            view_->insertTopLevelItem(position, item);
            item->setSelected(selected);
        }
        const QString message = QString::fromStdString(t.message);
        const QString texts[ColumnCount] = {
            url,
            QString::number(t.tier),
            statusName(t.status),
            message,
            count(t.seeds),
            count(t.peers),
            t.nextAnnounceSeconds < 0 ? QString() : formatDuration(t.nextAnnounceSeconds)};
        for (int c = Tier; c < ColumnCount; ++c) {
            if (item->text(c) != texts[c]) item->setText(c, texts[c]);
        }
        item->setToolTip(Message, message);
        for (int c : {Tier, Seeds, Peers}) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        ++position;
    }
    for (QTreeWidgetItem* gone : existing) delete gone;  // removed elsewhere (CLI, RPC, edit)
    updateButtons();
}

QStringList TrackersTab::urls() const {
    QStringList out;
    for (int i = 0; i < view_->topLevelItemCount(); ++i) out << view_->topLevelItem(i)->text(Url);
    return out;
}

QStringList TrackersTab::selectedUrls() const {
    QStringList out;
    for (int i = 0; i < view_->topLevelItemCount(); ++i) {
        if (view_->topLevelItem(i)->isSelected()) out << view_->topLevelItem(i)->text(Url);
    }
    return out;
}

void TrackersTab::addTrackers(const QString& text) {
    if (torrent_ == kNoTorrent) return;
    const QStringList known = urls();
    QStringList fresh;
    for (const QString& url : splitUrls(text)) {
        if (!known.contains(url)) fresh << url;
    }
    if (fresh.isEmpty()) return;
    const TorrentId id = torrent_;
    runCommand(bridge_, tr("Add trackers"),
               [id, list = toStd(fresh)](Session& s) { return s.addTrackers(id, list); });
}

void TrackersTab::editTracker(const QString& oldUrl, const QString& newUrl) {
    const QString url = newUrl.trimmed();
    if (url.isEmpty() || url == oldUrl) return;
    QStringList list = urls();
    const auto at = list.indexOf(oldUrl);
    if (at < 0) return;
    if (list.contains(url)) {
        list.removeAt(at);  // editing into a URL already listed merges the two
    } else {
        list[at] = url;
    }
    replaceAll(list, tr("Edit tracker"));
}

void TrackersTab::removeTrackers(const QStringList& gone) {
    if (gone.isEmpty()) return;
    QStringList list = urls();
    for (const QString& url : gone) list.removeAll(url);
    replaceAll(list, tr("Remove trackers"));
}

void TrackersTab::replaceAll(const QStringList& list, const QString& what) {
    if (torrent_ == kNoTorrent) return;
    const TorrentId id = torrent_;
    runCommand(bridge_, what, [id, all = toStd(list)](Session& s) { return s.replaceTrackers(id, all); });
}

void TrackersTab::promptAdd() {
    if (torrent_ == kNoTorrent) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add trackers"));
    dialog->setLabelText(tr("Tracker URLs, one per line:"));
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    // The torrent may change while the dialog is open: add to the one it was opened for.
    const TorrentId id = torrent_;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString& text) {
        if (id == torrent_) addTrackers(text);
    });
    dialog->open();
}

void TrackersTab::promptEdit() {
    const QStringList selected = selectedUrls();
    if (selected.size() != 1) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit tracker"));
    dialog->setLabelText(tr("Tracker URL:"));
    dialog->setTextValue(selected.front());
    dialog->resize(480, dialog->sizeHint().height());
    const TorrentId id = torrent_;
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id, old = selected.front()](const QString& url) {
                if (id == torrent_) editTracker(old, url);
            });
    dialog->open();
}

void TrackersTab::copySelected() {
    const QStringList selected = selectedUrls();
    if (!selected.isEmpty()) QApplication::clipboard()->setText(selected.join(QLatin1Char('\n')));
}

void TrackersTab::showContextMenu(const QPoint& pos) {
    if (torrent_ == kNoTorrent) return;
    QMenu menu(this);
    menu.addAction(tr("Add trackers…"), this, &TrackersTab::promptAdd);
    const int selected = static_cast<int>(selectedUrls().size());
    menu.addAction(tr("Edit tracker URL…"), this, &TrackersTab::promptEdit)->setEnabled(selected == 1);
    menu.addAction(tr("Remove"), this, [this] { removeTrackers(selectedUrls()); })->setEnabled(selected > 0);
    menu.addAction(tr("Copy URL"), this, &TrackersTab::copySelected)->setEnabled(selected > 0);
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

void TrackersTab::updateButtons() {
    const auto selected = selectedUrls().size();
    addButton_->setEnabled(torrent_ != kNoTorrent);
    editButton_->setEnabled(selected == 1);
    removeButton_->setEnabled(selected > 0);
    copyButton_->setEnabled(selected > 0);
}

}  // namespace shoal::gui
