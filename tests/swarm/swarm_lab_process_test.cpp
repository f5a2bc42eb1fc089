// The swarm lab with peers as their own `shoal swarm peer` processes: a churning swarm completes and its
// report adds up, a peer killed with SIGKILL is reported as crashed while the rest complete, and (as root)
// peers in network namespaces whose group link is rate-shaped take as long as the rate says; and the
// command line runs its peers as processes of its own binary.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lab_fixtures.h"
#include "support/process.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

swarm::LabOptions processOptions(const TempDir& dir) {
    swarm::LabOptions options;
    options.outDir = dir.path() / "out";  // runScenario sets the same
    options.workDir = dir.path() / "work";
    options.processes = true;
    options.peerProgram = SHOAL_CLI_PATH;
    return options;
}

std::vector<json> events(const TempDir& dir) {
    std::ifstream in(dir.path() / "out" / "events.ndjson");
    std::vector<json> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
}

std::string namespacesOf(int pid) {
    FILE* pipe = ::popen("ip netns list", "r");
    std::string text;
    char buffer[256];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe)) text += buffer;
    if (pipe) ::pclose(pipe);
    std::istringstream lines(text);
    std::string mine;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("shoal-lab-" + std::to_string(pid) + "-", 0) == 0) mine += line + "\n";
    }
    return mine;
}

TEST(SwarmLabProcesses, ChurningSwarmOfPeerProcessesCompletesAndAddsUp) {
    TempDir dir("shoal-lab-proc");
    const auto scenario = scenarioFrom(R"({
      "name": "processes", "seed": 5,
      "payload": {"size": "6MiB", "seed": 8, "kind": "v1", "piece_size": "64KiB"},
      "discovery": "direct",
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1, "upload_limit": "3MiB"},
        {"name": "leechers", "role": "leecher", "count": 7, "join_spread": 0.5, "upload_limit": "1MiB",
         "churn": {"fraction": 0.3, "interval": 1.5, "downtime": 0.5}}
      ],
      "stop": {"when": "all_complete", "deadline": 60},
      "expect": {"all_complete_by": 60, "no_corrupt_data": true}
    })", "127.95.0.0");
    const json report = runScenario(scenario, dir, processOptions(dir));
    ASSERT_FALSE(report.empty());
    const json& sw = report["swarm"];
    EXPECT_EQ(sw["completed"], 7);
    EXPECT_EQ(sw["verified_copies"], 7);
    EXPECT_EQ(sw["peer_processes"], true);
    EXPECT_EQ(sw["in_process_peers"], 0);
    EXPECT_EQ(sw["crashed_peers"], 0);
    const std::int64_t payload = report["payload"]["bytes"];
    int rejoins = 0;
    std::int64_t down = 0, up = 0;
    for (const auto& p : report["peers"]) {
        // Each peer is its own process: it reports its own memory.
        EXPECT_GT(p["peak_rss"].get<std::int64_t>(), 1 << 20) << p["name"];
        down += p["bytes_downloaded"].get<std::int64_t>();
        up += p["bytes_uploaded"].get<std::int64_t>();
        if (p["role"] != "leecher") continue;
        rejoins += static_cast<int>(p["online"].size()) - 1;
        // Counters carry over from one process to the next of the same peer.
        EXPECT_GE(p["bytes_downloaded"].get<std::int64_t>(), payload) << p["name"];
    }
    EXPECT_GT(rejoins, 0) << "no peer churned";
    // What one side sent the other received, up to what was in flight when a peer process quit.
    EXPECT_NEAR(static_cast<double>(up), static_cast<double>(down), 0.08 * static_cast<double>(down));
    int withPid = 0;
    for (const auto& e : events(dir)) withPid += e["event"] == "peer_joined" && e.contains("pid");
    EXPECT_EQ(withPid, 8 + rejoins);
}

TEST(SwarmLabProcesses, APeerKilledMidRunIsReportedAndTheRestComplete) {
    TempDir dir("shoal-lab-crash");
    const auto scenario = scenarioFrom(R"({
      "name": "crash",
      "payload": {"size": "4MiB", "seed": 9, "piece_size": "64KiB"},
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1},
        {"name": "leechers", "role": "leecher", "count": 3, "download_limit": "1MiB"}
      ],
      "stop": {"when": "all_complete", "deadline": 40},
      "expect": {"all_complete_by": 40, "no_corrupt_data": true}
    })", "127.96.0.0");
    auto options = processOptions(dir);
    int killed = 0;
    options.onEvent = [&](const json& e) {
        if (e["event"] == "peer_joined" && e["peer"] == "leechers-2" && !killed) {
            killed = e["pid"].get<int>();
            ::kill(killed, SIGKILL);
        }
    };
    auto outcome = swarm::runLab(scenario, options);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_GT(killed, 0);
    const json& report = outcome->report;
    EXPECT_EQ(report["stop_reason"], "all_complete");  // the crashed one no longer counts as pending
    EXPECT_EQ(report["swarm"]["completed"], 2);
    EXPECT_EQ(report["swarm"]["crashed_peers"], 1);
    EXPECT_FALSE(outcome->expectationsHeld);  // not every leecher completed: exit 4 from the CLI
    for (const auto& p : report["peers"]) {
        if (p["name"] == "leechers-2") EXPECT_EQ(p["crashed"], "killed by signal 9");
        else EXPECT_TRUE(p["crashed"].is_null()) << p["name"];
    }
    int crashedEvents = 0;
    for (const auto& e : events(dir)) crashedEvents += e["event"] == "peer_crashed" && e["peer"] == "leechers-2";
    EXPECT_EQ(crashedEvents, 1);
    EXPECT_NE(::kill(killed, 0), 0) << "the killed peer was not reaped";
}

// From the command line: the peers are this very binary (`shoal swarm peer`), found through /proc.
TEST(SwarmLabProcesses, CommandLineRunsPeersAsProcesses) {
    TempDir dir("shoal-lab-proc-cli");
    const fs::path scenario = dir.path() / "tiny.json";
    std::ofstream(scenario) << R"({"name": "tiny", "payload": {"size": "1MiB"}, "network": {"base": "127.97.0.0"},
        "groups": [{"role": "seeder"}, {"role": "leecher", "count": 2}],
        "stop": {"deadline": 30}, "expect": {"all_complete_by": 30, "no_corrupt_data": true}})";
    auto ran = run({SHOAL_CLI_PATH, "swarm", "run", scenario.string(), "--processes", "--out",
                    (dir.path() / "out").string(), "--json"}, std::chrono::seconds(60));
    EXPECT_EQ(ran.exitCode, 0) << ran.err;
    std::ifstream in(dir.path() / "out" / "report.json");
    const json report = json::parse(in, nullptr, false);
    ASSERT_TRUE(report.is_object());
    EXPECT_EQ(report["swarm"]["peer_processes"], true);
    EXPECT_EQ(report["swarm"]["completed"], 2);
    for (const auto& p : report["peers"]) EXPECT_GT(p["peak_rss"].get<std::int64_t>(), 0) << p["name"];
    EXPECT_NE(ran.out.find("\"pid\":"), std::string::npos) << "peer_joined events carry the peer's pid";
}

TEST(SwarmLabNetns, RateShapedGroupInNamespacesTakesAsLongAsItsRate) {
    if (::geteuid() != 0) GTEST_SKIP() << "network namespaces need root";
    TempDir dir("shoal-lab-netns");
    const auto scenario = scenarioFrom(R"({
      "name": "netns",
      "payload": {"size": "4MiB", "seed": 10, "piece_size": "64KiB"},
      "discovery": "tracker",
      "network": {"netns": true},
      "groups": [
        {"name": "seeder", "role": "seeder", "count": 1},
        {"name": "slow", "role": "leecher", "count": 2, "link": {"rate": "1MiB"}},
        {"name": "fast", "role": "leecher", "count": 2}
      ],
      "stop": {"when": "all_complete", "deadline": 40},
      "expect": {"all_complete_by": 40, "no_corrupt_data": true}
    })", "127.86.0.0");
    auto options = processOptions(dir);
    options.processes = false;  // netns implies peer processes
    const json report = runScenario(scenario, dir, options);
    ASSERT_FALSE(report.empty());
    EXPECT_EQ(report["swarm"]["network_namespaces"], true);
    double slowest = 0;
    for (const auto& p : report["peers"]) {
        EXPECT_EQ(p["address"].get<std::string>().rfind("10.", 0), 0u) << p["address"];
        if (p["role"] != "leecher") continue;
        const double seconds = p["completion_seconds"].get<double>();
        // 4 MiB through a 1 MiB/s link cannot take much under 4 s; unshaped it takes a fraction of that.
        if (p["group"] == "slow") {
            EXPECT_GT(seconds, 3.2) << p["name"];
        }
        if (p["group"] == "fast") slowest = std::max(slowest, seconds);
    }
    EXPECT_LT(slowest, 3.0);
    EXPECT_EQ(namespacesOf(::getpid()), "") << "namespaces left behind";
}

TEST(SwarmLabNetns, ShapingNeedsNamespacesAndSaysSo) {
    TempDir dir("shoal-lab-nons");
    const auto scenario = scenarioFrom(R"({
      "name": "link-without-netns",
      "payload": {"size": "1MiB"},
      "groups": [
        {"name": "seeder", "role": "seeder"},
        {"name": "leechers", "role": "leecher", "link": {"rate": "1MiB"}}
      ]
    })", "127.87.0.0");
    auto outcome = swarm::runLab(scenario, processOptions(dir));
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("/groups/1/link"), std::string::npos) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("--netns"), std::string::npos) << outcome.error().message;
}

TEST(SwarmLabNetns, DelayAndLossNeedNetemOrAreApplied) {
    if (::geteuid() != 0) GTEST_SKIP() << "network namespaces need root";
    TempDir dir("shoal-lab-netem");
    const auto scenario = scenarioFrom(R"({
      "name": "netem",
      "payload": {"size": "1MiB", "seed": 11},
      "network": {"netns": true},
      "groups": [
        {"name": "seeder", "role": "seeder"},
        {"name": "far", "role": "leecher", "link": {"delay_ms": 50, "loss_percent": 1}}
      ],
      "stop": {"when": "all_complete", "deadline": 30}
    })", "127.88.0.0");
    auto outcome = swarm::runLab(scenario, processOptions(dir));
    const bool netem = fs::exists("/proc/config.gz") ? std::system("zgrep -q '^CONFIG_NET_SCH_NETEM=[ym]' /proc/config.gz") == 0
                                                    : true;
    if (!netem) {
        // This kernel cannot delay packets: the lab must say so in one line and leave nothing behind.
        ASSERT_FALSE(outcome.ok());
        EXPECT_NE(outcome.error().message.find("netem"), std::string::npos) << outcome.error().message;
    } else {
        ASSERT_TRUE(outcome.ok()) << outcome.error().message;
        EXPECT_EQ(outcome->report["swarm"]["completed"], 1);
        // Each handshake and request crosses the 50 ms link at least once each way.
        EXPECT_GT(outcome->report["peers"][1]["completion_seconds"].get<double>(), 0.1);
    }
    EXPECT_EQ(namespacesOf(::getpid()), "") << "namespaces left behind";
}

}  // namespace
}  // namespace shoal::test
