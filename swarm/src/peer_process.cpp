// The peer process's side of the lab: one in-process shoal member, driven by JSON lines on stdin and
// reporting samples and notes on stdout (protocol in peer_protocol.h). Single-threaded: poll() on stdin
// with the report cadence as its timeout.
#include "shoal/swarm/peer.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <string>

#include "peer_protocol.h"
#include "shoal/swarm/host_tools.h"

namespace shoal::swarm {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};

void onStopSignal(int) { g_stop = true; }

// Writes one line in full; false once the lab has gone (EPIPE).
bool writeLine(const json& j) {
    const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Lines from stdin, read as they come (poll says when).
class LineReader {
public:
    enum class Status { Line, Timeout, Closed };

    Status next(std::string& line, int timeoutMs) {
        for (;;) {
            if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
                line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return Status::Line;
            }
            if (closed_ || g_stop) return Status::Closed;
            pollfd fd{STDIN_FILENO, POLLIN, 0};
            const int ready = ::poll(&fd, 1, timeoutMs);
            if (ready < 0 && errno == EINTR) continue;  // a signal: g_stop decides
            if (ready <= 0) return Status::Timeout;
            char chunk[4096];
            const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) closed_ = true;
            else buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    std::string buffer_;
    bool closed_ = false;
};

struct Joined {
    Scenario scenario;
    PreparedPayload payload;
    std::unique_ptr<Member> member;
};

Result<void> join(const json& command, Joined& out) {
    try {
        ParsedScenario parsed = parseScenario(
            command.at("scenario").dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        if (!parsed.ok()) return makeError(ErrorCode::InvalidArgument, "the scenario does not parse: " + parsed.issues[0].message);
        out.scenario = std::move(parsed.scenario);
        auto payload = payloadFromJson(command.at("payload"));
        if (!payload) return payload.error();
        out.payload = std::move(payload).value();
        const json& m = command.at("member");
        const auto group = m.at("group").get<std::size_t>();
        if (group >= out.scenario.groups.size()) return makeError(ErrorCode::InvalidArgument, "no such group");
        const json& c = command.at("context");
        // Notes carry the lab's clock: the lab said what it read at this moment.
        const auto labStart = Clock::now() - std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(c.at("now").get<double>()));
        MemberSpec spec;
        spec.name = m.at("name").get<std::string>();
        spec.address = m.at("address").get<std::string>();
        spec.group = &out.scenario.groups[group];
        spec.dir = m.at("dir").get<std::string>();
        spec.seed = m.at("seed").get<std::uint64_t>();
        spec.carried = carriedFromJson(m.at("carried"));
        spec.clock = [labStart] { return std::chrono::duration<double>(Clock::now() - labStart).count(); };
        JoinContext ctx;
        ctx.scenario = &out.scenario;
        ctx.payload = &out.payload;
        ctx.peers = c.value("peers", std::vector<std::string>{});
        ctx.trackerUrl = c.value("tracker", "");
        ctx.dhtBootstrap = c.value("dht", "");
        ctx.now = c.at("now").get<double>();
        out.member = makeShoalMember(spec);
        return out.member->join(ctx);
    } catch (const json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, std::string("bad join command: ") + e.what());
    }
}

void report(Member& member) {
    for (const auto& note : member.drainNotes())
        writeLine({{"note", toString(note.kind)}, {"at", note.at}, {"detail", note.detail}});
    writeLine({{"sample", toJson(member.sample())}, {"rss", ownPeakRss()}, {"anon", ownAnonRss()}});
}

}  // namespace

int runPeerProcess() {
    ::signal(SIGPIPE, SIG_IGN);  // a lab that has gone shows as EPIPE
    struct sigaction action{};
    action.sa_handler = onStopSignal;  // no SA_RESTART: poll() returns, and the peer leaves cleanly
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);

    LineReader reader;
    std::string line;
    if (reader.next(line, 60'000) != LineReader::Status::Line) {
        std::cerr << "shoal: swarm peer: no join command from the lab\n";
        return 1;
    }
    Joined joined;
    json command = json::parse(line, nullptr, false);
    if (command.is_discarded() || command.value("cmd", "") != "join") {
        writeLine({{"reply", "join"}, {"ok", false}, {"error", "the first line must be a join command"}});
        return 1;
    }
    if (auto r = join(command, joined); !r) {
        writeLine({{"reply", "join"}, {"ok", false}, {"error", r.error().message}});
        return 1;
    }
    Member& member = *joined.member;
    const std::string endpoint = member.endpoint();
    // The torrent's id and port are what a later run of the same profile continues from.
    writeLine({{"reply", "join"}, {"ok", true}, {"endpoint", endpoint}, {"pid", ::getpid()},
               {"carried", toJson(MemberSpec::Carried{member.torrentId(),
                                                      std::stoi(endpoint.substr(endpoint.rfind(':') + 1)), 0, 0, 0})},
               {"corrupted", member.corruptedPieces()}});
    auto nextReport = Clock::now();
    for (;;) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(nextReport - Clock::now()).count();
        const auto status = reader.next(line, static_cast<int>(std::max<std::int64_t>(0, wait)));
        if (status == LineReader::Status::Closed) break;  // quit, SIGTERM, or the lab has gone
        if (status == LineReader::Status::Line) {
            const json c = json::parse(line, nullptr, false);
            const std::string cmd = c.is_object() ? c.value("cmd", "") : "";
            if (cmd == "quit") break;
            if (cmd == "connect") member.connectTo(c.value("endpoint", ""));
            else if (cmd == "stall") member.stall(c.value("rate", 1024));
            else std::cerr << "shoal: swarm peer: ignored a line from the lab: " << line << '\n';
        }
        if (Clock::now() >= nextReport) {
            report(member);
            nextReport = Clock::now() + std::chrono::milliseconds(200);
        }
    }
    member.leave();  // stops the torrent, saves resume data, shuts the session down
    for (const auto& note : member.drainNotes())
        writeLine({{"note", toString(note.kind)}, {"at", note.at}, {"detail", note.detail}});
    writeLine({{"reply", "quit"}, {"sample", toJson(member.sample())}, {"rss", ownPeakRss()}, {"anon", ownAnonRss()}});
    return 0;
}

}  // namespace shoal::swarm
