// The torrent table model over a real LocalSession on loopback, checked by QAbstractItemModelTester:
// rows follow adds, progress and removals; sorting and filtering hold while rows change.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include "app/session_bridge.h"
#include "gui_support.h"
#include "model/torrent_filter_model.h"
#include "model/torrent_table_model.h"

namespace shoal::test {
namespace {

using gui::SessionBridge;
using gui::StateFilter;
using gui::TorrentFilterModel;
using gui::TorrentTableModel;

// A bridge + model + proxy wired as the main window wires them, each model under a tester that
// fails the test on any inconsistent signal.
struct Models {
    SessionBridge bridge;
    TorrentTableModel model;
    TorrentFilterModel filter;
    QAbstractItemModelTester modelTester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester filterTester{&filter, QAbstractItemModelTester::FailureReportingMode::Fatal};

    Models() {
        filter.setSourceModel(&model);
        QObject::connect(&bridge, &SessionBridge::statusesChanged, &model, &TorrentTableModel::updateStatuses);
        QObject::connect(&bridge, &SessionBridge::torrentsRemoved, &model, &TorrentTableModel::removeTorrents);
    }
    ~Models() {
        bridge.detach();
        bridge.waitForIdle(10000);
    }
};

TorrentStatus fakeStatus(TorrentId id, const std::string& name, double progress) {
    TorrentStatus s;
    s.id = id;
    s.name = name;
    s.progress = progress;
    s.hasMetadata = true;
    s.totalWanted = id * 1000;
    s.state = progress >= 1 ? TorrentState::Seeding : TorrentState::Downloading;
    return s;
}

TEST(TorrentModel, RowsFollowAddsProgressAndRemovalInALoopbackSwarm) {
    TempDir dir;
    const auto torrent = makeTorrentFile(dir.path() / "seed", "payload.bin", 2 * 1024 * 1024, 7);
    auto seeder = openGuiSession(dir.path() / "seeder-profile", "127.0.0.2");
    AddRequest seed;
    seed.torrentBytes = torrent;
    seed.savePath = (dir.path() / "seed").string();
    seed.seedMode = true;
    ASSERT_TRUE(seeder->add(seed).ok());
    std::string seederEndpoint;
    ASSERT_TRUE(waitUntil([&] {
        const auto endpoints = seeder->totals().listenEndpoints;
        if (!endpoints.empty()) seederEndpoint = endpoints.front();
        return !seederEndpoint.empty();
    }));

    Models m;
    m.bridge.attach(openGuiSession(dir.path() / "leecher-profile", "127.0.0.3"));
    EXPECT_EQ(m.model.rowCount(), 0);

    AddRequest leech;
    leech.torrentBytes = torrent;
    leech.savePath = (dir.path() / "leech").string();
    leech.peers = {seederEndpoint};
    QSignalSpy added(&m.bridge, &SessionBridge::torrentAdded);
    m.bridge.add(leech);
    ASSERT_TRUE(waitUntil([&] { return m.model.rowCount() == 1; })) << "the added torrent never got a row";
    ASSERT_EQ(added.count(), 1);
    const TorrentId id = added.front().front().value<TorrentId>();
    EXPECT_EQ(m.model.rowOf(id), 0);
    EXPECT_EQ(m.model.data(m.model.index(0, TorrentTableModel::Name), Qt::DisplayRole).toString(),
              QStringLiteral("payload.bin"));

    ASSERT_TRUE(waitUntil([&] { return m.model.statusAt(0).progress >= 1.0; }, 60000))
        << "progress stuck at " << m.model.statusAt(0).progress;
    EXPECT_EQ(m.model.data(m.model.index(0, TorrentTableModel::Progress), Qt::DisplayRole).toString(),
              QStringLiteral("100.0%"));
    EXPECT_EQ(sha256File(dir.path() / "leech" / "payload.bin"), sha256File(dir.path() / "seed" / "payload.bin"));

    m.bridge.run(QStringLiteral("Remove"), [id](Session& s) { return s.remove(id, RemoveMode::KeepData); });
    ASSERT_TRUE(waitUntil([&] { return m.model.rowCount() == 0; })) << "the removed torrent kept its row";
    EXPECT_EQ(m.model.rowOf(id), -1);
}

TEST(TorrentModel, ChangedRowsAreSignalledAloneWithoutAReset) {
    Models m;
    std::vector<TorrentStatus> batch;
    for (int i = 1; i <= 10; ++i) batch.push_back(fakeStatus(i, "t" + std::to_string(i), 0.1));
    m.bridge.deliverStatuses(batch);
    ASSERT_EQ(m.model.rowCount(), 10);

    QSignalSpy changed(&m.model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&m.model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&m.model, &QAbstractItemModel::rowsInserted);
    // Rows 3, 4 and 8 change; row 5's snapshot comes again unchanged.
    m.bridge.deliverStatuses({fakeStatus(3, "t3", 0.5), fakeStatus(4, "t4", 0.6), fakeStatus(5, "t5", 0.1),
                              fakeStatus(8, "t8", 0.9)});
    EXPECT_EQ(reset.count(), 0);
    EXPECT_EQ(inserted.count(), 0);
    ASSERT_EQ(changed.count(), 2) << "want one range for rows 2..3 and one for row 7";
    EXPECT_EQ(changed[0][0].toModelIndex().row(), 2);
    EXPECT_EQ(changed[0][1].toModelIndex().row(), 3);
    EXPECT_EQ(changed[1][0].toModelIndex().row(), 7);
    EXPECT_EQ(changed[1][1].toModelIndex().row(), 7);
    EXPECT_DOUBLE_EQ(m.model.statusAt(7).progress, 0.9);
}

TEST(TorrentModel, SortingAndFilteringHoldWhileRowsChange) {
    Models m;
    m.bridge.deliverStatuses({fakeStatus(1, "Debian netinst", 0.2), fakeStatus(2, "Arch ISO", 1.0),
                              fakeStatus(3, "debian DVD 1", 0.7), fakeStatus(4, "Fedora", 0.0)});
    m.filter.sort(TorrentTableModel::Progress, Qt::DescendingOrder);
    auto nameAt = [&](int row) {
        return m.filter.data(m.filter.index(row, TorrentTableModel::Name), Qt::DisplayRole).toString();
    };
    ASSERT_EQ(m.filter.rowCount(), 4);
    EXPECT_EQ(nameAt(0), QStringLiteral("Arch ISO"));
    EXPECT_EQ(nameAt(3), QStringLiteral("Fedora"));

    // A change of the sort key moves the row.
    m.bridge.deliverStatuses({fakeStatus(4, "Fedora", 0.95)});
    EXPECT_EQ(nameAt(1), QStringLiteral("Fedora"));

    // The search box: words match case-insensitively, all of them.
    m.filter.setSearchText(QStringLiteral("debian"));
    ASSERT_EQ(m.filter.rowCount(), 2);
    EXPECT_EQ(nameAt(0), QStringLiteral("debian DVD 1"));  // 0.7 before 0.2
    m.filter.setSearchText(QStringLiteral("DEBIAN dvd"));
    EXPECT_EQ(m.filter.rowCount(), 1);
    m.filter.setSearchText({});

    // State groups; a torrent that completes leaves "Downloading" as its snapshot says so.
    m.filter.setStateFilter(StateFilter::Downloading);
    EXPECT_EQ(m.filter.rowCount(), 3);
    m.bridge.deliverStatuses({fakeStatus(1, "Debian netinst", 1.0)});
    EXPECT_EQ(m.filter.rowCount(), 2);
    m.filter.setStateFilter(StateFilter::Seeding);
    EXPECT_EQ(m.filter.rowCount(), 2);
    m.filter.setStateFilter(StateFilter::All);

    // Category, tag and tracker filters.
    TorrentStatus tagged = fakeStatus(2, "Arch ISO", 1.0);
    tagged.category = "linux";
    tagged.tags = {"iso", "rolling"};
    tagged.tracker = "http://tracker.archlinux.org:6969/announce";
    m.bridge.deliverStatuses({tagged});
    m.filter.setCategoryFilter(QStringLiteral("linux"));
    ASSERT_EQ(m.filter.rowCount(), 1);
    EXPECT_EQ(nameAt(0), QStringLiteral("Arch ISO"));
    m.filter.setCategoryFilter(QString());  // uncategorized
    EXPECT_EQ(m.filter.rowCount(), 3);
    m.filter.setCategoryFilter(std::nullopt);
    m.filter.setTagFilter(QStringLiteral("rolling"));
    EXPECT_EQ(m.filter.rowCount(), 1);
    m.filter.setTagFilter(std::nullopt);
    m.filter.setTrackerFilter(QStringLiteral("tracker.archlinux.org"));
    EXPECT_EQ(m.filter.rowCount(), 1);
    m.filter.setTrackerFilter(std::nullopt);

    // Removal under an active sort keeps the proxy consistent (the testers check every signal).
    m.bridge.deliverStatuses({});
    m.model.removeTorrents({2, 3});
    EXPECT_EQ(m.filter.rowCount(), 2);
    EXPECT_EQ(m.model.rowOf(4), 1);
    EXPECT_EQ(m.model.rowOf(1), 0);
}

TEST(TorrentModel, ALargeListIsReSortedWithinASecondNotOnEveryTick) {
    Models m;
    std::vector<TorrentStatus> many;
    for (int i = 1; i <= TorrentFilterModel::kLargeList + 100; ++i)
        many.push_back(fakeStatus(i, "t" + std::to_string(i), 0.5));
    m.bridge.deliverStatuses(many);
    m.filter.sort(TorrentTableModel::Progress, Qt::DescendingOrder);
    ASSERT_TRUE(m.filter.deferredResort());
    const TorrentId last = static_cast<TorrentId>(many.size());
    m.bridge.deliverStatuses({fakeStatus(last, "t-last", 0.99)});
    auto firstId = [&] { return m.filter.index(0, 0).data(TorrentTableModel::IdRole).toLongLong(); };
    // Not moved by the tick itself...
    EXPECT_NE(firstId(), last);
    // ...but at the next re-sort, within the interval.
    EXPECT_TRUE(waitUntil([&] { return firstId() == last; }, 3 * TorrentFilterModel::resortIntervalMs));
}

}  // namespace
}  // namespace shoal::test
