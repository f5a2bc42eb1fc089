// Renders the main window over a loopback swarm with three torrents (one finished, one downloading, one
// paused) and saves PNGs of the window and of each details tab under <build>/gui-screenshots/ for a
// reviewer to look at. The test also checks that what it saved shows something (not one flat colour).
#include <gtest/gtest.h>

#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>

#include "details/details_pane.h"
#include "gui_support.h"
#include "model/torrent_table_model.h"
#include "widgets/main_window.h"

namespace shoal::test {
namespace {

using gui::MainWindow;
using gui::SessionBridge;
using gui::TorrentTableModel;

QString screenshotDir() {
    const QString dir = QStringLiteral(SHOAL_BUILD_DIR "/gui-screenshots");
    QDir().mkpath(dir);
    return dir;
}

// Distinct colours in a sample of pixels: a blank or single-colour grab has 1 or 2.
int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

void save(QWidget& widget, const QString& name) {
    const QPixmap pixmap = widget.grab();
    ASSERT_FALSE(pixmap.isNull()) << name.toStdString();
    const QString path = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    ASSERT_TRUE(pixmap.save(path)) << path.toStdString();
    EXPECT_GT(distinctColours(pixmap.toImage()), 8) << name.toStdString() << " looks blank";
}

TEST(Screenshots, MainWindowAndEveryDetailsTabWithThreeTorrents) {
    TempDir dir;
    const auto finished = makeTorrentFile(dir.path() / "seed", "finished-small.iso", 1024 * 1024, 1);
    const auto downloading = makeTorrentFile(dir.path() / "seed", "downloading-big.img", 24 * 1024 * 1024, 2);
    const auto paused = makeTorrentFile(dir.path() / "seed", "paused-archive.tar", 4 * 1024 * 1024, 3);

    auto seeder = openGuiSession(dir.path() / "seeder-profile", "127.0.0.2");
    for (const auto* bytes : {&finished, &downloading, &paused}) {
        AddRequest seed;
        seed.torrentBytes = *bytes;
        seed.savePath = (dir.path() / "seed").string();
        seed.seedMode = true;
        ASSERT_TRUE(seeder->add(seed).ok());
    }
    std::string endpoint;
    ASSERT_TRUE(waitUntil([&] {
        const auto endpoints = seeder->totals().listenEndpoints;
        if (!endpoints.empty()) endpoint = endpoints.front();
        return !endpoint.empty();
    }));

    SessionBridge bridge;
    MainWindow window(bridge);
    window.resize(1280, 800);
    window.show();
    bridge.attach(openGuiSession(dir.path() / "gui-profile", "127.0.0.3"));

    auto add = [&](const std::vector<char>& bytes, bool startPaused, int downLimit) {
        AddRequest r;
        r.torrentBytes = bytes;
        r.savePath = (dir.path() / "downloads").string();
        r.peers = {endpoint};
        r.paused = startPaused;
        r.downloadLimit = downLimit;
        r.category = "demo";
        auto id = bridge.session()->add(r);
        EXPECT_TRUE(id.ok());
        return id.ok() ? id.value() : kNoTorrent;
    };
    const TorrentId done = add(finished, false, 0);
    // 24 MiB at 512 KiB/s: still downloading when the pictures are taken.
    const TorrentId busy = add(downloading, false, 512 * 1024);
    add(paused, true, 0);
    ASSERT_TRUE(waitUntil([&] { return window.model().rowCount() == 3; }));
    ASSERT_TRUE(waitUntil([&] {
        const int doneRow = window.model().rowOf(done), busyRow = window.model().rowOf(busy);
        return window.model().statusAt(doneRow).progress >= 1.0 && window.model().statusAt(busyRow).progress > 0.05 &&
               window.model().statusAt(busyRow).downloadRate > 0;
    }, 60000)) << "the swarm did not get going";

    int detailsSeen = 0;
    QObject::connect(&bridge, &SessionBridge::detailsReady, &window,
                     [&](const TorrentDetails& d) { detailsSeen += d.status.id == busy; });
    window.selectTorrent(busy);
    ASSERT_EQ(window.details().torrent(), busy);
    window.details().refreshNow();
    // The pane refreshes once a second: three rounds of details give the speed graph a few samples.
    ASSERT_TRUE(waitUntil([&] { return detailsSeen >= 3; }));
    save(window, QStringLiteral("main-window"));

    QTabWidget& tabs = window.details();
    for (int i = 0; i < tabs.count(); ++i) {
        tabs.setCurrentIndex(i);
        const int before = detailsSeen;
        window.details().refreshNow();
        ASSERT_TRUE(waitUntil([&] { return detailsSeen > before; }));
        QCoreApplication::processEvents();
        QWidget* page = tabs.widget(i);
        ASSERT_FALSE(page->objectName().isEmpty());
        save(*page, QStringLiteral("details-") + page->objectName());
    }
    bridge.detach();
    bridge.waitForIdle(10000);
}

}  // namespace
}  // namespace shoal::test
