// LocalSession and its library: what survives a restart, what a user gets wrong, and how errors show.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "library_fixture.h"

namespace shoal::test {
namespace {

TEST_F(Library, KeepsTorrentsAndProgressAcrossRestart) {
    const Payload p = makePayload(dir_.path(), 4 << 20);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        auto added = session->add(requestFor(p));
        ASSERT_TRUE(added.ok()) << added.error().message;
        id = added.value();
        ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding)) << "the data was not checked as complete";
        ASSERT_TRUE(session->setCategory(id, "isos").ok());
        ASSERT_TRUE(session->setTags(id, {"linux", "test"}).ok());
    }
    auto session = open();
    auto status = session->status(id);
    ASSERT_TRUE(status.has_value()) << "the torrent is gone after a restart";
    EXPECT_EQ(status->hashes, p.torrent.hashes);
    EXPECT_EQ(status->category, "isos");
    EXPECT_EQ(status->tags, (std::vector<std::string>{"linux", "test"}));
    ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding));
    EXPECT_DOUBLE_EQ(session->status(id)->progress, 1.0);
}

TEST_F(Library, MissingFilesPutTheTorrentInAnErrorState) {
    const Payload p = makePayload(dir_.path(), 2 << 20);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        id = session->add(requestFor(p)).value();
        ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding));
    }
    fs::remove(p.file);
    auto session = open();
    // The library is handed to libtorrent while open() returns: the Errored event may come before the
    // fixture subscribes, and the errored state, then already in the snapshot, says it instead.
    const auto errored = [&] {
        const auto s = session->status(id);
        return s && s->state == TorrentState::Errored;
    };
    ASSERT_TRUE(errored() || events_.waitFor([&](const Event&) { return errored(); }, 20s))
        << "missing files were not reported";
    auto status = session->status(id);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->state, TorrentState::Errored);
    EXPECT_NE(status->error.find("files missing"), std::string::npos) << status->error;
    EXPECT_FALSE(fs::exists(p.file)) << "libtorrent started downloading again instead of reporting";
}

TEST_F(Library, AddingTheSameTorrentAgainMergesTrackers) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    auto session = open();
    const TorrentId id = session->add(requestFor(p)).value();
    ASSERT_TRUE(waitEvent(EventType::Added, id));
    AddRequest again = requestFor(p);
    again.trackers = {"http://127.0.0.1:1/announce"};
    auto second = session->add(again);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.value(), id);
    EXPECT_EQ(session->torrents().size(), 1u);
    auto details = session->details(id);
    ASSERT_TRUE(details.ok()) << details.error().message;
    ASSERT_EQ(details->trackers.size(), 1u);
    EXPECT_EQ(details->trackers[0].url, "http://127.0.0.1:1/announce");
}

TEST_F(Library, RemoveWithDataDeletesFilesAndIdsAreNeverReused) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    TorrentId first = kNoTorrent;
    {
        auto session = open();
        first = session->add(requestFor(p)).value();
        ASSERT_TRUE(waitState(*session, first, TorrentState::Seeding));
        ASSERT_TRUE(session->remove(first, RemoveMode::DeleteData).ok());
        ASSERT_TRUE(waitEvent(EventType::Removed, first));
        EXPECT_FALSE(session->status(first).has_value());
        EXPECT_FALSE(fs::exists(p.file));
    }
    auto session = open();
    EXPECT_TRUE(session->torrents().empty());
    const Payload other = makePayload(dir_.path() / "other", 1 << 20, 7);
    auto second = session->add(requestFor(other));
    ASSERT_TRUE(second.ok());
    EXPECT_GT(second.value(), first);
}

TEST_F(Library, RejectsBadInputWithAClearError) {
    auto session = open();
    AddRequest garbage;
    garbage.torrentBytes = {'n', 'o', 't', ' ', 'a', ' ', 't', 'o', 'r', 'r', 'e', 'n', 't'};
    garbage.savePath = dir_.path().string();
    auto result = session->add(garbage);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::BadInput);

    AddRequest badHash;
    badHash.infoHash = "xyz";
    badHash.savePath = dir_.path().string();
    EXPECT_EQ(session->add(badHash).error().code, ErrorCode::BadInput);

    AddRequest badMagnet;
    badMagnet.magnetUri = "magnet:?dn=nothing";
    badMagnet.savePath = dir_.path().string();
    EXPECT_EQ(session->add(badMagnet).error().code, ErrorCode::BadInput);

    std::ofstream(dir_.path() / "a-file") << "x";
    AddRequest unwritable;
    unwritable.infoHash = std::string(40, 'a');
    unwritable.savePath = (dir_.path() / "a-file" / "sub").string();
    auto io = session->add(unwritable);
    ASSERT_FALSE(io.ok());
    EXPECT_EQ(io.error().code, ErrorCode::Io);
    EXPECT_TRUE(session->torrents().empty()) << "a refused add left a torrent behind";
}

TEST_F(Library, AProfileIsUsedByOneSessionAtATime) {
    auto session = open();
    LocalSessionOptions options;
    options.profileDir = dir_.path() / "profile";
    auto second = LocalSession::open(options);
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().message.find("in use"), std::string::npos) << second.error().message;
}

TEST_F(Library, ASeedingGoalStopsTheTorrentAndStaysStopped) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        AddRequest request = requestFor(p);
        request.ratioGoal = 0.0;  // reached as soon as it seeds
        id = session->add(request).value();
        ASSERT_TRUE(waitEvent(EventType::GoalReached, id));
        ASSERT_TRUE(waitState(*session, id, TorrentState::Completed));
    }
    auto session = open();
    ASSERT_TRUE(waitState(*session, id, TorrentState::Completed)) << "a stopped torrent restarted by itself";
}

TEST_F(Library, SettingsArePersistedWithoutThisRunsOverrides) {
    {
        auto session = open();
        Settings settings = session->settings();
        settings.downloadLimit = 123456;
        settings.activeDownloads = 7;
        ASSERT_TRUE(session->applySettings(settings).ok());
        settings.connectionsLimit = -5;
        EXPECT_FALSE(session->applySettings(settings).ok());
    }
    auto session = open();
    EXPECT_EQ(session->settings().downloadLimit, 123456);
    EXPECT_EQ(session->settings().activeDownloads, 7);
    EXPECT_TRUE(session->settings().enableDht) << "an override (no DHT) leaked into the stored settings";
}

TEST_F(Library, QueueingHoldsBackDownloadsBeyondTheActiveLimit) {
    const Payload a = makePayload(dir_.path() / "a", 1 << 20, 1);
    const Payload b = makePayload(dir_.path() / "b", 1 << 20, 2);
    auto session = open([](Settings& s) {
        s.queueingEnabled = true;
        s.activeDownloads = 1;
    });
    // Nobody seeds these: both want to download, and only one may.
    AddRequest first = requestFor(a);
    first.savePath = (dir_.path() / "empty-a").string();
    AddRequest second = requestFor(b);
    second.savePath = (dir_.path() / "empty-b").string();
    const TorrentId idA = session->add(first).value();
    const TorrentId idB = session->add(second).value();
    ASSERT_TRUE(waitState(*session, idA, TorrentState::Downloading));
    ASSERT_TRUE(waitState(*session, idB, TorrentState::QueuedForDownload))
        << "A: " << toString(session->status(idA)->state) << " B: " << toString(session->status(idB)->state);
    ASSERT_TRUE(session->moveInQueue(idB, QueueMove::Top).ok());
    ASSERT_TRUE(waitState(*session, idB, TorrentState::Downloading)) << "moving to the top did not start it";
    ASSERT_TRUE(waitState(*session, idA, TorrentState::QueuedForDownload));
}

TEST_F(Library, PerTorrentLimitsShowInStatusAndSurviveRestart) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        id = session->add(requestFor(p)).value();
        ASSERT_TRUE(waitEvent(EventType::Added, id));
        ASSERT_TRUE(session->setLimits(id, 200000, 100000).ok());
        EXPECT_EQ(session->status(id)->downloadLimit, 200000);
        EXPECT_FALSE(session->setLimits(id, -1, 0).ok());
        EXPECT_EQ(session->setLimits(9999, 1, 1).error().code, ErrorCode::NotFound);
    }
    auto session = open();
    ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding));
    EXPECT_EQ(session->status(id)->downloadLimit, 200000);
    EXPECT_EQ(session->status(id)->uploadLimit, 100000);
}

// What libtorrent is given at the add (flags, trackers) is in the library when add() returns, with the
// row: a SIGKILL right after it loses none of it. The info dict is not in it (the row's metainfo is).
TEST_F(Library, ANewTorrentsResumeDataIsStoredWithItsRow) {
    const Payload p = makePayload(dir_.path(), 256 * 1024);
    auto session = open();
    AddRequest request = requestFor(p);
    request.paused = true;
    request.sequential = true;
    request.trackers = {"http://127.0.0.1:1/shoal-test/announce"};
    const TorrentId id = session->add(request).value();

    std::string data;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2((dir_.path() / "profile" / "shoal.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT data FROM resume_data WHERE torrent_id = ?1", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_int64(stmt, 1, id);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            data.assign(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                        static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    ASSERT_FALSE(data.empty()) << "no resume data for torrent " << id;
    EXPECT_NE(data.find("19:sequential_downloadi1e"), std::string::npos);
    EXPECT_NE(data.find("6:pausedi1e"), std::string::npos);
    EXPECT_NE(data.find("http://127.0.0.1:1/shoal-test/announce"), std::string::npos);
    EXPECT_EQ(data.find("4:infod"), std::string::npos);
}

}  // namespace
}  // namespace shoal::test
