// MainWindow's commands: each one reads the selection and hands the work to the bridge, which runs it off
// the GUI thread; failures come back through SessionBridge::commandFailed.
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>
#include <memory>
#include <set>

#include "app/session_bridge.h"
#include "dialogs/add_torrent_dialog.h"
#include "dialogs/create_torrent_dialog.h"
#include "dialogs/limits_dialog.h"
#include "dialogs/magnet_dialog.h"
#include "dialogs/preferences_dialog.h"
#include "model/torrent_table_model.h"
#include "widgets/main_window.h"

namespace shoal::gui {

void MainWindow::openItems(const QStringList& items) {
    if (!bridge_.attached()) {
        pendingItems_ << items;
        return;
    }
    for (const QString& raw : items) {
        const QString item = raw.trimmed();
        if (item.isEmpty()) continue;
        auto* dialog = new AddTorrentDialog(bridge_, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // On bad input the dialog opens anyway, showing the one-line reason with OK disabled.
        dialog->setSource(item);
        dialog->open();
    }
    if (isHidden()) show();
    raise();
    activateWindow();
}

void MainWindow::addTorrentFile() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/lastTorrentDir"), QDir::homePath()).toString();
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open Torrent Files"), dir,
                                                            tr("Torrent files (*.torrent);;All files (*)"));
    if (files.isEmpty()) return;
    settings.setValue(QStringLiteral("paths/lastTorrentDir"), QFileInfo(files.front()).path());
    openItems(files);
}

void MainWindow::addMagnet() {
    MagnetDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    openItems(dialog.links());
}

void MainWindow::pasteFromClipboard() {
    openItems(QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts));
}

void MainWindow::createTorrent() {
    auto* dialog = new CreateTorrentDialog(bridge_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openPreferences() {
    if (!bridge_.attached() || !bridge_.settingsKnown()) return;
    auto* dialog = new PreferencesDialog(bridge_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::startSelected() {
    for (TorrentId id : selectedIds()) bridge_.run(tr("Start"), [id](Session& s) { return s.resume(id); });
}

void MainWindow::pauseSelected() {
    for (TorrentId id : selectedIds()) bridge_.run(tr("Pause"), [id](Session& s) { return s.pause(id); });
}

void MainWindow::recheckSelected() {
    for (TorrentId id : selectedIds()) bridge_.run(tr("Recheck"), [id](Session& s) { return s.recheck(id); });
}

void MainWindow::reannounceSelected() {
    for (TorrentId id : selectedIds()) bridge_.run(tr("Reannounce"), [id](Session& s) { return s.reannounce(id); });
}

void MainWindow::removeSelected(bool withData) {
    const auto ids = selectedIds();
    if (ids.empty()) return;
    const QString question =
        withData ? tr("Remove %n torrent(s) and DELETE their downloaded files?", nullptr, static_cast<int>(ids.size()))
                 : tr("Remove %n torrent(s) from the list? Downloaded files are kept.", nullptr,
                      static_cast<int>(ids.size()));
    if (QMessageBox::question(this, tr("Remove"), question) != QMessageBox::Yes) return;
    const RemoveMode mode = withData ? RemoveMode::DeleteData : RemoveMode::KeepData;
    for (TorrentId id : ids) bridge_.run(tr("Remove"), [id, mode](Session& s) { return s.remove(id, mode); });
}

void MainWindow::openFolder() {
    const auto ids = selectedIds();
    if (ids.empty() || bridge_.session() == nullptr) return;
    const auto status = bridge_.session()->status(ids.front());
    if (!status) return;
    const QDir base(QString::fromStdString(status->savePath));
    // A multi-file torrent has its own folder under the save path; open that one if it exists.
    const QString inner = base.filePath(QString::fromStdString(status->name));
    const QString target = QFileInfo(inner).isDir() ? inner : base.path();
    QDesktopServices::openUrl(QUrl::fromLocalFile(target));
}

void MainWindow::copyMagnet() {
    const auto ids = selectedIds();
    if (ids.empty()) return;
    // The magnet (with trackers) comes with the details; collect one per selected torrent, then copy.
    auto wanted = std::make_shared<std::set<TorrentId>>(ids.begin(), ids.end());
    auto links = std::make_shared<QStringList>();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(&bridge_, &SessionBridge::detailsReady, this,
                          [this, wanted, links, connection](const TorrentDetails& d) {
                              if (wanted->erase(d.status.id) == 0) return;
                              links->append(QString::fromStdString(d.magnetUri));
                              if (!wanted->empty()) return;
                              QApplication::clipboard()->setText(links->join(QLatin1Char('\n')));
                              statusBar()->showMessage(tr("Copied %n magnet link(s)", nullptr,
                                                          static_cast<int>(links->size())),
                                                       4000);
                              disconnect(*connection);
                          });
    for (TorrentId id : ids) bridge_.requestDetails(id);
}

void MainWindow::moveSelected() {
    const auto ids = selectedIds();
    if (ids.empty() || bridge_.session() == nullptr) return;
    const auto first = bridge_.session()->status(ids.front());
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose Save Location"),
                                                          first ? QString::fromStdString(first->savePath) : QString());
    if (dir.isEmpty()) return;
    const std::string path = dir.toStdString();
    for (TorrentId id : ids)
        bridge_.run(tr("Set location"), [id, path](Session& s) { return s.moveStorage(id, path); });
}

void MainWindow::setLimitsOfSelected() {
    const auto ids = selectedIds();
    if (ids.empty() || bridge_.session() == nullptr) return;
    const auto first = bridge_.session()->status(ids.front());
    LimitsDialog dialog(first ? first->downloadLimit : 0, first ? first->uploadLimit : 0, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const int down = dialog.downloadLimit(), up = dialog.uploadLimit();
    for (TorrentId id : ids)
        bridge_.run(tr("Set limits"), [id, down, up](Session& s) { return s.setLimits(id, down, up); });
}

void MainWindow::setCategoryOfSelected() {
    const auto ids = selectedIds();
    if (ids.empty() || bridge_.session() == nullptr) return;
    QStringList known;
    for (const TorrentStatus& s : model_->statuses()) {
        const QString c = QString::fromStdString(s.category);
        if (!c.isEmpty() && !known.contains(c)) known << c;
    }
    known.sort();
    known.prepend(QString());
    bool ok = false;
    const QString category = QInputDialog::getItem(this, tr("Set Category"),
                                                   tr("Category (empty for none):"), known, 0, true, &ok);
    if (!ok) return;
    const std::string value = category.trimmed().toStdString();
    for (TorrentId id : ids)
        bridge_.run(tr("Set category"), [id, value](Session& s) { return s.setCategory(id, value); });
}

void MainWindow::setTagsOfSelected() {
    const auto ids = selectedIds();
    if (ids.empty() || bridge_.session() == nullptr) return;
    QStringList current;
    if (auto s = bridge_.session()->status(ids.front()))
        for (const auto& t : s->tags) current << QString::fromStdString(t);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Set Tags"), tr("Tags, separated by commas:"),
                                               QLineEdit::Normal, current.join(QStringLiteral(", ")), &ok);
    if (!ok) return;
    std::vector<std::string> tags;
    for (const QString& t : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = t.trimmed();
        if (!trimmed.isEmpty()) tags.push_back(trimmed.toStdString());
    }
    for (TorrentId id : ids) bridge_.run(tr("Set tags"), [id, tags](Session& s) { return s.setTags(id, tags); });
}

void MainWindow::queueSelected(int move) {
    auto ids = selectedIds();
    // Moving several torrents down one step at a time must start with the lowest, or they swap places.
    if (static_cast<QueueMove>(move) == QueueMove::Down || static_cast<QueueMove>(move) == QueueMove::Top)
        std::reverse(ids.begin(), ids.end());
    for (TorrentId id : ids)
        bridge_.run(tr("Queue"), [id, move](Session& s) { return s.moveInQueue(id, static_cast<QueueMove>(move)); });
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Shoal"),
                       tr("<b>Shoal %1</b><p>A BitTorrent client for power users, seedboxes and swarm tests, "
                          "on libtorrent-rasterbar and Qt %2.</p>")
                           .arg(QStringLiteral(SHOAL_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::showCommandError(const QString& what, const QString& message) {
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(what, message), 10000);
}

}  // namespace shoal::gui
