// `shoal info --json` reports the hashes libtorrent itself reads from a torrent or a magnet, and every
// subcommand answers --help.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_fixtures.h"
#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

nlohmann::json infoJson(const std::string& source) {
    const RunResult r = runShoal({"info", source, "--json"}, 30s);
    EXPECT_EQ(r.exitCode, 0) << "stderr: " << r.err;
    auto doc = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(doc.is_object()) << "not one JSON document: " << r.out;
    return doc.is_object() ? doc : nlohmann::json::object();
}

TEST(CliInfo, ReportsTheHashesOfCreatedTorrents) {
    SHOAL_REQUIRE_CLI();
    TempDir dir("shoal-cli-info");
    const Payload payload = makeFolderPayload(dir.path(), "album", {300000, 70000});
    struct Case {
        std::string flag;
        bool v1;
        bool v2;
    };
    for (const Case& c :
         {Case{"--v1", true, false}, Case{"--v2", false, true}, Case{"--hybrid", true, true}}) {
        SCOPED_TRACE(c.flag);
        const fs::path torrent = dir.path() / ("album" + c.flag + ".torrent");
        ASSERT_TRUE(shoalCreate(payload, torrent, {c.flag, "--piece-size", "16384", "--comment", "hello"}));
        const TorrentHashes expected = hashesOf(torrent);
        ASSERT_EQ(expected.v1.empty(), !c.v1);
        ASSERT_EQ(expected.v2.empty(), !c.v2);

        const auto doc = infoJson(torrent.string());
        EXPECT_EQ(doc.value("name", ""), "album");
        EXPECT_EQ(doc.value("info_hash_v1", ""), expected.v1) << doc.dump();
        EXPECT_EQ(doc.value("info_hash_v2", ""), expected.v2) << doc.dump();
    }
}

TEST(CliInfo, ReportsTheHashesOfMagnets) {
    SHOAL_REQUIRE_CLI();
    const std::string v1 = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    const std::string v2 = "caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e";

    const auto byV1 = infoJson("magnet:?xt=urn:btih:" + v1 + "&dn=some%20name");
    EXPECT_EQ(byV1.value("info_hash_v1", ""), v1) << byV1.dump();
    EXPECT_EQ(byV1.value("name", ""), "some name") << byV1.dump();

    const auto byV2 = infoJson("magnet:?xt=urn:btmh:1220" + v2 + "&dn=other");
    EXPECT_EQ(byV2.value("info_hash_v2", ""), v2) << byV2.dump();

    const auto both = infoJson("magnet:?xt=urn:btih:" + v1 + "&xt=urn:btmh:1220" + v2);
    EXPECT_EQ(both.value("info_hash_v1", ""), v1) << both.dump();
    EXPECT_EQ(both.value("info_hash_v2", ""), v2) << both.dump();
}

TEST(CliHelp, EverySubcommandAnswersHelp) {
    SHOAL_REQUIRE_CLI();
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                                 {"create", "--help"},
                                                 {"info", "--help"},
                                                 {"download", "--help"},
                                                 {"seed", "--help"}}) {
        const RunResult r = runShoal(args, 10s);
        SCOPED_TRACE(args.front());
        EXPECT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(r.out.find("Usage") != std::string::npos || r.out.find("usage") != std::string::npos)
            << r.out;
    }
    const RunResult download = runShoal({"download", "--help"}, 10s);
    for (const char* option : {"--listen", "--peer", "--profile", "--down-limit", "--encryption", "--json"})
        EXPECT_NE(download.out.find(option), std::string::npos) << option << " missing from download --help";
}

}  // namespace
}  // namespace shoal::test
