// The swarm lab's scenario: what a scenario file says (payload, peer groups, discovery, stop, expect), and
// its parser, which reports every problem with a JSON pointer and the line and column it comes from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shoal/create.h"
#include "shoal/settings.h"

namespace shoal::swarm {

enum class Discovery { Direct, Tracker, Dht };
enum class Role { Seeder, Leecher };
enum class Client { Shoal, Aria2c, Transmission };
enum class FaultKind { None, Corrupt, Stall };

const char* toString(Discovery discovery);
const char* toString(Role role);
const char* toString(Client client);
const char* toString(FaultKind kind);

struct PayloadSpec {
    // Generated: `size` bytes split over `files` files, pseudo-random from `seed` (same seed, same bytes).
    std::int64_t size = 16 * 1024 * 1024;
    int files = 1;
    std::uint64_t seed = 1;
    // Or existing data: a file or folder to share (`path`), or a .torrent with its data's parent folder.
    std::string path;
    std::string torrent;
    std::string data;
    TorrentVersion kind = TorrentVersion::V1;
    std::int64_t pieceSize = 0;  // 0: chosen from the size
    bool generated() const { return path.empty() && torrent.empty(); }
};

// Every `interval` seconds after the group joins, `fraction` of its online peers leave and come back
// `downtime` seconds later with the same profile (resume data) and address.
struct ChurnSpec {
    double fraction = 0;
    double interval = 5;
    double downtime = 2;
};

struct FaultSpec {
    FaultKind kind = FaultKind::None;
    int pieces = 0;       // corrupt: pieces overwritten with garbage once the seeder has checked its data
    double after = 0;     // stall: seconds after joining
    int uploadRate = 1024;  // stall: what it still uploads (bytes/s): it holds connections but gives ~nothing
};

// A group's link shaping, applied with tc on each peer's veth when the lab runs in network namespaces:
// `rate` both ways (tbf, or netem's own rate when delay or loss are set too), netem delay and loss.
struct LinkSpec {
    std::int64_t rate = 0;     // bytes/s, 0 = unshaped
    double delayMs = 0;        // one way, on each direction
    double lossPercent = 0;    // per packet, on each direction
};

struct Group {
    std::string name;
    int count = 1;
    Role role = Role::Leecher;
    Client client = Client::Shoal;
    double join = 0;        // seconds after the start
    double joinSpread = 0;  // the group's peers join evenly over [join, join + joinSpread]
    std::optional<double> leave;  // leave for good at this time
    ChurnSpec churn;
    int uploadLimit = 0;    // bytes/s per peer, 0 = unlimited
    int downloadLimit = 0;
    int connectionsLimit = 0;  // 0: the engine's default
    FaultSpec fault;
    std::optional<LinkSpec> link;  // only with network namespaces
    std::string pointer;    // "/groups/N", for messages
};

struct StopSpec {
    bool whenAllComplete = true;  // else run until the deadline
    double deadline = 120;        // seconds; always a bound
};

struct ExpectSpec {
    std::optional<double> allCompleteBy;  // every leecher complete within this many seconds
    bool noCorruptData = false;           // every completed copy equals the source
    bool corruptBanned = false;           // every corrupt seeder banned by at least one peer
    std::optional<int> maxHashFailures;   // summed over all peers
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;  // churn choices
    PayloadSpec payload;
    Discovery discovery = Discovery::Direct;
    bool utp = false;  // TCP only by default: uTP runs at ~13 MB/s on loopback (docs/libtorrent-notes.md)
    EncryptionPolicy encryption = EncryptionPolicy::Prefer;
    bool pex = false;
    std::string baseAddress = "127.77.0.0";  // peer i listens on base + 10 + i
    bool netns = false;  // every peer in its own network namespace (needs root), as `--netns` asks
    std::vector<Group> groups;
    StopSpec stop;
    std::optional<ExpectSpec> expect;
    double sampleSeconds = 0.25;  // progress sampling for the plots
    bool verify = true;           // compare every completed copy with the source at the end
    nlohmann::json source;        // the scenario as written (echoed in the report)

    int peerCount() const;
    int leecherCount() const;
};

struct ScenarioIssue {
    std::string pointer;  // JSON pointer of the offending value ("" for the document)
    int line = 0;         // 1-based; 0 when unknown
    int column = 0;
    std::string message;
};

struct ParsedScenario {
    Scenario scenario;
    std::vector<ScenarioIssue> issues;
    bool ok() const { return issues.empty(); }
};

// Parses and validates a scenario; every issue found is listed (not only the first).
ParsedScenario parseScenario(std::string_view text);
// Reads the file first; relative payload paths are resolved against the file's folder.
ParsedScenario loadScenarioFile(const std::filesystem::path& file);

// "FILE:LINE:COLUMN: POINTER: message" (without the parts that are unknown).
std::string formatIssue(const std::string& file, const ScenarioIssue& issue);

// "16MiB", "512k", "1.5G" or a plain number of bytes; K/M/G are binary (as the CLI's rates).
std::optional<std::int64_t> parseSize(const nlohmann::json& value);

}  // namespace shoal::swarm
