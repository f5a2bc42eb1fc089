// The swarm lab end to end, in-process: a 20-peer swarm with churn whose report adds up, a corrupt
// seeder that is banned while the leechers still end with verified data, a DHT-only swarm, and a mixed
// swarm with aria2c members. Each uses its own 127.x range so that runs in parallel stay apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lab_fixtures.h"
#include "support/process.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string lines(const json& report) {
    return report.contains("expectations") ? report["expectations"].dump() + "\n" + report["swarm"].dump() : "";
}

TEST(SwarmLab, TwentyPeersWithChurnCompleteAndTheReportAddsUp) {
    TempDir dir("shoal-lab-churn");
    const auto scenario = scenarioFrom(R"({
      "name": "churn-20", "seed": 3,
      "payload": {"size": "8MiB", "seed": 21, "kind": "v1", "piece_size": "64KiB"},
      "discovery": "direct",
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1, "upload_limit": "4MiB"},
        {"name": "leechers", "role": "leecher", "count": 19, "join_spread": 1, "upload_limit": "1MiB",
         "churn": {"fraction": 0.2, "interval": 1.5, "downtime": 0.5}}
      ],
      "stop": {"when": "all_complete", "deadline": 50},
      "expect": {"all_complete_by": 50, "no_corrupt_data": true}
    })", "127.81.0.0");
    const json report = runScenario(scenario, dir);
    ASSERT_FALSE(report.empty());
    const json& sw = report["swarm"];
    const std::int64_t payload = report["payload"]["bytes"];
    EXPECT_EQ(sw["completed"], 19) << lines(report);
    EXPECT_EQ(sw["verified_copies"], 19);
    EXPECT_EQ(report["stop_reason"], "all_complete");

    int left = 0;
    std::int64_t down = 0, up = 0;
    for (const auto& p : report["peers"]) {
        down += p["bytes_downloaded"].get<std::int64_t>();
        up += p["bytes_uploaded"].get<std::int64_t>();
        if (p["role"] != "leecher") continue;
        left += static_cast<int>(p["online"].size()) - 1;  // each rejoin opens a new online interval
        EXPECT_GE(p["bytes_downloaded"].get<std::int64_t>(), payload) << p["name"];
        EXPECT_LE(p["completed_at"].get<double>(), report["duration_seconds"].get<double>());
        EXPECT_FALSE(p["discovery_seconds"].is_null()) << p["name"];
    }
    EXPECT_GT(left, 0) << "no peer churned";
    EXPECT_EQ(sw["bytes_downloaded"], down);
    EXPECT_EQ(sw["bytes_uploaded"], up);
    // Every payload byte one peer sent another received; what differs was in flight when a peer left.
    // Limits are on the senders, so that little waits in socket buffers (a throttled receiver would let
    // megabytes pile up there, counted as sent and lost at each departure).
    EXPECT_NEAR(static_cast<double>(up), static_cast<double>(down), 0.05 * static_cast<double>(down))
        << "uploaded " << up << " downloaded " << down;
    EXPECT_GE(sw["redundancy"].get<double>(), 1.0);
    EXPECT_LE(sw["time_to_first_copy"].get<double>(), sw["time_to_all_complete"].get<double>());
    EXPECT_EQ(sw["completion_seconds"]["count"], 19);
}

TEST(SwarmLab, CorruptSeederIsBannedAndCopiesVerify) {
    TempDir dir("shoal-lab-corrupt");
    const auto scenario = scenarioFrom(R"({
      "name": "corrupt",
      "payload": {"size": "8MiB", "seed": 11, "kind": "v1", "piece_size": "16KiB"},
      "groups": [
        {"name": "good", "role": "seeder", "count": 1, "upload_limit": "2MiB"},
        {"name": "bad", "role": "seeder", "count": 1, "fault": {"type": "corrupt", "pieces": 64}},
        {"name": "leechers", "role": "leecher", "count": 3}
      ],
      "stop": {"deadline": 50},
      "expect": {"all_complete_by": 50, "no_corrupt_data": true, "corrupt_banned": true}
    })", "127.82.0.0");
    const json report = runScenario(scenario, dir);
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report["swarm"]["completed"], 3);
    EXPECT_EQ(report["swarm"]["verified_copies"], 3);
    EXPECT_EQ(report["swarm"]["corrupt_copies"], 0);
    EXPECT_GE(report["swarm"]["hash_failures"].get<int>(), 1);
    for (const auto& p : report["peers"]) {
        if (p["name"] == "bad-1") {
            EXPECT_EQ(p["corrupted_pieces"], 64);
            EXPECT_FALSE(p["banned_by"].empty()) << p.dump();
        }
        if (p["name"] == "good-1") {
            EXPECT_TRUE(p["banned_by"].empty()) << "the good seeder was banned";
        }
    }
    int failures = 0;
    for (const auto& g : report["groups"]) {
        if (g["name"] == "leechers") failures = g["hash_failures"];
        if (g["name"] == "bad") {
            EXPECT_GE(g["banned_by_peers"].get<int>(), 1);
        }
    }
    EXPECT_GE(failures, 1);
}

TEST(SwarmLab, DhtOnlySwarmCompletes) {
    TempDir dir("shoal-lab-dht");
    const auto scenario = scenarioFrom(R"({
      "name": "dht",
      "payload": {"size": "4MiB", "seed": 5, "kind": "v1"},
      "discovery": "dht",
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1},
        {"name": "leechers", "role": "leecher", "count": 3, "join": 1}
      ],
      "stop": {"deadline": 50},
      "expect": {"all_complete_by": 50, "no_corrupt_data": true}
    })", "127.83.0.0");
    const json report = runScenario(scenario, dir);
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report["swarm"]["completed"], 3);
    ASSERT_EQ(report["infrastructure"].size(), 1u);
    EXPECT_NE(report["infrastructure"][0].get<std::string>().find("DHT bootstrap"), std::string::npos);
}

TEST(SwarmLab, MixedSwarmWithAria2cCompletes) {
    if (!onPath("aria2c")) GTEST_SKIP() << "aria2c is not installed (scripts/install-deps.sh installs it)";
    if (!onPath("opentracker")) GTEST_SKIP() << "opentracker is not installed (scripts/install-deps.sh installs it)";
    TempDir dir("shoal-lab-aria2c");
    const auto scenario = scenarioFrom(R"({
      "name": "mixed",
      "payload": {"size": "8MiB", "seed": 13, "kind": "v1", "piece_size": "256KiB"},
      "discovery": "tracker",
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1},
        {"name": "shoal", "role": "leecher", "count": 2},
        {"name": "aria2c", "role": "leecher", "client": "aria2c", "count": 2}
      ],
      "stop": {"deadline": 50},
      "expect": {"all_complete_by": 50, "no_corrupt_data": true}
    })", "127.84.0.0");
    const json report = runScenario(scenario, dir);
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report["swarm"]["completed"], 4) << lines(report);
    EXPECT_EQ(report["swarm"]["verified_copies"], 4);
    EXPECT_TRUE(report["versions"].contains("aria2c"));
    for (const auto& p : report["peers"]) {
        if (p["client"] == "aria2c") {
            EXPECT_GT(p["peak_rss"].get<std::int64_t>(), 0) << p["name"];
        }
    }
}

#ifdef SHOAL_CLI_PATH
// The command line: an invalid scenario is exit 3 with FILE:LINE:COLUMN; expectations that fail are exit 4.
TEST(SwarmLabCli, ValidateAndExitCodes) {
    TempDir dir("shoal-lab-cli");
    const fs::path bad = dir.path() / "bad.json";
    std::ofstream(bad) << "{\n  \"name\": \"b\",\n  \"groups\": [{\"role\": \"seeder\", \"count\": -1}]\n}\n";
    auto invalid = run({SHOAL_CLI_PATH, "swarm", "validate", bad.string()});
    EXPECT_EQ(invalid.exitCode, 3) << invalid.err;
    EXPECT_NE(invalid.err.find(bad.string() + ":3:"), std::string::npos) << invalid.err;

    const fs::path example = fs::path(SHOAL_SOURCE_DIR) / "swarm" / "examples" / "churn.json";
    auto valid = run({SHOAL_CLI_PATH, "swarm", "validate", example.string(), "--json"});
    EXPECT_EQ(valid.exitCode, 0) << valid.err;
    EXPECT_EQ(json::parse(valid.out)["event"], "valid");

    // A small swarm cannot be complete 1 ms after the start: the expectation fails, the report is written.
    const fs::path strict = dir.path() / "strict.json";
    std::ofstream(strict) << R"({"name": "strict", "payload": {"size": "1MiB"}, "network": {"base": "127.85.0.0"},
        "groups": [{"role": "seeder"}, {"role": "leecher", "count": 2}],
        "stop": {"deadline": 30}, "expect": {"all_complete_by": 0.001}})";
    auto failed = run({SHOAL_CLI_PATH, "swarm", "run", strict.string(), "--out", (dir.path() / "out").string(), "--json"},
                      std::chrono::seconds(60));
    EXPECT_EQ(failed.exitCode, 4) << failed.err;
    EXPECT_NE(failed.err.find("expectation failed: all_complete_by"), std::string::npos) << failed.err;
    EXPECT_TRUE(fs::exists(dir.path() / "out" / "report.json"));
    EXPECT_NE(failed.out.find("\"event\":\"lab_finished\""), std::string::npos);
}
#endif

}  // namespace
}  // namespace shoal::test
