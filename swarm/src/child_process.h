// A child process of the lab (opentracker, aria2c, shoal peers): started with its output in a log file,
// always stopped by its PID (SIGTERM, then SIGKILL after a grace period), every wait bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace shoal::swarm {

class ChildProcess {
public:
    // Starts argv[0] (found on PATH) in its own process group; stdout and stderr go to `log`.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log);
    ~ChildProcess();  // stop()
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool started() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    bool running();  // false once it has exited (reaped)
    std::optional<int> exitCode() const { return exitCode_; }
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
    std::string logText() const;
    // Peak resident memory (VmHWM) in bytes while it runs; 0 when unknown.
    std::int64_t peakRss() const;

private:
    pid_t pid_ = -1;
    std::filesystem::path log_;
    std::optional<int> exitCode_;
};

bool onPath(const std::string& program);
// A TCP port free on `ip` right now (bound to 0 and released) and whether something accepts on ip:port.
int freePort(const std::string& ip);
bool tcpPortOpen(const std::string& ip, int port);

}  // namespace shoal::swarm
