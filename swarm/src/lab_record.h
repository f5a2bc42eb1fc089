// What the lab records while a scenario runs, and the report built from it: report.json's figures,
// the expectations checked against them, and report.html drawn from report.json alone.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "member.h"
#include "payload.h"
#include "shoal/swarm/scenario.h"

namespace shoal::swarm {

struct PeerRecord {
    std::string name;
    std::string group;
    std::string address;
    Role role = Role::Leecher;
    Client client = Client::Shoal;
    FaultKind fault = FaultKind::None;
    std::vector<std::pair<double, double>> online;  // [join, leave) on the lab clock; leave -1 = to the end
    std::optional<double> completedAt;
    std::optional<double> discoveredAt;  // first sample with a connected peer
    int hashFailures = 0;
    std::vector<std::string> banned;        // "ip:port" of peers it banned
    std::vector<std::string> bannedBy;      // names of peers that banned it
    MemberSample last;
    std::optional<bool> verified;
    std::vector<int> corruptedPieces;
    std::int64_t peakRss = 0;               // own process only (peer processes, aria2c); 0 in-process
    std::int64_t peakAnonRss = 0;           // of which heap (sampled), peer processes only
    std::string crashed;                    // how its process ended unasked ("killed by signal 9"); "" if not
    std::vector<std::pair<double, double>> progress;  // (t, progress), when it changed
};

struct SwarmSample {
    double t = 0;
    std::int64_t downloadRate = 0;  // summed over members, bytes/s
    std::int64_t uploadRate = 0;
    int complete = 0;               // leechers complete
    int online = 0;
};

struct LabRecord {
    const Scenario* scenario = nullptr;
    const PreparedPayload* payload = nullptr;
    std::vector<PeerRecord> peers;
    std::vector<SwarmSample> samples;
    double setupSeconds = 0;   // payload, torrent, tracker: before the clock starts
    double duration = 0;       // lab clock at the stop
    std::string stopReason;    // "all_complete", "deadline", "interrupted"
    std::int64_t processPeakRss = 0;  // this process (all in-process members), bytes
    std::int64_t processPeakAnonRss = 0;  // of which heap, sampled with the progress
    int inProcessPeers = 0;
    bool processes = false;   // shoal peers ran as their own processes
    bool netns = false;       // ... each in its own network namespace
    std::int64_t startedUnix = 0;
    std::map<std::string, std::string> versions;
    std::vector<std::string> infrastructure;  // "opentracker pid 123 at http://...", "dht bootstrap ..."
};

nlohmann::json buildReport(const LabRecord& record);
// One line per expectation that does not hold (empty: all hold, or no expect block).
std::vector<std::string> checkExpectations(const Scenario& scenario, const nlohmann::json& report);
std::string renderHtml(const nlohmann::json& report);

}  // namespace shoal::swarm
