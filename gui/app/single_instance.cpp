// SingleInstance: a QLocalServer per profile; the message is the items as UTF-8 lines, ended by closing.
#include "app/single_instance.h"

#include <QCryptographicHash>
#include <QLocalSocket>
#include <unistd.h>

namespace shoal::gui {

SingleInstance::SingleInstance(const QString& key, QObject* parent) : QObject(parent) {
    // Socket names are short and file-name safe: a hash of the profile path, per user.
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    name_ = QStringLiteral("shoal-gui-%1-%2").arg(getuid()).arg(QString::fromLatin1(hash));
    connect(&server_, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
}

bool SingleInstance::sendToRunning(const QStringList& items, int timeoutMs) {
    QLocalSocket socket;
    socket.connectToServer(name_);
    if (!socket.waitForConnected(timeoutMs)) return false;
    socket.write(items.join(QLatin1Char('\n')).toUtf8());
    socket.write("\n");
    if (!socket.waitForBytesWritten(timeoutMs)) return false;
    socket.disconnectFromServer();
    if (socket.state() != QLocalSocket::UnconnectedState) socket.waitForDisconnected(timeoutMs);
    return true;
}

bool SingleInstance::listen() {
    if (server_.listen(name_)) return true;
    // A socket file left by a crashed instance: nobody answered sendToRunning(), so it is stale.
    QLocalServer::removeServer(name_);
    return server_.listen(name_);
}

void SingleInstance::onNewConnection() {
    while (QLocalSocket* socket = server_.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, socket, [socket, buffer] {
            buffer->append(socket->readAll());
            if (buffer->size() > 1 << 20) socket->abort();  // a launch never sends a megabyte of links
        });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            QStringList items;
            for (const QString& line : QString::fromUtf8(*buffer).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                items << line;
            socket->deleteLater();
            Q_EMIT itemsReceived(items);
        });
    }
}

}  // namespace shoal::gui
