// report.json: per peer, per group and swarm-wide figures from the lab's record, and the expectations
// of the scenario's "expect" block checked against them.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "lab_record.h"

namespace shoal::swarm {
namespace {

using json = nlohmann::json;

double round3(double v) { return std::round(v * 1000) / 1000; }

// Nearest-rank percentiles of completion times; null fields when nobody completed.
json distribution(std::vector<double> values) {
    if (values.empty()) return json{{"count", 0}};
    std::sort(values.begin(), values.end());
    auto rank = [&](double p) {
        const auto i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size()))) - 1;
        return round3(values[std::min(values.size() - 1, std::max<std::size_t>(i, 0))]);
    };
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    return {{"count", values.size()}, {"min", round3(values.front())}, {"p10", rank(0.10)}, {"p50", rank(0.50)},
            {"p90", rank(0.90)}, {"max", round3(values.back())}, {"mean", round3(mean)}};
}

json nullable(const std::optional<double>& v) { return v ? json(round3(*v)) : json(nullptr); }
json counter(std::int64_t v) { return v >= 0 ? json(v) : json(nullptr); }

std::optional<double> completionSeconds(const PeerRecord& p) {
    if (!p.completedAt || p.online.empty()) return std::nullopt;
    return *p.completedAt - p.online.front().first;
}

json peerJson(const PeerRecord& p) {
    json online = json::array();
    for (const auto& [from, to] : p.online) online.push_back({round3(from), round3(to)});
    json progress = json::array();
    for (const auto& [t, v] : p.progress) progress.push_back({round3(t), std::round(v * 10000) / 10000});
    std::optional<double> discovery;
    if (p.discoveredAt && !p.online.empty()) discovery = *p.discoveredAt - p.online.front().first;
    return {{"name", p.name}, {"group", p.group}, {"role", toString(p.role)}, {"client", toString(p.client)},
            {"address", p.address}, {"fault", toString(p.fault)}, {"online", online},
            {"completed_at", nullable(p.completedAt)}, {"completion_seconds", nullable(completionSeconds(p))},
            {"discovery_seconds", nullable(discovery)}, {"bytes_downloaded", counter(p.last.downloaded)},
            {"bytes_uploaded", counter(p.last.uploaded)}, {"wasted_bytes", p.last.wasted},
            {"progress_final", p.last.progress}, {"hash_failures", p.hashFailures}, {"peers_banned", p.banned},
            {"banned_by", p.bannedBy}, {"verified", p.verified ? json(*p.verified) : json(nullptr)},
            {"corrupted_pieces", p.corruptedPieces.size()},
            {"peak_rss", p.peakRss > 0 ? json(p.peakRss) : json(nullptr)},
            {"peak_rss_anon", p.peakAnonRss > 0 ? json(p.peakAnonRss) : json(nullptr)},
            {"crashed", p.crashed.empty() ? json(nullptr) : json(p.crashed)}, {"progress", progress}};
}

}  // namespace

json buildReport(const LabRecord& r) {
    const Scenario& sc = *r.scenario;
    const PreparedPayload& pl = *r.payload;
    json report;
    report["scenario"] = sc.source;
    report["name"] = sc.name;
    report["versions"] = r.versions;
    report["started_unix"] = r.startedUnix;
    report["setup_seconds"] = round3(r.setupSeconds);
    report["duration_seconds"] = round3(r.duration);
    report["stop_reason"] = r.stopReason;
    report["infrastructure"] = r.infrastructure;
    report["payload"] = {{"name", pl.name}, {"bytes", pl.totalSize}, {"piece_size", pl.pieceSize},
                         {"pieces", pl.numPieces}, {"files", pl.files.size()}, {"info_hash_v1", pl.hashes.v1},
                         {"info_hash_v2", pl.hashes.v2}};

    std::vector<double> completions;
    std::optional<double> firstCopy;
    // Not an optional<double>: gcc 12 warns that one may be used uninitialized here (a false positive).
    double latestCompletion = 0.0;
    bool allCompleted = true;
    std::int64_t down = 0, up = 0, leecherDown = 0, wasted = 0;
    bool countersComplete = true;
    int leechers = 0, completed = 0, hashFailures = 0, bans = 0, verified = 0, badCopies = 0;
    json peers = json::array();
    for (const auto& p : r.peers) {
        peers.push_back(peerJson(p));
        hashFailures += p.hashFailures;
        bans += static_cast<int>(p.banned.size());
        wasted += p.last.wasted;
        if (p.last.downloaded >= 0 && p.last.uploaded >= 0) {
            down += p.last.downloaded;
            up += p.last.uploaded;
        } else {
            countersComplete = false;
        }
        if (p.verified) (*p.verified ? verified : badCopies)++;
        if (p.role != Role::Leecher) continue;
        ++leechers;
        if (p.last.downloaded > 0) leecherDown += p.last.downloaded;
        if (p.completedAt) {
            ++completed;
            completions.push_back(*completionSeconds(p));
            if (!firstCopy || *p.completedAt < *firstCopy) firstCopy = p.completedAt;
            latestCompletion = std::max(latestCompletion, *p.completedAt);
        } else {
            allCompleted = false;
        }
    }
    std::int64_t peakRate = 0;
    json samples = json::array();
    for (const auto& s : r.samples) {
        peakRate = std::max(peakRate, s.downloadRate);
        samples.push_back({round3(s.t), s.downloadRate, s.uploadRate, s.complete, s.online});
    }
    const double busy = allCompleted && latestCompletion > 0 ? latestCompletion : r.duration;
    json timeToAllComplete = nullptr;
    if (leechers > 0 && allCompleted) timeToAllComplete = round3(latestCompletion);
    json swarm = {
        {"peers", r.peers.size()},
        {"leechers", leechers},
        {"completed", completed},
        {"time_to_first_copy", nullable(firstCopy)},
        {"time_to_all_complete", timeToAllComplete},
        {"completion_seconds", distribution(completions)},
        {"bytes_downloaded", down},
        {"bytes_uploaded", up},
        {"counters_cover_every_peer", countersComplete},
        {"throughput", busy > 0 ? json(std::llround(static_cast<double>(leecherDown) / busy)) : json(nullptr)},
        {"peak_download_rate", peakRate},
        // Payload fetched by leechers per byte they needed: 1.0 is no waste, churn and failures add to it.
        {"redundancy", leechers > 0 && pl.totalSize > 0
                           ? json(round3(static_cast<double>(leecherDown) / (static_cast<double>(pl.totalSize) * leechers)))
                           : json(nullptr)},
        {"wasted_bytes", wasted},
        {"hash_failures", hashFailures},
        {"peers_banned", bans},
        {"verified_copies", verified},
        {"corrupt_copies", badCopies},
        {"crashed_peers", std::count_if(r.peers.begin(), r.peers.end(), [](const PeerRecord& p) { return !p.crashed.empty(); })},
        {"peer_processes", r.processes},
        {"network_namespaces", r.netns},
        {"process_peak_rss", r.processPeakRss},
        {"process_peak_rss_anon", r.processPeakAnonRss},
        {"in_process_peers", r.inProcessPeers},
        {"peak_rss_per_in_process_peer",
         r.inProcessPeers > 0 ? json(r.processPeakRss / r.inProcessPeers) : json(nullptr)},
        {"peak_rss_anon_per_in_process_peer",
         r.inProcessPeers > 0 ? json(r.processPeakAnonRss / r.inProcessPeers) : json(nullptr)},
    };
    report["swarm"] = swarm;

    json groups = json::array();
    for (const auto& g : sc.groups) {
        std::vector<double> times;
        std::int64_t gDown = 0, gUp = 0;
        int gFailures = 0, gBannedBy = 0, gDone = 0;
        for (const auto& p : r.peers) {
            if (p.group != g.name) continue;
            if (auto c = completionSeconds(p)) times.push_back(*c), ++gDone;
            gDown += std::max<std::int64_t>(0, p.last.downloaded);
            gUp += std::max<std::int64_t>(0, p.last.uploaded);
            gFailures += p.hashFailures;
            gBannedBy += static_cast<int>(p.bannedBy.size());
        }
        groups.push_back({{"name", g.name}, {"role", toString(g.role)}, {"client", toString(g.client)},
                          {"count", g.count}, {"completed", gDone}, {"completion_seconds", distribution(times)},
                          {"bytes_downloaded", gDown}, {"bytes_uploaded", gUp}, {"hash_failures", gFailures},
                          {"banned_by_peers", gBannedBy}, {"fault", toString(g.fault.kind)}});
    }
    report["groups"] = groups;
    report["peers"] = peers;
    report["samples_columns"] = {"t", "download_rate", "upload_rate", "complete", "online"};
    report["samples"] = samples;
    return report;
}

std::vector<std::string> checkExpectations(const Scenario& sc, const json& report) {
    std::vector<std::string> failures;
    if (!sc.expect) return failures;
    const ExpectSpec& e = *sc.expect;
    if (e.allCompleteBy) {
        for (const auto& p : report["peers"]) {
            if (p["role"] != "leecher") continue;
            if (p["completed_at"].is_null())
                failures.push_back("all_complete_by " + json(*e.allCompleteBy).dump() + " s: " + p["name"].get<std::string>() +
                                   " did not complete");
            else if (p["completed_at"].get<double>() > *e.allCompleteBy)
                failures.push_back("all_complete_by " + json(*e.allCompleteBy).dump() + " s: " + p["name"].get<std::string>() +
                                   " completed at " + p["completed_at"].dump() + " s");
        }
    }
    if (e.noCorruptData) {
        if (!sc.verify) failures.push_back("no_corrupt_data: needs \"report\": {\"verify\": true}");
        for (const auto& p : report["peers"]) {
            if (p["verified"].is_boolean() && !p["verified"].get<bool>())
                failures.push_back("no_corrupt_data: " + p["name"].get<std::string>() + "'s copy differs from the source");
        }
    }
    if (e.corruptBanned) {
        for (const auto& p : report["peers"]) {
            if (p["fault"] == "corrupt" && p["banned_by"].empty())
                failures.push_back("corrupt_banned: no peer banned " + p["name"].get<std::string>());
        }
    }
    if (e.maxHashFailures && report["swarm"]["hash_failures"].get<int>() > *e.maxHashFailures)
        failures.push_back("max_hash_failures " + std::to_string(*e.maxHashFailures) + ": there were " +
                           report["swarm"]["hash_failures"].dump());
    return failures;
}

}  // namespace shoal::swarm
