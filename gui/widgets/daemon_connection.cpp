// MainWindow's remote mode: File > Connect to Daemon switches the bridge to a RemoteSession (the same
// windows then drive the daemon over its Transmission-compatible RPC); File > Back to the Local Library
// switches back. The local session keeps running meanwhile: its torrents do not stop for a look elsewhere.
#include <QMetaObject>
#include <QStatusBar>

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
    // connect() does the RPC handshake and reads every torrent: seconds on a slow link, so not here. The
    // answer is queued to this window: Qt drops it if the window is gone by then.
    remoteWork_.start([this, options = std::move(options)]() mutable {
        auto connected = RemoteSession::connect(std::move(options));
        std::shared_ptr<Session> session;
        QString error;
        if (connected) {
            session = std::shared_ptr<RemoteSession>(std::move(connected.value()));
        } else {
            error = QString::fromStdString(connected.error().message);
        }
        QMetaObject::invokeMethod(
            this,
            [this, session, error] {
                connectAction_->setEnabled(true);
                if (!session) {
                    statusBar()->showMessage(tr("Cannot connect: %1").arg(error), 15000);
                    Q_EMIT remoteConnected(false, error);
                    return;
                }
                remote_ = session;
                bridge_.attach(session);
                disconnectAction_->setEnabled(true);
                const QString where = QString::fromStdString(static_cast<RemoteSession&>(*session).url());
                setWindowTitle(tr("Shoal — %1").arg(where));
                statusBar()->showMessage(tr("Connected to %1").arg(where), 5000);
                Q_EMIT remoteConnected(true, where);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::disconnectFromDaemon() {
    if (!remote_) return;
    bridge_.detach();
    // Closing the remote session stops its poller thread; it may wait for one request in flight.
    remoteWork_.start([remote = std::move(remote_)] { static_cast<RemoteSession&>(*remote).close(); });
    remote_.reset();
    disconnectAction_->setEnabled(false);
    setWindowTitle(QStringLiteral("Shoal"));
    if (local_) bridge_.attach(local_);
}

}  // namespace shoal::gui
