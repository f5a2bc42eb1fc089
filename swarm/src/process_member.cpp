// A lab member that is a shoal peer in its own process (`shoal swarm peer`, optionally inside a network
// namespace): the lab's side of the pipe protocol in peer_protocol.h. A reader thread takes the peer's
// samples and notes as they come; a peer that dies without being told to leave is reported as crashed.
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include "child_process.h"
#include "peer_protocol.h"

namespace shoal::swarm {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

class ProcessMember final : public Member {
public:
    ProcessMember(MemberSpec spec, PeerProcessOptions options) : spec_(std::move(spec)), options_(std::move(options)) {}
    ~ProcessMember() override { leave(); }

    Result<void> join(const JoinContext& ctx) override {
        std::error_code ec;
        fs::create_directories(spec_.dir, ec);
        std::vector<std::string> argv = options_.wrapper;
        argv.insert(argv.end(), {options_.program.string(), "swarm", "peer"});
        {
            std::lock_guard lock(mutex_);
            joinReply_.reset();
            quitReply_ = false;
            exited_ = false;
            leaving_ = false;
        }
        process_ = std::make_unique<ChildProcess>(argv, spec_.dir / "peer.log", ChildProcess::Stdio::Pipes);
        if (!process_->started()) return makeError(ErrorCode::Internal, "cannot start " + options_.program.string());
        reader_ = std::thread([this] { readLines(); });
        const auto& group = ctx.scenario->groups;
        const auto index = static_cast<std::size_t>(spec_.group - group.data());
        send({{"cmd", "join"},
              {"member", {{"name", spec_.name}, {"address", spec_.address}, {"dir", spec_.dir.string()},
                          {"seed", spec_.seed}, {"group", index}, {"carried", toJson(spec_.carried)}}},
              {"scenario", ctx.scenario->source},
              {"payload", toJson(*ctx.payload)},
              {"context", {{"peers", ctx.peers}, {"tracker", ctx.trackerUrl}, {"dht", ctx.dhtBootstrap},
                           {"now", ctx.now}}}});
        // A corrupt seeder checks its whole copy before it answers: the bound is generous.
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, 120s, [&] { return joinReply_ || exited_; });
        if (joinReply_ && joinReply_->value("ok", false)) {
            const json reply = *joinReply_;
            endpoint_ = reply.value("endpoint", "");
            pid_ = reply.value("pid", 0);
            const auto carried = carriedFromJson(reply.value("carried", json::object()));
            spec_.carried.torrent = carried.torrent;
            spec_.carried.port = carried.port;
            corrupted_ = reply.value("corrupted", std::vector<int>{});
            online_ = true;
            return {};
        }
        std::string why = joinReply_ ? joinReply_->value("error", "refused to join")
                          : exited_  ? "exited before joining"
                                     : "did not join within 120 s";
        lock.unlock();
        stopProcess();
        return makeError(ErrorCode::Network, spec_.name + " (peer process): " + why + lastLogLine());
    }

    void leave() override {
        if (!process_) return;
        {
            std::lock_guard lock(mutex_);
            leaving_ = true;
        }
        send({{"cmd", "quit"}});
        {
            // It stops its torrent and saves resume data before its last line.
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, 20s, [&] { return quitReply_ || exited_; });
        }
        stopProcess();
        std::lock_guard lock(mutex_);
        // The next run counts on from here.
        if (last_.downloaded >= 0) spec_.carried.downloaded = last_.downloaded;
        if (last_.uploaded >= 0) spec_.carried.uploaded = last_.uploaded;
        spec_.carried.wasted = last_.wasted;
        online_ = false;
        pid_ = 0;
        endpoint_.clear();
    }

    bool online() const override {
        std::lock_guard lock(mutex_);
        return online_ && !exited_;
    }

    std::string endpoint() const override {
        std::lock_guard lock(mutex_);
        return endpoint_;
    }

    MemberSample sample() override {
        std::lock_guard lock(mutex_);
        MemberSample s = last_;
        if (!online_ || exited_) s.downloadRate = s.uploadRate = s.peers = 0;
        return s;
    }

    std::vector<MemberNote> drainNotes() override {
        std::lock_guard lock(mutex_);
        return std::exchange(notes_, {});
    }

    void connectTo(const std::string& endpoint) override {
        if (online()) send({{"cmd", "connect"}, {"endpoint", endpoint}});
    }

    void stall(int rate) override {
        if (online()) send({{"cmd", "stall"}, {"rate", rate}});
    }

    std::filesystem::path downloadParent() const override { return spec_.dir / "download"; }
    std::int64_t peakRss() const override {
        std::lock_guard lock(mutex_);
        return peakRss_;
    }
    std::int64_t peakAnonRss() const override {
        std::lock_guard lock(mutex_);
        return peakAnon_;
    }
    int processId() const override {
        std::lock_guard lock(mutex_);
        return online_ && !exited_ ? pid_ : 0;
    }
    TorrentId torrentId() const override { return spec_.carried.torrent; }
    std::vector<int> corruptedPieces() const override { return corrupted_; }

private:
    void send(const json& j) {
        const int fd = process_ ? process_->stdinFd() : -1;
        if (fd < 0) return;
        const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
        std::size_t done = 0;
        while (done < line.size()) {
            // MSG_NOSIGNAL is for sockets; the lab ignores SIGPIPE instead (runLab), so a dead peer is EPIPE.
            const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return;
            done += static_cast<std::size_t>(n);
        }
    }

    void readLines() {
        std::string buffer;
        char chunk[8192];
        const int fd = process_->stdoutFd();
        for (;;) {
            const ssize_t n = ::read(fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            buffer.append(chunk, static_cast<std::size_t>(n));
            for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
                onLine(buffer.substr(0, nl));
                buffer.erase(0, nl + 1);
            }
        }
        // Its stdout closed: it exited (or is about to). Unasked, that is a crash the lab must hear of.
        const auto code = process_->waitExit(5s);
        std::lock_guard lock(mutex_);
        exited_ = true;
        if (!leaving_ && online_) {
            const std::string how = !code ? "closed its output" : *code > 128 ? "killed by signal " + std::to_string(*code - 128)
                                                                              : "exited with code " + std::to_string(*code);
            notes_.push_back({MemberNote::Kind::Crashed, spec_.clock ? spec_.clock() : 0, how});
        }
        cv_.notify_all();
    }

    void onLine(const std::string& line) {
        const json j = json::parse(line, nullptr, false);
        if (!j.is_object()) return;
        std::lock_guard lock(mutex_);
        if (j.contains("rss")) peakRss_ = std::max(peakRss_, j.value("rss", std::int64_t{0}));
        if (j.contains("anon")) peakAnon_ = std::max(peakAnon_, j.value("anon", std::int64_t{0}));
        if (j.contains("sample")) last_ = sampleFromJson(j["sample"]);
        if (j.contains("note")) {
            if (auto kind = noteKindFromString(j.value("note", "")))
                notes_.push_back({*kind, j.value("at", 0.0), j.value("detail", "")});
        }
        const std::string reply = j.value("reply", "");
        if (reply == "join") joinReply_ = j;
        if (reply == "quit") quitReply_ = true;
        cv_.notify_all();
    }

    void stopProcess() {
        if (!process_) return;
        process_->closeStdin();  // a peer that missed "quit" leaves on end of input
        process_->waitExit(5s);
        process_->stop();        // SIGTERM, then SIGKILL: bounded either way
        if (reader_.joinable()) reader_.join();
        process_.reset();
    }

    std::string lastLogLine() const {
        std::ifstream in(spec_.dir / "peer.log");
        std::string line, last;
        while (std::getline(in, line)) if (!line.empty()) last = line;
        return last.empty() ? "" : " (" + last + ")";
    }

    MemberSpec spec_;
    PeerProcessOptions options_;
    std::unique_ptr<ChildProcess> process_;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::optional<json> joinReply_;
    bool quitReply_ = false;
    bool exited_ = false;
    bool leaving_ = false;
    bool online_ = false;
    int pid_ = 0;
    std::string endpoint_;
    MemberSample last_;
    std::vector<MemberNote> notes_;
    std::vector<int> corrupted_;
    std::int64_t peakRss_ = 0;
    std::int64_t peakAnon_ = 0;  // sampled every report: the kernel keeps no peak of it
};

}  // namespace

std::unique_ptr<Member> makeProcessMember(const MemberSpec& spec, const PeerProcessOptions& options) {
    return std::make_unique<ProcessMember>(spec, options);
}

}  // namespace shoal::swarm
