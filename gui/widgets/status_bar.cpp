// StatusBar: session totals, once a second.
#include "widgets/status_bar.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QThreadPool>

#include "app/session_bridge.h"
#include "model/format.h"

namespace shoal::gui {

StatusBar::StatusBar(SessionBridge& bridge, QWidget* parent)
    : QStatusBar(parent),
      bridge_(bridge),
      rates_(new QLabel(this)),
      dht_(new QLabel(this)),
      freeSpace_(new QLabel(this)),
      port_(new QLabel(this)),
      altSpeed_(new QToolButton(this)) {
    setObjectName(QStringLiteral("statusBar"));
    altSpeed_->setObjectName(QStringLiteral("altSpeedButton"));
    dht_->setObjectName(QStringLiteral("dhtLabel"));
    altSpeed_->setCheckable(true);
    altSpeed_->setAutoRaise(true);
    altSpeed_->setText(tr("Alt. speed"));
    altSpeed_->setToolTip(tr("Use the alternative speed limits (Preferences → Speed)"));
    for (QWidget* w : std::initializer_list<QWidget*>{freeSpace_, dht_, port_, altSpeed_, rates_}) addPermanentWidget(w);
    showMessage(tr("Loading the library…"));

    connect(altSpeed_, &QToolButton::toggled, this, [this](bool on) {
        if (!bridge_.session()) return;
        Settings s = bridge_.settings();
        if (s.altSpeedEnabled == on) return;
        s.altSpeedEnabled = on;
        bridge_.applySettings(s);
    });
    connect(&bridge_, &SessionBridge::sessionAttached, this, [this] {
        clearMessage();
        refresh();
    });
    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &StatusBar::refresh);
    timer_.start();
}

void StatusBar::refresh() {
    Session* session = bridge_.session();
    if (session == nullptr) return;
    const SessionTotals t = session->totals();
    // What the engine runs with: a daemon started with --no-dht shows "DHT: off" whatever is stored.
    const Settings& settings = bridge_.effectiveSettings();
    QString down = formatRate(t.downloadRate), up = formatRate(t.uploadRate);
    if (down.isEmpty()) down = QStringLiteral("0 B/s");
    if (up.isEmpty()) up = QStringLiteral("0 B/s");
    rates_->setText(QStringLiteral("↓ %1  ↑ %2").arg(down, up));
    const bool alt = altSpeedActive(settings, QDateTime::currentSecsSinceEpoch());
    const int downLimit = alt ? settings.altDownloadLimit : settings.downloadLimit;
    const int upLimit = alt ? settings.altUploadLimit : settings.uploadLimit;
    rates_->setToolTip(tr("Limits: ↓ %1, ↑ %2")
                           .arg(downLimit > 0 ? formatRate(downLimit) : tr("unlimited"),
                                upLimit > 0 ? formatRate(upLimit) : tr("unlimited")));
    {
        const QSignalBlocker block(altSpeed_);
        altSpeed_->setChecked(settings.altSpeedEnabled);
    }
    dht_->setText(settings.enableDht ? tr("DHT: %1 nodes").arg(t.dhtNodes) : tr("DHT: off"));
    QStringList ports;
    for (const auto& endpoint : t.listenEndpoints) {
        const QString e = QString::fromStdString(endpoint);
        const QString port = e.section(QLatin1Char(':'), -1);
        if (!ports.contains(port)) ports << port;
    }
    port_->setText(ports.isEmpty() ? tr("Not listening") : tr("Port %1").arg(ports.join(QLatin1Char(','))));
    if (tick_++ % 10 == 0) {
        QString path = QString::fromStdString(settings.defaultSavePath);
        if (path.isEmpty()) path = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        refreshFreeSpace(path);
    }
}

void StatusBar::refreshFreeSpace(const QString& path) {
    QPointer<QLabel> label(freeSpace_);
    QThreadPool::globalInstance()->start([label, path] {
        // The folder may not exist yet; its nearest existing parent is on the same disk.
        QString probe = path;
        while (!probe.isEmpty() && !QDir(probe).exists()) probe = QFileInfo(probe).path();
        const QStorageInfo storage(probe.isEmpty() ? QDir::homePath() : probe);
        const qint64 free = storage.isValid() ? storage.bytesAvailable() : -1;
        QMetaObject::invokeMethod(
            label.data(),
            [label, free] {
                if (label) label->setText(free >= 0 ? QObject::tr("Free: %1").arg(formatSize(free)) : QString());
            },
            Qt::QueuedConnection);
    });
}

}  // namespace shoal::gui
