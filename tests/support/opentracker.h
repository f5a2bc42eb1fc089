// Debian's opentracker on a loopback address, in whitelist mode, for tests and benchmarks.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/process.h"

namespace shoal::test {

class OpenTracker {
public:
    // Starts opentracker on `ip` with a kernel-free port; `infoHashesHex` are whitelisted (v1 hashes, and
    // truncated v2 hashes for v2/hybrid torrents). Check running().
    OpenTracker(const std::string& ip, const std::vector<std::string>& infoHashesHex);
    ~OpenTracker();
    bool running() const;
    int port() const;
    std::string announceUrl() const;  // "http://IP:PORT/announce"

private:
    std::filesystem::path dir_;
    std::unique_ptr<Process> process_;
    std::string ip_;
    int port_ = 0;
};

}  // namespace shoal::test
