// A library on a full disk: a write the library cannot make fails the request that asked for it (and
// never lands later), background writes are retried until there is room, and nothing waits for long.
#include <gtest/gtest.h>


#include <chrono>
#include <thread>

#include "shoal/add_request.h"
#include "shoal/local_session.h"
#include "store/store.h"
#include "support/fixtures.h"
#include "support/small_disk.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using store::Store;
using store::TorrentRow;

constexpr std::int64_t kMiB = 1024 * 1024;

TorrentRow row(TorrentId id, std::size_t metainfoBytes) {
    TorrentRow r;
    r.id = id;
    r.infoHashV1 = std::string(39, 'a') + static_cast<char>('0' + id);
    r.name = "t" + std::to_string(id);
    r.metainfo.assign(metainfoBytes, 'm');
    r.savePath = "/data";
    return r;
}

// Retries `condition` until it holds or the deadline passes (the writer retries on its own schedule).
bool within(std::chrono::seconds limit, const std::function<bool()>& condition) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

TEST(FullDisk, StoreRefusesWhatItCannotWriteAndRetriesTheRest) {
    SHOAL_SMALL_DISK(disk, 8 * kMiB);
    const fs::path db = disk.path() / "shoal.db";
    {
        auto opened = Store::open(db);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        Store& store = *opened.value();
        ASSERT_TRUE(store.commitTorrent(row(1, 100)).ok());

        disk.fill();
        ASSERT_LT(disk.available(), 4096);
        auto refused = store.commitTorrent(row(2, 2 * kMiB));
        ASSERT_FALSE(refused.ok()) << "a 2 MiB row was committed to a full disk";
        EXPECT_NE(refused.error().message.find("full"), std::string::npos) << refused.error().message;

        store.putResumeData(1, std::vector<char>(kMiB, 'r'));  // a background write: kept and retried
        const auto started = Clock::now();
        EXPECT_FALSE(store.flush());
        // Bounded by one failed attempt, not by the 30 s a flush may wait for a slow disk.
        EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
        const std::string error = store.lastWriteError();
        EXPECT_NE(error.find("full"), std::string::npos) << error;
        EXPECT_EQ(error.find("no transaction is active"), std::string::npos) << error;
        EXPECT_EQ(store.writerStats().writesRefused, 1u);

        disk.free();
        EXPECT_TRUE(within(std::chrono::seconds(20), [&] { return store.flush(); }))
            << "the resume write was not retried once there was room: " << store.lastWriteError();
        EXPECT_TRUE(store.lastWriteError().empty());
    }
    auto reopened = Store::open(db);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    const auto torrents = reopened.value()->loadTorrents();
    ASSERT_EQ(torrents.size(), 1u) << "the refused row landed after all";
    EXPECT_EQ(torrents[0].row.id, 1);
    EXPECT_EQ(torrents[0].resumeData.size(), static_cast<std::size_t>(kMiB));
}

class FullDiskSession : public ::testing::Test {
protected:
    std::unique_ptr<LocalSession> open(const fs::path& profile) {
        LocalSessionOptions options;
        options.profileDir = profile;
        options.overrides = [](Settings& s) { useLoopback(s, "127.0.0.1"); };
        auto opened = LocalSession::open(std::move(options));
        EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    static AddRequest request(std::vector<char> bytes, const fs::path& savePath) {
        AddRequest r;
        r.torrentBytes = std::move(bytes);
        r.savePath = savePath.string();
        r.paused = true;  // nothing to fetch: only the library is under test
        return r;
    }
};

TEST_F(FullDiskSession, AddsAndSettingsFailInsteadOfAnsweringSuccess) {
    SHOAL_SMALL_DISK(disk, 16 * kMiB);
    const fs::path profile = disk.path() / "profile";
    const fs::path downloads = disk.path() / "downloads";
    const auto kept = torrentWithMadeUpHashes("kept.bin", 64);
    const auto refused = torrentWithMadeUpHashes("refused.bin", 60000);  // ~1.2 MB of piece hashes
    int limitBefore = 0;
    {
        auto session = open(profile);
        ASSERT_TRUE(session);
        ASSERT_TRUE(session->add(request(kept, downloads)).ok());
        limitBefore = session->settings().downloadLimit;

        disk.fill();
        auto added = session->add(request(refused, downloads));
        ASSERT_FALSE(added.ok()) << "add answered success on a full disk";
        EXPECT_NE(added.error().message.find("full"), std::string::npos) << added.error().message;
        EXPECT_EQ(session->torrents().size(), 1u) << "the refused torrent is listed";

        Settings changed = session->settings();
        changed.downloadLimit = limitBefore + 12345;
        // A settings row larger than any free page of the database's files (~1 MB).
        for (int i = 0; i < 40000; ++i) changed.dhtBootstrapNodes.push_back("node" + std::to_string(i) + ".example:6881");
        auto applied = session->applySettings(changed);
        ASSERT_FALSE(applied.ok()) << "settings answered success on a full disk";
        EXPECT_EQ(session->settings().downloadLimit, limitBefore) << "a refused change is in force";

        const auto started = Clock::now();
        session.reset();
        // systemd stops waiting after 60 s; a full library must not hold the exit anywhere near that.
        EXPECT_LT(Clock::now() - started, std::chrono::seconds(20));
    }
    disk.free();
    auto session = open(profile);
    ASSERT_TRUE(session);
    const auto listed = session->torrents();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].name, "kept.bin");
    EXPECT_EQ(session->settings().downloadLimit, limitBefore);
    // Refused means refused: with room again, the same torrent is added as new.
    auto again = session->add(request(refused, downloads));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(session->torrents().size(), 2u);
}

}  // namespace
}  // namespace shoal::test
