// transmission-cli 3.00 processes as lab members: the example mixed swarm (shoal seeder, transmission-cli
// and shoal leechers, tracker) completes with exact byte counters; a transmission-cli seeder alone serves
// shoal leechers; and the scenario checks refuse what transmission-cli cannot do. Real processes on
// 127.93.x and 127.94.x (apart from the other lab tests), every wait bounded by the scenario's deadline.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lab_fixtures.h"
#include "support/process.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What a failure needs to be understood: each peer's counters and the end of transmission-cli's log.
std::string explain(const json& report, const TempDir& dir) {
    std::string out = report.contains("peers") ? report["peers"].dump() : "";
    std::error_code ec;
    for (const auto& peer : fs::directory_iterator(dir.path() / "work" / "peers", ec)) {
        std::ifstream in(peer.path() / "transmission.log");
        if (!in) continue;
        const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        out += "\n" + peer.path().filename().string() + ": " +
               log.substr(log.size() > 1500 ? log.size() - 1500 : 0);
    }
    return out;
}

TEST(SwarmLabTransmission, MixedSwarmExampleCompletes) {
    if (!onPath("transmission-cli"))
        GTEST_SKIP() << "transmission-cli is not installed (scripts/install-deps.sh installs it)";
    if (!onPath("opentracker"))
        GTEST_SKIP() << "opentracker is not installed (scripts/install-deps.sh installs it)";
    TempDir dir("shoal-lab-transmission");
    auto parsed = swarm::loadScenarioFile(fs::path(SHOAL_SOURCE_DIR) / "swarm" / "examples" /
                                          "transmission-mixed.json");
    ASSERT_TRUE(parsed.ok()) << parsed.issues[0].message;
    parsed.scenario.baseAddress = "127.93.0.0";
    const json report = runScenario(parsed.scenario, dir);
    ASSERT_FALSE(report.empty());
    const std::int64_t payload = report["payload"]["bytes"];
    EXPECT_EQ(report["swarm"]["completed"], 5) << explain(report, dir);
    EXPECT_EQ(report["swarm"]["verified_copies"], 5);
    EXPECT_EQ(report["stop_reason"], "all_complete");
    EXPECT_EQ(report["versions"].value("transmission-cli", "").rfind("transmission-cli 3.", 0), 0u)
        << report["versions"].dump();
    int members = 0;
    for (const auto& p : report["peers"]) {
        if (p["client"] != "transmission-cli") continue;
        ++members;
        EXPECT_FALSE(p["completed_at"].is_null()) << p["name"];
        EXPECT_EQ(p["verified"], true) << p["name"];
        EXPECT_GT(p["peak_rss"].get<std::int64_t>(), 0) << p["name"];
        // The counters it saved when it stopped: it received at least the whole payload.
        EXPECT_GE(p["bytes_downloaded"].get<std::int64_t>(), payload) << p.dump();
    }
    EXPECT_EQ(members, 2);
    // Exact counters add up: what the peers sent is what they received. Estimates from transmission-cli's
    // status line would count each payload byte once, missing the blocks it downloaded twice.
    const double down = report["swarm"]["bytes_downloaded"].get<double>();
    const double up = report["swarm"]["bytes_uploaded"].get<double>();
    EXPECT_NEAR(up, down, 0.05 * down) << explain(report, dir);
}

// All join at once through the tracker: transmission-cli dials no 127.x peer, so this completes only
// because the lab has the shoal peers dial it as it joins.
TEST(SwarmLabTransmission, TransmissionSeederServesShoalLeechers) {
    if (!onPath("transmission-cli"))
        GTEST_SKIP() << "transmission-cli is not installed (scripts/install-deps.sh installs it)";
    if (!onPath("opentracker")) GTEST_SKIP() << "opentracker is not installed (scripts/install-deps.sh installs it)";
    TempDir dir("shoal-lab-transmission-seeder");
    auto parsed = swarm::parseScenario(R"({
      "name": "transmission-seeds",
      "payload": {"size": "4MiB", "seed": 19, "kind": "v1", "piece_size": "64KiB"},
      "discovery": "tracker",
      "groups": [
        {"name": "transmission", "role": "seeder", "client": "transmission-cli"},
        {"name": "shoal", "role": "leecher", "count": 3}
      ],
      "stop": {"deadline": 90},
      "expect": {"all_complete_by": 90, "no_corrupt_data": true}
    })");
    ASSERT_TRUE(parsed.ok()) << parsed.issues[0].message;
    parsed.scenario.baseAddress = "127.94.0.0";
    const json report = runScenario(parsed.scenario, dir);
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report["swarm"]["completed"], 3) << explain(report, dir);
    EXPECT_EQ(report["swarm"]["verified_copies"], 3);
    const std::int64_t payload = report["payload"]["bytes"];
    for (const auto& p : report["peers"]) {
        if (p["client"] != "transmission-cli") continue;
        // The only source: every piece left it at least once.
        EXPECT_GE(p["bytes_uploaded"].get<std::int64_t>(), payload) << p.dump();
        EXPECT_FALSE(p["discovery_seconds"].is_null());
    }
}

TEST(SwarmScenarioTransmission, RefusesDhtAndV2Payloads) {
    auto parse = [](const std::string& discovery, const std::string& kind) {
        return swarm::parseScenario(R"({"name": "t", "discovery": ")" + discovery + R"(",
            "payload": {"kind": ")" +
                                    kind + R"("},
            "groups": [{"role": "seeder"}, {"role": "leecher", "client": "transmission-cli"}]})");
    };
    EXPECT_TRUE(parse("tracker", "v1").ok());
    EXPECT_TRUE(parse("direct", "v1").ok());
    const auto dht = parse("dht", "v1");
    ASSERT_EQ(dht.issues.size(), 1u);
    EXPECT_EQ(dht.issues[0].pointer, "/groups/1/client");
    EXPECT_EQ(dht.issues[0].message, "transmission-cli members need \"tracker\" or \"direct\" discovery");
    for (const std::string kind : {"hybrid", "v2"}) {
        const auto refused = parse("direct", kind);
        ASSERT_EQ(refused.issues.size(), 1u) << kind;
        EXPECT_NE(refused.issues[0].message.find("transmission-cli 3.00 reads v1 torrents only"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace shoal::test
