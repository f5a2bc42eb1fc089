// Scenario JSON -> Scenario: syntax errors with the line and column nlohmann stopped at, then every
// semantic problem with its JSON pointer, located in the text by a SAX pass (json_positions).
#include <arpa/inet.h>

#include <fstream>
#include <sstream>

#include "json_positions.h"
#include "scenario_reader.h"
#include "shoal/swarm/scenario.h"

namespace shoal::swarm {
namespace {

using Issues = std::vector<ScenarioIssue>;
constexpr std::int64_t kMaxPayload = std::int64_t(64) << 30;
constexpr int kMaxPeers = 1000;

void readPayload(ObjectReader r, PayloadSpec& p) {
    if (auto v = r.size("size", 1, kMaxPayload)) p.size = *v;
    if (auto v = r.integer("files", 1, 1000)) p.files = static_cast<int>(*v);
    if (auto v = r.integer("seed", 0, INT64_MAX)) p.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.string("path")) p.path = *v;
    if (auto v = r.string("torrent")) p.torrent = *v;
    if (auto v = r.string("data")) p.data = *v;
    if (auto v = r.oneOf("kind", {"v1", "v2", "hybrid"}))
        p.kind = *v == "v1" ? TorrentVersion::V1 : *v == "v2" ? TorrentVersion::V2 : TorrentVersion::Hybrid;
    if (auto v = r.size("piece_size", 16 * 1024, 64 * 1024 * 1024)) p.pieceSize = *v;
    if (!p.path.empty() && !p.torrent.empty()) r.issue("torrent", "give either \"path\" or \"torrent\", not both");
    if (!p.torrent.empty() && p.data.empty()) r.issue("torrent", "an existing torrent needs \"data\": its data's folder");
    if (p.files > p.size) r.issue("files", "more files than bytes");
    if (p.pieceSize > 0) {
        const bool powerOfTwo = (p.pieceSize & (p.pieceSize - 1)) == 0;
        if (p.kind != TorrentVersion::V1 && !powerOfTwo)
            r.issue("piece_size", "v2 and hybrid torrents need a power of two (e.g. 262144)");
        else if (p.pieceSize % (16 * 1024) != 0)
            r.issue("piece_size", "must be a multiple of 16 KiB");
    }
    r.finish();
}

void readChurn(ObjectReader r, ChurnSpec& c) {
    if (auto v = r.number("fraction", 0, 1)) c.fraction = *v;
    if (auto v = r.number("interval", 0.1, 86400)) c.interval = *v;
    if (auto v = r.number("downtime", 0, 86400)) c.downtime = *v;
    r.finish();
}

void readFault(ObjectReader r, FaultSpec& f) {
    if (auto v = r.oneOf("type", {"corrupt", "stall"})) f.kind = *v == "corrupt" ? FaultKind::Corrupt : FaultKind::Stall;
    else if (!r.has("type")) r.issue("", "a fault needs a \"type\": \"corrupt\" or \"stall\"");
    if (auto v = r.integer("pieces", 1, 1 << 24)) f.pieces = static_cast<int>(*v);
    if (auto v = r.number("after", 0, 86400)) f.after = *v;
    if (auto v = r.size("upload_rate", 1, INT32_MAX)) f.uploadRate = static_cast<int>(*v);
    if (f.kind == FaultKind::Corrupt && f.pieces == 0) r.issue("", "a corrupt fault needs \"pieces\" (how many)");
    if (f.kind != FaultKind::Corrupt && r.has("pieces")) r.issue("pieces", "only a corrupt fault has pieces");
    r.finish();
}

void readGroup(ObjectReader r, Group& g, int index, Issues& issues) {
    g.pointer = r.pointer();
    g.name = r.string("name").value_or("group-" + std::to_string(index + 1));
    if (auto v = r.integer("count", 1, kMaxPeers)) g.count = static_cast<int>(*v);
    if (auto v = r.oneOf("role", {"seeder", "leecher"})) g.role = *v == "seeder" ? Role::Seeder : Role::Leecher;
    else if (!r.has("role")) r.issue("", "a group needs a \"role\": \"seeder\" or \"leecher\"");
    if (auto v = r.oneOf("client", {"shoal", "aria2c", "transmission-cli"}))
        g.client = *v == "shoal" ? Client::Shoal : *v == "aria2c" ? Client::Aria2c : Client::Transmission;
    if (auto v = r.number("join", 0, 86400)) g.join = *v;
    if (auto v = r.number("join_spread", 0, 86400)) g.joinSpread = *v;
    if (auto v = r.number("leave", 0, 86400)) {
        g.leave = *v;
        if (*v <= g.join + g.joinSpread) r.issue("leave", "must come after the group's last join");
    }
    if (const auto* v = r.raw("churn")) readChurn(ObjectReader(*v, r.pointer("churn"), issues), g.churn);
    if (auto v = r.size("upload_limit", 0, INT32_MAX)) g.uploadLimit = static_cast<int>(*v);
    if (auto v = r.size("download_limit", 0, INT32_MAX)) g.downloadLimit = static_cast<int>(*v);
    if (auto v = r.integer("connections_limit", 2, 65535)) g.connectionsLimit = static_cast<int>(*v);
    if (const auto* v = r.raw("fault")) readFault(ObjectReader(*v, r.pointer("fault"), issues), g.fault);
    if (const auto* v = r.raw("link")) {
        ObjectReader l(*v, r.pointer("link"), issues);
        LinkSpec link;
        if (auto x = l.size("rate", 1024, INT64_MAX / 8)) link.rate = *x;
        if (auto x = l.number("delay_ms", 0, 10000)) link.delayMs = *x;
        if (auto x = l.number("loss_percent", 0, 100)) link.lossPercent = *x;
        l.finish();
        g.link = link;
    }
    if (g.client != Client::Shoal) {
        if (g.churn.fraction > 0) r.issue("churn", "churn needs shoal peers (other clients run from start to end)");
        if (g.fault.kind != FaultKind::None) r.issue("fault", "faults need shoal peers");
        if (g.uploadLimit || g.downloadLimit || g.connectionsLimit) r.issue("client", "limits apply to shoal peers only");
    }
    if (g.fault.kind == FaultKind::Corrupt && g.role != Role::Seeder)
        r.issue("fault", "only a seeder can have corrupt data");
    r.finish();
}

void readTransport(ObjectReader r, Scenario& s) {
    if (auto v = r.boolean("utp")) s.utp = *v;
    if (auto v = r.boolean("pex")) s.pex = *v;
    if (auto v = r.oneOf("encryption", {"prefer", "require", "disable"}))
        s.encryption = *v == "prefer" ? EncryptionPolicy::Prefer
                       : *v == "require" ? EncryptionPolicy::Require : EncryptionPolicy::Disable;
    r.finish();
}

void readNetwork(ObjectReader r, Scenario& s) {
    if (auto v = r.string("base")) {
        in_addr addr{};
        if (::inet_pton(AF_INET, v->c_str(), &addr) != 1 || v->rfind("127.", 0) != 0)
            r.issue("base", "must be an IPv4 address in 127.0.0.0/8 (the lab stays on loopback)");
        else if ((ntohl(addr.s_addr) & 0xFFFF) > 0xFFFF - 16 - kMaxPeers)
            r.issue("base", "leaves no room for the peers (they take base + 10 onwards)");
        else
            s.baseAddress = *v;
    }
    if (auto v = r.boolean("netns")) s.netns = *v;
    r.finish();
}

void readStop(ObjectReader r, StopSpec& s) {
    if (auto v = r.oneOf("when", {"all_complete", "deadline"})) s.whenAllComplete = *v == "all_complete";
    if (auto v = r.number("deadline", 1, 86400)) s.deadline = *v;
    r.finish();
}

void readExpect(ObjectReader r, ExpectSpec& e) {
    if (auto v = r.number("all_complete_by", 0, 86400)) e.allCompleteBy = *v;
    if (auto v = r.boolean("no_corrupt_data")) e.noCorruptData = *v;
    if (auto v = r.boolean("corrupt_banned")) e.corruptBanned = *v;
    if (auto v = r.integer("max_hash_failures", 0, INT32_MAX)) e.maxHashFailures = static_cast<int>(*v);
    r.finish();
}

void readReport(ObjectReader r, Scenario& s) {
    if (auto v = r.number("sample_interval", 0.05, 60)) s.sampleSeconds = *v;
    if (auto v = r.boolean("verify")) s.verify = *v;
    r.finish();
}

// Rules that span several parts of the scenario.
void crossCheck(const Scenario& s, Issues& issues) {
    int seeders = 0;
    int peers = 0;
    for (const auto& g : s.groups) {
        peers += g.count;
        if (g.role == Role::Seeder && g.fault.kind != FaultKind::Corrupt) seeders += g.count;
        // Other clients are not bootstrapped into the lab's DHT, and the Debian versions read v1 only
        // (transmission-cli 3.00 fails to open a hybrid torrent).
        if (g.client != Client::Shoal && s.discovery == Discovery::Dht) {
            const std::string who = toString(g.client);
            issues.push_back({g.pointer + "/client", 0, 0,
                              who + " members need \"tracker\" or \"direct\" discovery"});
        }
        if (g.client == Client::Aria2c && s.payload.kind != TorrentVersion::V1)
            issues.push_back({g.pointer + "/client", 0, 0, "aria2c reads v1 torrents only: set payload.kind to \"v1\""});
        if (g.client == Client::Transmission && s.payload.kind != TorrentVersion::V1)
            issues.push_back({g.pointer + "/client", 0, 0,
                              "transmission-cli 3.00 reads v1 torrents only: set payload.kind to \"v1\""});
        if (s.discovery == Discovery::Dht && g.role == Role::Seeder && g.churn.fraction > 0)
            issues.push_back({g.pointer + "/churn", 0, 0, "churn of DHT seeders is not supported"});
    }
    if (!s.groups.empty() && seeders == 0)
        issues.push_back({"/groups", 0, 0, "no group seeds good data: add a group with \"role\": \"seeder\""});
    if (peers > kMaxPeers) issues.push_back({"/groups", 0, 0, "more than " + std::to_string(kMaxPeers) + " peers"});
    if (s.expect && s.expect->allCompleteBy && *s.expect->allCompleteBy > s.stop.deadline)
        issues.push_back({"/expect/all_complete_by", 0, 0, "later than the stop deadline"});
}

}  // namespace

ParsedScenario parseScenario(std::string_view text) {
    ParsedScenario out;
    Issues& issues = out.issues;
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based: the byte at which the parser gave up.
        const TextPosition at = positionOf(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string what = e.what();
        const auto colon = what.find(": ", what.find("parse error"));
        issues.push_back({"", at.line, at.column, "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2))});
        return out;
    } catch (const nlohmann::json::exception& e) {
        // A number too large for a double (out_of_range 406) is reported without a position.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        issues.push_back({"", 0, 0, "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2))});
        return out;
    }
    Scenario& s = out.scenario;
    s.source = doc;
    ObjectReader r(doc, "", issues);
    if (auto v = r.string("name")) s.name = *v;
    else if (!r.has("name") && doc.is_object()) r.issue("", "a scenario needs a \"name\"");
    if (auto v = r.string("description")) s.description = *v;
    if (auto v = r.integer("seed", 0, INT64_MAX)) s.seed = static_cast<std::uint64_t>(*v);
    if (const auto* v = r.raw("payload")) readPayload(ObjectReader(*v, "/payload", issues), s.payload);
    if (auto v = r.oneOf("discovery", {"direct", "tracker", "dht"}))
        s.discovery = *v == "direct" ? Discovery::Direct : *v == "tracker" ? Discovery::Tracker : Discovery::Dht;
    if (const auto* v = r.raw("transport")) readTransport(ObjectReader(*v, "/transport", issues), s);
    if (const auto* v = r.raw("network")) readNetwork(ObjectReader(*v, "/network", issues), s);
    if (const auto* v = r.raw("groups")) {
        if (!v->is_array() || v->empty()) {
            r.issue("groups", "must be a non-empty array of peer groups");
        } else {
            for (std::size_t i = 0; i < v->size(); ++i) {
                Group g;
                readGroup(ObjectReader((*v)[i], "/groups/" + std::to_string(i), issues), g, static_cast<int>(i), issues);
                s.groups.push_back(std::move(g));
            }
        }
    } else if (doc.is_object()) {
        r.issue("", "a scenario needs \"groups\" (the peers)");
    }
    if (const auto* v = r.raw("stop")) readStop(ObjectReader(*v, "/stop", issues), s.stop);
    if (const auto* v = r.raw("expect")) {
        ExpectSpec e;
        readExpect(ObjectReader(*v, "/expect", issues), e);
        s.expect = e;
    }
    if (const auto* v = r.raw("report")) readReport(ObjectReader(*v, "/report", issues), s);
    r.raw("$schema");  // allowed, for editors
    r.finish();
    if (issues.empty()) crossCheck(s, issues);

    const JsonPositions positions(text);
    for (auto& issue : issues) {
        const TextPosition at = positions.find(issue.pointer);
        issue.line = at.line;
        issue.column = at.column;
    }
    return out;
}

ParsedScenario loadScenarioFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ParsedScenario out;
        out.issues.push_back({"", 0, 0, "cannot read the scenario file"});
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ParsedScenario parsed = parseScenario(text.str());
    // Paths in a scenario are relative to the scenario's own folder, so examples run from anywhere.
    auto resolve = [&](std::string& path) {
        if (!path.empty() && std::filesystem::path(path).is_relative())
            path = (std::filesystem::absolute(file).parent_path() / path).lexically_normal().string();
    };
    resolve(parsed.scenario.payload.path);
    resolve(parsed.scenario.payload.torrent);
    resolve(parsed.scenario.payload.data);
    return parsed;
}

const char* toString(Discovery d) {
    switch (d) {
        case Discovery::Direct: return "direct";
        case Discovery::Tracker: return "tracker";
        case Discovery::Dht: return "dht";
    }
    return "?";
}
const char* toString(Role r) { return r == Role::Seeder ? "seeder" : "leecher"; }
const char* toString(Client c) {
    switch (c) {
        case Client::Shoal: return "shoal";
        case Client::Aria2c: return "aria2c";
        case Client::Transmission: return "transmission-cli";
    }
    return "?";
}
const char* toString(FaultKind k) {
    switch (k) {
        case FaultKind::None: return "none";
        case FaultKind::Corrupt: return "corrupt";
        case FaultKind::Stall: return "stall";
    }
    return "?";
}

int Scenario::peerCount() const {
    int n = 0;
    for (const auto& g : groups) n += g.count;
    return n;
}

int Scenario::leecherCount() const {
    int n = 0;
    for (const auto& g : groups) n += g.role == Role::Leecher ? g.count : 0;
    return n;
}

std::string formatIssue(const std::string& file, const ScenarioIssue& issue) {
    std::string out = file;
    if (issue.line > 0) out += ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column);
    out += ": ";
    if (!issue.pointer.empty()) out += issue.pointer + ": ";
    return out + issue.message;
}

}  // namespace shoal::swarm
