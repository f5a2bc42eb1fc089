// The engine core's rules, each one a finding that used to lose a user's command or end the process:
// changes sent while a torrent is still being added, a second remove, a throwing handler, details asked
// from an event handler.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <stdexcept>

#include "library_fixture.h"
#include "store/store.h"

namespace shoal::test {
namespace {

using EngineCore = Library;

// Stopped by the user: Completed if its files were checked complete first, Stopped if the pause came
// before the check (a torrent paused while being added is not checked until it is started).
bool stopped(const std::optional<TorrentStatus>& s) {
    return s && (s->state == TorrentState::Stopped || s->state == TorrentState::Completed);
}

// Sent right behind the add: whichever way the race goes (before or after libtorrent has the torrent),
// every change is applied, and those the library keeps are still there after a restart.
TEST_F(EngineCore, ChangesSentRightAfterAnAddAreAppliedAndKept) {
    const Payload p = makePayload(dir_.path(), 2 << 20);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        auto added = session->add(requestFor(p));
        ASSERT_TRUE(added.ok()) << added.error().message;
        id = added.value();
        ASSERT_TRUE(session->pause(id).ok());
        ASSERT_TRUE(session->setLimits(id, 100000, 200000).ok());
        ASSERT_TRUE(session->setSequential(id, true).ok());
        ASSERT_TRUE(session->setFilePriorities(id, {FilePriority::High}).ok());
        ASSERT_TRUE(waitEvent(EventType::Added, id));
        ASSERT_TRUE(events_.waitFor([&](const Event&) { return stopped(session->status(id)); }, 20s) ||
                    stopped(session->status(id)))
            << "the pause sent during the add was lost";
        auto details = session->details(id);
        ASSERT_TRUE(details.ok()) << details.error().message;
        EXPECT_TRUE(details->status.sequential) << "the sequential flag sent during the add was lost";
        EXPECT_EQ(details->status.downloadLimit, 100000);
        EXPECT_EQ(details->status.uploadLimit, 200000);
        ASSERT_EQ(details->files.size(), 1u);
        EXPECT_EQ(details->files[0].priority, FilePriority::High) << "the priority sent during the add was lost";
    }
    auto session = open();
    ASSERT_TRUE(session->status(id).has_value());
    // (Added may come before the fixture subscribes: the stopped state, from libtorrent, says it is in.)
    ASSERT_TRUE(events_.waitFor([&](const Event&) { return stopped(session->status(id)); }, 20s) ||
                stopped(session->status(id)))
        << "the pause was not kept across a restart";
    auto details = session->details(id);
    ASSERT_TRUE(details.ok()) << details.error().message;
    EXPECT_EQ(details->status.downloadLimit, 100000);
    EXPECT_EQ(details->status.uploadLimit, 200000);
    EXPECT_TRUE(details->status.sequential);
}

// Found by fuzzing: the second remove reached libtorrent with a handle already gone, which threw on the
// engine thread and ended the process.
TEST_F(EngineCore, RemovingTwiceRemovesOnceAndTheEngineGoesOn) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    auto session = open();
    const TorrentId id = session->add(requestFor(p)).value();
    ASSERT_TRUE(waitEvent(EventType::Added, id));
    ASSERT_TRUE(session->remove(id, RemoveMode::KeepData).ok());
    (void)session->remove(id, RemoveMode::KeepData);  // NotFound or accepted: both are fine, a crash is not
    ASSERT_TRUE(waitEvent(EventType::Removed, id));
    EXPECT_FALSE(session->status(id).has_value());

    const Payload other = makePayload(dir_.path() / "other", 1 << 20, 7);
    const TorrentId second = session->add(requestFor(other)).value();
    EXPECT_TRUE(waitEvent(EventType::Added, second)) << "the engine stopped after the double remove";
}

TEST_F(EngineCore, ARemoveSentDuringTheAddTakesTheTorrentOut) {
    const Payload p = makePayload(dir_.path(), 1 << 20);
    auto session = open();
    const TorrentId id = session->add(requestFor(p)).value();
    ASSERT_TRUE(session->remove(id, RemoveMode::KeepData).ok());
    ASSERT_TRUE(waitEvent(EventType::Removed, id));
    EXPECT_TRUE(session->torrents().empty());
    // Adding the same torrent again gives a new torrent: nothing of the first is left in libtorrent.
    const TorrentId again = session->add(requestFor(p)).value();
    EXPECT_NE(again, id);
    ASSERT_TRUE(waitEvent(EventType::Added, again));
    EXPECT_TRUE(waitState(*session, again, TorrentState::Seeding));
}

TEST_F(EngineCore, AThrowingHandlerIsLoggedAndOthersStillHearEvents) {
    auto session = open();
    std::atomic<int> thrown{0};
    session->subscribe([&](const Event&) {
        ++thrown;
        throw std::runtime_error("a handler that throws");
    });
    const Payload p = makePayload(dir_.path(), 1 << 20);
    const TorrentId id = session->add(requestFor(p)).value();
    EXPECT_TRUE(waitEvent(EventType::Added, id));
    EXPECT_TRUE(waitState(*session, id, TorrentState::Seeding));
    EXPECT_GT(thrown.load(), 0);
}

// An event handler runs on the engine thread; asking the session from there used to wait 15 s on itself
// and time out.
TEST_F(EngineCore, DetailsAskedFromAnEventHandlerAreAnswered) {
    auto session = open();
    auto answer = std::make_shared<std::promise<Result<TorrentDetails>>>();
    auto answered = answer->get_future();
    std::atomic<bool> asked{false};
    LocalSession* raw = session.get();
    session->subscribe([raw, answer, &asked](const Event& e) {
        if (e.type != EventType::Added || asked.exchange(true)) return;
        answer->set_value(raw->details(e.id));
    });
    const Payload p = makePayload(dir_.path(), 1 << 20);
    const TorrentId id = session->add(requestFor(p)).value();
    ASSERT_EQ(answered.wait_for(30s), std::future_status::ready);
    const auto details = answered.get();
    ASSERT_TRUE(details.ok()) << details.error().message;
    EXPECT_EQ(details->status.id, id);
}

// A seeder on its own address, for the leecher the fixture opens.
struct Seeder {
    std::unique_ptr<EventQueue> events = std::make_unique<EventQueue>();
    std::unique_ptr<LocalSession> session;
    std::string endpoint;
};

Seeder startSeeder(const fs::path& profile, const Payload& p) {
    Seeder seeder;
    LocalSessionOptions options;
    options.profileDir = profile;
    options.tickMs = 100;
    options.overrides = [](Settings& s) { s = loopbackSettings("127.0.0.22"); };
    options.eventHandler = seeder.events->handler();
    auto opened = LocalSession::open(options);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    if (!opened.ok()) return seeder;
    seeder.session = std::move(opened).value();
    auto listening = seeder.events->waitFor([](const Event& e) { return e.type == EventType::Listening; }, 10s);
    EXPECT_TRUE(listening.has_value());
    if (listening) seeder.endpoint = listening->message;
    AddRequest request;
    request.torrentBytes = p.torrent.bytes;
    request.savePath = p.dataDir.string();
    request.seedMode = true;
    EXPECT_TRUE(seeder.session->add(request).ok());
    return seeder;
}

std::int64_t historyTotal(const fs::path& db, const char* column, TorrentId torrent) {
    sqlite3* handle = nullptr;
    std::int64_t sum = -1;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        const std::string sql = std::string("SELECT coalesce(sum(") + column +
                                "), 0) FROM traffic_daily WHERE torrent_id = " + std::to_string(torrent);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            sum = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(handle);
    return sum;
}

// libtorrent starts a torrent's payload counters again from zero when it is resumed: the session's "this
// run" and all-time counters must not follow it down, nor forget a removed torrent or the last run.
TEST_F(EngineCore, TrafficCountersNeverGoBack) {
    constexpr std::int64_t kSize = 3 << 20;
    const Payload p = makePayload(dir_.path() / "seed", kSize);
    Seeder seeder = startSeeder(dir_.path() / "seeder", p);
    ASSERT_NE(seeder.session, nullptr);
    TorrentId id = kNoTorrent;
    {
        auto session = open();
        AddRequest request;
        request.torrentBytes = p.torrent.bytes;
        request.savePath = (dir_.path() / "leech").string();
        request.peers = {seeder.endpoint};
        id = session->add(request).value();
        ASSERT_TRUE(waitEvent(EventType::Finished, id, 60s)) << "the download did not finish";
        const auto done = *session->status(id);
        EXPECT_GE(done.downloadedThisRun, kSize);
        EXPECT_GE(session->totals().downloadedThisRun, kSize);

        ASSERT_TRUE(session->pause(id).ok());
        ASSERT_TRUE(waitState(*session, id, TorrentState::Completed));
        ASSERT_TRUE(session->resume(id).ok());
        ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding));
        const auto resumed = *session->status(id);
        EXPECT_GE(resumed.downloadedThisRun, done.downloadedThisRun) << "stop/start took this run's counter back";
        EXPECT_GE(resumed.allTimeDownloaded, done.downloadedThisRun);
        EXPECT_GE(session->totals().downloadedThisRun, done.downloadedThisRun);
        EXPECT_GE(session->totals().allTimeDownloaded, done.downloadedThisRun);
    }
    const fs::path db = dir_.path() / "profile" / "shoal.db";
    EXPECT_GE(historyTotal(db, "downloaded", id), kSize) << "the torrent's daily history lacks its download";
    EXPECT_GE(historyTotal(db, "downloaded", 0), kSize) << "the session's daily history lacks the download";
    {
        auto session = open();
        ASSERT_TRUE(waitState(*session, id, TorrentState::Seeding));
        EXPECT_GE(session->status(id)->allTimeDownloaded, kSize) << "the torrent's all-time counter was lost";
        EXPECT_GE(session->totals().allTimeDownloaded, kSize) << "the session's all-time counter was lost";
        ASSERT_TRUE(session->remove(id, RemoveMode::KeepData).ok());
        ASSERT_TRUE(waitEvent(EventType::Removed, id));
        EXPECT_GE(session->totals().allTimeDownloaded, kSize) << "removing the torrent took its traffic away";
    }
    auto session = open();
    EXPECT_GE(session->totals().allTimeDownloaded, kSize) << "the all-time counter went back after a restart";
    EXPECT_GE(historyTotal(db, "downloaded", id), kSize) << "a removed torrent's history is kept";
    auto history = session->trafficHistory(kNoTorrent, 30);
    ASSERT_TRUE(history.ok()) << history.error().message;
    ASSERT_FALSE(history->empty());
    EXPECT_GE(history->back().downloaded, kSize);
    EXPECT_EQ(history->back().day.size(), 10u) << history->back().day;
}

// A large library is listed as soon as open() returns, while libtorrent still gets it a chunk at a time;
// a command for a torrent not handed over yet waits for its add, and is kept.
TEST_F(EngineCore, ALargeLibraryIsListedAtOnceAndTakesCommandsWhileItLoads) {
    constexpr int kTorrents = 1200;  // more than two of the restore's chunks
    std::vector<TorrentId> ids;
    {
        auto session = open();
        for (int i = 0; i < kTorrents; ++i) {
            char hash[41];
            std::snprintf(hash, sizeof hash, "%08x%032x", 0x5ba1u, static_cast<unsigned>(i + 1));
            AddRequest request;
            request.infoHash = hash;
            request.savePath = (dir_.path() / "data").string();
            request.paused = true;
            auto added = session->add(request);
            ASSERT_TRUE(added.ok()) << added.error().message;
            ids.push_back(added.value());
        }
    }
    const TorrentId last = ids.back();
    {
        auto session = open();
        EXPECT_EQ(session->torrents().size(), static_cast<std::size_t>(kTorrents)) << "not all listed when open() returned";
        ASSERT_TRUE(session->resume(last).ok());
        ASSERT_TRUE(session->setSequential(last, true).ok());
        ASSERT_TRUE(events_.waitFor([&](const Event&) {
            auto s = session->status(last);
            return s && s->state == TorrentState::DownloadingMetadata && s->sequential;
        }, 60s)) << "the start sent while the library loaded was lost";
        ASSERT_TRUE(waitState(*session, ids.front(), TorrentState::Stopped, 60s));
    }
    auto session = open();
    ASSERT_TRUE(events_.waitFor([&](const Event&) {
        auto s = session->status(last);
        return s && s->state == TorrentState::DownloadingMetadata && s->sequential;
    }, 60s)) << "the start was not kept across a restart";
}

}  // namespace
}  // namespace shoal::test
