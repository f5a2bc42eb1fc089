// One shoal-gui per profile: the first instance listens on a local socket named after the profile; a
// later `shoal-gui FILE.torrent` or `shoal-gui "magnet:..."` hands its items to it and exits.
//
// Threads: GUI thread only.
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>
#include <QStringList>

namespace shoal::gui {

class SingleInstance : public QObject {
    Q_OBJECT

public:
    // `key` identifies the profile (its absolute path); the socket name is derived from it and the user.
    explicit SingleInstance(const QString& key, QObject* parent = nullptr);

    // Sends `items` to a running instance. True if one took them (this process should then exit).
    bool sendToRunning(const QStringList& items, int timeoutMs = 2000);
    // Starts listening; false (with a reason in errorString()) if the name cannot be taken.
    bool listen();
    QString errorString() const { return server_.errorString(); }
    QString serverName() const { return name_; }

Q_SIGNALS:
    // Items from another launch; an empty list means "just show the window".
    void itemsReceived(const QStringList& items);

private:
    void onNewConnection();

    QString name_;
    QLocalServer server_;
};

}  // namespace shoal::gui
