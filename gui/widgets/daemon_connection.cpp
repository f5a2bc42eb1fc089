// MainWindow's remote mode: File > Connect to Daemon switches the bridge to a RemoteSession (the same
// windows then drive the daemon over its Transmission-compatible RPC); File > Back to the Local Library
// switches back. The local session keeps running meanwhile: its torrents do not stop for a look elsewhere.
#include <QMetaObject>
#include <QPointer>
#include <QStatusBar>
#include <thread>

#include "app/session_bridge.h"
#include "shoal/remote_session.h"
#include "widgets/connect_daemon_dialog.h"
#include "widgets/main_window.h"

namespace shoal::gui {

void MainWindow::setLocalSession(std::shared_ptr<Session> local) { local_ = std::move(local); }

void MainWindow::connectToDaemon() {
    ConnectDaemonDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    connectToDaemonAt(dialog.url(), dialog.username(), dialog.password());
}

void MainWindow::connectToDaemonAt(const QString& url, const QString& user, const QString& password) {
    RemoteSessionOptions options;
    options.url = url.toStdString();
    options.username = user.toStdString();
    options.password = password.toStdString();
    statusBar()->showMessage(tr("Connecting to %1…").arg(url));
    connectAction_->setEnabled(false);
    QPointer<MainWindow> self(this);
    // connect() does the RPC handshake and reads every torrent: seconds on a slow link, so not here.
    std::thread([self, options = std::move(options)]() mutable {
        auto connected = RemoteSession::connect(std::move(options));
        std::shared_ptr<Session> session;
        QString error;
        if (connected) {
            session = std::shared_ptr<RemoteSession>(std::move(connected.value()));
        } else {
            error = QString::fromStdString(connected.error().message);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, session, error] {
                if (!self) return;
                self->connectAction_->setEnabled(true);
                if (!session) {
                    self->statusBar()->showMessage(tr("Cannot connect: %1").arg(error), 15000);
                    Q_EMIT self->remoteConnected(false, error);
                    return;
                }
                self->remote_ = session;
                self->bridge_.attach(session);
                self->disconnectAction_->setEnabled(true);
                const QString where = QString::fromStdString(static_cast<RemoteSession&>(*session).url());
                self->setWindowTitle(tr("Shoal — %1").arg(where));
                self->statusBar()->showMessage(tr("Connected to %1").arg(where), 5000);
                Q_EMIT self->remoteConnected(true, where);
            },
            Qt::QueuedConnection);
    }).detach();
}

void MainWindow::disconnectFromDaemon() {
    if (!remote_) return;
    bridge_.detach();
    // Closing the remote session stops its poller thread; it may wait for one request in flight.
    std::thread([remote = std::move(remote_)] { static_cast<RemoteSession&>(*remote).close(); }).detach();
    remote_.reset();
    disconnectAction_->setEnabled(false);
    setWindowTitle(QStringLiteral("Shoal"));
    if (local_) bridge_.attach(local_);
}

}  // namespace shoal::gui
