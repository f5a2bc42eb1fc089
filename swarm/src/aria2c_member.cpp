// A lab member that is an aria2c process (Debian's 1.36): v1 torrents only, found through the tracker
// or connected to by the shoal peers (aria2c takes no peer addresses). It seeds until the lab stops it.
#include <sys/stat.h>

#include <fstream>
#include <thread>

#include "child_process.h"
#include "member.h"

namespace shoal::swarm {
namespace {

namespace fs = std::filesystem;

class Aria2cMember final : public Member {
public:
    explicit Aria2cMember(MemberSpec spec) : spec_(std::move(spec)) {}
    ~Aria2cMember() override { leave(); }

    Result<void> join(const JoinContext& ctx) override {
        if (!onPath("aria2c")) return makeError(ErrorCode::NotFound, "aria2c is not installed (scenario member " + spec_.name + ")");
        payload_ = ctx.payload;
        std::error_code ec;
        fs::create_directories(spec_.dir, ec);
        const fs::path torrent = ctx.payload->torrentFile;
        port_ = freePort(spec_.address);
        const bool seeder = spec_.group->role == Role::Seeder;
        dir_ = seeder ? ctx.payload->savePath : downloadParent();
        std::vector<std::string> argv = {
            "aria2c", "--no-conf", "--enable-dht=false", "--enable-dht6=false", "--disable-ipv6=true",
            "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--file-allocation=none",
            "--interface=" + spec_.address, "--listen-port=" + std::to_string(port_), "--dir=" + dir_.string(),
            "--summary-interval=0", "--console-log-level=notice", "--seed-ratio=0.0",
            "--bt-require-crypto=false", "--bt-stop-timeout=0", "--follow-torrent=false"};
        if (seeder) {
            argv.push_back("--check-integrity=true");
        }
        if (!ctx.trackerUrl.empty()) argv.push_back("--bt-tracker=" + ctx.trackerUrl);
        argv.push_back(torrent.string());
        process_ = std::make_unique<ChildProcess>(argv, spec_.dir / "aria2c.log");
        if (!process_->started()) return makeError(ErrorCode::Internal, "cannot start aria2c");
        // Ready once it listens (bounded): only then can the shoal peers connect to it.
        for (int attempt = 0; attempt < 200; ++attempt) {
            if (tcpPortOpen(spec_.address, port_)) return {};
            if (!process_->running()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return makeError(ErrorCode::Network, spec_.name + ": aria2c did not listen: " + process_->logText());
    }

    void leave() override {
        if (!process_) return;
        rss_ = std::max(rss_, process_->peakRss());
        process_->stop();
        process_.reset();
    }

    bool online() const override { return process_ != nullptr; }
    std::string endpoint() const override {
        return process_ ? spec_.address + ":" + std::to_string(port_) : std::string();
    }

    MemberSample sample() override {
        if (!process_ || !payload_) return last_;
        MemberSample s;
        rss_ = std::max(rss_, process_->peakRss());
        if (spec_.group->role == Role::Seeder) {
            s.progress = 1;
            s.complete = true;
            return last_ = s;
        }
        // aria2c's own output is block-buffered into the log until it exits, and its control file stays
        // while it seeds, so its files tell: without preallocation they are sparse, and the blocks written
        // are its progress. Whole files are complete (the lab's SHA-256 check at the end has the last word).
        std::int64_t have = 0;
        bool whole = true;
        for (const auto& f : payload_->files) {
            struct stat st {};
            const bool exists = ::stat((dir_ / f.path).c_str(), &st) == 0;
            if (exists) have += std::min<std::int64_t>(st.st_blocks * 512, f.size);
            // Every block allocated, not just the size reached: pieces arrive out of order in a sparse file.
            whole = whole && exists && st.st_size == f.size && st.st_blocks * 512 >= f.size;
        }
        if (!finishedAt_ && whole) {
            finishedAt_ = spec_.clock ? spec_.clock() : 0;
            notes_.push_back({MemberNote::Kind::Finished, *finishedAt_, {}});
        }
        s.progress = finishedAt_ ? 1.0 : std::min(0.999, static_cast<double>(have) / std::max<std::int64_t>(1, payload_->totalSize));
        s.complete = finishedAt_.has_value();
        return last_ = s;
    }

    std::vector<MemberNote> drainNotes() override { return std::exchange(notes_, {}); }
    void connectTo(const std::string&) override {}  // aria2c takes no peer addresses; others dial it
    void stall(int) override {}
    fs::path downloadParent() const override { return spec_.dir / "download"; }
    std::int64_t peakRss() const override { return rss_; }

private:
    MemberSpec spec_;
    const PreparedPayload* payload_ = nullptr;
    std::unique_ptr<ChildProcess> process_;
    fs::path dir_;
    int port_ = 0;
    std::optional<double> finishedAt_;
    std::vector<MemberNote> notes_;
    std::int64_t rss_ = 0;
    MemberSample last_;
};

}  // namespace

std::unique_ptr<Member> makeAria2cMember(const MemberSpec& spec) { return std::make_unique<Aria2cMember>(spec); }

}  // namespace shoal::swarm
