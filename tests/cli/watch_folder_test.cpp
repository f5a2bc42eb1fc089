// The daemon's watch folder takes any file without falling over (issue 17, item 3): an 8 GiB sparse
// huge.torrent is refused by its size before anything is read, renamed .invalid with one log line, and
// the good .torrent next to it is added; a restart on the same folder stays up.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/hostile_input.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Polls until `condition` holds or `timeout` passes (files appearing have no event to wait on).
bool eventuallyTrue(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return condition();
}

// The watch folder leaves files written in the last second alone (they may still be being written).
void makeOld(const fs::path& file) { fs::last_write_time(file, fs::file_time_type::clock::now() - 1min); }

std::size_t linesNaming(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (const auto& line : linesOf(text)) n += line.find(part) != std::string::npos ? 1 : 0;
    return n;
}

TEST(DaemonWatchFolder, RefusesAHugeFileAndAddsTheGoodOneBesideIt) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-watch");
    const fs::path watch = dir.path() / "watch";
    fs::create_directories(watch);
    const fs::path huge = watch / "huge.torrent";
    std::ofstream(huge).close();
    fs::resize_file(huge, std::uintmax_t{8} << 30);  // sparse: 8 GiB long, no blocks written
    const fs::path garbage = watch / "garbage.torrent";
    writeRandomFile(garbage, 4096, 5);
    const fs::path good = writeBytes(watch / "good.torrent", torrentWithFiles(3));
    for (const auto& f : {huge, garbage, good}) makeOld(f);

    const fs::path profile = dir.path() / "profile";
    {
        DaemonUnderTest daemon(profile, dir.path(), {"--watch-dir", watch.string()});
        ASSERT_TRUE(daemon.up()) << daemon.transcript();
        ASSERT_TRUE(daemon.waitEvent("added", 30s)) << daemon.transcript();
        EXPECT_TRUE(eventuallyTrue([&] { return fs::exists(watch / "good.torrent.added"); }, 20s));
        EXPECT_TRUE(eventuallyTrue([&] { return fs::exists(watch / "huge.torrent.invalid"); }, 20s));
        EXPECT_TRUE(eventuallyTrue([&] { return fs::exists(watch / "garbage.torrent.invalid"); }, 20s));
        EXPECT_FALSE(fs::exists(huge));

        const RunResult listed = daemon.remote({"list", "--json"});
        EXPECT_EQ(listed.exitCode, 0) << listed.err;
        EXPECT_EQ(nlohmann::json::parse(listed.out, nullptr, false)
                      .value("torrents", nlohmann::json::array())
                      .size(),
                  1u)
            << listed.out;

        daemon.process().signal(SIGTERM);
        EXPECT_EQ(daemon.process().wait(60s), 0) << daemon.transcript();
        const std::string log = daemon.process().stderrText();
        EXPECT_EQ(linesNaming(log, "huge.torrent"), 1u) << log;  // one clear line, not one per scan
        EXPECT_NE(log.find("more than the 64 MiB a .torrent may have"), std::string::npos) << log;
        EXPECT_EQ(linesNaming(log, "garbage.torrent"), 1u) << log;
    }

    // What stays in the folder cannot bring a restart down either.
    fs::rename(watch / "huge.torrent.invalid", huge);
    makeOld(huge);
    DaemonUnderTest again(profile, dir.path(), {"--watch-dir", watch.string()});
    ASSERT_TRUE(again.up()) << again.transcript();
    EXPECT_TRUE(eventuallyTrue([&] { return fs::exists(watch / "huge.torrent.invalid"); }, 20s))
        << again.transcript();
    const RunResult listed = again.remote({"list", "--json"});
    EXPECT_EQ(listed.exitCode, 0) << listed.err;
    again.process().signal(SIGTERM);
    EXPECT_EQ(again.process().wait(60s), 0) << again.transcript();
}

}  // namespace
}  // namespace shoal::test
