// The SQLite library: every field round-trips, writes coalesce, old libraries migrate, foreign files are
// refused untouched, and a writer killed mid-stream leaves a consistent database.
#include <gtest/gtest.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <functional>
#include <fstream>

#include "store/migrations.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using store::Store;
using store::TorrentRow;

std::unique_ptr<Store> openStore(const fs::path& file) {
    auto opened = Store::open(file);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    return opened.ok() ? std::move(opened).value() : nullptr;
}

TorrentRow fullRow(TorrentId id) {
    TorrentRow r;
    r.id = id;
    r.infoHashV1 = std::string(40, 'a');
    r.infoHashV2 = std::string(64, 'b');
    r.name = "name-" + std::to_string(id);
    r.metainfo = {'d', '\0', 'x', '\0', 'e'};
    r.magnetUri = "magnet:?xt=urn:btih:" + std::string(40, 'a');
    r.savePath = "/data/downloads";
    r.addedTime = 1700000000 + id;
    r.completedTime = 1700000100;
    r.queuePosition = static_cast<int>(id);
    r.userPaused = true;
    r.downloadLimit = 1000;
    r.uploadLimit = 2000;
    r.ratioGoal = 1.5;
    r.seedTimeGoalSeconds = 3600;
    r.category = "isos";
    r.tags = {"zeta", "alpha", "mid"};
    r.allTimeDownloaded = 123456789;
    r.allTimeUploaded = 987654321;
    return r;
}

std::string fileBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string integrityCheck(const fs::path& file) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    std::string result = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)) : "";
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
}

TEST(LibraryStore, EveryFieldRoundTripsAcrossReopen) {
    TempDir dir;
    const fs::path file = dir.path() / "shoal.db";
    TorrentRow sparse;
    sparse.id = 9;
    sparse.savePath = "/x";
    {
        auto store = openStore(file);
        store->putTorrent(fullRow(3));
        store->putTorrent(sparse);
        store->putResumeData(3, {'r', '\0', 'd'});
        store->putSetting("settings", "{\"a\":1}");
        store->putStatistics({11, 22, 3});
    }
    auto store = openStore(file);
    const auto loaded = store->loadTorrents();
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].row, fullRow(3));
    EXPECT_EQ(loaded[0].resumeData, (std::vector<char>{'r', '\0', 'd'}));
    EXPECT_EQ(loaded[1].row, sparse) << "unset goals must come back unset";
    EXPECT_TRUE(loaded[1].resumeData.empty());
    EXPECT_EQ(store->loadSetting("settings"), "{\"a\":1}");
    EXPECT_FALSE(store->loadSetting("missing").has_value());
    EXPECT_EQ(store->loadStatistics(), (store::Statistics{11, 22, 3}));
    EXPECT_EQ(store->schemaVersion(), store::latestSchemaVersion());
}

TEST(LibraryStore, RowUpdatesKeepResumeDataAndRemovalNeverComesBack) {
    TempDir dir;
    auto store = openStore(dir.path() / "shoal.db");
    store->putTorrent(fullRow(1));
    store->putResumeData(1, {'o', 'l', 'd'});
    TorrentRow renamed = fullRow(1);
    renamed.name = "renamed";
    store->putTorrent(renamed);
    store->flush();
    auto loaded = store->loadTorrents();
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].row.name, "renamed");
    EXPECT_EQ(loaded[0].resumeData, (std::vector<char>{'o', 'l', 'd'}));

    store->putTorrent(fullRow(7));
    store->removeTorrent(7);
    store->putResumeData(7, {'l', 'a', 't', 'e'});  // a save that arrives after the removal
    store->removeTorrent(1);
    store->flush();
    EXPECT_TRUE(store->loadTorrents().empty());
    EXPECT_EQ(store->maxTorrentId(), 7) << "ids are never reused";
}

TEST(LibraryStore, ResumeWritesForOneTorrentCoalesce) {
    TempDir dir;
    auto store = openStore(dir.path() / "shoal.db");
    store->putTorrent(fullRow(1));
    constexpr int kWrites = 2000;
    for (int i = 0; i < kWrites; ++i) store->putResumeData(1, std::vector<char>(100, static_cast<char>(i % 128)));
    store->flush();
    const auto stats = store->writerStats();
    EXPECT_GT(stats.resumeWritesCoalesced, 0u);
    EXPECT_LT(stats.batchesCommitted, static_cast<std::uint64_t>(kWrites));
    EXPECT_EQ(store->loadTorrents()[0].resumeData, std::vector<char>(100, static_cast<char>((kWrites - 1) % 128)));
}

// The info dict is written once: a change of a torrent's options leaves the stored metainfo alone, and only
// putMetainfo (a magnet's metadata arriving) replaces it.
TEST(LibraryStore, RowUpdatesDoNotRewriteTheMetainfo) {
    TempDir dir;
    auto store = openStore(dir.path() / "shoal.db");
    store->putTorrent(fullRow(1));
    TorrentRow changed = fullRow(1);
    changed.downloadLimit = 5;
    changed.metainfo = {'x'};
    store->putTorrent(changed);
    store->flush();
    auto loaded = store->loadTorrents();
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].row.downloadLimit, 5);
    EXPECT_EQ(loaded[0].row.metainfo, fullRow(1).metainfo);
    store->putMetainfo(1, {'d', 'e'});
    store->flush();
    EXPECT_EQ(store->loadTorrents()[0].row.metainfo, (std::vector<char>{'d', 'e'}));
}

// One torrent's traffic on `day`, which is all the session had: its counters are the session's too.
store::TrafficUpdate onlyTorrentTraffic(const std::string& day, const store::TorrentTraffic& torrent) {
    store::TrafficUpdate update;
    update.day = day;
    update.statistics = {torrent.allTimeDownloaded, torrent.allTimeUploaded, 1};
    update.torrents = {torrent};
    update.downloaded = torrent.downloaded;
    update.uploaded = torrent.uploaded;
    return update;
}

TEST(LibraryStore, TrafficAddsUpPerDayAndKeepsRemovedTorrentsHistory) {
    TempDir dir;
    auto store = openStore(dir.path() / "shoal.db");
    store->putTorrent(fullRow(1));
    store->putTraffic(onlyTorrentTraffic("2026-12-01", {1, 1000, 10, 1000, 10}));
    store->putTraffic(onlyTorrentTraffic("2026-12-01", {1, 1500, 30, 500, 20}));
    store->removeTorrent(1);
    store->putTraffic(onlyTorrentTraffic("2026-12-02", {1, 1600, 30, 100, 0}));
    store->flush();

    using store::TrafficDay;
    EXPECT_EQ(store->loadTrafficHistory(1, 30),
              (std::vector<TrafficDay>{{"2026-12-01", 1500, 30}, {"2026-12-02", 100, 0}}));
    EXPECT_EQ(store->loadTrafficHistory(kNoTorrent, 1), (std::vector<TrafficDay>{{"2026-12-02", 100, 0}}));
    EXPECT_EQ(store->loadStatistics().allTimeDownloaded, 1600);
}

TEST(LibraryStore, TrafficUpdatesTheTorrentsCounters) {
    TempDir dir;
    auto store = openStore(dir.path() / "shoal.db");
    store->putTorrent(fullRow(1));
    store->putTraffic(onlyTorrentTraffic("2026-12-01", {1, 123456789 + 5, 987654321 + 7, 5, 7}));
    store->flush();
    const auto row = store->loadTorrents().at(0).row;
    EXPECT_EQ(row.allTimeDownloaded, 123456789 + 5);
    EXPECT_EQ(row.allTimeUploaded, 987654321 + 7);
}

// A library written by each older release opens, keeps its data and reaches the current schema.
TEST(LibraryMigration, EveryOldVersionMigratesWithItsData) {
    for (int version = 0; version < store::latestSchemaVersion(); ++version) {
        SCOPED_TRACE("from schema " + std::to_string(version));
        TempDir dir;
        const fs::path file = dir.path() / "shoal.db";
        {
            auto db = store::Database::open(file.string(), false);
            ASSERT_TRUE(db.ok());
            ASSERT_TRUE(store::migrateTo(db.value(), version).ok());
            if (version == 1) {  // release 1 kept tags comma-separated in the row
                ASSERT_TRUE(db->exec("INSERT INTO torrents (id, name, save_path, added_time, tags) VALUES "
                                     "(5, 'old', '/d', 1, 'b,a,c'), (6, 'untagged', '/d', 2, '');"
                                     "INSERT INTO resume_data VALUES (5, x'00ff', 1);"
                                     "INSERT INTO settings VALUES ('settings', '{}');"))
                    << db->lastError();
            }
        }
        auto store = openStore(file);
        ASSERT_NE(store, nullptr);
        EXPECT_EQ(store->schemaVersion(), store::latestSchemaVersion());
        if (version == 1) {
            const auto loaded = store->loadTorrents();
            ASSERT_EQ(loaded.size(), 2u);
            EXPECT_EQ(loaded[0].row.name, "old");
            EXPECT_EQ(loaded[0].row.tags, (std::vector<std::string>{"b", "a", "c"})) << "tag order kept";
            EXPECT_EQ(loaded[0].resumeData, (std::vector<char>{'\0', '\xff'}));
            EXPECT_TRUE(loaded[1].row.tags.empty());
            EXPECT_EQ(store->loadSetting("settings"), "{}");
        }
    }
}

TEST(LibraryMigration, RefusesFilesThatAreNotShoalLibrariesAndLeavesThemAlone) {
    TempDir dir;
    const fs::path random = dir.path() / "random.db";
    writeRandomFile(random, 8192, 5);
    const fs::path foreign = dir.path() / "foreign.db";
    {
        auto db = store::Database::open(foreign.string(), false);
        ASSERT_TRUE(db->exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');"));
    }
    const fs::path newer = dir.path() / "newer.db";
    {
        auto db = store::Database::open(newer.string(), false);
        ASSERT_TRUE(store::migrateTo(db.value(), store::latestSchemaVersion()).ok());
        ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(store::latestSchemaVersion() + 1)));
    }
    for (const auto& [file, words] : {std::pair{random, "not a Shoal library"}, std::pair{foreign, "another program"},
                                      std::pair{newer, "newer Shoal"}}) {
        const std::string before = fileBytes(file);
        auto opened = Store::open(file);
        ASSERT_FALSE(opened.ok()) << file;
        EXPECT_NE(opened.error().message.find(words), std::string::npos) << opened.error().message;
        EXPECT_EQ(fileBytes(file), before) << file << " was modified";
    }
    std::ofstream(dir.path() / "a-file") << "x";
    auto underFile = Store::open(dir.path() / "a-file" / "shoal.db");
    ASSERT_FALSE(underFile.ok());
    EXPECT_EQ(underFile.error().code, ErrorCode::Io);
}

// A child writes rows and checksummed resume blobs, reporting each flushed index; the parent kills it
// mid-stream. Everything reported as flushed is there and whole, and the database is consistent.
TEST(LibraryCrash, KilledWriterLeavesEveryFlushedRowWhole) {
    TempDir dir;
    const fs::path file = dir.path() / "shoal.db";
    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        auto opened = Store::open(file);
        if (!opened.ok()) ::_exit(2);
        auto& store = *opened.value();
        for (std::int32_t i = 1;; ++i) {
            store.putTorrent(fullRow(i));
            std::vector<char> blob(64 * 1024, static_cast<char>(i));
            std::memcpy(blob.data(), &i, sizeof i);  // the blob says which row it belongs to
            store.putResumeData(i, blob);
            store.flush();
            if (::write(pipeFds[1], &i, sizeof i) != sizeof i) ::_exit(3);
        }
    }
    ::close(pipeFds[1]);
    std::int32_t lastFlushed = 0;
    pollfd fd{pipeFds[0], POLLIN, 0};
    while (lastFlushed < 50 && ::poll(&fd, 1, 10000) > 0) {
        std::int32_t index = 0;
        if (::read(pipeFds[0], &index, sizeof index) != sizeof index) break;
        lastFlushed = index;
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(pipeFds[0]);
    ASSERT_GE(lastFlushed, 50) << "the child did not write";

    EXPECT_EQ(integrityCheck(file), "ok");
    auto store = openStore(file);
    const auto loaded = store->loadTorrents();
    ASSERT_GE(loaded.size(), static_cast<std::size_t>(lastFlushed));
    for (const auto& t : loaded) {
        EXPECT_EQ(t.row, fullRow(t.row.id));
        // Past the last flush the child reported, a row may be there without its resume data: the writer
        // takes what is queued when it wakes, so the row can be committed a batch before its blob.
        if (t.row.id > lastFlushed && t.resumeData.empty()) continue;
        ASSERT_EQ(t.resumeData.size(), 64u * 1024) << "torrent " << t.row.id;
        std::int32_t owner = 0;
        std::memcpy(&owner, t.resumeData.data(), sizeof owner);
        EXPECT_EQ(owner, t.row.id);
        EXPECT_EQ(t.resumeData.back(), static_cast<char>(t.row.id));
    }
}

TEST(SettingsJson, RoundTripsEveryFieldAndToleratesOldAndNewKeys) {
    Settings s;
    s.listenInterfaces = "127.0.0.5:0";
    s.outgoingInterfaces = "127.0.0.5";
    s.enableTcp = false;
    s.enableUtp = false;
    s.utpOutgoing = true;
    s.encryption = EncryptionPolicy::Require;
    s.allowMultipleConnectionsPerIp = true;
    s.connectionsLimit = 77;
    s.enableDht = false;
    s.dhtBootstrapNodes = {"127.0.0.2:6881"};
    s.enableLsd = s.enablePex = s.enableUpnp = false;
    s.announceToAllTrackers = true;
    s.downloadLimit = 5;
    s.uploadLimit = 6;
    s.queueingEnabled = false;
    s.activeDownloads = 1;
    s.activeSeeds = 2;
    s.activeLimit = 3;
    s.seedRatioGoal = 2.5;
    s.seedTimeGoalSeconds = 60;
    s.defaultSavePath = "/srv";
    s.resumeSaveIntervalSeconds = 30;
    s.aioThreads = 8;
    s.hashingThreads = 3;
    s.maxQueuedDiskBytes = 1 << 20;
    s.alertQueueSize = 500;
    s.peerFingerprint = "-SH0200-";
    s.userAgent = "Shoal/0.2.0";
    auto back = settingsFromJson(settingsToJson(s));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value(), s);

    auto partial = settingsFromJson(R"({"download_limit": 9, "from_the_future": true})");
    ASSERT_TRUE(partial.ok());
    EXPECT_EQ(partial->downloadLimit, 9);
    EXPECT_EQ(partial->listenInterfaces, Settings{}.listenInterfaces);

    auto wrongType = settingsFromJson(R"({"enable_dht": "yes"})");
    ASSERT_FALSE(wrongType.ok());
    EXPECT_NE(wrongType.error().message.find("enable_dht"), std::string::npos);
    EXPECT_FALSE(settingsFromJson("not json").ok());
}

TEST(SettingsJson, ValidationNamesTheBadField) {
    EXPECT_TRUE(validate(Settings{}).ok());
    const std::vector<std::pair<std::function<void(Settings&)>, std::string>> cases = {
        {[](Settings& s) { s.listenInterfaces = ""; }, "listen_interfaces"},
        {[](Settings& s) { s.listenInterfaces = "127.0.0.1:70000"; }, "listen_interfaces"},
        {[](Settings& s) { s.listenInterfaces = "garbage"; }, "listen_interfaces"},
        {[](Settings& s) { s.dhtBootstrapNodes = {"router.example"}; }, "dht_bootstrap_nodes"},
        {[](Settings& s) { s.downloadLimit = -1; }, "download_limit"},
        {[](Settings& s) { s.aioThreads = 0; }, "aio_threads"},
        {[](Settings& s) { s.hashingThreads = 65; }, "hashing_threads"},
        {[](Settings& s) { s.resumeSaveIntervalSeconds = 0; }, "resume_save_interval_seconds"},
        {[](Settings& s) { s.peerFingerprint = "-SH-"; }, "peer_fingerprint"},
        {[](Settings& s) { s.seedRatioGoal = -1; }, "seed_ratio_goal"},
    };
    for (const auto& [breakIt, field] : cases) {
        Settings s;
        breakIt(s);
        auto result = validate(s);
        ASSERT_FALSE(result.ok()) << field;
        EXPECT_NE(result.error().message.find(field), std::string::npos) << result.error().message;
    }
    Settings v6;
    v6.listenInterfaces = "[::]:6881,0.0.0.0:0";
    EXPECT_TRUE(validate(v6).ok());
}

}  // namespace
}  // namespace shoal::test
