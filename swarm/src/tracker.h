// The lab's tracker: Debian's opentracker on a loopback address in whitelist mode (HTTP announces:
// its UDP side failed with several sessions in one process, see docs/libtorrent-notes.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "shoal/types.h"

namespace shoal::swarm {

class Tracker {
public:
    // `hashes`: v1 hashes and truncated v2 hashes to whitelist. `dir` must be readable by `nobody`
    // (opentracker chroots there and drops privileges).
    static Result<std::unique_ptr<Tracker>> start(const std::string& ip, const std::vector<std::string>& hashes,
                                                  const std::filesystem::path& dir);
    std::string announceUrl() const;
    pid_t pid() const { return process_->pid(); }
    void stop() { process_->stop(); }

private:
    std::unique_ptr<ChildProcess> process_;
    std::string ip_;
    int port_ = 0;
};

}  // namespace shoal::swarm
