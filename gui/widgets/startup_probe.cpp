// StartupProbe: paint events of the table's viewport and the bridge's attach tell the start-up milestones.
#include "widgets/startup_probe.h"

#include <QApplication>
#include <QEvent>
#include <QTableView>
#include <QTimer>
#include <cstdio>

#include "app/session_bridge.h"
#include "model/torrent_table_model.h"
#include "widgets/main_window.h"

namespace shoal::gui {

StartupProbe::StartupProbe(MainWindow& window, SessionBridge& bridge, const QElapsedTimer& sinceLaunch)
    : window_(window), bridge_(bridge), sinceLaunch_(sinceLaunch) {
    window_.installEventFilter(this);
    window_.table().viewport()->installEventFilter(this);
    // attach() emits every torrent the library holds in one statusesChanged: after it, all are listed.
    connect(&bridge_, &SessionBridge::sessionAttached, this, [this] { attachedMs_ = sinceLaunch_.elapsed(); });
    connect(&bridge_, &SessionBridge::statusesChanged, this, [this] {
        if (listedMs_ >= 0 || attachedMs_ < 0 || !bridge_.session()) return;
        rows_ = window_.model().rowCount();
        if (rows_ < static_cast<int>(bridge_.session()->torrents().size())) return;
        listedMs_ = sinceLaunch_.elapsed();
        window_.table().viewport()->update();
    });
    // A library that never opens must not hang a benchmark.
    QTimer::singleShot(120000, this, [] { QApplication::exit(3); });
}

bool StartupProbe::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Paint) {
        if (firstPaintMs_ < 0 && watched == &window_) firstPaintMs_ = sinceLaunch_.elapsed();
        if (listedMs_ >= 0 && listedPaintMs_ < 0 && watched == window_.table().viewport()) {
            listedPaintMs_ = sinceLaunch_.elapsed();
            QTimer::singleShot(0, this, &StartupProbe::maybeFinish);
        }
    }
    return false;
}

void StartupProbe::maybeFinish() {
    std::printf("{\"first_paint_ms\":%lld,\"session_open_ms\":%lld,\"listed_ms\":%lld,\"listed_paint_ms\":%lld,"
                "\"rows\":%d}\n",
                static_cast<long long>(firstPaintMs_), static_cast<long long>(attachedMs_),
                static_cast<long long>(listedMs_), static_cast<long long>(listedPaintMs_), rows_);
    std::fflush(stdout);
    window_.close();
    QApplication::exit(0);
}

}  // namespace shoal::gui
