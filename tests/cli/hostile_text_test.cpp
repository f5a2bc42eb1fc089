// Text that is not UTF-8 (a magnet's dn=%ff, \xff in a .torrent's name, paths, tracker URL, comment, a
// path the user typed) never aborts `--json` output: it comes out as valid JSON with U+FFFD in its place,
// in `shoal info` and in a daemon that holds such a torrent, across restarts (issue 17, item 2).
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/hostile_input.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string kHash = "0123456789abcdef0123456789abcdef01234567";
const std::string kMagnet = "magnet:?xt=urn:btih:" + kHash + "&dn=%ff";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// `shoal info --json SOURCE`: exit 0 and one JSON document (nullopt, with the failure recorded, if not).
json infoJson(const std::string& source) {
    const RunResult r = runShoal({"info", "--json", source}, 30s);
    EXPECT_EQ(r.exitCode, 0) << "stdout: " << r.out << "\nstderr: " << r.err;
    const json doc = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << "not JSON: " << r.out;
    return doc.is_discarded() ? json::object() : doc;
}

TEST(CliHostileText, InfoJsonOfAMagnetNamedWithInvalidUtf8) {
    SHOAL_REQUIRE_CLI();
    const json doc = infoJson(kMagnet);
    EXPECT_EQ(doc.value("name", ""), kReplacementChar) << doc.dump();
    EXPECT_EQ(doc.value("info_hash_v1", ""), kHash);
    EXPECT_TRUE(contains(doc.value("magnet", ""), kHash)) << doc.dump();

    const RunResult human = runShoal({"info", kMagnet}, 30s);
    EXPECT_EQ(human.exitCode, 0) << human.err;
    EXPECT_TRUE(contains(human.out, std::string("name:         ") + kReplacementChar)) << human.out;
}

TEST(CliHostileText, InfoJsonOfATorrentWithInvalidUtf8InEveryText) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-hostile-text");
    const fs::path torrent = writeBytes(dir.path() / "bad-text.torrent", torrentWithInvalidUtf8());
    const json doc = infoJson(torrent.string());
    ASSERT_TRUE(doc.contains("trackers")) << doc.dump();
    const std::string tracker = doc["trackers"][0][0].get<std::string>();
    EXPECT_EQ(tracker, std::string("http://tracker") + kReplacementChar + ".invalid/announce");
    EXPECT_EQ(doc["web_seeds"][0].get<std::string>(),
              std::string("http://seed") + kReplacementChar + ".invalid/");
    // libtorrent itself turns invalid bytes in names and paths into '_'; either way they are text now.
    EXPECT_FALSE(doc.value("name", "").empty());
    ASSERT_EQ(doc["files"].size(), 1u) << doc.dump();
    EXPECT_TRUE(contains(doc["files"][0].value("path", ""), "file")) << doc.dump();
    EXPECT_TRUE(contains(doc.value("comment", ""), "comment ")) << doc.dump();
    EXPECT_TRUE(contains(doc.value("created_by", ""), "creator ")) << doc.dump();
}

TEST(CliHostileText, ErrorNamingAnInvalidUtf8PathIsOneJsonEvent) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-hostile-text");
    const std::string missing = (dir.path() / "missing\xff.torrent").string();
    const RunResult r = runShoal({"info", "--json", missing}, 30s);
    EXPECT_EQ(r.exitCode, 3) << "stdout: " << r.out << "\nstderr: " << r.err;
    const json event = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << "not JSON: " << r.out << "\nstderr: " << r.err;
    EXPECT_EQ(event.value("event", ""), "error");
    EXPECT_TRUE(contains(event.value("message", ""), std::string("missing") + kReplacementChar + ".torrent"))
        << event.dump();
    EXPECT_EQ(linesOf(r.err).size(), 1u) << r.err;

    // A refused command line quotes the bad argument too.
    const RunResult usage = runShoal({"info", "--json", kMagnet, "--bogus\xff"}, 30s);
    EXPECT_EQ(usage.exitCode, 2) << usage.out << usage.err;
    EXPECT_FALSE(json::parse(usage.out, nullptr, false).is_discarded()) << "not JSON: " << usage.out;
}

// The magnet and the .torrent go to a daemon over its RPC (`shoal --remote add`); the daemon, then a
// restart of it on the same library, keeps every stdout line JSON, answers `--remote list/info --json`
// with JSON, and stops with 0.
TEST(CliHostileText, DaemonJsonStaysUpWithInvalidUtf8TorrentsAcrossRestarts) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-hostile-daemon");
    const fs::path profile = dir.path() / "profile";
    const fs::path torrent = writeBytes(dir.path() / "bad-text.torrent", torrentWithInvalidUtf8());

    const auto listedNames = [](DaemonUnderTest& daemon) {
        const RunResult r = daemon.remote({"list", "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        const json doc = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(doc.is_discarded()) << "not JSON: " << r.out;
        std::vector<std::string> names;
        if (!doc.is_discarded())
            for (const auto& t : doc.value("torrents", json::array())) names.push_back(t.value("name", ""));
        return names;
    };

    {
        DaemonUnderTest daemon(profile, dir.path());
        ASSERT_TRUE(daemon.up()) << daemon.transcript();
        RunResult r = daemon.remote({"add", "--json", kMagnet});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
        EXPECT_FALSE(json::parse(r.out, nullptr, false).is_discarded()) << r.out;
        r = daemon.remote({"add", "--json", torrent.string(), "--paused"});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
        ASSERT_TRUE(daemon.waitEvent("added", 30s)) << daemon.transcript();

        const auto names = listedNames(daemon);
        EXPECT_EQ(names.size(), 2u);
        EXPECT_NE(std::find(names.begin(), names.end(), kReplacementChar), names.end())
            << "the magnet's name should be U+FFFD";
        r = daemon.remote({"info", "--json", "all"});
        EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
        for (const auto& line : linesOf(r.out))
            EXPECT_FALSE(json::parse(line, nullptr, false).is_discarded()) << "not JSON: " << line;

        daemon.process().signal(SIGTERM);
        EXPECT_EQ(daemon.process().wait(60s), 0) << daemon.transcript();
        EXPECT_TRUE(daemon.nonJsonLines().empty()) << daemon.transcript();
    }
    for (int restart = 0; restart < 2; ++restart) {
        SCOPED_TRACE("restart " + std::to_string(restart + 1));
        DaemonUnderTest daemon(profile, dir.path());
        ASSERT_TRUE(daemon.up()) << daemon.transcript();
        EXPECT_EQ(listedNames(daemon).size(), 2u);
        daemon.process().signal(SIGTERM);
        EXPECT_EQ(daemon.process().wait(60s), 0) << daemon.transcript();
        EXPECT_TRUE(daemon.nonJsonLines().empty()) << daemon.transcript();
    }
}

}  // namespace
}  // namespace shoal::test
