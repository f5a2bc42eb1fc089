// opentracker for the lab: whitelist written, started on ip:port, ready once it accepts TCP (bounded).
#include "tracker.h"

#include <fstream>
#include <thread>

namespace shoal::swarm {
namespace fs = std::filesystem;

Result<std::unique_ptr<Tracker>> Tracker::start(const std::string& ip, const std::vector<std::string>& hashes,
                                                const fs::path& dir) {
    if (!onPath("opentracker")) return makeError(ErrorCode::NotFound, "opentracker is not installed (tracker discovery needs it)");
    std::error_code ec;
    fs::create_directories(dir, ec);
    const auto readable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec;
    // The chroot's parents must be traversable by `nobody` too.
    for (fs::path p = dir; !p.empty() && p != p.root_path(); p = p.parent_path()) {
        fs::permissions(p, fs::perms::others_exec | fs::perms::group_exec, fs::perm_options::add, ec);
    }
    fs::permissions(dir, readable, ec);
    {
        std::ofstream list(dir / "whitelist.txt");
        for (const auto& hash : hashes) list << hash.substr(0, 40) << "\n";
    }
    fs::permissions(dir / "whitelist.txt", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                               fs::perms::others_read, ec);
    auto tracker = std::unique_ptr<Tracker>(new Tracker);
    tracker->ip_ = ip;
    tracker->port_ = freePort(ip);
    const std::string port = std::to_string(tracker->port_);
    tracker->process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"opentracker", "-i", ip, "-p", port, "-P", port, "-d", dir.string(), "-w", "whitelist.txt"},
        dir.parent_path() / "opentracker.log");
    if (!tracker->process_->started()) return makeError(ErrorCode::Internal, "cannot start opentracker");
    for (int attempt = 0; attempt < 100; ++attempt) {  // up to ~5 s
        if (tcpPortOpen(ip, tracker->port_)) return tracker;
        if (!tracker->process_->running()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return makeError(ErrorCode::Network, "opentracker did not start on " + ip + ":" + port + ": " +
                                             tracker->process_->logText());
}

std::string Tracker::announceUrl() const { return "http://" + ip_ + ":" + std::to_string(port_) + "/announce"; }

}  // namespace shoal::swarm
