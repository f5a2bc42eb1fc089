// A lab member that is a transmission-cli process (Debian's 3.00): v1 torrents only. It never dials a
// 127.x peer (loopback is a "martian" address to it), so the shoal members connect to it: the lab dials it
// in direct discovery, and peers that announce after it find it through the tracker. It seeds until the
// lab stops it; its progress comes from the status line it prints every 200 ms, its hash failures and
// its announces from its log, its byte counters from the resume file it writes when it stops.
#include <signal.h>

#include <fstream>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>
#include <libtorrent/torrent_info.hpp>
#include <regex>
#include <thread>

#include "child_process.h"
#include "member.h"

namespace shoal::swarm {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// What one status line says. transmission-cli prints no byte counters while it runs; its ratio is
// uploaded / downloaded (or / what it has, before it downloaded anything), to two decimals.
struct StatusLine {
    enum class State { Verifying, Downloading, Seeding } state = State::Verifying;
    double percent = 0;
    int peers = 0;
    int downloadRate = 0;
    int uploadRate = 0;
    double ratio = 0;  // "None" is 0; "Inf" is -1
};

// "0 kB/s", "3.94 MB/s", "1.2 GB/s": its speed units are decimal (SPEED_K 1000 in cli.c).
int parseRate(const std::string& text) {
    const double value = std::atof(text.c_str());
    const double unit = text.find("GB/s") != std::string::npos   ? 1e9
                        : text.find("MB/s") != std::string::npos ? 1e6
                                                                 : 1e3;
    return static_cast<int>(std::min(value * unit, 2e9));
}

double parseRatio(const std::string& text) {
    if (text == "Inf") return -1;
    return text == "None" ? 0 : std::atof(text.c_str());
}

// Every pattern of transmission-cli's output, compiled together once: the members of a lab read their logs
// on several threads, and two std::regex compiled at once race in libstdc++'s shared, unlocked
// ctype<char>::narrow cache. Matching does not touch it.
struct Patterns {
    std::regex progress{R"(Progress: ([0-9.]+)%, dl from \d+ of (\d+) peers \(([^)]*)\), )"
                        R"(ul to \d+ \(([^)]*)\) \[([^\]]*)\])"};
    std::regex seeding{R"(Seeding, uploading to \d+ of (\d+) peer\(s\), (.*) \[([^\]]*)\])"};
    std::regex verifying{R"(Verifying local files \([0-9.]+%, ([0-9.]+)% valid\))"};
    std::regex hashFailed{R"(Piece (\d+), which was just downloaded, failed its checksum test)"};
};

const Patterns& patterns() {
    static const Patterns compiled;
    return compiled;
}

std::optional<StatusLine> parseStatusLine(const std::string& line) {
    if (line.find("Progress: ") == std::string::npos && line.find("Seeding, ") == std::string::npos &&
        line.find(" verify local files") == std::string::npos &&
        line.find("Verifying local files") == std::string::npos)
        return std::nullopt;
    const Patterns& p = patterns();
    std::smatch m;
    StatusLine s;
    if (std::regex_search(line, m, p.progress)) {
        s.state = StatusLine::State::Downloading;
        s.percent = std::atof(m[1].str().c_str());
        s.peers = std::stoi(m[2].str());
        s.downloadRate = parseRate(m[3].str());
        s.uploadRate = parseRate(m[4].str());
        s.ratio = parseRatio(m[5].str());
    } else if (std::regex_search(line, m, p.seeding)) {
        s.state = StatusLine::State::Seeding;
        s.percent = 100;
        s.peers = std::stoi(m[1].str());
        s.uploadRate = parseRate(m[2].str());
        s.ratio = parseRatio(m[3].str());
    } else if (line.find("Waiting to verify local files") != std::string::npos) {
        s.state = StatusLine::State::Verifying;
    } else if (std::regex_search(line, m, p.verifying)) {
        s.state = StatusLine::State::Verifying;
        s.percent = std::atof(m[1].str().c_str());
    } else {
        return std::nullopt;
    }
    return s;
}

// The lab's torrent has no announce URL and transmission-cli takes no tracker on its command line: a copy
// with the tracker in it. The info dictionary goes through as the very bytes it was, so the infohash stays.
Result<std::vector<char>> withTracker(const std::vector<char>& torrent, const std::string& url) {
    lt::error_code ec;
    const lt::bdecode_node root = lt::bdecode(lt::span<char const>(torrent.data(), torrent.size()), ec);
    const lt::bdecode_node info = ec ? lt::bdecode_node() : root.dict_find_dict("info");
    if (!info) return makeError(ErrorCode::BadInput, "the lab's torrent has no info dictionary");
    lt::entry out(root);
    out.dict().erase("announce-list");
    out["announce"] = url;
    const auto section = info.data_section();
    out["info"] = lt::entry::preformatted_type(section.begin(), section.end());
    std::vector<char> bytes;
    lt::bencode(std::back_inserter(bytes), out);
    const lt::torrent_info before(lt::span<char const>(torrent.data(), torrent.size()), ec, lt::from_span);
    const lt::torrent_info after(lt::span<char const>(bytes.data(), bytes.size()), ec, lt::from_span);
    if (ec || before.info_hashes().v1 != after.info_hashes().v1)
        return makeError(ErrorCode::Internal, "adding the tracker changed the torrent's v1 infohash");
    return bytes;
}

// settings.json: everything but the peer wire off, so that it finds peers only as the scenario says.
// Encryption 0 is "prefer plain text" (it has no "never"), 1 "prefer encrypted", 2 "require". Debug
// messages (3) add what the lab waits for and little more: the end of its verification, each announce
// response, a line per piece (~15 KB of log for an 8 MiB download). Hash failures are errors (1).
nlohmann::json settingsFor(const Scenario& sc, const std::string& address, int port) {
    const int encryption = sc.encryption == EncryptionPolicy::Require   ? 2
                           : sc.encryption == EncryptionPolicy::Disable ? 0
                                                                        : 1;
    return {
        {"bind-address-ipv4", address},
        {"bind-address-ipv6", "::1"},
        {"peer-port", port},
        {"peer-port-random-on-start", false},
        {"dht-enabled", false},
        {"lpd-enabled", false},
        {"pex-enabled", false},
        {"utp-enabled", sc.utp},
        {"port-forwarding-enabled", false},
        {"rpc-enabled", false},
        {"encryption", encryption},
        {"speed-limit-up-enabled", false},
        {"speed-limit-down-enabled", false},
        {"alt-speed-enabled", false},
        {"ratio-limit-enabled", false},
        {"idle-seeding-limit-enabled", false},
        {"download-queue-enabled", false},
        {"seed-queue-enabled", false},
        {"incomplete-dir-enabled", false},
        {"message-level", 3},
    };
}

class TransmissionMember final : public Member {
public:
    explicit TransmissionMember(MemberSpec spec) : spec_(std::move(spec)) {}
    ~TransmissionMember() override { leave(); }

    Result<void> join(const JoinContext& ctx) override {
        if (!onPath("transmission-cli"))
            return makeError(ErrorCode::NotFound,
                             "transmission-cli is not installed (scenario member " + spec_.name + ")");
        payload_ = ctx.payload;
        const Scenario& sc = *ctx.scenario;
        const bool seeder = spec_.group->role == Role::Seeder;
        std::error_code ec;
        const fs::path config = spec_.dir / "config";
        fs::create_directories(config, ec);
        fs::create_directories(downloadParent(), ec);
        // The lab's torrent as it is, or its own copy that names the tracker.
        fs::path torrent = ctx.payload->torrentFile;
        if (!ctx.trackerUrl.empty()) {
            auto announced = withTracker(ctx.payload->torrentBytes, ctx.trackerUrl);
            if (!announced) return announced.error();
            torrent = spec_.dir / "payload.torrent";
            std::ofstream out(torrent, std::ios::binary | std::ios::trunc);
            out.write(announced->data(), static_cast<std::streamsize>(announced->size()));
            if (!out) return makeError(ErrorCode::Io, "cannot write " + torrent.string());
        }
        port_ = freePort(spec_.address);
        std::ofstream(config / "settings.json", std::ios::trunc)
            << settingsFor(sc, spec_.address, port_)
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
        // Seeders verify the data in the payload's own folder (-v) and go on as seeds once it checks.
        dir_ = seeder ? ctx.payload->savePath : downloadParent();
        std::vector<std::string> argv = {"transmission-cli", "-g", config.string(), "-w", dir_.string()};
        // -M: no port mapping; -D, -U: no speed limits (as settings.json says: the command line wins).
        argv.insert(argv.end(), {"-p", std::to_string(port_), "-M", "-D", "-U"});
        if (seeder) argv.push_back("-v");
        argv.push_back(torrent.string());
        // Its status line goes to stdout through stdio, block-buffered into a file (4 KiB: ~10 s of lines);
        // stdbuf makes it unbuffered so that each line is in the log as it is printed.
        if (onPath("stdbuf")) argv.insert(argv.begin(), {"stdbuf", "-o0"});
        log_ = spec_.dir / "transmission.log";
        logOffset_ = 0;
        pending_.clear();
        status_.reset();
        announced_ = false;
        crashReported_ = false;
        process_ = std::make_unique<ChildProcess>(argv, log_);
        if (!process_->started()) return makeError(ErrorCode::Internal, "cannot start transmission-cli");
        // Ready once it listens and the torrent runs (while it verifies it turns away peers for it, and a
        // shoal member dials a named peer once) and, with a tracker, once the tracker has its address: it
        // announces ~2 s after it starts, and only peers that announce after that ever connect to it. The
        // bound grows with the data to verify (~25 MB/s at least).
        const bool tracker = !ctx.trackerUrl.empty();
        const auto deadline = std::chrono::steady_clock::now() + 20s +
                              std::chrono::seconds(seeder ? ctx.payload->totalSize / 25'000'000 : 0);
        while (std::chrono::steady_clock::now() < deadline) {
            readLog();
            const bool running = status_ && status_->state != StatusLine::State::Verifying;
            if (running && (announced_ || !tracker) && tcpPortOpen(spec_.address, port_)) return {};
            if (!process_->running()) break;
            std::this_thread::sleep_for(50ms);
        }
        const std::string log = process_->logText();
        const std::string what = !status_ || status_->state == StatusLine::State::Verifying
                                     ? "did not start seeding or downloading"
                                     : "did not announce to the tracker";
        leave();
        return makeError(ErrorCode::Network, spec_.name + ": transmission-cli " + what + ": " +
                                                 log.substr(log.size() > 2000 ? log.size() - 2000 : 0));
    }

    void leave() override {
        if (!process_) return;
        rss_ = std::max(rss_, process_->peakRss());
        // SIGINT is its quit key: it stops the torrent and writes the resume file with its byte counters
        // (SIGTERM would end it without). Stopped by its PID, with ChildProcess::stop as the bound.
        // On SIGINT it also sends its "stopped" announces before it exits, which under load has taken
        // seconds: the bound is generous, since a kill here would lose the exact counters.
        if (process_->running()) {
            ::kill(process_->pid(), SIGINT);
            process_->waitExit(15s);
        }
        process_->stop();
        process_.reset();
        readResume();
        last_.downloadRate = last_.uploadRate = last_.peers = 0;
    }

    bool online() const override { return process_ != nullptr; }
    std::string endpoint() const override {
        return process_ ? spec_.address + ":" + std::to_string(port_) : std::string();
    }
    int processId() const override { return process_ ? process_->pid() : 0; }

    MemberSample sample() override {
        if (!process_ || !payload_) return last_;
        rss_ = std::max(rss_, process_->peakRss());
        readLog();
        if (!status_) return last_;
        MemberSample s;
        s.complete = status_->state == StatusLine::State::Seeding || status_->percent >= 100;
        // Its percentage is truncated to one decimal: 99.9 % is not done.
        s.progress = s.complete ? 1.0 : std::min(0.999, status_->percent / 100);
        s.peers = status_->peers;
        s.downloadRate = status_->downloadRate;
        s.uploadRate = status_->uploadRate;
        // While it runs only estimates: what it has, and its ratio times that. leave() reads the exact
        // counters from its resume file.
        const auto have = static_cast<std::int64_t>(s.progress * static_cast<double>(payload_->totalSize));
        s.downloaded = spec_.group->role == Role::Seeder ? 0 : have;
        s.uploaded =
            status_->ratio < 0 ? -1 : static_cast<std::int64_t>(status_->ratio * static_cast<double>(have));
        if (s.complete && !finishedAt_) {
            finishedAt_ = spec_.clock ? spec_.clock() : 0;
            notes_.push_back({MemberNote::Kind::Finished, *finishedAt_, {}});
        }
        return last_ = s;
    }

    std::vector<MemberNote> drainNotes() override {
        // Exited unasked (only leave() stops it): the lab goes on without it.
        if (process_ && !crashReported_ && !process_->running()) {
            crashReported_ = true;
            const int code = process_->exitCode().value_or(-1);
            notes_.push_back({MemberNote::Kind::Crashed, spec_.clock ? spec_.clock() : 0,
                              code > 128 ? "killed by signal " + std::to_string(code - 128)
                                         : "exited with code " + std::to_string(code)});
        }
        return std::exchange(notes_, {});
    }

    void connectTo(const std::string&) override {}  // it takes no peer addresses; others dial it
    void stall(int) override {}
    fs::path downloadParent() const override { return spec_.dir / "download"; }
    std::int64_t peakRss() const override { return rss_; }

private:
    // Reads what the log gained since the last call: the newest status line, announces, hash failures.
    // Status lines start with '\r' (it rewrites one terminal line); its log messages end with '\n'.
    void readLog() {
        std::ifstream in(log_, std::ios::binary);
        if (!in) return;
        in.seekg(static_cast<std::streamoff>(logOffset_));
        std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        logOffset_ += chunk.size();
        pending_ += chunk;
        std::size_t begin = 0;
        for (std::size_t end; (end = pending_.find_first_of("\r\n", begin)) != std::string::npos;
             begin = end + 1) {
            onLine(pending_.substr(begin, end - begin));
        }
        pending_.erase(0, begin);
        // The newest line is complete once its closing bracket is there; it stays pending all the same.
        if (auto s = parseStatusLine(pending_)) status_ = s;
    }

    void onLine(const std::string& line) {
        std::smatch m;
        if (line.find("failed its checksum test") != std::string::npos &&
            std::regex_search(line, m, patterns().hashFailed)) {
            notes_.push_back({MemberNote::Kind::HashFailed, spec_.clock ? spec_.clock() : 0, m[1].str()});
        } else if (line.find("Announce response contained scrape info") != std::string::npos ||
                   line.find("peers from tracker") != std::string::npos) {
            announced_ = true;  // opentracker's responses carry the scrape counts: one of these per announce
        } else if (auto s = parseStatusLine(line)) {
            status_ = s;
        }
    }

    // Its counters over every run, as it saved them when it stopped: config/resume/HASH.resume.
    void readResume() {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(spec_.dir / "config" / "resume", ec)) {
            if (entry.path().extension() != ".resume") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
            lt::error_code bec;
            const lt::bdecode_node root = lt::bdecode(lt::span<char const>(bytes.data(), bytes.size()), bec);
            if (bec || root.type() != lt::bdecode_node::dict_t) continue;
            last_.downloaded = root.dict_find_int_value("downloaded", last_.downloaded);
            last_.uploaded = root.dict_find_int_value("uploaded", last_.uploaded);
            last_.wasted = root.dict_find_int_value("corrupt", last_.wasted);
        }
    }

    MemberSpec spec_;
    const PreparedPayload* payload_ = nullptr;
    std::unique_ptr<ChildProcess> process_;
    fs::path dir_;
    fs::path log_;
    std::size_t logOffset_ = 0;
    std::string pending_;  // the log's text after its last line break
    std::optional<StatusLine> status_;
    bool announced_ = false;
    int port_ = 0;
    bool crashReported_ = false;
    std::optional<double> finishedAt_;
    std::vector<MemberNote> notes_;
    std::int64_t rss_ = 0;
    MemberSample last_;
};

}  // namespace

std::unique_ptr<Member> makeTransmissionMember(const MemberSpec& spec) {
    return std::make_unique<TransmissionMember>(spec);
}

}  // namespace shoal::swarm
