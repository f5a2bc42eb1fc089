// The main window's status bar: total down/up rates (with the limits in force), DHT nodes, free space
// in the default save folder, the listen port, and a button for the alternative speed limits.
// Refreshed once a second from the session's snapshot copies; free space is read on a worker thread,
// since statvfs on a network mount can stall.
//
// Threads: GUI thread only.
#pragma once

#include <QLabel>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace shoal::gui {

class SessionBridge;

class StatusBar : public QStatusBar {
    Q_OBJECT

public:
    StatusBar(SessionBridge& bridge, QWidget* parent = nullptr);
    void refresh();
    // "↓ 1.2 MiB/s  ↑ 300 KiB/s": the tray's tooltip shows the same.
    QString ratesText() const { return rates_->text(); }

private:
    void refreshFreeSpace(const QString& path);

    SessionBridge& bridge_;
    QTimer timer_;
    QLabel* rates_;
    QLabel* dht_;
    QLabel* freeSpace_;
    QLabel* port_;
    QToolButton* altSpeed_;
    int tick_ = 0;
};

}  // namespace shoal::gui
