// Debian's opentracker for tests: whitelist mode, one loopback address, stopped by PID.
#include "support/opentracker.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "support/fixtures.h"

namespace shoal::test {

namespace fs = std::filesystem;


OpenTracker::OpenTracker(const std::string& ip, const std::vector<std::string>& infoHashesHex) : ip_(ip) {
    char pattern[] = "/tmp/shoal-tracker.XXXXXX";
    if (!::mkdtemp(pattern)) return;
    dir_ = pattern;
    // opentracker chroots into DIR and drops to nobody: both must stay readable by everyone.
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    {
        std::ofstream list(dir_ / "whitelist.txt");
        for (const auto& hash : infoHashesHex) list << hash.substr(0, 40) << "\n";
    }
    fs::permissions(dir_ / "whitelist.txt", fs::perms::owner_read | fs::perms::owner_write |
                                                fs::perms::group_read | fs::perms::others_read);
    port_ = freePort(ip);
    const std::string port = std::to_string(port_);
    process_ = std::make_unique<Process>(ProcessOptions{
        {"opentracker", "-i", ip, "-p", port, "-P", port, "-d", dir_.string(), "-w", "whitelist.txt"}, {}, {}, true});
    if (!process_->started()) return;
    // Ready when it accepts TCP: bounded to 5 s, waiting on its output between attempts.
    for (int attempt = 0; attempt < 100 && !tcpPortOpen(ip, port_); ++attempt) {
        if (process_->wait(std::chrono::milliseconds(50))) return;  // it exited: not running
    }
}

OpenTracker::~OpenTracker() {
    process_.reset();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
}

bool OpenTracker::running() const {
    return process_ && process_->started() && tcpPortOpen(ip_, port_);
}

int OpenTracker::port() const { return port_; }

std::string OpenTracker::announceUrl() const { return "http://" + ip_ + ":" + std::to_string(port_) + "/announce"; }

}  // namespace shoal::test
