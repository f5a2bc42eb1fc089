// The main window over a real LocalSession: rows, actions on the selection, the sidebar's counts, the
// status bar, the add dialog from a launch item, and the layout remembered across windows.
#include <gtest/gtest.h>

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <fstream>

#include "dialogs/add_torrent_dialog.h"
#include "gui_support.h"
#include "model/torrent_filter_model.h"
#include "model/torrent_table_model.h"
#include "widgets/main_window.h"
#include "widgets/sidebar.h"

namespace shoal::test {
namespace {

using gui::MainWindow;
using gui::SessionBridge;
using gui::TorrentTableModel;

struct WindowFixture {
    TempDir dir;
    SessionBridge bridge;
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>(bridge);
    std::shared_ptr<LocalSession> session = openGuiSession(dir.path() / "profile");

    WindowFixture() {
        window->show();
        bridge.attach(session);
    }
    ~WindowFixture() {
        window.reset();
        bridge.detach();
        bridge.waitForIdle(10000);
    }
    TorrentId addSeeded(const std::string& name, std::uint64_t seed) {
        AddRequest r;
        r.torrentBytes = makeTorrentFile(dir.path() / "data", name, 128 * 1024, seed);
        r.savePath = (dir.path() / "data").string();
        r.seedMode = true;
        auto id = session->add(r);
        EXPECT_TRUE(id.ok());
        return id.ok() ? id.value() : kNoTorrent;
    }
    TorrentState stateOf(TorrentId id) {
        const int row = window->model().rowOf(id);
        return row < 0 ? TorrentState::Errored : window->model().statusAt(row).state;
    }
};

QAction* actionNamed(MainWindow& window, const QString& text) {
    for (QAction* a : window.findChildren<QAction*>()) {
        if (a->text().remove(QLatin1Char('&')) == text) return a;
    }
    return nullptr;
}

TEST(MainWindow, PauseAndStartTheSelectionAndTheSidebarCounts) {
    WindowFixture f;
    const TorrentId a = f.addSeeded("alpha.bin", 1);
    const TorrentId b = f.addSeeded("beta.bin", 2);
    ASSERT_TRUE(waitUntil([&] { return f.window->model().rowCount() == 2; }));
    ASSERT_TRUE(waitUntil([&] { return f.stateOf(a) == TorrentState::Seeding && f.stateOf(b) == TorrentState::Seeding; }));

    f.window->selectTorrent(a);
    ASSERT_EQ(f.window->selectedIds(), std::vector<TorrentId>{a});
    QAction* pause = actionNamed(*f.window, QStringLiteral("Pause"));
    ASSERT_NE(pause, nullptr);
    ASSERT_TRUE(pause->isEnabled());
    pause->trigger();
    ASSERT_TRUE(waitUntil([&] { return f.stateOf(a) == TorrentState::Completed; })) << "not paused";
    EXPECT_EQ(f.stateOf(b), TorrentState::Seeding) << "only the selection is paused";

    f.window->sidebar().recount();
    const auto paused = f.window->sidebar().findItems(QStringLiteral("Paused (1)"), Qt::MatchRecursive);
    EXPECT_EQ(paused.size(), 1);
    const auto seeding = f.window->sidebar().findItems(QStringLiteral("Seeding (1)"), Qt::MatchRecursive);
    EXPECT_EQ(seeding.size(), 1);

    // Clicking "Paused" in the sidebar leaves only alpha in the table.
    f.window->sidebar().setCurrentItem(paused.front());
    EXPECT_EQ(f.window->filter().rowCount(), 1);
    f.window->sidebar().setCurrentItem(f.window->sidebar().findItems(QStringLiteral("All (2)"), Qt::MatchRecursive).front());
    EXPECT_EQ(f.window->filter().rowCount(), 2);

    f.window->selectTorrent(a);
    actionNamed(*f.window, QStringLiteral("Start"))->trigger();
    ASSERT_TRUE(waitUntil([&] { return f.stateOf(a) == TorrentState::Seeding; })) << "not started again";

    // The search box filters by name.
    f.window->searchBox().setText(QStringLiteral("BETA"));
    ASSERT_EQ(f.window->filter().rowCount(), 1);
    EXPECT_EQ(f.window->filter().index(0, 0).data().toString(), QStringLiteral("beta.bin"));
}

// The session stores DHT on (the default) but runs with it off (the test's overrides): the status bar
// says what runs.
TEST(MainWindow, StatusBarShowsTheSettingsTheEngineRunsWith) {
    WindowFixture f;
    auto* dht = f.window->findChild<QLabel*>(QStringLiteral("dhtLabel"));
    ASSERT_NE(dht, nullptr);
    EXPECT_TRUE(waitUntil([&] { return dht->text() == QStringLiteral("DHT: off"); })) << dht->text().toStdString();
    ASSERT_TRUE(f.bridge.settingsKnown());
    EXPECT_TRUE(f.bridge.settings().enableDht) << "the stored setting is still on";
}

TEST(MainWindow, ALaunchItemOpensTheAddDialogAndAddsTheTorrent) {
    WindowFixture f;
    const auto bytes = makeTorrentFile(f.dir.path() / "data", "from-launch.bin", 64 * 1024, 9);
    const auto file = f.dir.path() / "from-launch.torrent";
    {
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    f.window->openItems({QString::fromStdString(file.string())});
    auto dialogs = f.window->findChildren<gui::AddTorrentDialog*>();
    ASSERT_EQ(dialogs.size(), 1);
    EXPECT_TRUE(dialogs.front()->errorText().isEmpty()) << dialogs.front()->errorText().toStdString();
    dialogs.front()->setSavePath(QString::fromStdString((f.dir.path() / "downloads").string()));
    dialogs.front()->accept();
    ASSERT_TRUE(waitUntil([&] { return f.window->model().rowCount() == 1; }));
    EXPECT_EQ(f.window->model().statusAt(0).name, "from-launch.bin");

    // A bad item opens the dialog with its reason instead of failing silently.
    f.window->openItems({QStringLiteral("magnet:?xt=urn:btih:nothex")});
    dialogs = f.window->findChildren<gui::AddTorrentDialog*>();
    bool shown = false;
    for (auto* d : dialogs) shown = shown || !d->errorText().isEmpty();
    EXPECT_TRUE(shown);
}

TEST(MainWindow, ColumnLayoutIsRememberedAcrossWindows) {
    {
        WindowFixture f;
        f.window->table().setColumnHidden(TorrentTableModel::Eta, true);
        f.window->table().horizontalHeader()->moveSection(TorrentTableModel::Ratio, 1);
        f.window->close();  // saves the layout
    }
    WindowFixture again;
    EXPECT_TRUE(again.window->table().isColumnHidden(TorrentTableModel::Eta));
    EXPECT_EQ(again.window->table().horizontalHeader()->visualIndex(TorrentTableModel::Ratio), 1);
    QSettings().remove(QStringLiteral("window"));
}

}  // namespace
}  // namespace shoal::test
