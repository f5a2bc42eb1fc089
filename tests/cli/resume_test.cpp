// A `shoal download` killed with SIGKILL halfway and started again with the same profile fetches only what
// its last resume save did not cover.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/library_db.h"
#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kSize = 32 * 1024 * 1024;
// The engine saves resume data every 10 s while downloading (Settings::resumeSaveIntervalSeconds) and the
// CLI has no option to change it: the download must go on for longer than that after the threshold.
constexpr auto kSaveInterval = 10s;
constexpr auto kSaveMargin = 3s;  // a tick, the save alert, the store's commit
constexpr double kThreshold = 0.3;
constexpr int kPieceSize = 256 * 1024;
constexpr std::int64_t kSlack = 4 * kPieceSize;  // partial pieces: received, not yet whole and verified

TEST(CliDownload, KilledDownloadResumesWithoutRefetching) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-resume");
    const Payload payload = makeFilePayload(dir.path() / "source", "payload.bin", kSize);
    const fs::path torrent = dir.path() / "payload.torrent";
    ASSERT_TRUE(shoalCreate(payload, torrent, {"--v1", "--piece-size", std::to_string(kPieceSize)}));

    // 32 MiB at 1 MiB/s: the threshold comes after ~10 s and the end ~22 s later, so a save interval fits.
    auto slowSeeder = std::make_unique<ShoalProcess>(
        concat({"seed", torrent.string(), "--data", payload.parent.string(), "--up-limit", "1M"},
               loopbackArgs("127.0.0.4", dir.path() / "seeder-profile")));
    const int slowPort = slowSeeder->waitListening();
    ASSERT_GT(slowPort, 0) << slowSeeder->transcript();
    ASSERT_TRUE(slowSeeder->waitEvent("seeding", 30s)) << slowSeeder->transcript();

    const fs::path out = dir.path() / "out";
    const fs::path profile = dir.path() / "leecher-profile";
    auto downloadArgs = [&](const std::string& seedIp, int seedPort) {
        return concat({"download", torrent.string(), "-o", out.string(), "--peer",
                       seedIp + ":" + std::to_string(seedPort)},
                      loopbackArgs("127.0.0.5", profile));
    };

    std::int64_t bytesAtThreshold = 0;
    double progressAtKill = 0;
    {
        ShoalProcess first(downloadArgs("127.0.0.4", slowPort));
        const auto threshold = first.waitEvent(
            [](const nlohmann::json& e) {
                return isEvent(e, "progress") && e.value("progress", 0.0) >= kThreshold;
            },
            60s);
        ASSERT_TRUE(threshold) << first.transcript();
        bytesAtThreshold = threshold->value("bytes_done", std::int64_t{0});
        ASSERT_GT(bytesAtThreshold, 0) << threshold->dump();

        // Wait (on events, bounded) for a save after the threshold: a "resume_saved" event if the CLI
        // reports them (then one more progress tick, as the event is sent when the save is queued to the
        // library's writer), else a whole save interval. The last save before the kill then holds at least
        // bytesAtThreshold; the library itself is the witness below.
        const auto thresholdAt = std::chrono::steady_clock::now();
        const auto killAt = thresholdAt + kSaveInterval + kSaveMargin;
        std::optional<nlohmann::json> last = threshold;
        bool saved = false;
        while (std::chrono::steady_clock::now() < killAt) {
            auto e = first.waitEvent(
                [](const nlohmann::json& ev) {
                    return isEvent(ev, "progress") || isEvent(ev, "finished") || isEvent(ev, "resume_saved");
                },
                20s);
            ASSERT_TRUE(e) << first.transcript();
            ASSERT_FALSE(isEvent(*e, "finished"))
                << "finished before the kill: the seeder's limit did not hold\n"
                << first.transcript();
            // A save that completes within a second may have been asked for before the threshold.
            if (isEvent(*e, "resume_saved")) {
                saved = saved || std::chrono::steady_clock::now() > thresholdAt + 1s;
                continue;
            }
            last = e;
            if (saved) break;
        }
        progressAtKill = last->value("progress", 0.0);
        first.process().signal(SIGKILL);
        EXPECT_EQ(first.process().wait(10s), 128 + SIGKILL);
    }
    ASSERT_LT(progressAtKill, 1.0);
    slowSeeder.reset();

    // The library survived the kill, and holds the progress saved before it.
    const fs::path db = profile / "shoal.db";
    EXPECT_EQ(queryText(db, "PRAGMA integrity_check"), "ok");
    const int pieces = savedPieces(db);
    ASSERT_GE(pieces, 0) << "no readable resume data in " << db;
    const std::int64_t savedBytes = static_cast<std::int64_t>(pieces) * kPieceSize;
    EXPECT_GE(savedBytes, bytesAtThreshold - kSlack)
        << "the last save before the kill is older than the threshold";

    // A fast seeder for the second run, on an address of its own. The resume data remembers 127.0.0.4 at the
    // old port; given the same address at a new port with --peer, the restarted download sometimes never
    // connected (3 of 8 tries at aac0f59 sat at 0 peers for 20 s). That is a finding of its own, not this
    // test's subject.
    ShoalProcess fastSeeder(concat({"seed", torrent.string(), "--data", payload.parent.string()},
                                   loopbackArgs("127.0.0.10", dir.path() / "seeder-profile-2")));
    const int fastPort = fastSeeder.waitListening();
    ASSERT_GT(fastPort, 0) << fastSeeder.transcript();
    ASSERT_TRUE(fastSeeder.waitEvent("seeding", 30s)) << fastSeeder.transcript();

    ShoalProcess second(downloadArgs("127.0.0.10", fastPort));
    const auto finished = second.waitEvent("finished", 60s);
    ASSERT_TRUE(finished) << second.transcript();
    EXPECT_EQ(second.process().wait(20s), 0) << second.transcript();
    EXPECT_TRUE(finished->value("verified", false));
    EXPECT_EQ(finished->value("bytes", std::int64_t{-1}), kSize);

    const auto downloadedAgain = finished->value("payload_downloaded", std::int64_t{-1});
    RecordProperty("bytes_at_threshold", std::to_string(bytesAtThreshold));
    RecordProperty("progress_at_kill", std::to_string(progressAtKill));
    RecordProperty("payload_downloaded_after_restart", std::to_string(downloadedAgain));
    RecordProperty("saved_bytes", std::to_string(savedBytes));
    EXPECT_GE(downloadedAgain, 0);
    EXPECT_LE(downloadedAgain, kSize - savedBytes + kSlack)
        << savedBytes << " bytes were in the library at the kill (progress then " << progressAtKill << ")";
    EXPECT_LT(downloadedAgain, kSize * 3 / 4);
    EXPECT_TRUE(sameContent(payload, out));
}

}  // namespace
}  // namespace shoal::test
