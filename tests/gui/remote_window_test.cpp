// File > Connect to Daemon: the same main window over a RemoteSession, against an RPC server on loopback
// that serves another LocalSession; commands from the window reach the daemon's engine.
#include <gtest/gtest.h>

#include <QSignalSpy>

#include "gui_support.h"
#include "model/torrent_table_model.h"
#include "shoal/rpc_server.h"
#include "widgets/main_window.h"

namespace shoal::test {
namespace {

TEST(RemoteWindow, ShowsAndDrivesADaemonThenComesBackToTheLocalLibrary) {
    TempDir dir;
    // The daemon side: a library with one torrent, served on a kernel-picked port.
    auto daemon = openGuiSession(dir.path() / "daemon-profile", "127.0.0.2");
    AddRequest add;
    add.torrentBytes = makeTorrentFile(dir.path() / "data", "remote-payload.bin", 256 * 1024, 5);
    add.savePath = (dir.path() / "data").string();
    add.seedMode = true;
    auto remoteId = daemon->add(add);
    ASSERT_TRUE(remoteId.ok()) << remoteId.error().message;
    RpcServerOptions rpc;
    rpc.port = 0;
    auto server = RpcServer::start(*daemon, rpc);
    ASSERT_TRUE(server.ok()) << server.error().message;
    const QString url = QStringLiteral("http://127.0.0.1:%1/transmission/rpc").arg(server.value()->port());

    // The window starts on its own local library, which is empty.
    gui::SessionBridge bridge;
    gui::MainWindow window(bridge);
    auto local = openGuiSession(dir.path() / "gui-profile", "127.0.0.3");
    window.setLocalSession(local);
    bridge.attach(local);
    EXPECT_EQ(window.model().rowCount(), 0);

    QSignalSpy connected(&window, &gui::MainWindow::remoteConnected);
    window.connectToDaemonAt(url, {}, {});
    ASSERT_TRUE(waitUntil([&] { return connected.count() == 1; }, 20000));
    ASSERT_TRUE(connected.front().front().toBool()) << connected.front().at(1).toString().toStdString();
    EXPECT_TRUE(window.showsRemote());
    ASSERT_TRUE(waitUntil([&] { return window.model().rowCount() == 1; }));
    const TorrentStatus& shown = window.model().statusAt(0);
    EXPECT_EQ(shown.name, "remote-payload.bin");
    const TorrentId shownId = shown.id;

    // Pause from the window: the daemon's own engine stops the torrent, and the row follows.
    window.selectTorrent(shownId);
    bridge.run(QStringLiteral("Pause"), [shownId](Session& s) { return s.pause(shownId); });
    ASSERT_TRUE(waitUntil([&] {
        auto s = daemon->status(*remoteId);
        return s && (s->state == TorrentState::Stopped || s->state == TorrentState::Completed);
    })) << "the daemon's torrent was not paused";
    ASSERT_TRUE(waitUntil([&] {
        const int row = window.model().rowOf(shownId);
        return row >= 0 && (window.model().statusAt(row).state == TorrentState::Stopped ||
                            window.model().statusAt(row).state == TorrentState::Completed);
    })) << "the window did not show the pause";

    window.disconnectFromDaemon();
    EXPECT_FALSE(window.showsRemote());
    EXPECT_EQ(window.model().rowCount(), 0);
    EXPECT_EQ(bridge.session(), local.get());

    // A daemon that is not there: a clear failure, and the window stays on the local library.
    server.value()->stop();
    connected.clear();
    window.connectToDaemonAt(url, {}, {});
    ASSERT_TRUE(waitUntil([&] { return connected.count() == 1; }, 30000));
    EXPECT_FALSE(connected.front().front().toBool());
    EXPECT_FALSE(connected.front().at(1).toString().isEmpty());
    EXPECT_EQ(bridge.session(), local.get());
    bridge.detach();
    bridge.waitForIdle(10000);
}

}  // namespace
}  // namespace shoal::test
