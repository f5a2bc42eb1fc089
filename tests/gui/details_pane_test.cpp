// The details pane over a real LocalSession on loopback: what each tab shows, and that its commands
// (file priorities, rename, trackers) reach the session.
#include "details/details_pane.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTreeView>
#include <algorithm>
#include <memory>

#include "details/file_tree_model.h"
#include "details/files_tab.h"
#include "details/general_tab.h"
#include "details/peer_table_model.h"
#include "details/peers_tab.h"
#include "details/piece_map_widget.h"
#include "details/pieces_tab.h"
#include "details/speed_tab.h"
#include "details/trackers_tab.h"
#include "gui_support.h"

namespace shoal::gui {
namespace {

using test::waitUntil;

class DetailsPaneTest : public ::testing::Test {
protected:
    void SetUp() override {
        session_ = test::openGuiSession(dir_.path() / "profile");
        bridge_ = std::make_unique<SessionBridge>();
        bridge_->attach(session_);
        const auto data = dir_.path() / "data";
        AddRequest request;
        request.torrentBytes = test::makeTorrentFile(data, "payload.bin", 1024 * 1024, 42);
        request.savePath = data.string();
        request.seedMode = true;  // the data is there: seed at once, no hashing
        auto added = session_->add(std::move(request));
        ASSERT_TRUE(added) << added.error().message;
        id_ = added.value();
        pane_ = std::make_unique<DetailsPane>(*bridge_);
        pane_->resize(900, 400);
        pane_->show();
    }

    void TearDown() override {
        pane_.reset();  // before the bridge it listens to
        if (bridge_) bridge_->waitForIdle(10000);
        bridge_.reset();
        session_.reset();
    }

    // The session's own view, asked directly (the test thread may block; the GUI may not).
    TorrentDetails sessionDetails() {
        auto d = session_->details(id_);
        EXPECT_TRUE(d) << (d ? "" : d.error().message);
        return d ? d.value() : TorrentDetails{};
    }

    test::TempDir dir_{"shoal-gui-details"};
    std::shared_ptr<LocalSession> session_;
    std::unique_ptr<SessionBridge> bridge_;
    std::unique_ptr<DetailsPane> pane_;
    TorrentId id_ = kNoTorrent;
};

TEST_F(DetailsPaneTest, HasTheSixTabsByName) {
    for (const char* name : {"generalTab", "trackersTab", "peersTab", "filesTab", "piecesTab", "speedTab"}) {
        QWidget* tab = pane_->findChild<QWidget*>(QString::fromLatin1(name));
        ASSERT_NE(tab, nullptr) << name;
        EXPECT_GE(pane_->indexOf(tab), 0) << name;
    }
    EXPECT_EQ(pane_->count(), 6);
}

TEST_F(DetailsPaneTest, GeneralTabShowsNameHashAndMagnet) {
    pane_->setTorrent(id_);
    EXPECT_EQ(pane_->torrent(), id_);
    GeneralTab* general = pane_->generalTab();
    ASSERT_TRUE(
        waitUntil([&] { return general->value(QStringLiteral("name")) == QLatin1String("payload.bin"); }));
    const std::string hash = session_->status(id_)->hashes.v1;
    ASSERT_EQ(hash.size(), 40u);
    EXPECT_EQ(general->value(QStringLiteral("hashV1")).toStdString(), hash);
    EXPECT_TRUE(general->value(QStringLiteral("magnet")).startsWith(QLatin1String("magnet:?")));
    EXPECT_TRUE(general->value(QStringLiteral("magnet")).contains(QString::fromStdString(hash)));
    // 1 MiB in 64 KiB pieces, all had by a seed.
    EXPECT_TRUE(general->value(QStringLiteral("pieces")).startsWith(QLatin1String("16 ")))
        << general->value(QStringLiteral("pieces")).toStdString();
    EXPECT_FALSE(general->value(QStringLiteral("totalSize")).isEmpty());

    pane_->setTorrent(kNoTorrent);
    EXPECT_TRUE(general->value(QStringLiteral("name")).isEmpty());
    EXPECT_EQ(pane_->filesTab()->model()->rowCount(), 0);
}

TEST_F(DetailsPaneTest, RefreshesOnItsOwnOnceASecond) {
    pane_->setTorrent(id_);
    QSignalSpy ready(bridge_.get(), &SessionBridge::detailsReady);
    // The first answer comes from setTorrent(); at least two more within ~3 s can only come from the timer.
    ASSERT_TRUE(waitUntil([&] { return ready.count() >= 3; }, 5000));
    EXPECT_TRUE(pane_->isRefreshing());
    // A hidden pane (collapsed, minimized) and an empty one cost the engine nothing.
    pane_->hide();
    EXPECT_FALSE(pane_->isRefreshing());
    pane_->show();
    EXPECT_TRUE(pane_->isRefreshing());
    pane_->setTorrent(kNoTorrent);
    EXPECT_FALSE(pane_->isRefreshing());
}

TEST_F(DetailsPaneTest, IgnoresDetailsOfAnotherTorrent) {
    pane_->setTorrent(id_);
    GeneralTab* general = pane_->generalTab();
    ASSERT_TRUE(waitUntil([&] { return !general->value(QStringLiteral("name")).isEmpty(); }));
    TorrentDetails other;
    other.status.id = id_ + 1000;
    other.status.name = "someone else";
    Q_EMIT bridge_->detailsReady(other);
    EXPECT_EQ(general->value(QStringLiteral("name")), QLatin1String("payload.bin"));
}

TEST_F(DetailsPaneTest, UncheckingAFileSkipsItInTheSession) {
    pane_->setTorrent(id_);
    FileTreeModel* model = pane_->filesTab()->model();
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == 1; }));
    const QModelIndex file = model->index(0, FileTreeModel::Name);
    EXPECT_EQ(file.data().toString(), QLatin1String("payload.bin"));
    EXPECT_EQ(file.data(Qt::CheckStateRole).toInt(), Qt::Checked);

    ASSERT_TRUE(model->setData(file, Qt::Unchecked, Qt::CheckStateRole));
    ASSERT_TRUE(waitUntil([&] {
        const auto files = sessionDetails().files;
        return files.size() == 1 && files[0].priority == FilePriority::Skip;
    }));
    // The tab, refreshed from the session, still says skipped (not reverted by a stale snapshot).
    ASSERT_TRUE(waitUntil([&] {
        return model->index(0, FileTreeModel::Name).data(FileTreeModel::PriorityRole).toInt() ==
               static_cast<int>(FilePriority::Skip);
    }));
    EXPECT_EQ(model->index(0, FileTreeModel::Name).data(Qt::CheckStateRole).toInt(), Qt::Unchecked);

    // And back, through the priority column (the combo delegate's path).
    ASSERT_TRUE(model->setData(model->index(0, FileTreeModel::Priority), static_cast<int>(FilePriority::High),
                               Qt::EditRole));
    ASSERT_TRUE(waitUntil([&] {
        const auto files = sessionDetails().files;
        return files.size() == 1 && files[0].priority == FilePriority::High;
    }));
}

TEST_F(DetailsPaneTest, RenamingAFileRenamesItInTheSession) {
    pane_->setTorrent(id_);
    FileTreeModel* model = pane_->filesTab()->model();
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == 1; }));
    ASSERT_TRUE(
        model->setData(model->index(0, FileTreeModel::Name), QStringLiteral("renamed.bin"), Qt::EditRole));
    ASSERT_TRUE(waitUntil([&] {
        const auto files = sessionDetails().files;
        return files.size() == 1 && files[0].path == "renamed.bin";
    }));
    ASSERT_TRUE(waitUntil([&] { return model->indexOfPath(QStringLiteral("renamed.bin")).isValid(); }));
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data" / "renamed.bin"));
}

TEST_F(DetailsPaneTest, AddedTrackerShowsInTheTabAndTheSession) {
    pane_->setTorrent(id_);
    TrackersTab* trackers = pane_->trackersTab();
    // Wait for the first details, so the tab knows its torrent's (empty) list.
    ASSERT_TRUE(waitUntil([&] { return !pane_->generalTab()->value(QStringLiteral("name")).isEmpty(); }));
    const QString url = QStringLiteral("http://127.0.0.1:9/announce");
    trackers->addTrackers(url + QStringLiteral("\n\n  "));  // what the Add… dialog hands over
    ASSERT_TRUE(waitUntil([&] {
        const auto list = sessionDetails().trackers;
        return std::any_of(list.begin(), list.end(),
                           [&](const TrackerInfo& t) { return t.url == url.toStdString(); });
    }));
    ASSERT_TRUE(waitUntil([&] { return trackers->urls().contains(url); }));

    const QString edited = QStringLiteral("http://127.0.0.1:10/announce");
    trackers->editTracker(url, edited);
    ASSERT_TRUE(waitUntil([&] { return trackers->urls() == QStringList{edited}; }));
    EXPECT_EQ(sessionDetails().trackers.size(), 1u);

    trackers->removeTrackers({edited});
    ASSERT_TRUE(waitUntil([&] { return trackers->urls().isEmpty(); }));
    EXPECT_TRUE(sessionDetails().trackers.empty());
}

TEST_F(DetailsPaneTest, PiecesAndSpeedTabsFollowTheTorrent) {
    pane_->setTorrent(id_);
    PiecesTab* pieces = pane_->piecesTab();
    ASSERT_TRUE(waitUntil([&] { return pieces->summary().contains(QLatin1String("have 16")); }))
        << pieces->summary().toStdString();
    SpeedTab* speed = pane_->speedTab();
    ASSERT_TRUE(waitUntil([&] { return speed->torrentHistory().size() >= 2; }));
    speed->sampleTotals();
    EXPECT_GE(speed->totalsHistory().size(), 1u);
    pane_->setTorrent(kNoTorrent);
    EXPECT_EQ(speed->torrentHistory().size(), 0u);
    EXPECT_EQ(pieces->map()->pieceCount(), 0);
}

}  // namespace
}  // namespace shoal::gui
