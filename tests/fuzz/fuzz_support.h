// Small helpers shared by the fuzz targets: a temp folder that lives for the whole fuzzing process, and
// a LocalSession on loopback with everything that talks to the outside world off.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "shoal/local_session.h"

namespace shoal::fuzz {

// A fresh folder under $TMPDIR, removed at exit (libFuzzer ends with exit(), so statics are destroyed).
class ProcessTempDir {
public:
    explicit ProcessTempDir(const std::string& prefix) {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        path_ = pattern;
    }
    ~ProcessTempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ProcessTempDir(const ProcessTempDir&) = delete;
    ProcessTempDir& operator=(const ProcessTempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A session whose profile and downloads are in `dir`: listens on 127.0.0.1 (a port the kernel picks),
// no DHT, LSD, UPnP or PEX, so that nothing a fuzz input adds reaches past loopback.
inline std::unique_ptr<LocalSession> openQuietSession(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir / "data");
    LocalSessionOptions options;
    options.profileDir = dir / "profile";
    options.tickMs = 1000;
    options.overrides = [data = (dir / "data").string()](Settings& s) {
        s.listenInterfaces = "127.0.0.1:0";
        s.outgoingInterfaces = "127.0.0.1";
        s.enableUtp = false;
        s.enableDht = false;
        s.enableLsd = false;
        s.enableUpnp = false;
        s.enablePex = false;
        s.dhtBootstrapNodes.clear();
        s.defaultSavePath = data;
    };
    auto opened = LocalSession::open(options);
    if (!opened) std::abort();
    return std::move(opened).value();
}

// Removes every torrent (and its data) so that one input's torrents do not slow down the next runs.
inline void removeAllTorrents(Session& session) {
    for (const auto& status : session.torrents()) (void)session.remove(status.id, RemoveMode::DeleteData);
}

}  // namespace shoal::fuzz
