// SIGTERM and SIGINT stop `shoal seed` cleanly: exit 0, a "stopped" event, and a library that SQLite
// itself finds intact.
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

void expectCleanStopOn(int sig, const std::string& ip) {
    TempDir dir("shoal-cli-signal");
    const Payload payload = makeFilePayload(dir.path() / "source", "payload.bin", 4 * 1024 * 1024);
    const fs::path torrent = dir.path() / "payload.torrent";
    ASSERT_TRUE(shoalCreate(payload, torrent, {"--v1"}));
    const fs::path profile = dir.path() / "profile";

    ShoalProcess seeder(
        concat({"seed", torrent.string(), "--data", payload.parent.string()}, loopbackArgs(ip, profile)));
    ASSERT_GT(seeder.waitListening(), 0) << seeder.transcript();
    ASSERT_TRUE(seeder.waitEvent("seeding", 30s)) << seeder.transcript();

    seeder.process().signal(sig);
    const auto stopped = seeder.waitEvent("stopped", 20s);
    EXPECT_TRUE(stopped) << seeder.transcript();
    if (stopped) {
        EXPECT_EQ(stopped->value("reason", ""), "signal") << stopped->dump();
    }
    EXPECT_EQ(seeder.process().wait(20s), 0) << seeder.transcript();

    const fs::path db = profile / "shoal.db";
    ASSERT_TRUE(fs::exists(db)) << "no library in " << profile;
    EXPECT_EQ(queryText(db, "PRAGMA integrity_check"), "ok");
    EXPECT_NE(queryText(db, "PRAGMA user_version"), "0");
}

TEST(CliSeed, SigtermStopsCleanlyWithAnIntactLibrary) {
    SHOAL_REQUIRE_CLI();
    expectCleanStopOn(SIGTERM, "127.0.0.6");
}

TEST(CliSeed, SigintStopsCleanlyWithAnIntactLibrary) {
    SHOAL_REQUIRE_CLI();
    expectCleanStopOn(SIGINT, "127.0.0.7");
}

}  // namespace
}  // namespace shoal::test
