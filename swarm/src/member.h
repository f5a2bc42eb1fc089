// One member of a lab swarm, whatever runs it (an in-process shoal session or another client's
// process): the lab joins it, samples it, tells it whom to connect to, and makes it leave.
//
// Threads: every method is called from the lab's thread; members may record their own engine's events
// from other threads behind their own locks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "payload.h"
#include "shoal/swarm/scenario.h"

namespace shoal::swarm {

struct MemberSample {
    double progress = 0;             // 0..1
    std::int64_t downloaded = -1;    // payload bytes over every time it was online; -1 unknown
    std::int64_t uploaded = -1;
    std::int64_t wasted = 0;
    int downloadRate = 0;            // bytes/s
    int uploadRate = 0;
    int peers = 0;                   // connected now
    bool complete = false;
};

// Something a member's engine reported since the last drain, with its time on the lab clock.
struct MemberNote {
    enum class Kind { Finished, HashFailed, Banned, Metadata, Crashed } kind;
    double at = 0;
    std::string detail;  // piece index, the banned peer's "ip:port", or how a peer process ended
};

// What a member needs to join: the payload, where the others are, how discovery works.
struct JoinContext {
    const Scenario* scenario = nullptr;
    const PreparedPayload* payload = nullptr;
    std::vector<std::string> peers;  // "ip:port" to connect to (direct discovery)
    std::string trackerUrl;          // tracker discovery
    std::string dhtBootstrap;        // dht discovery: "ip:port"
    double now = 0;                  // lab clock, seconds
};

class Member {
public:
    virtual ~Member() = default;
    // Starts (or restarts) it; the endpoint is known when this returns.
    virtual Result<void> join(const JoinContext& context) = 0;
    virtual void leave() = 0;
    virtual bool online() const = 0;
    virtual std::string endpoint() const = 0;  // "ip:port" while online
    virtual MemberSample sample() = 0;
    virtual std::vector<MemberNote> drainNotes() = 0;
    virtual void connectTo(const std::string& endpoint) = 0;
    // Stall fault: keep connections but upload at `rate` bytes/s at most.
    virtual void stall(int rate) = 0;
    // Data on disk once it is complete (for verification); empty when it has none of its own.
    virtual std::filesystem::path downloadParent() const = 0;
    virtual std::int64_t peakRss() const { return 0; }  // only for members in their own process
    // Of that, the most seen of anonymous memory (heap; not the payload's mapped file pages).
    virtual std::int64_t peakAnonRss() const { return 0; }
    virtual int processId() const { return 0; }          // while online, for members in their own process
    virtual TorrentId torrentId() const { return kNoTorrent; }  // in its own library (shoal members)
    virtual std::vector<int> corruptedPieces() const { return {}; }
};

struct MemberSpec {
    std::string name;     // "leechers-3"
    std::string address;  // 127.x.y.z
    const Group* group = nullptr;
    std::filesystem::path dir;  // its own folder: profile, downloads, logs
    std::function<double()> clock;  // the lab clock (seconds since the start), for notes
    std::uint64_t seed = 1;         // for its random choices (corrupted pieces)
    // A member that continues an earlier run of the same profile (a peer process that rejoins after
    // churn): the torrent its library holds, the port it had, and the counters of the earlier runs.
    struct Carried {
        TorrentId torrent = kNoTorrent;
        int port = 0;
        std::int64_t downloaded = 0;
        std::int64_t uploaded = 0;
        std::int64_t wasted = 0;
    } carried;
};

// How a shoal peer runs as its own process: `program` is the `shoal` executable, started as
// `[wrapper...] program swarm peer` (the wrapper puts it in a network namespace).
struct PeerProcessOptions {
    std::filesystem::path program;
    std::vector<std::string> wrapper;
};

std::unique_ptr<Member> makeShoalMember(const MemberSpec& spec);
std::unique_ptr<Member> makeAria2cMember(const MemberSpec& spec);
std::unique_ptr<Member> makeTransmissionMember(const MemberSpec& spec);
std::unique_ptr<Member> makeProcessMember(const MemberSpec& spec, const PeerProcessOptions& options);

}  // namespace shoal::swarm
