// posix_spawnp with an environment built from ours plus the torrent's variables.
#include "daemon_hooks.h"

#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <cstring>
#include <vector>

extern char** environ;

namespace shoal::cli {

bool runHook(const std::string& program, const char* event, const TorrentStatus& t) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        if (std::strncmp(*e, "SHOAL_TORRENT_", 14) != 0 && std::strncmp(*e, "SHOAL_EVENT=", 12) != 0)
            env.emplace_back(*e);
    }
    env.push_back("SHOAL_EVENT=" + std::string(event));
    env.push_back("SHOAL_TORRENT_ID=" + std::to_string(t.id));
    env.push_back("SHOAL_TORRENT_NAME=" + t.name);
    env.push_back("SHOAL_TORRENT_PATH=" + t.savePath);
    env.push_back("SHOAL_TORRENT_HASH=" + (t.hashes.v1.empty() ? t.hashes.v2.substr(0, 40) : t.hashes.v1));
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string arg0 = program;
    char* argv[] = {arg0.data(), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv, envp.data());
    if (rc != 0) {
        spdlog::error("cannot run the {} hook {}: {}", event, program, std::strerror(rc));
        return false;
    }
    spdlog::info("{} hook {} started for torrent {} (pid {})", event, program, t.id, pid);
    return true;
}

void reapHooks() {
    int status = 0;
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
}

}  // namespace shoal::cli
